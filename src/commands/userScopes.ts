import { nameList, parseUserIdList, userIdListProblem } from '../model/userIdList';
import { validateUserId } from '../model/validation';
import { maskSecrets } from '../stripe/errors';
import { connectionOf, nodeConnection, pickAccount, pickConnection } from '../ui/pickers';
import type { ConnectionInfo, Services, TreeNode } from '../services';
import type { CommandHandler } from './types';

/** An id as messages show it: a pasted key masked, like everywhere else, and a long paste cut short. */
function shown(id: string): string {
  const masked = maskSecrets(id);
  return `"${masked.length > 40 ? `${masked.slice(0, 36)}…` : masked}"`;
}

function parse(services: Services, connection: ConnectionInfo, text: string) {
  return parseUserIdList(text, connectionOf(services, connection.id, connection.account).userIds, validateUserId);
}

/** The account a row names (a connection row with added accounts asks which), or the picked one. */
export async function accountTarget(
  services: Services,
  node: TreeNode | undefined,
  placeHolder: string,
): Promise<ConnectionInfo | undefined> {
  if (node && node.kind !== 'connection') return nodeConnection(services, node);
  const connection = node ? connectionOf(services, node.connectionId) : await pickConnection(services, { placeHolder });
  return connection && pickAccount(services, connection);
}

/**
 * Adds user ids to the connection's tree (from the connection, Users or hint row, or picked). One id
 * or a pasted list; nothing is added while any entry is invalid, and ids listed already are skipped.
 */
export const addUserScope: CommandHandler = async (services, node) => {
  const connection = await accountTarget(services, node, 'Add a user scope to which connection?');
  if (!connection) return;
  const text = await services.prompts.inputBox({
    title: `Add User Scope to "${connection.label}"`,
    prompt:
      'The id of a user of your app whose secrets to show (e.g. the user id your app receives in its context). Paste several separated by commas, spaces or line breaks.',
    placeHolder: 'usr_…, usr_…',
    ignoreFocusOut: true,
    validateInput: (value) => userIdListProblem(value, parse(services, connection, value), validateUserId('') ?? 'Enter a user id.', shown),
  });
  if (text === undefined) return;
  const { ids, alreadyListed } = parse(services, connection, text);
  const added = await services.connections.addUserIds(connection.id, ids, connection.account);
  const skipped = [...alreadyListed, ...ids.filter((id) => !added.includes(id))];
  if (added.length > 1 || skipped.length > 0) {
    const what = added.length === 1 ? `Added ${shown(added[0])}` : `Added ${added.length} user scopes`;
    const also = skipped.length > 0 ? `; skipped ${skipped.length} already listed (${nameList(skipped, shown)})` : '';
    // eslint-disable-next-line @typescript-eslint/no-floating-promises -- notification: the flow goes on without waiting for it to be closed
    void services.prompts.info(`${what} to "${connection.label}"${also}.`);
  }
};

/** Hides a user scope from the tree; its secrets at Stripe stay. */
export const removeUserScope: CommandHandler = async (services, node) => {
  let connectionId: string;
  let account: string | undefined;
  let user: string;
  if (node?.kind === 'scope' && node.scope.type === 'user') {
    connectionId = node.connectionId;
    account = node.account;
    user = node.scope.user;
  } else {
    const connection = await accountTarget(services, node, 'Remove a user scope from which connection?');
    if (!connection) return;
    if (connection.userIds.length === 0) {
      await services.prompts.info(`"${connection.label}" has no user scopes.`);
      return;
    }
    const picked = await services.prompts.quickPick(
      connection.userIds.map((id) => ({ label: id })),
      { placeHolder: `Remove which user scope from "${connection.label}"?` },
    );
    if (!picked) return;
    connectionId = connection.id;
    account = connection.account;
    user = picked.label;
  }
  const connection = connectionOf(services, connectionId, account);
  await services.connections.removeUserId(connectionId, user, account);
  // eslint-disable-next-line @typescript-eslint/no-floating-promises -- notification: the flow goes on without waiting for it to be closed
  void services.prompts.info(`Removed ${user} from "${connection.label}" in this view. Its secrets at Stripe were not deleted.`);
};
