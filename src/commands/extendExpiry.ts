import { formatDateTime } from '../model/expiry';
import { keepThenWrite, readCurrent, where } from '../history/keepHistory';
import { offerUndo } from '../history/restore';
import type { HistoryEntry } from '../history/historyStore';
import { resolveSecretTargets } from '../ui/pickers';
import { promptExpiry } from '../ui/secretPrompts';
import type { CommandHandler } from './types';

export const EXTEND_BUTTON = 'Change Expiry';

/**
 * Extend Expiry…: a new `expires_at` without the person seeing or retyping the value. Each secret
 * is read with its value right before its write and set again with that same value; the value
 * stays in memory. The old expiry is kept in history (Undo). A live secret is changed only after a
 * modal naming it.
 */
export const extendExpiry: CommandHandler = async (services, node, selection) => {
  const targets = await resolveSecretTargets(services, node, selection, { placeHolder: 'Choose the secrets whose expiry to change' });
  if (!targets || targets.length === 0) return;
  const expiry = await promptExpiry(services);
  if (!expiry) return;
  const when = expiry.expiresAt === null ? 'never expire' : `expire ${formatDateTime(expiry.expiresAt)}`;
  const live = targets.filter((t) => t.connection.mode === 'live');
  if (live.length > 0) {
    const names = live.map((t) => `'${t.secret.name}' (${where(t.connection, t.scope)})`).join(', ');
    const answer = await services.prompts.warning(
      `Make the LIVE secret${live.length === 1 ? '' : 's'} ${names} ${when}? The value${live.length === 1 ? ' stays' : 's stay'} the same.`,
      { modal: true },
      EXTEND_BUTTON,
    );
    if (answer !== EXTEND_BUTTON) return;
  }

  const entries: HistoryEntry[] = [];
  const missing: string[] = [];
  for (const t of targets) {
    const client = await services.connections.client(t.connection.id, t.connection.account);
    const current = await readCurrent(client, t.secret.name, t.scope);
    if (!current) {
      missing.push(t.secret.name);
      continue;
    }
    const { entry } = await keepThenWrite(services, t.connection, t.scope, t.secret.name, current, current.payload, 'expiry', () =>
      client.set({ name: t.secret.name, scope: t.scope, payload: current.payload, expiresAt: expiry.expiresAt }),
    );
    if (entry) entries.push(entry);
    services.valueEditors.notifyChanged({
      connectionId: t.connection.id,
      account: t.connection.account,
      scope: t.scope,
      name: t.secret.name,
    });
    services.tree.refreshScope(t.connection.id, t.scope, t.connection.account);
  }
  const done = targets.filter((t) => !missing.includes(t.secret.name));
  if (done.length > 0) {
    const what = done.length === 1 ? `'${done[0].secret.name}' in ${where(done[0].connection, done[0].scope)}` : `${done.length} secrets`;
    const now =
      expiry.expiresAt === null
        ? done.length === 1
          ? 'never expires'
          : 'never expire'
        : `${done.length === 1 ? 'expires' : 'expire'} ${formatDateTime(expiry.expiresAt)}`;
    offerUndo(services, `${what} now ${now}; the value is unchanged.`, entries);
  }
  if (missing.length > 0) {
    await services.prompts.error(
      `${missing.map((n) => `'${n}'`).join(', ')} no longer exist${missing.length === 1 ? 's' : ''} in Stripe (deleted, or expired and removed): bring ${missing.length === 1 ? 'it' : 'them'} back from Show History… on the scope.`,
    );
  }
};
