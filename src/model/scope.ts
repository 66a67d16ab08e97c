import { MAX_SECRETS_PER_SCOPE, type SecretScope } from './types';

const USER_PREFIX = 'user:';

/** A stable string for maps and tree ids: `account` or `user:<id>`. */
export function scopeKey(scope: SecretScope): string {
  return scope.type === 'account' ? 'account' : USER_PREFIX + scope.user;
}

export function parseScopeKey(key: string): SecretScope | undefined {
  if (key === 'account') return { type: 'account' };
  if (key.startsWith(USER_PREFIX) && key.length > USER_PREFIX.length) return { type: 'user', user: key.slice(USER_PREFIX.length) };
  return undefined;
}

export function scopeLabel(scope: SecretScope): string {
  return scope.type === 'account' ? 'Account' : scope.user;
}

export function sameScope(a: SecretScope, b: SecretScope): boolean {
  if (a.type === 'account' || b.type === 'account') return a.type === b.type;
  return a.user === b.user;
}

/** `the account scope` / `the scope of user usr_123`: shared wording of the prompts, commands and value editor. */
export function scopeDescription(scope: SecretScope): string {
  return scope.type === 'account' ? 'the account scope' : `the scope of user ${scopeLabel(scope)}`;
}

/** The hint of every "scope is full" message: related values fit in one JSON secret; and the names there now. */
export function scopeFullHint(names: readonly string[]): string {
  return `Related values can share one secret as JSON (for example {"client_id": "…", "client_secret": "…"}), which counts once. In the scope now: ${names.map((n) => `'${n}'`).join(', ')}.`;
}

/**
 * Undefined when `name` may be set; otherwise the sentence that refuses it. A name that exists is
 * a replace, which a full scope allows; a new name in a scope of 10 distinct names is not.
 */
export function scopeFullRefusal(existingNames: readonly string[], name: string, scope: SecretScope): string | undefined {
  const names = new Set(existingNames);
  if (names.has(name) || names.size < MAX_SECRETS_PER_SCOPE) return undefined;
  const where = scopeDescription(scope);
  return `${where[0].toUpperCase()}${where.slice(1)} already holds ${MAX_SECRETS_PER_SCOPE} secrets, the most Stripe allows: delete one first, or set one of the existing names to replace its value. ${scopeFullHint([...names])}`;
}

/** What happens to a value after a delete or a replace: kept by history, or gone for good. */
export function afterwardsSentence(historyDays: number, replace = false): string {
  if (historyDays <= 0) return replace ? 'The old value cannot be recovered.' : 'This cannot be undone.';
  return `History keeps the ${replace ? 'old ' : ''}value for ${historyDays} day${historyDays === 1 ? '' : 's'} (Undo, Show History…).`;
}
