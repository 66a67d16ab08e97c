/** Go-live readiness: the account-scope names the code reads against one connection's listing. No values. */
import { expiryState } from '../model/expiry';
import type { SecretMeta } from '../model/types';

export type ReadinessState = 'set' | 'soon' | 'expired' | 'missing';

export interface ReadinessRow {
  name: string;
  state: ReadinessState;
  /** Unix seconds, null for never; undefined when missing. */
  expiresAt?: number | null;
}

export interface Readiness {
  rows: ReadinessRow[];
  /** Names the connection lacks (what Copy Missing Secrets can bring). */
  missing: string[];
  /** Every name held and none expired. */
  ready: boolean;
}

export function checkReadiness(names: readonly string[], stored: readonly SecretMeta[], nowMs: number, soonDays: number): Readiness {
  const byName = new Map(stored.map((s) => [s.name, s]));
  const rows = [...names].sort().map((name): ReadinessRow => {
    const secret = byName.get(name);
    if (!secret) return { name, state: 'missing' };
    const state = expiryState(secret.expiresAt, nowMs, soonDays);
    return { name, state: state === 'expired' ? 'expired' : state === 'soon' ? 'soon' : 'set', expiresAt: secret.expiresAt };
  });
  const missing = rows.filter((r) => r.state === 'missing').map((r) => r.name);
  return { rows, missing, ready: rows.every((r) => r.state === 'set' || r.state === 'soon') };
}
