import * as vscode from 'vscode';
import { Commands } from '../constants';
import { displayName } from '../model/displayName';
import { describeExpiry } from '../model/expiry';
import { scopeLabel } from '../model/scope';
import { validateExistingSecretName } from '../model/validation';
import type { SecretNode, Services } from '../services';
import { isSecretStoreError } from '../stripe/errors';
import { resolveScopeTarget } from '../ui/pickers';
import { actingOn } from '../model/accounts';
import type { CommandHandler } from './types';

export const FIND_BY_NAME_LABEL = 'Find by exact name…';

export const SecretActions = {
  reveal: { label: 'Reveal', command: Commands.revealSecret },
  edit: { label: 'Edit', command: Commands.editSecret },
  copy: { label: 'Copy value', command: Commands.copySecretValue },
} as const;

/**
 * Jumps to a secret: a pick over every loaded scope (of the clicked connection, or all), or an exact
 * find by name in any scope. The row is selected in the tree, then Reveal / Edit / Copy value offered.
 */
export const goToSecret: CommandHandler = async (services, node) => {
  const connectionId = node?.connectionId;
  const loaded = services.tree.loadedSecrets().filter((s) => connectionId === undefined || s.connectionId === connectionId);
  const now = Date.now();
  const items: Array<vscode.QuickPickItem & { node?: SecretNode }> = [
    { label: FIND_BY_NAME_LABEL, description: 'in any scope, also one not loaded yet', alwaysShow: true },
    ...loaded
      .sort((a, b) => a.secret.name.localeCompare(b.secret.name))
      .map((s) => ({
        label: displayName(s.secret.name),
        description: `${placeLabel(services, s)} · ${scopeLabel(s.scope)}`,
        detail: describeExpiry(s.secret.expiresAt, now) || undefined,
        node: s,
      })),
  ];
  const picked = await services.prompts.quickPick(items, {
    placeHolder: loaded.length > 0 ? 'Go to a secret (loaded scopes), or find one by name' : 'Find a secret by its exact name',
    matchOnDescription: true,
  });
  if (!picked) return;
  const target = picked.node ?? (await findByName(services, node));
  if (!target) return;
  await services.tree.reveal(target);
  const action = await services.prompts.quickPick(
    Object.values(SecretActions).map((a) => ({ label: a.label, command: a.command })),
    { placeHolder: `"${target.secret.name}" in ${scopeLabel(target.scope)}: what next?` },
  );
  if (action) await vscode.commands.executeCommand(action.command, target);
};

async function findByName(services: Services, node: Parameters<CommandHandler>[1]): Promise<SecretNode | undefined> {
  const scopeTarget = await resolveScopeTarget(services, node?.kind === 'connection' ? node : undefined, {
    placeHolder: 'Find the secret in which scope?',
  });
  if (!scopeTarget) return undefined;
  const name = await services.prompts.inputBox({
    title: 'Find Secret by Name',
    prompt: `The exact name of the secret in ${scopeLabel(scopeTarget.scope)} of "${scopeTarget.connection.label}"`,
    ignoreFocusOut: true,
    validateInput: (value) => validateExistingSecretName(value),
  });
  if (name === undefined) return undefined;
  const client = await services.connections.client(scopeTarget.connection.id, scopeTarget.connection.account);
  try {
    const secret = await client.find(name, scopeTarget.scope);
    const found: SecretNode = { kind: 'secret', connectionId: scopeTarget.connection.id, scope: scopeTarget.scope, secret };
    if (scopeTarget.connection.account !== undefined) found.account = scopeTarget.connection.account;
    return found;
  } catch (error) {
    if (!isSecretStoreError(error) || error.kind !== 'not_found') throw error;
    await services.prompts.info(
      `There is no secret named "${name}" in ${scopeLabel(scopeTarget.scope)} of "${scopeTarget.connection.label}".`,
    );
    return undefined;
  }
}

/** The connection's label, with the account for a secret of an added account. */
function placeLabel(services: Services, s: SecretNode): string {
  const c = services.connections.get(s.connectionId);
  return (c && actingOn(c, s.account)?.label) ?? '';
}
