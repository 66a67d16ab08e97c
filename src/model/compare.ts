/**
 * Comparing two scopes by name and expiry (never by value), and planning a copy of missing names
 * from one side to the other. Pure: unit-tested in plain Node.
 */
import { MAX_SECRETS_PER_SCOPE, type ScopeComparison, type SecretMeta } from './types';

export type { ScopeComparison } from './types';

const byName = (x: { name: string }, y: { name: string }) => x.name.localeCompare(y.name);

export function compareSecrets(a: readonly SecretMeta[], b: readonly SecretMeta[]): ScopeComparison {
  const inB = new Map(b.map((s) => [s.name, s]));
  const inA = new Map(a.map((s) => [s.name, s]));
  const result: ScopeComparison = { onlyA: [], onlyB: [], differentExpiry: [], same: [] };
  for (const secret of inA.values()) {
    const other = inB.get(secret.name);
    if (!other) result.onlyA.push(secret);
    else if ((secret.expiresAt ?? null) !== (other.expiresAt ?? null)) result.differentExpiry.push({ a: secret, b: other });
    else result.same.push({ a: secret, b: other });
  }
  for (const secret of inB.values()) if (!inA.has(secret.name)) result.onlyB.push(secret);
  result.onlyA.sort(byName);
  result.onlyB.sort(byName);
  result.differentExpiry.sort((x, y) => byName(x.a, y.a));
  result.same.sort((x, y) => byName(x.a, y.a));
  return result;
}

/** True when both sides hold the same names with the same expiries. */
export function isEqualComparison(c: ScopeComparison): boolean {
  return c.onlyA.length === 0 && c.onlyB.length === 0 && c.differentExpiry.length === 0;
}

export interface CopyPlan {
  /** Names to copy with the expiry each will get (the source's, as is). */
  copy: Array<{ name: string; expiresAt: number | null }>;
  /** Names left out because their expiry has passed (Stripe refuses an expires_at in the past). */
  expired: string[];
  /** Names that expire within `soonDays`: copied, but the confirmation says so. */
  expiringSoon: string[];
  /** Names already in the destination (listed afresh): a copy of "missing" names never replaces one. */
  alreadyThere: string[];
  /** Set when the copy would take the destination past the 10-per-scope limit: nothing is written. */
  refusal?: string;
}

/** Seconds of margin: a secret expiring within a minute could pass before the write lands. */
const EXPIRY_MARGIN_SECONDS = 60;

/**
 * What copying `picked` from the source into the destination would do. `destination` is a fresh
 * listing; the limit is checked on the names that would be new there, before any write.
 */
export function planCopy(
  picked: readonly SecretMeta[],
  destination: readonly SecretMeta[],
  options: { nowMs: number; soonDays: number; destinationLabel: string },
): CopyPlan {
  const nowSeconds = Math.floor(options.nowMs / 1000);
  const existing = new Set(destination.map((s) => s.name));
  const plan: CopyPlan = { copy: [], expired: [], expiringSoon: [], alreadyThere: [] };
  for (const secret of [...picked].sort(byName)) {
    if (existing.has(secret.name)) {
      plan.alreadyThere.push(secret.name);
      continue;
    }
    const expiresAt = secret.expiresAt ?? null;
    if (expiresAt !== null && expiresAt <= nowSeconds + EXPIRY_MARGIN_SECONDS) {
      plan.expired.push(secret.name);
      continue;
    }
    if (expiresAt !== null && options.soonDays > 0 && expiresAt - nowSeconds <= options.soonDays * 86_400)
      plan.expiringSoon.push(secret.name);
    plan.copy.push({ name: secret.name, expiresAt });
  }
  const total = existing.size + plan.copy.length;
  if (plan.copy.length > 0 && total > MAX_SECRETS_PER_SCOPE) {
    const room = Math.max(0, MAX_SECRETS_PER_SCOPE - existing.size);
    plan.refusal =
      `${options.destinationLabel} holds ${existing.size} of the ${MAX_SECRETS_PER_SCOPE} secrets Stripe allows per scope: ${plan.copy.length} more would make ${total}. ` +
      (room === 0 ? 'Delete some there first.' : `Pick at most ${room}, or delete some there first.`) +
      ' Nothing was copied.';
  }
  return plan;
}
