/**
 * What the tree knows about each scope's listing: loaded, failed or stale, and when. No `vscode`
 * import, so the load/refresh rules are unit-tested in plain Node.
 */
import { scopeKey } from '../model/scope';
import type { SecretMeta, SecretScope } from '../model/types';

export type ScopeEntry =
  | { state: 'loaded'; secrets: SecretMeta[]; loadedAt: number; stale: boolean }
  | { state: 'failed'; error: unknown; loadedAt: number; stale: boolean };

/** `account` undefined is the connection's own account, whose keys are as before accounts existed. */
export function cacheKey(connectionId: string, scope: SecretScope, account?: string): string {
  return JSON.stringify(account === undefined ? [connectionId, scopeKey(scope)] : [connectionId, scopeKey(scope), account]);
}

/** Where a listing came from: a connection, one of its accounts (undefined: its own), a scope. */
export interface ScopePlace {
  connectionId: string;
  scope: SecretScope;
  account?: string;
}

export class ScopeCache {
  private readonly entries = new Map<string, ScopeEntry & ScopePlace>();
  private readonly pending = new Map<string, { connectionId: string; generation: number; token: symbol; promise: Promise<ScopeEntry> }>();
  /** Bumped per scope by invalidate(), so a load that started before it is not trusted. */
  private readonly generations = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  get(connectionId: string, scope: SecretScope, account?: string): ScopeEntry | undefined {
    return this.entries.get(cacheKey(connectionId, scope, account));
  }

  /** The listing when it is loaded and not marked stale. */
  fresh(connectionId: string, scope: SecretScope, account?: string): SecretMeta[] | undefined {
    const entry = this.get(connectionId, scope, account);
    return entry?.state === 'loaded' && !entry.stale ? entry.secrets : undefined;
  }

  /**
   * The entry, loading it when missing or stale. Concurrent callers share one request; a load
   * started before an invalidation is superseded by a new one rather than trusted.
   */
  async ensure(connectionId: string, scope: SecretScope, list: () => Promise<SecretMeta[]>, account?: string): Promise<ScopeEntry> {
    const key = cacheKey(connectionId, scope, account);
    const entry = this.entries.get(key);
    if (entry && !entry.stale) return entry;
    const inFlight = this.pending.get(key);
    const generation = this.generations.get(key) ?? 0;
    if (inFlight && inFlight.generation === generation) return inFlight.promise;
    const token = Symbol('load');
    const promise = (async (): Promise<ScopeEntry> => {
      let next: ScopeEntry;
      try {
        next = { state: 'loaded', secrets: await list(), loadedAt: this.now(), stale: false };
      } catch (error) {
        next = { state: 'failed', error, loadedAt: this.now(), stale: false };
      }
      if (this.pending.get(key)?.token === token) this.pending.delete(key);
      // Invalidated while loading: the answer may predate the change, so keep it but mark it stale.
      if (generation !== (this.generations.get(key) ?? 0)) next.stale = true;
      this.entries.set(key, { ...next, connectionId, scope, ...(account === undefined ? {} : { account }) });
      return next;
    })();
    this.pending.set(key, { connectionId, generation, token, promise });
    return promise;
  }

  /** True while any listing is on its way. */
  loading(): boolean {
    return this.pending.size > 0;
  }

  /**
   * Marks matching entries stale (all when no connection is given, every account of a connection
   * when no scope is given); returns how many.
   */
  invalidate(connectionId?: string, scope?: SecretScope, account?: string): number {
    const matches = (key: string, owner: string) =>
      (connectionId === undefined || owner === connectionId) && (scope === undefined || key === cacheKey(owner, scope, account));
    for (const [key, load] of this.pending) {
      if (matches(key, load.connectionId)) this.generations.set(key, (this.generations.get(key) ?? 0) + 1);
    }
    let count = 0;
    for (const [key, entry] of this.entries) {
      if (!matches(key, entry.connectionId)) continue;
      entry.stale = true;
      count++;
    }
    return count;
  }

  invalidateFailed(): void {
    for (const entry of this.entries.values()) if (entry.state === 'failed') entry.stale = true;
  }

  /** Drops entries of connections, accounts or user scopes that no longer exist. */
  prune(keep: (connectionId: string, scope: SecretScope, account: string | undefined) => boolean): void {
    for (const [key, entry] of this.entries) if (!keep(entry.connectionId, entry.scope, entry.account)) this.entries.delete(key);
  }

  /** Loaded entries older than `maxAgeMs` among `keys`. */
  olderThan(maxAgeMs: number, keys: Iterable<string>): ScopePlace[] {
    const limit = this.now() - maxAgeMs;
    const out: ScopePlace[] = [];
    for (const key of keys) {
      const entry = this.entries.get(key);
      if (entry && !entry.stale && entry.loadedAt <= limit)
        out.push({ connectionId: entry.connectionId, scope: entry.scope, account: entry.account });
    }
    return out;
  }

  all(): Array<ScopePlace & { entry: ScopeEntry }> {
    return [...this.entries.values()].map((entry) => ({
      connectionId: entry.connectionId,
      scope: entry.scope,
      account: entry.account,
      entry,
    }));
  }
}
