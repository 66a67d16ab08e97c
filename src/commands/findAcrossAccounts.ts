import * as vscode from 'vscode';
import { accountsOf } from '../model/accounts';
import { displayName } from '../model/displayName';
import { accountScopeText, findAcross, holds, summary, usersText, type AccountFinding } from '../model/findAcross';
import type { SecretScope } from '../model/types';
import { validateExistingSecretName } from '../model/validation';
import type { ConnectionInfo, SecretNode, Services, TreeNode } from '../services';
import { OperationCancelledError } from '../stripe/cancel';
import { connectionOf, pickConnection } from '../ui/pickers';
import { REVEAL_NOTICE_MS, withCancellableProgress } from '../ui/progress';
import type { CommandHandler } from './types';

export const ANOTHER_NAME_LABEL = 'Another name…';

/** The name a row or a hover link passes: a secret row's, or a scope node's `name` (the hover's). */
function nameOf(node: TreeNode | undefined): string | undefined {
  if (node?.kind === 'secret') return node.secret.name;
  if ((node?.kind === 'scope' || node?.kind === 'codeName') && typeof node.name === 'string') return node.name;
  return undefined;
}

/** A name the view has loaded for this connection, or typed. */
async function pickName(services: Services, connection: ConnectionInfo): Promise<string | undefined> {
  const names = [
    ...new Set(
      services.tree
        .loadedSecrets()
        .filter((s) => s.connectionId === connection.id)
        .map((s) => s.secret.name),
    ),
  ].sort((a, b) => a.localeCompare(b));
  const items: Array<vscode.QuickPickItem & { name?: string }> = [
    { label: ANOTHER_NAME_LABEL, description: 'type the exact name', alwaysShow: true },
    ...names.map((name) => ({ label: displayName(name), description: 'loaded in the view', name })),
  ];
  const picked = await services.prompts.quickPick(items, {
    title: `Find Secret Across Accounts of ${connection.label}`,
    placeHolder: 'The secret name to look for in every account',
  });
  if (!picked) return undefined;
  if (picked.name !== undefined) return picked.name;
  const typed = await services.prompts.inputBox({
    title: `Find Secret Across Accounts of ${connection.label}`,
    prompt: 'The exact secret name to look for in every account (names only; no value is fetched)',
    ignoreFocusOut: true,
    validateInput: (value) => validateExistingSecretName(value),
  });
  return typed;
}

function revealTarget(connection: ConnectionInfo, finding: AccountFinding): SecretNode | undefined {
  const a = finding.accountScope;
  const at =
    'held' in a && a.held
      ? { scope: { type: 'account' } as SecretScope, secret: a.secret }
      : finding.users[0] && { scope: { type: 'user', user: finding.users[0].user } as SecretScope, secret: finding.users[0].secret };
  if (!at) return undefined;
  const node: SecretNode = { kind: 'secret', connectionId: connection.id, scope: at.scope, secret: at.secret };
  if (finding.account !== undefined) node.account = finding.account;
  return node;
}

/**
 * Find Secret Across Accounts…: which accounts of a connection hold a name (Account scope and the
 * user scopes added there) and when it expires, one row per account. Lists names only, one list
 * per scope the view has not loaded; choosing a row that holds it selects the secret in the view.
 */
export const findSecretAcrossAccounts: CommandHandler = async (services, node) => {
  const connection = node
    ? connectionOf(services, node.connectionId)
    : await pickConnection(services, { placeHolder: 'Find a secret across the accounts of which connection?' });
  if (!connection) return;
  const name = nameOf(node) ?? (await pickName(services, connection));
  if (name === undefined) return;
  const accounts = accountsOf(connection);
  const { findings, listed } = await withCancellableProgress(
    `Looking for '${name}' in ${accounts.length} account${accounts.length === 1 ? '' : 's'}…`,
    async (signal) => {
      const result = await findAcross(
        accounts,
        name,
        (place) => services.tree.cachedScope(connection.id, place.scope, place.account),
        async (place) => (await services.connections.client(connection.id, place.account)).list(place.scope, signal),
      );
      if (signal.aborted) throw new OperationCancelledError();
      return result;
    },
    { showAfterMs: REVEAL_NOTICE_MS },
  );
  const scopes = accounts.reduce((n, a) => n + 1 + a.userIds.length, 0);
  services.log.info(
    `Find '${name}' across ${accounts.length} accounts of ${connection.label}: ${listed} scope lists, ${scopes - listed} answered from the view.`,
  );
  const now = Date.now();
  const picked = await services.prompts.quickPick(
    findings.map((f) => ({
      label: displayName(f.accountName),
      description: `${holds(f) ? 'holds it' : 'does not hold it'} · ${accountScopeText(f, now)}`,
      detail: usersText(f, now),
      finding: f,
    })),
    {
      title: `${summary(findings, name)} · ${connection.label}`,
      placeHolder: 'One row per account: choose one that holds it to select the secret in the view',
      matchOnDescription: true,
      matchOnDetail: true,
    },
  );
  const target = picked && revealTarget(connection, picked.finding);
  if (target) await services.tree.reveal(target);
};
