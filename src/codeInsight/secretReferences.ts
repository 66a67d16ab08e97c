/**
 * Find All References on a secret name in code, and Show Usages in Code on a secret row: every
 * call with that name and scope type across the workspace, from the index (files never opened too).
 */
import * as vscode from 'vscode';
import type { SecretScope } from '../model/types';
import type { IndexedReference } from '../workspaceIndex/secretIndex';
import { nameRange, referenceAt, referencesIn } from './documents';
import type { WorkspaceIndexer } from './workspaceIndexer';

export function locationOf(ref: IndexedReference): vscode.Location {
  return new vscode.Location(vscode.Uri.parse(ref.file), nameRange(ref));
}

/** The uses of a stored secret: calls with its name in its scope type (a user scope: that user, or an id that is not a literal). */
export function usesOfSecret(indexer: WorkspaceIndexer, name: string, scope: SecretScope): IndexedReference[] {
  return indexer.index.usesOf(name, scope.type, scope.type === 'user' ? scope.user : undefined);
}

export class SecretReferenceProvider implements vscode.ReferenceProvider {
  constructor(private readonly indexer: WorkspaceIndexer) {}

  async provideReferences(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.Location[] | undefined> {
    const ref = referenceAt(doc, position);
    if (!ref) return undefined;
    // eslint-disable-next-line @typescript-eslint/no-floating-promises -- the index builds in the background; its readers wait on ready()
    if (!this.indexer.started) void this.indexer.start();
    this.indexer.flush(doc);
    await this.indexer.ready();
    const here = doc.uri.toString();
    const uses = this.indexer.index.usesOf(ref.name, ref.scope.type).filter((r) => r.file !== here);
    // This document as it is now, not as last indexed.
    const own = referencesIn(doc).filter((r) => r.name === ref.name && r.scope.type === ref.scope.type);
    return [...own.map((r) => new vscode.Location(doc.uri, nameRange(r))), ...uses.map(locationOf)];
  }
}
