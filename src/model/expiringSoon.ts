import { expiryState } from './expiry';
import type { SecretMeta } from './types';

/** The secrets that have expired or expire within `soonDays`, soonest first (0 days: only the expired). */
export function expiringSecrets<T extends { secret: SecretMeta }>(loaded: readonly T[], nowMs: number, soonDays: number): T[] {
  return loaded
    .filter((n) => {
      const state = expiryState(n.secret.expiresAt, nowMs, soonDays);
      return state === 'soon' || state === 'expired';
    })
    .sort((a, b) => (a.secret.expiresAt ?? 0) - (b.secret.expiresAt ?? 0) || a.secret.name.localeCompare(b.secret.name));
}
