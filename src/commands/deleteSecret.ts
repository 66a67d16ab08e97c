import { scopeKey } from '../model/scope';
import type { Services } from '../services';
import { isOperationCancelled } from '../stripe/cancel';
import { shortReason } from '../ui/errorReport';
import { withCancellableProgress } from '../ui/progress';
import { confirmDestructive } from '../ui/prompts';
import { writeTitle } from '../ui/labels';
import { resolveSecretTargets, type SecretTarget } from '../ui/pickers';
import {
  deleteFailureMessage,
  deleteQuestion,
  needsTypedConfirmation,
  typedConfirmationText,
  type DeleteFailure,
  type DeleteGroup,
} from './secretRules';
import type { CommandHandler } from './types';
import { keepThenWrite, readCurrent, where } from '../history/keepHistory';
import { offerUndo } from '../history/restore';
import type { HistoryEntry } from '../history/historyStore';

export const DELETE_BUTTON = 'Delete';
export const KEEP_ONE_BUTTON = 'Keep Secret';
export const KEEP_MANY_BUTTON = 'Keep Secrets';

function groupsOf(targets: readonly SecretTarget[]): Array<DeleteGroup & { targets: SecretTarget[] }> {
  const groups = new Map<string, DeleteGroup & { targets: SecretTarget[] }>();
  for (const t of targets) {
    const key = `${t.connection.id}\n${t.connection.account ?? ''}\n${scopeKey(t.scope)}`;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { connectionLabel: t.connection.label, scope: t.scope, names: [], targets: [] }));
    (group.names as string[]).push(t.secret.name);
    group.targets.push(t);
  }
  return [...groups.values()];
}

async function confirmDelete(services: Services, targets: readonly SecretTarget[], groups: readonly DeleteGroup[]): Promise<boolean> {
  const question = deleteQuestion(groups, services.settings().historyRetentionDays);
  const modes = targets.map((t) => t.connection.mode);
  if (!needsTypedConfirmation(services.settings().deleteConfirmation, modes)) {
    return confirmDestructive(services.prompts, question, DELETE_BUTTON, targets.length === 1 ? KEEP_ONE_BUTTON : KEEP_MANY_BUTTON);
  }
  const expected = typedConfirmationText(targets.map((t) => t.secret.name));
  const typed = await services.prompts.inputBox({
    title: writeTitle(
      targets.length === 1 ? 'Delete Secret' : `Delete ${targets.length} Secrets`,
      targets.map((t) => t.connection),
    ),
    prompt: `${question} Type ${expected} to confirm.`,
    placeHolder: expected,
    ignoreFocusOut: true,
    validateInput: (value) =>
      value === expected
        ? undefined
        : `Type ${expected} to confirm, or press Escape to keep ${targets.length === 1 ? 'the secret' : 'them'}.`,
  });
  return typed === expected;
}

/** "Deleted 'x' from the account scope of C.", with Undo when history kept the values. */
function reportDeleted(
  services: Services,
  targets: readonly SecretTarget[],
  results: ReadonlyArray<PromiseSettledResult<HistoryEntry | undefined>>,
): void {
  const deleted = targets.filter((_, i) => results[i].status === 'fulfilled');
  if (deleted.length === 0) return;
  const entries = results.flatMap((r) => (r.status === 'fulfilled' && r.value ? [r.value] : []));
  const message =
    deleted.length === 1
      ? `Deleted '${deleted[0].secret.name}' from ${where(deleted[0].connection, deleted[0].scope)}.`
      : `Deleted ${deleted.length} secrets (${deleted.map((t) => `'${t.secret.name}'`).join(', ')}).`;
  offerUndo(services, message, entries);
}

/**
 * Delete Secret…: one row, the selected rows, or a multi-select pick. Each row says "Deleting…"
 * while it runs; a failed delete leaves its row as it was, and only the affected scopes reload.
 */
export const deleteSecret: CommandHandler = async (services, node, selection) => {
  const targets = await resolveSecretTargets(services, node, selection, { placeHolder: 'Choose the secrets to delete' });
  if (!targets || targets.length === 0) return;
  const groups = groupsOf(targets);
  if (!(await confirmDelete(services, targets, groups))) return;

  const busy = (t: SecretTarget, label: string | undefined) =>
    services.tree.setBusy(t.connection.id, t.scope, t.secret.name, label, t.connection.account);
  targets.forEach((t) => busy(t, 'Deleting…'));
  // Cancel stops the deletes still queued or on the wire, silently; the ones Stripe finished stay
  // deleted, and every affected scope reloads below, so the view shows what is left.
  const title = targets.length === 1 ? `Deleting '${targets[0].secret.name}'…` : `Deleting ${targets.length} secrets…`;
  const results = await withCancellableProgress(title, (signal) =>
    Promise.allSettled(
      targets.map(async (t) => {
        const client = await services.connections.client(t.connection.id, t.connection.account);
        // Read right before the delete (one extra request), so history keeps what Stripe held.
        const old = services.history.enabled ? await readCurrent(client, t.secret.name, t.scope, { signal }) : undefined;
        const { entry } = await keepThenWrite(services, t.connection, t.scope, t.secret.name, old, null, 'delete', () =>
          client.delete(t.secret.name, t.scope, { signal }),
        );
        return entry;
      }),
    ),
  );
  const cancelled = results.some((r) => r.status === 'rejected' && isOperationCancelled(r.reason));

  const failures: DeleteFailure[] = [];
  let firstError: unknown;
  const editors = services.valueEditors;
  results.forEach((result, i) => {
    const t = targets[i];
    if (result.status === 'fulfilled') {
      editors.notifyDeleted({ connectionId: t.connection.id, account: t.connection.account, scope: t.scope, name: t.secret.name });
      return;
    }
    busy(t, undefined);
    if (isOperationCancelled(result.reason)) return;
    firstError ??= result.reason;
    failures.push({ name: t.secret.name, reason: shortReason(result.reason, t.connection.emulator === true) });
    if (targets.length > 1) services.log.error(`Deleting '${t.secret.name}' (${t.connection.label}) failed:`, result.reason);
  });

  for (const g of groups) {
    if (cancelled || g.targets.some((t) => results[targets.indexOf(t)].status === 'fulfilled'))
      services.tree.refreshScope(g.targets[0].connection.id, g.scope, g.targets[0].connection.account);
  }
  // Deleted from the view: the keyboard stays there, on the row that took the deleted one's place.
  const gone = targets.filter((_t, i) => results[i].status === 'fulfilled');
  if (node?.kind === 'secret' && gone.length > 0) {
    const first = gone[0];
    const same = (t: SecretTarget) =>
      t.connection.id === first.connection.id &&
      t.connection.account === first.connection.account &&
      scopeKey(t.scope) === scopeKey(first.scope);
    // eslint-disable-next-line @typescript-eslint/no-floating-promises -- focus moves when the tree has redrawn; its failure is caught and the delete is done
    void services.tree
      .focusAfterRemoval?.(
        first.connection.id,
        first.scope,
        gone.filter(same).map((t) => t.secret.name),
        first.connection.account,
      )
      .catch(() => undefined);
  }
  targets.forEach((t, i) => results[i].status === 'fulfilled' && busy(t, undefined));
  reportDeleted(services, targets, results);

  // One failure keeps its original error, so the funnel offers its buttons (Re-enter API Key, Retry).
  if (targets.length === 1 && firstError !== undefined) throw firstError;
  const message = deleteFailureMessage(targets.length, failures);
  if (message) throw new Error(message);
};
