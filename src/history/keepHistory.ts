/**
 * The write flows' side of history: read what a write replaces (when the flow does not know it),
 * keep it, write, and offer Undo in the notification that reports the change. The store itself is
 * plain Node (historyStore.ts); this layer only hands it SecretStorage and talks to the person.
 */
import type { SecretScope, SecretWithPayload } from '../model/types';
import type { ConnectionInfo, Services } from '../services';
import { isSecretStoreError } from '../stripe/errors';
import type { OperationOptions, SecretStore } from '../stripe/types';
import { scopeDescription, scopeFullRefusal } from '../model/scope';
import { confirmReplace } from '../ui/secretPrompts';
import { hashValue, type HistoryEntry, type HistoryReason } from './historyStore';

/** The secret with its value as Stripe holds it now (`expand[]=payload`), or undefined when there is none. */
export async function readCurrent(
  client: SecretStore,
  name: string,
  scope: SecretScope,
  options?: OperationOptions,
): Promise<SecretWithPayload | undefined> {
  try {
    return await client.reveal(name, scope, options);
  } catch (error) {
    if (isSecretStoreError(error) && error.kind === 'not_found') return undefined;
    throw error;
  }
}

export function where(connection: Pick<ConnectionInfo, 'label'>, scope: SecretScope): string {
  return `${scopeDescription(scope)} of ${connection.label}`;
}

/** The value replaced and its expiry; undefined when the write creates the secret. */
export interface Replaced {
  payload: string;
  expiresAt: number | null;
}

/**
 * Keeps `old` before it is replaced (`replacement` is the new value, null for a delete). Storage
 * that refuses is said once and the write goes on: history never blocks it.
 */
export async function keepReplaced(
  services: Services,
  connection: ConnectionInfo,
  scope: SecretScope,
  name: string,
  old: Replaced,
  replacement: string | null,
  reason: HistoryReason,
): Promise<HistoryEntry | undefined> {
  const history = services.history;
  if (!history.enabled) return undefined;
  const kept = await history.keep({
    connectionId: connection.id,
    connectionLabel: connection.label,
    account: connection.stripeAccount,
    livemode: connection.mode === 'live',
    scope,
    name,
    reason,
    payload: old.payload,
    expiresAt: old.expiresAt,
    replacedBy: replacement === null ? null : hashValue(replacement),
  });
  if (kept.ok) return kept.entry;
  services.log.info(`History could not keep the old value of '${name}' (${where(connection, scope)}): ${kept.reason}`);
  // eslint-disable-next-line @typescript-eslint/no-floating-promises -- notification: the flow goes on without waiting for it to be closed
  void services.prompts.warning(
    `History could not keep the old value of '${name}' (${kept.reason}); the change went ahead without a way back.`,
    { modal: false },
  );
  return undefined;
}

/**
 * Keeps `old` (if any), runs the write, and drops the kept value again when the write failed
 * (it replaced nothing). Returns the write's result and the kept entry.
 */
export async function keepThenWrite<T>(
  services: Services,
  connection: ConnectionInfo,
  scope: SecretScope,
  name: string,
  old: Replaced | undefined,
  replacement: string | null,
  reason: HistoryReason,
  write: () => Promise<T>,
): Promise<{ result: T; entry?: HistoryEntry }> {
  const entry = old ? await keepReplaced(services, connection, scope, name, old, replacement, reason) : undefined;
  try {
    return { result: await write(), entry };
  } catch (error) {
    if (entry) await services.history.remove(entry.id).catch(() => undefined);
    throw error;
  }
}

/**
 * Stripe read again after the modals, right before a write (one request, with the value for
 * history): a name created meanwhile is replaced only after the question naming it, and a full
 * scope is said instead of sent. Undefined when the write must not go ahead.
 */
export async function recheckBeforeWrite(
  services: Services,
  connection: ConnectionInfo,
  client: SecretStore,
  scope: SecretScope,
  name: string,
  replaceConfirmed: boolean,
  signal?: AbortSignal,
): Promise<{ current: SecretWithPayload | undefined } | undefined> {
  let current = await readCurrent(client, name, scope, { signal });
  if (current && !replaceConfirmed) {
    if (!(await confirmReplace(services, connection, scope, name))) return undefined;
    current = await readCurrent(client, name, scope, { signal });
  }
  if (!current) {
    const names = (await client.list(scope, signal)).map((s) => s.name);
    const full = scopeFullRefusal(names, name, scope);
    if (full) {
      await services.prompts.error(full);
      return undefined;
    }
  }
  return { current };
}
