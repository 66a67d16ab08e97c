import { duplicateUserId } from '../connections/connectionList';
import { validateUserId } from '../model/validation';
import { connectionOf, pickConnection } from '../ui/pickers';
import type { CommandHandler } from './types';

/** Adds a user id to the connection's tree (from the connection, Users or hint row, or picked). */
export const addUserScope: CommandHandler = async (services, node) => {
  const connection = node ? connectionOf(services, node.connectionId) : await pickConnection(services, { placeHolder: 'Add a user scope to which connection?' });
  if (!connection) return;
  const user = await services.prompts.inputBox({
    title: `Add User Scope to "${connection.label}"`,
    prompt: 'The id of a user of your app whose secrets to show (e.g. the user id your app receives in its context)',
    placeHolder: 'usr_…',
    ignoreFocusOut: true,
    validateInput: (value) => validateUserId(value.trim()) ?? duplicateUserId(connectionOf(services, connection.id).userIds, value.trim()),
  });
  if (user === undefined) return;
  await services.connections.addUserId(connection.id, user.trim());
};

/** Hides a user scope from the tree; its secrets at Stripe stay. */
export const removeUserScope: CommandHandler = async (services, node) => {
  let connectionId: string;
  let user: string;
  if (node?.kind === 'scope' && node.scope.type === 'user') {
    connectionId = node.connectionId;
    user = node.scope.user;
  } else {
    const connection = node ? connectionOf(services, node.connectionId) : await pickConnection(services, { placeHolder: 'Remove a user scope from which connection?' });
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
    user = picked.label;
  }
  const connection = connectionOf(services, connectionId);
  await services.connections.removeUserId(connectionId, user);
  void services.prompts.info(`Removed ${user} from "${connection.label}" in this view. Its secrets at Stripe were not deleted.`);
};
