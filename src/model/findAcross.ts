/**
 * Find a secret across accounts: which accounts of a connection hold a name, in their Account scope
 * or in the user scopes added there, and when it expires. Names only: one list per scope, none for
 * a scope whose listing the view already holds. No `vscode` import: unit-tested in plain Node.
 */
import { accountName, type AccountView } from './accounts';
import { describeExpiry } from './expiry';
import { scopeKey } from './scope';
import type { SecretMeta, SecretScope } from './types';

/** One scope of one account (`account` undefined: the connection's own). */
export interface ScopePlace {
  account: string | undefined;
  scope: SecretScope;
}

export type Listing = { secrets: readonly SecretMeta[] } | { error: unknown };

export function placeKey(place: ScopePlace): string {
  return JSON.stringify([place.account ?? '', scopeKey(place.scope)]);
}

/** Every scope to look in: each account's Account scope, then its user scopes. */
export function scopesOf(accounts: readonly AccountView[]): ScopePlace[] {
  return accounts.flatMap((a) => [
    { account: a.account, scope: { type: 'account' } as SecretScope },
    ...a.userIds.map((user): ScopePlace => ({ account: a.account, scope: { type: 'user', user } })),
  ]);
}

/** The listings the cache answers, and the scopes left to list (each once). */
export function planLookups(
  places: readonly ScopePlace[],
  cached: (place: ScopePlace) => readonly SecretMeta[] | undefined,
): { known: Map<string, Listing>; toList: ScopePlace[] } {
  const known = new Map<string, Listing>();
  const toList: ScopePlace[] = [];
  for (const place of places) {
    const key = placeKey(place);
    if (known.has(key) || toList.some((p) => placeKey(p) === key)) continue;
    const secrets = cached(place);
    if (secrets) known.set(key, { secrets });
    else toList.push(place);
  }
  return { known, toList };
}

export interface UserHolding {
  user: string;
  expiresAt: number | null;
  secret: SecretMeta;
}

/** One row of the table: an account and what it holds of the name. */
export interface AccountFinding {
  account: string | undefined;
  /** `Label (acct_…)`, plain text. */
  accountName: string;
  /** The Account scope's answer: held (with its expiry), not held, or its list failed. */
  accountScope: { held: true; expiresAt: number | null; secret: SecretMeta } | { held: false } | { failed: unknown };
  /** User scopes added under the account that hold the name, in the order added. */
  users: UserHolding[];
  /** User scopes whose list failed. */
  failedUsers: string[];
  userCount: number;
}

export function holds(finding: AccountFinding): boolean {
  return ('held' in finding.accountScope && finding.accountScope.held) || finding.users.length > 0;
}

/** The table: one row per account, in the connection's order (own first). */
export function aggregate(accounts: readonly AccountView[], name: string, listings: ReadonlyMap<string, Listing>): AccountFinding[] {
  const lookup = (account: string | undefined, scope: SecretScope) => listings.get(placeKey({ account, scope }));
  return accounts.map((a) => {
    const own = lookup(a.account, { type: 'account' });
    const hit = own && 'secrets' in own ? own.secrets.find((s) => s.name === name) : undefined;
    const accountScope: AccountFinding['accountScope'] =
      !own || 'error' in own
        ? { failed: own && 'error' in own ? own.error : undefined }
        : hit
          ? { held: true, expiresAt: hit.expiresAt, secret: hit }
          : { held: false };
    const users: UserHolding[] = [];
    const failedUsers: string[] = [];
    for (const user of a.userIds) {
      const listing = lookup(a.account, { type: 'user', user });
      if (!listing || 'error' in listing) {
        failedUsers.push(user);
        continue;
      }
      const found = listing.secrets.find((s) => s.name === name);
      if (found) users.push({ user, expiresAt: found.expiresAt, secret: found });
    }
    return { account: a.account, accountName: accountName(a), accountScope, users, failedUsers, userCount: a.userIds.length };
  });
}

/**
 * Lists what the cache does not answer, all at once: the connection's client queues them through
 * its per-account limiter, so many accounts list as fast as the rate limit allows. A failed list
 * is a failed cell of the table, never a failed command.
 */
export async function findAcross(
  accounts: readonly AccountView[],
  name: string,
  cached: (place: ScopePlace) => readonly SecretMeta[] | undefined,
  list: (place: ScopePlace) => Promise<readonly SecretMeta[]>,
): Promise<{ findings: AccountFinding[]; listed: number }> {
  const { known, toList } = planLookups(scopesOf(accounts), cached);
  const results = await Promise.all(
    toList.map((place) =>
      list(place).then(
        (secrets): Listing => ({ secrets }),
        (error: unknown): Listing => ({ error }),
      ),
    ),
  );
  toList.forEach((place, i) => known.set(placeKey(place), results[i]));
  return { findings: aggregate(accounts, name, known), listed: toList.length };
}

function expiryWords(expiresAt: number | null, nowMs: number): string {
  return expiresAt === null ? 'never expires' : describeExpiry(expiresAt, nowMs);
}

/** The Account scope cell: `Account scope: set, expires in 3 days` / `Account scope: not set` / `Account scope: couldn't list`. */
export function accountScopeText(finding: AccountFinding, nowMs: number): string {
  const a = finding.accountScope;
  if ('failed' in a) return "Account scope: couldn't list";
  return a.held ? `Account scope: set, ${expiryWords(a.expiresAt, nowMs)}` : 'Account scope: not set';
}

/** The user scopes cell: `User scopes holding it: usr_1 (never expires), usr_2 (expires in 2 days)` / `…: none of 3`. */
export function usersText(finding: AccountFinding, nowMs: number): string {
  const failed = finding.failedUsers.length > 0 ? `; couldn't list ${finding.failedUsers.join(', ')}` : '';
  if (finding.userCount === 0) return 'No user scopes added to this account';
  if (finding.users.length === 0) return `User scopes holding it: none of ${finding.userCount}${failed}`;
  return `User scopes holding it: ${finding.users.map((u) => `${u.user} (${expiryWords(u.expiresAt, nowMs)})`).join(', ')}${failed}`;
}

/** `2 of 3 accounts hold 'slack_bot_token'`. */
export function summary(findings: readonly AccountFinding[], name: string): string {
  const n = findings.filter(holds).length;
  return `${n} of ${findings.length} account${findings.length === 1 ? '' : 's'} hold '${name}'`;
}
