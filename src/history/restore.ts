/** Writing a kept value back to Stripe: Restore in Show History…, and Undo in the notifications. */
import { formatDateTime } from '../model/expiry';
import { MAX_SECRETS_PER_SCOPE, type SecretWithPayload } from '../model/types';
import type { Services } from '../services';
import { promptExpiry } from '../ui/secretPrompts';
import { announceRestore } from './restoredSecrets';
import { hashValue, type HistoryEntry } from './historyStore';
import { scopeFullHint } from '../model/scope';
import { keepThenWrite, readCurrent, where, type Replaced } from './keepHistory';
import type { ConnectionInfo } from '../services';
import type { SecretMeta, SecretScope } from '../model/types';
import { accountOfRecord, actingOn } from '../model/accounts';
import { confirmDestructive } from '../ui/prompts';

export const RESTORE_BUTTON = 'Restore';
export const UNDO_BUTTON = 'Undo';
export const KEEP_CURRENT_BUTTON = 'Keep Current Value';
export const NO_EXPIRY_LABEL = 'No expiry';
export const NEW_EXPIRY_LABEL = 'A new expiry…';

function sameState(a: SecretWithPayload | undefined, b: SecretWithPayload | undefined): boolean {
  return a === undefined ? b === undefined : b !== undefined && a.payload === b.payload && a.expiresAt === b.expiresAt;
}

/**
 * Writes a kept value back. First checks that Stripe still holds what replaced it (the hash kept
 * with the entry; for a delete, that the name is still gone) and asks when not; a live secret that
 * exists is replaced only after a modal naming it; a full scope is said before any write; a past
 * expiry is said, offering none or a new one. After any question Stripe is read again, and a
 * change during the question writes nothing. What the restore replaces is kept in turn.
 * Resolves to false when the person declined.
 */
export async function restoreEntry(services: Services, entry: HistoryEntry): Promise<boolean> {
  const stored = services.connections.get(entry.connectionId);
  const connection = stored && actingOn(stored, accountOfRecord(stored, entry.account));
  if (!connection) throw new Error(`Not restored: the connection '${entry.connectionLabel}' no longer exists.`);
  const { scope, name } = entry;
  const place = where(connection, scope);
  const client = await services.connections.client(connection.id, connection.account);
  const before = await readCurrent(client, name, scope);
  let asked = false;

  const expected =
    entry.replacedBy === null ? before === undefined : before !== undefined && hashValue(before.payload) === entry.replacedBy;
  if (!expected) {
    const question =
      before === undefined
        ? `'${name}' no longer exists in ${place}: it was deleted or expired since. Create it again with the value kept ${formatDateTime(Math.floor(entry.keptAt / 1000))}?`
        : entry.replacedBy === null
          ? `'${name}' exists again in ${place} (set since it was deleted here). Replace it${connection.mode === 'live' ? ', a LIVE secret,' : ''} with the value kept ${formatDateTime(Math.floor(entry.keptAt / 1000))}?`
          : `The value of '${name}' in ${place} changed since it was replaced here. Replace it${connection.mode === 'live' ? ', a LIVE secret,' : ''} with the value kept ${formatDateTime(Math.floor(entry.keptAt / 1000))} anyway?`;
    if (!(await confirmDestructive(services.prompts, question, RESTORE_BUTTON, KEEP_CURRENT_BUTTON))) return false;
    asked = true;
  } else if (before !== undefined && connection.mode === 'live') {
    const question = `Replace the LIVE secret '${name}' in ${place} with the value kept ${formatDateTime(Math.floor(entry.keptAt / 1000))}?`;
    if (!(await confirmDestructive(services.prompts, question, RESTORE_BUTTON, KEEP_CURRENT_BUTTON))) return false;
    asked = true;
  }

  if (before === undefined) {
    const names = (await client.list(scope)).map((s) => s.name);
    if (names.length >= MAX_SECRETS_PER_SCOPE && !names.includes(name)) {
      await services.prompts.error(
        `Not restored: ${place} already holds ${MAX_SECRETS_PER_SCOPE} secrets, the most Stripe allows. Delete one first. ${scopeFullHint(names)}`,
      );
      return false;
    }
  }

  let expiresAt = entry.expiresAt;
  if (expiresAt !== null && expiresAt <= Math.floor(Date.now() / 1000) + 60) {
    const picked = await services.prompts.quickPick([{ label: NO_EXPIRY_LABEL }, { label: NEW_EXPIRY_LABEL }], {
      title: `Restore '${name}'`,
      placeHolder: `The kept expiry ${formatDateTime(expiresAt)} has passed: restore it with no expiry, or choose a new one`,
    });
    if (!picked) return false;
    if (picked.label === NO_EXPIRY_LABEL) expiresAt = null;
    else {
      const chosen = await promptExpiry(services);
      if (!chosen) return false;
      expiresAt = chosen.expiresAt;
    }
    asked = true;
  }

  const current = asked ? await readCurrent(client, name, scope) : before;
  if (!sameState(before, current))
    throw new Error(
      `Not restored: '${name}' in ${place} changed again while you answered. Look at it, then restore from Show History… if you still want to.`,
    );

  const { entry: kept } = await keepThenWrite(services, connection, scope, name, current, entry.payload, 'overwrite', () =>
    client.set({ name, scope, payload: entry.payload, expiresAt }),
  );
  const location = { connectionId: connection.id, account: connection.account, scope, name };
  announceRestore(location);
  services.tree.refreshScope(connection.id, scope, connection.account);
  offerUndo(
    services,
    `Restored '${name}' in ${place}${expiresAt === null ? '' : `, expiring ${formatDateTime(expiresAt)}`}.`,
    kept ? [kept] : [],
  );
  return true;
}

/**
 * The value editor's save: keeps what Stripe held (read by the editor just before), writes, and
 * offers Undo after an overwrite. One call, so the editor's own logic stays its own.
 */
export async function saveWithHistory(
  services: Services,
  connection: ConnectionInfo,
  location: { scope: SecretScope; name: string },
  old: Replaced | undefined,
  payload: string,
  write: () => Promise<SecretMeta>,
): Promise<SecretMeta> {
  const { result, entry } = await keepThenWrite(services, connection, location.scope, location.name, old, payload, 'overwrite', write);
  if (entry) offerUndo(services, `Saved '${location.name}' in ${where(connection, location.scope)}.`, [entry]);
  return result;
}

/** The notification that reports a change, with Undo when history kept what it replaced. Does not wait. */
export function offerUndo(services: Services, message: string, entries: readonly HistoryEntry[]): void {
  if (entries.length === 0) {
    // eslint-disable-next-line @typescript-eslint/no-floating-promises -- notification: the flow goes on without waiting for it to be closed
    void services.prompts.info(message);
    return;
  }
  // eslint-disable-next-line @typescript-eslint/no-floating-promises -- the Undo offer waits for its answer in the background; the caller has finished
  void (async () => {
    const choice = await services.prompts.info(message, UNDO_BUTTON);
    if (choice !== UNDO_BUTTON) return;
    for (const entry of entries) {
      try {
        await restoreEntry(services, entry);
      } catch (error) {
        services.log.error(`Undo of '${entry.name}' failed:`, error);
        // eslint-disable-next-line @typescript-eslint/no-floating-promises -- notification: the flow goes on without waiting for it to be closed
        void services.prompts.error(`Undo of '${entry.name}' failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  })();
}
