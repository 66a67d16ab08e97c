import type { ClientMaker } from '../connections/clientFactory';
import { keyModeOf } from '../model/validation';
import { connectionOf, pickConnection } from '../ui/pickers';
import { askApiKey } from './addConnection';
import type { CommandHandler } from './types';
import { verifyKey } from './verifyKey';

/** A new key for a connection: validated, checked with one request, then stored; a mode switch is confirmed. */
export function replaceApiKey(makeClient: ClientMaker): CommandHandler {
  return async (services, node) => {
    const connection = node ? connectionOf(services, node.connectionId) : await pickConnection(services, { placeHolder: 'Re-enter the API key of which connection?' });
    if (!connection) return;
    const apiKey = (await askApiKey(services, `Re-enter API Key for "${connection.label}"`))?.trim();
    if (apiKey === undefined) return;
    const mode = keyModeOf(apiKey);
    if (mode !== connection.mode) {
      const confirm = mode === 'live' ? 'Use the Live Key' : 'Use the Test Key';
      const choice = await services.prompts.warning(
        `"${connection.label}" was in ${connection.mode.toUpperCase()} mode; this key is a ${mode.toUpperCase()} key. Switch the connection to ${mode.toUpperCase()} mode?`,
        { modal: true, detail: mode === 'live' ? 'Changes made in live mode affect your real apps.' : undefined },
        confirm,
      );
      if (choice !== confirm) return;
    }
    await verifyKey(makeClient, { apiKey, stripeAccount: connection.stripeAccount, apiBase: connection.apiBase }, connection.label);
    await services.connections.replaceKey(connection.id, apiKey);
    services.log.info(`Replaced the API key of "${connection.label}".`);
    // eslint-disable-next-line @typescript-eslint/no-floating-promises -- notification: the flow goes on without waiting for it to be closed
    void services.prompts.info(`The new API key of "${connection.label}" works and is saved.`);
  };
}
