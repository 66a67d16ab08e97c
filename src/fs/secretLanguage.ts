import * as vscode from 'vscode';
import { SECRET_LANGUAGE_ID, SECRET_URI_SCHEME } from '../constants';

/** Gives a secret document its own language, whose defaults keep auto-save and suggestions off. */
export async function asSecretDocument(document: vscode.TextDocument): Promise<vscode.TextDocument> {
  const scheme = document.uri.scheme;
  if (scheme !== SECRET_URI_SCHEME || document.languageId === SECRET_LANGUAGE_ID) return document;
  return vscode.languages.setTextDocumentLanguage(document, SECRET_LANGUAGE_ID);
}

/** Also covers documents that VS Code opens by itself, such as tabs restored after a reload. */
export function registerSecretDocumentLanguage(): vscode.Disposable {
  for (const document of vscode.workspace.textDocuments) void asSecretDocument(document);
  return vscode.workspace.onDidOpenTextDocument((document) => void asSecretDocument(document));
}
