/**
 * Accounts under a connection: Add Account… (one `acct_…` id or Stripe-Context path, or a pasted
 * list, each validated), Label Account… and Remove Account. The key stays the connection's one;
 * an account is only a place its requests act on, so removing it deletes nothing at Stripe.
 */
import { accountListProblem, accountName, findAccount, listedAccounts, validateAccountPath } from '../model/accounts';
import { displayName } from '../model/displayName';
import { nameList, parseUserIdList } from '../model/userIdList';
import { validateConnectionLabel } from '../model/validation';
import { maskSecrets } from '../stripe/errors';
import { connectionOf, pickConnection } from '../ui/pickers';
import type { ConnectionInfo, Services, TreeNode } from '../services';
import type { CommandHandler } from './types';
import { accountTarget } from './userScopes';

function shown(id: string): string {
  const masked = maskSecrets(id);
  return `"${masked.length > 60 ? `${masked.slice(0, 56)}…` : masked}"`;
}

function parse(services: Services, connectionId: string, text: string) {
  return parseUserIdList(text, listedAccounts(connectionOf(services, connectionId)), validateAccountPath);
}

async function connectionTarget(services: Services, node: TreeNode | undefined, placeHolder: string): Promise<ConnectionInfo | undefined> {
  return node ? connectionOf(services, node.connectionId) : pickConnection(services, { placeHolder });
}

export const addAccount: CommandHandler = async (services, node) => {
  const connection = await connectionTarget(services, node, 'Add an account to which connection?');
  if (!connection) return;
  const text = await services.prompts.inputBox({
    title: `Add Account to "${connection.label}"`,
    prompt:
      "An account this connection's key reaches: an acct_… id (sent as Stripe-Account), or for an organization key a Stripe-Context path such as acct_platform/acct_connected. Paste several separated by commas, spaces or line breaks.",
    placeHolder: 'acct_…, acct_…/acct_…',
    ignoreFocusOut: true,
    validateInput: (value) => accountListProblem(value, parse(services, connection.id, value), shown),
  });
  if (text === undefined) return;
  const { ids, alreadyListed } = parse(services, connection.id, text);
  const added = await services.connections.addAccounts(connection.id, ids);
  const skipped = [...alreadyListed, ...ids.filter((id) => !added.includes(id))];
  const what = added.length === 1 ? `Added the account ${shown(added[0])}` : `Added ${added.length} accounts`;
  const also = skipped.length > 0 ? `; skipped ${skipped.length} already listed (${nameList(skipped, shown)})` : '';
  // eslint-disable-next-line @typescript-eslint/no-floating-promises -- notification: the flow goes on without waiting for it to be closed
  void services.prompts.info(`${what} to "${connection.label}"${also}. Each shows its Account scope and Users in the view.`);
};

/** The account a row names, or the picked one (the own account included). */
export const labelAccount: CommandHandler = async (services, node) => {
  const target = await accountTarget(services, node, 'Label an account of which connection?');
  if (!target) return;
  const stored = connectionOf(services, target.id);
  const view = findAccount(stored, target.account);
  if (!view) return;
  const label = await services.prompts.inputBox({
    title: `Label Account ${accountName(view)}`,
    prompt: 'A name for this account, shown in the view and in every prompt. Leave empty to show its id only.',
    value: view.label ?? '',
    ignoreFocusOut: true,
    validateInput: (value) => validateConnectionLabel(value.trim()),
  });
  if (label === undefined) return;
  await services.connections.labelAccount(stored.id, target.account, label);
};

export const removeAccount: CommandHandler = async (services, node) => {
  let connection: ConnectionInfo | undefined;
  let account: string | undefined;
  if (node?.kind === 'account' && node.account !== undefined) {
    connection = connectionOf(services, node.connectionId);
    account = node.account;
  } else {
    connection = await connectionTarget(services, node, 'Remove an account from which connection?');
    if (!connection) return;
    const added = connection.accounts ?? [];
    if (added.length === 0) {
      await services.prompts.info(`"${connection.label}" has no added accounts; its own account goes only with the connection.`);
      return;
    }
    const picked = await services.prompts.quickPick(
      added.map((a) => ({ label: displayName(accountName(a)), account: a.id })),
      { placeHolder: `Remove which account from "${connection.label}"?` },
    );
    if (!picked) return;
    account = picked.account;
  }
  const name = accountName(findAccount(connection, account) ?? { id: account });
  await services.connections.removeAccount(connection.id, account);
  // eslint-disable-next-line @typescript-eslint/no-floating-promises -- notification: the flow goes on without waiting for it to be closed
  void services.prompts.info(
    `Removed ${name} from "${connection.label}" in this view, with its user scopes. Its secrets at Stripe were not deleted.`,
  );
};
