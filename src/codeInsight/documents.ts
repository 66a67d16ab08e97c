/** Which documents code insight reads, and their references, computed once per document version. */
import * as vscode from 'vscode';
import { findCredentials, type HardcodedCredential } from '../references/credentials';
import { findReferences, supportedLanguageIds } from '../references/registry';
import type { SecretReference } from '../references/types';

/** Files on disk or untitled ones: never the extension's own secret-value or export documents. */
const SCHEMES = ['file', 'untitled', 'vscode-remote', 'vscode-vfs'];

export function codeSelector(): vscode.DocumentSelector {
  return supportedLanguageIds().flatMap((language) => SCHEMES.map((scheme) => ({ language, scheme })));
}

export function isCodeDocument(doc: vscode.TextDocument): boolean {
  return SCHEMES.includes(doc.uri.scheme) && supportedLanguageIds().includes(doc.languageId);
}

interface Analysis {
  version: number;
  references: SecretReference[];
  credentials?: HardcodedCredential[];
}

const analyses = new WeakMap<vscode.TextDocument, Analysis>();

function analysis(doc: vscode.TextDocument): Analysis {
  let a = analyses.get(doc);
  if (!a || a.version !== doc.version) {
    a = { version: doc.version, references: findReferences(doc.getText(), doc.languageId) };
    analyses.set(doc, a);
  }
  return a;
}

export function referencesIn(doc: vscode.TextDocument): SecretReference[] {
  return isCodeDocument(doc) ? analysis(doc).references : [];
}

export function credentialsIn(doc: vscode.TextDocument): HardcodedCredential[] {
  if (!isCodeDocument(doc)) return [];
  const a = analysis(doc);
  a.credentials ??= findCredentials(doc.getText(), doc.languageId);
  return a.credentials;
}

export function nameRange(ref: SecretReference): vscode.Range {
  return new vscode.Range(ref.start.line, ref.start.character, ref.end.line, ref.end.character);
}

/** The reference whose name (quotes excluded) holds `position`. */
export function referenceAt(doc: vscode.TextDocument, position: vscode.Position): SecretReference | undefined {
  return referencesIn(doc).find((ref) => nameRange(ref).contains(position));
}
