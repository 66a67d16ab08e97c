import type { SecretScope } from './types';

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
