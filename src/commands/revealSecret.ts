import * as vscode from 'vscode';
import { secretFileSystemOf, secretUri } from '../fs/secretFileSystem';
import { asSecretDocument } from '../fs/secretLanguage';
import type { Services, TreeNode } from '../services';
import { resolveSecretTarget } from '../ui/pickers';
import { confirmLiveValueAccess } from '../ui/secretPrompts';
import type { CommandHandler } from './types';

/** Opens a secret's value in a `stripe-secret` document: read-only for Reveal, editable for Edit. */
export async function openSecretDocument(services: Services, node: TreeNode | undefined, mode: 'Reveal' | 'Edit'): Promise<vscode.TextEditor | undefined> {
  const target = await resolveSecretTarget(services, node, { placeHolder: mode === 'Reveal' ? 'Choose a secret to reveal' : 'Choose a secret to edit' });
  if (!target) return undefined;
  const location = { connectionId: target.connection.id, scope: target.scope, name: target.secret.name };
  if (!(await confirmLiveValueAccess(services, target.connection, target.scope, target.secret.name, mode))) return undefined;
  secretFileSystemOf(services).grant(location);
  const document = await asSecretDocument(await vscode.workspace.openTextDocument(secretUri(location, mode === 'Reveal')));
  return vscode.window.showTextDocument(document, { preview: mode === 'Reveal' });
}

export const revealSecret: CommandHandler = async (services, node) => {
  await openSecretDocument(services, node, 'Reveal');
};
