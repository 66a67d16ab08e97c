import type * as vscode from 'vscode';
import { formatDateTime } from '../model/expiry';
import { scopeLabel } from '../model/scope';
import type { Services } from '../services';
import { where } from '../history/keepHistory';
import { restoreEntry } from '../history/restore';
import type { HistoryEntry, HistoryPlace, HistoryReason } from '../history/historyStore';
import { connectionOf, scopeSecrets } from '../ui/pickers';
import { confirmLiveValueAccess } from '../ui/secretPrompts';
import type { CommandHandler } from './types';
import { confirmDestructive } from '../ui/prompts';

export const RESTORE_LABEL = 'Restore';
export const REVEAL_LABEL = 'Reveal';

const REASONS: Record<HistoryReason, string> = { overwrite: 'replaced', delete: 'deleted', expiry: 'expiry changed' };

function expiryText(expiresAt: number | null, nowMs: number): string {
  if (expiresAt === null) return 'kept value never expires';
  return `${expiresAt * 1000 <= nowMs ? 'kept expiry has passed' : 'kept value expires'} ${formatDateTime(expiresAt)}`;
}

/** Rows of the history pick: name, when and why it was kept, where; never the value. */
export function historyItems(entries: readonly HistoryEntry[], nowMs: number): Array<vscode.QuickPickItem & { entry: HistoryEntry }> {
  return entries.map((entry) => ({
    label: entry.name,
    description: `${REASONS[entry.reason]} ${formatDateTime(Math.floor(entry.keptAt / 1000))} · ${entry.livemode ? 'LIVE · ' : ''}${entry.connectionLabel} · ${scopeLabel(entry.scope)}`,
    detail: expiryText(entry.expiresAt, nowMs),
    entry,
  }));
}

/**
 * The value in an input box the person closes with Escape: no TextDocument (other extensions and
 * hot exit read those), no file, no modal; nothing typed there is saved.
 */
async function revealKept(services: Services, entry: HistoryEntry): Promise<void> {
  const connection = services.connections.get(entry.connectionId);
  const asIf =
    connection ??
    ({ mode: entry.livemode ? 'live' : 'test', label: entry.connectionLabel } as Parameters<typeof confirmLiveValueAccess>[1]);
  if (!(await confirmLiveValueAccess(services, asIf, entry.scope, entry.name, 'Reveal'))) return;
  await services.prompts.inputBox({
    title: `Kept value of '${entry.name}' (${REASONS[entry.reason]} ${formatDateTime(Math.floor(entry.keptAt / 1000))}): press Escape to close; nothing here is saved`,
    value: entry.payload,
    prompt: 'Restore from Show History… writes it back.',
  });
}

/**
 * Show History…: on a secret, what history kept of it; on a scope, of the names no longer in it
 * (deleted, or expired and removed by Stripe); from the palette, everything. Choosing one offers
 * Restore and Reveal.
 */
export const showHistory: CommandHandler = async (services, node) => {
  const history = services.history;
  let filter: Partial<HistoryPlace> | undefined;
  let what = 'anything';
  let gone: ((entry: HistoryEntry) => boolean) | undefined;
  if (node?.kind === 'secret' || node?.kind === 'scope') {
    const connection = connectionOf(services, node.connectionId, node.account);
    filter = { connectionId: connection.id, account: connection.stripeAccount, scope: node.scope };
    if (node.kind === 'secret') {
      filter.name = node.secret.name;
      what = `'${node.secret.name}'`;
    } else {
      const present = new Set((await scopeSecrets(services, { connection, scope: node.scope })).map((s) => s.name));
      gone = (e) => !present.has(e.name);
      what = `names no longer in ${where(connection, node.scope)}`;
    }
  }
  const entries = (await history.list(filter)).filter((e) => !gone || gone(e));
  if (entries.length === 0) {
    const days = services.settings().historyRetentionDays;
    // eslint-disable-next-line @typescript-eslint/no-floating-promises -- notification: the flow goes on without waiting for it to be closed
    void services.prompts.info(
      days === 0
        ? 'History is off (stripeSecrets.historyRetentionDays is 0): nothing is kept.'
        : `History holds nothing for ${what}. It keeps what this extension replaced or deleted, for ${days} day${days === 1 ? '' : 's'}.`,
    );
    return;
  }
  const picked = await services.prompts.quickPick(historyItems(entries, Date.now()), {
    title: `History of ${what}`,
    placeHolder: 'Choose a kept value to restore or reveal (values are not shown here)',
    matchOnDescription: true,
  });
  if (!picked) return;
  const action = await services.prompts.quickPick(
    [
      { label: RESTORE_LABEL, description: `write it back to ${where({ label: picked.entry.connectionLabel }, picked.entry.scope)}` },
      { label: REVEAL_LABEL, description: 'show the value, asking first in live mode' },
    ],
    { title: `'${picked.entry.name}', ${picked.description}`, placeHolder: 'Restore or reveal this value?' },
  );
  if (action?.label === RESTORE_LABEL) await restoreEntry(services, picked.entry);
  else if (action?.label === REVEAL_LABEL) await revealKept(services, picked.entry);
};

export const CLEAR_HISTORY_BUTTON = 'Clear History';

/** Clear History: everything kept, for every connection, after a modal. */
export const clearHistory: CommandHandler = async (services) => {
  const history = services.history;
  const count = (await history.list()).length;
  if (count === 0) {
    await history.clear();
    // eslint-disable-next-line @typescript-eslint/no-floating-promises -- notification: the flow goes on without waiting for it to be closed
    void services.prompts.info('History holds nothing.');
    return;
  }
  const question = `Delete the ${count === 1 ? 'value' : `${count} values`} history keeps? They cannot be restored afterwards.`;
  if (!(await confirmDestructive(services.prompts, question, CLEAR_HISTORY_BUTTON, 'Keep History'))) return;
  await history.clear();
  // eslint-disable-next-line @typescript-eslint/no-floating-promises -- notification: the flow goes on without waiting for it to be closed
  void services.prompts.info('History cleared.');
};
