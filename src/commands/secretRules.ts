/**
 * The decisions behind Set and Delete that need no VS Code: the 10-per-scope check before any
 * request, and how a delete is confirmed and reported. Unit-tested in plain Node.
 */
import type { Settings } from '../constants';
import { afterwardsSentence, scopeDescription } from '../model/scope';
import { MAX_SECRETS_PER_SCOPE, type KeyMode, type SecretScope } from '../model/types';

// scopeFullRefusal is kept here for the commands that import it; it lives in model/scope.ts so history/ can use it too.
export { scopeFullRefusal } from '../model/scope';

/**
 * What to do about a full scope, said when it is picked: delete one of the names it holds, or keep
 * related values together in one JSON secret.
 */
export function fullScopeAdvice(scope: SecretScope, names: readonly string[]): string {
  const where = scopeDescription(scope);
  const list = [...names]
    .sort((x, y) => x.localeCompare(y))
    .map((n) => `'${n}'`)
    .join(', ');
  return `${where[0].toUpperCase()}${where.slice(1)} is full (${names.length}/${MAX_SECRETS_PER_SCOPE}, the most Stripe allows). Delete one of its secrets (${list}), or keep related values together in one JSON secret, e.g. {"client_id": "…", "client_secret": "…"}. Set Secret… on one of its rows replaces that value.`;
}

/** Whether the person must type the name (or the count) rather than press a button. */
export function needsTypedConfirmation(setting: Settings['deleteConfirmation'], modes: readonly KeyMode[]): boolean {
  if (setting === 'typeNameAlways') return true;
  if (setting === 'typeNameInLiveMode') return modes.includes('live');
  return false;
}

/** What must be typed: the name for one secret, `delete N` for several. */
export function typedConfirmationText(names: readonly string[]): string {
  return names.length === 1 ? names[0] : `delete ${names.length}`;
}

export interface DeleteGroup {
  connectionLabel: string;
  scope: SecretScope;
  names: readonly string[];
}

function quoted(names: readonly string[]): string {
  return names.map((n) => `'${n}'`).join(', ');
}

/** The confirmation question, naming the secrets, their scope(s) and connection(s). */
export function deleteQuestion(groups: readonly DeleteGroup[], historyDays = 0): string {
  const afterwards = afterwardsSentence(historyDays);
  const count = groups.reduce((n, g) => n + g.names.length, 0);
  if (groups.length === 1) {
    const [g] = groups;
    const what = count === 1 ? `secret ${quoted(g.names)}` : `${count} secrets (${quoted(g.names)})`;
    return `Delete ${what} from ${scopeDescription(g.scope)} of ${g.connectionLabel}? ${afterwards}`;
  }
  const parts = groups.map((g) => `${quoted(g.names)} from ${scopeDescription(g.scope)} of ${g.connectionLabel}`);
  return `Delete ${count} secrets: ${parts.join('; ')}? ${afterwards}`;
}

export interface DeleteFailure {
  name: string;
  reason: string;
}

/** One sentence for the failures of a delete of `total` secrets; undefined when none failed. */
export function deleteFailureMessage(total: number, failures: readonly DeleteFailure[]): string | undefined {
  if (failures.length === 0) return undefined;
  if (total === 1) return failures[0].reason;
  const deleted = total - failures.length;
  const list = failures.map((f) => `'${f.name}' (${f.reason.replace(/[.\s]+$/, '')})`).join('; ');
  return deleted === 0
    ? `None of the ${total} secrets was deleted: ${list}.`
    : `Deleted ${deleted} of ${total} secrets; not deleted: ${list}.`;
}
