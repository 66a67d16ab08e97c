import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { EXPORT_URI_SCHEME } from '../constants';
import { asSecretDocument } from './secretLanguage';

/** Texts of the open export documents, by URI path; dropped when their document closes. */
const texts = new Map<string, string>();

/** Opens `content` as a read-only `name` document that is never backed up and feeds no suggestions. */
export async function openExportDocument(name: string, content: string): Promise<vscode.TextDocument> {
  const uri = vscode.Uri.from({ scheme: EXPORT_URI_SCHEME, path: `/${randomUUID()}/${name}` });
  texts.set(uri.path, content);
  return asSecretDocument(await vscode.workspace.openTextDocument(uri));
}

export function registerExportDocuments(): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.workspace.registerTextDocumentContentProvider(EXPORT_URI_SCHEME, {
      provideTextDocumentContent: (uri) => texts.get(uri.path) ?? '',
    }),
    vscode.workspace.onDidCloseTextDocument((document) => {
      if (document.uri.scheme === EXPORT_URI_SCHEME) texts.delete(document.uri.path);
    }),
    { dispose: () => texts.clear() },
  );
}
