import { connectionOf, pickConnection } from '../ui/pickers';
import { modeBadge } from '../ui/labels';
import type { CommandHandler } from './types';

export const REMOVE_LABEL = 'Remove';

/** Forgets a connection and deletes its key from SecretStorage, after a modal confirmation. */
export const removeConnection: CommandHandler = async (services, node) => {
  const connection = node ? connectionOf(services, node.connectionId) : await pickConnection(services, { placeHolder: 'Remove which connection?' });
  if (!connection) return;
  const choice = await services.prompts.warning(
    `Remove the connection "${connection.label}" (${modeBadge(connection)})?`,
    { modal: true, detail: 'Its API key is deleted from VS Code SecretStorage. The secrets stored at Stripe are not touched.' },
    REMOVE_LABEL,
  );
  if (choice !== REMOVE_LABEL) return;
  await services.connections.remove(connection.id);
  services.log.info(`Removed connection "${connection.label}".`);
};
