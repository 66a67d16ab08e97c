import { connectionOf, pickConnection } from '../ui/pickers';
import { modeBadge } from '../ui/labels';
import { confirmDestructive } from '../ui/prompts';
import type { CommandHandler } from './types';

export const REMOVE_LABEL = 'Remove';
export const KEEP_CONNECTION_LABEL = 'Keep Connection';

/** Forgets a connection and deletes its key from SecretStorage, after a modal confirmation. */
export const removeConnection: CommandHandler = async (services, node) => {
  const connection = node
    ? connectionOf(services, node.connectionId)
    : await pickConnection(services, { placeHolder: 'Remove which connection?' });
  if (!connection) return;
  const confirmed = await confirmDestructive(
    services.prompts,
    `Remove the connection "${connection.label}" (${modeBadge(connection)})?`,
    REMOVE_LABEL,
    KEEP_CONNECTION_LABEL,
    'Its API key is deleted from VS Code SecretStorage. The secrets stored at Stripe are not touched.',
  );
  if (!confirmed) return;
  await services.connections.remove(connection.id);
  services.log.info(`Removed connection "${connection.label}".`);
};
