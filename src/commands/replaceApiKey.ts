import type { KeyMode } from '../model/types';
import { isOrganizationKey, keyModeOf } from '../model/validation';
import type { ConnectionInfo, Services } from '../services';
import { connectionOf, connectionPickItems, pickConnection } from '../ui/pickers';
import { askApiKey, organizationKeyMode } from './addConnection';
import type { CommandHandler } from './types';
import { verifyKey } from './verifyKey';

/** After the person confirms a switch of mode (asked only when the key's mode differs), true. */
async function modeSwitchAccepted(services: Services, connection: ConnectionInfo, mode: KeyMode): Promise<boolean> {
  if (mode === connection.mode) return true;
  const confirm = mode === 'live' ? 'Use the Live Key' : 'Use the Test Key';
  const choice = await services.prompts.warning(
    `"${connection.label}" was in ${connection.mode.toUpperCase()} mode; this key is a ${mode.toUpperCase()} key. Switch the connection to ${mode.toUpperCase()} mode?`,
    { modal: true, detail: mode === 'live' ? 'Changes made in live mode affect your real apps.' : undefined },
    confirm,
  );
  return choice === confirm;
}

/**
 * A key asked for, checked with one request, then stored. An account key's mode is its prefix's and
 * a switch is confirmed before the request; an organization key's is what Stripe reports (or the
 * person says), confirmed after it.
 */
async function storeKey(services: Services, connection: ConnectionInfo, title: string, prompt?: string): Promise<boolean> {
  const apiKey = (await askApiKey(services, title, false, prompt))?.trim();
  if (apiKey === undefined) return false;
  const organization = isOrganizationKey(apiKey);
  if (!organization && !(await modeSwitchAccepted(services, connection, keyModeOf(apiKey)))) return false;
  const { stripeAccount, stripeContext, apiBase } = connection;
  const reported = await verifyKey(
    services.makeClient,
    { apiKey, stripeAccount, stripeContext, apiBase, mode: connection.mode },
    connection.label,
  );
  let mode: KeyMode | undefined;
  if (organization) {
    // Stripe silent (an empty account scope): the mode this connection had is the person's earlier answer.
    mode =
      reported.livemode === undefined && connection.keyKind === 'organization'
        ? connection.mode
        : await organizationKeyMode(services, reported.livemode, title);
    if (mode === undefined || !(await modeSwitchAccepted(services, connection, mode))) return false;
  }
  await services.connections.replaceKey(connection.id, apiKey, mode);
  return true;
}

/** A new key for a connection: validated, checked with one request, then stored; a mode switch is confirmed. */
export const replaceApiKey: CommandHandler = async (services, node) => {
  const connection = node
    ? connectionOf(services, node.connectionId)
    : await pickConnection(services, { placeHolder: 'Re-enter the API key of which connection?' });
  if (!connection) return;
  if (!(await storeKey(services, connection, `Re-enter API Key for "${connection.label}"`))) return;
  services.log.info(`Replaced the API key of "${connection.label}".`);
  // eslint-disable-next-line @typescript-eslint/no-floating-promises -- notification: the flow goes on without waiting for it to be closed
  void services.prompts.info(`The new API key of "${connection.label}" works and is saved.`);
};

/** The connections this machine has no key for (they came through Settings Sync). */
export async function connectionsWithoutKey(services: Services): Promise<ConnectionInfo[]> {
  const all = services.connections.list();
  const present = await Promise.all(all.map((c) => services.connections.hasKey(c.id)));
  return all.filter((_c, i) => !present[i]);
}

/**
 * Enter API Key…: the key of a connection that came through Settings Sync, which never carries keys.
 * From the palette it offers only the connections without a key here.
 */
export const enterApiKey: CommandHandler = async (services, node) => {
  let connection: ConnectionInfo | undefined;
  if (node) {
    connection = connectionOf(services, node.connectionId);
  } else {
    const missing = await connectionsWithoutKey(services);
    if (missing.length === 0) {
      // eslint-disable-next-line @typescript-eslint/no-floating-promises -- notification: the flow goes on without waiting for it to be closed
      void services.prompts.info('Every connection has its API key on this machine. To change one, use Re-enter API Key….');
      return;
    }
    connection =
      missing.length === 1
        ? missing[0]
        : (
            await services.prompts.quickPick(connectionPickItems(missing, services.connections.active()?.id), {
              placeHolder: 'Enter the API key of which connection?',
              matchOnDescription: true,
            })
          )?.connection;
  }
  if (!connection) return;
  const prompt = `Settings Sync brought "${connection.label}" here without its key (keys stay on the machine they were entered on). Paste its ${connection.keyKind} key, the one ending in ${connection.keyLast4}, or another that works for it. It is kept only in VS Code SecretStorage.`;
  if (!(await storeKey(services, connection, `Enter API Key for "${connection.label}"`, prompt))) return;
  services.log.info(`Entered the API key of "${connection.label}" on this machine.`);
  // eslint-disable-next-line @typescript-eslint/no-floating-promises -- notification: the flow goes on without waiting for it to be closed
  void services.prompts.info(`"${connection.label}" works on this machine now; its key is saved in SecretStorage.`);
};
