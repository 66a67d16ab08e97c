/**
 * History of what this extension replaced: before an overwrite or a delete made here, the value
 * replaced (with its expiry) is kept, so it can be undone or restored. Stripe keeps no versions.
 *
 * Plain Node, no `vscode`: the store is handed a key-value seam that the extension backs with
 * SecretStorage and the unit tests with a fake. Everything lives under ONE SecretStorage key, so
 * the total-bytes bound holds across connections and Clear History is a single delete; a change is
 * read-modify-write, serialised within the window.
 *
 * Never throws at a writer: a storage that is full or refuses gives `{ ok: false }`, and the caller
 * says so and writes anyway (history must not block the person's write).
 */
import { createHash, randomUUID } from 'node:crypto';
import { sameScope } from '../model/scope';
import type { HistoryEntry, HistoryPlace, KeepInput, KeepResult } from '../model/types';

/** The part of SecretStorage the store uses. */
export interface KeyValueStorage {
  get(key: string): PromiseLike<string | undefined>;
  store(key: string, value: string): PromiseLike<void>;
  delete(key: string): PromiseLike<void>;
}

export type { HistoryEntry, HistoryPlace, HistoryReason, KeepInput, KeepResult } from '../model/types';

export const HISTORY_STORAGE_KEY = 'stripeSecrets.history';
/** Enough to step back through a bad day of rotations; older ones go first. */
export const MAX_ENTRIES_PER_SECRET = 10;
/** About 50 values of Stripe's maximum 5,000 characters: room for several full scopes. */
export const MAX_TOTAL_BYTES = 256 * 1024;

export interface HistoryOptions {
  storage: KeyValueStorage;
  /** Days a value is kept; 0 means history is off (and what was kept is deleted). Read at each use. */
  retentionDays: () => number;
  now?: () => number;
  maxEntriesPerSecret?: number;
  maxTotalBytes?: number;
}

export function hashValue(payload: string): string {
  return createHash('sha256').update(payload, 'utf8').digest('hex');
}

export function samePlace(a: HistoryPlace, b: HistoryPlace): boolean {
  return a.connectionId === b.connectionId && (a.account ?? '') === (b.account ?? '') && sameScope(a.scope, b.scope) && a.name === b.name;
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isEntry(value: unknown): value is HistoryEntry {
  const e = value as Partial<HistoryEntry> | null;
  return (
    typeof e === 'object' &&
    e !== null &&
    typeof e.id === 'string' &&
    typeof e.connectionId === 'string' &&
    typeof e.name === 'string' &&
    typeof e.payload === 'string' &&
    typeof e.keptAt === 'number' &&
    typeof e.scope === 'object' &&
    e.scope !== null &&
    (e.expiresAt === null || typeof e.expiresAt === 'number')
  );
}

export class HistoryStore {
  private readonly now: () => number;
  private readonly maxPerSecret: number;
  private readonly maxBytes: number;
  /** Serialises read-modify-write within this window. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: HistoryOptions) {
    this.now = options.now ?? Date.now;
    this.maxPerSecret = options.maxEntriesPerSecret ?? MAX_ENTRIES_PER_SECRET;
    this.maxBytes = options.maxTotalBytes ?? MAX_TOTAL_BYTES;
  }

  get enabled(): boolean {
    return this.options.retentionDays() > 0;
  }

  /** Keeps a replaced value, dropping what is past retention or beyond the bounds (oldest first). */
  keep(input: KeepInput): Promise<KeepResult> {
    return this.serial(async (): Promise<KeepResult> => {
      if (!this.enabled) return { ok: false, reason: 'history is off (stripeSecrets.historyRetentionDays is 0)' };
      const entry: HistoryEntry = { ...input, id: randomUUID(), keptAt: this.now() };
      try {
        const entries = this.bounded([entry, ...(await this.read())]);
        if (!entries.includes(entry)) return { ok: false, reason: `the value is larger than the ${this.maxBytes} bytes history may hold` };
        await this.options.storage.store(HISTORY_STORAGE_KEY, JSON.stringify(entries));
        return { ok: true, entry };
      } catch (error) {
        return { ok: false, reason: message(error) };
      }
    });
  }

  /** What is kept, newest first, optionally only for one connection (and scope, and name). */
  list(filter?: Partial<HistoryPlace>): Promise<HistoryEntry[]> {
    return this.serial(async () => {
      const entries = this.fresh(await this.read());
      return entries.filter(
        (e) =>
          (filter?.connectionId === undefined || e.connectionId === filter.connectionId) &&
          (filter?.connectionId === undefined || (e.account ?? '') === (filter.account ?? '')) &&
          (filter?.scope === undefined || sameScope(e.scope, filter.scope)) &&
          (filter?.name === undefined || e.name === filter.name),
      );
    });
  }

  get(id: string): Promise<HistoryEntry | undefined> {
    return this.list().then((entries) => entries.find((e) => e.id === id));
  }

  /** Drops one entry (after the write it stood for failed). */
  remove(id: string): Promise<void> {
    return this.serial(async () => {
      const entries = await this.read();
      const left = entries.filter((e) => e.id !== id);
      if (left.length !== entries.length) await this.write(left);
    });
  }

  /** Drops what is past retention; with history off, everything. */
  prune(): Promise<void> {
    return this.serial(async () => {
      if (!this.enabled) {
        await this.options.storage.delete(HISTORY_STORAGE_KEY);
        return;
      }
      const entries = await this.read();
      const kept = this.bounded(entries);
      if (kept.length !== entries.length) await this.write(kept);
    });
  }

  clear(): Promise<void> {
    return this.serial(async () => this.options.storage.delete(HISTORY_STORAGE_KEY));
  }

  private serial<T>(run: () => Promise<T>): Promise<T> {
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async read(): Promise<HistoryEntry[]> {
    const raw = await this.options.storage.get(HISTORY_STORAGE_KEY);
    if (!raw) return [];
    try {
      const parsed: unknown = JSON.parse(raw);
      return Array.isArray(parsed) ? parsed.filter(isEntry).sort((a, b) => b.keptAt - a.keptAt) : [];
    } catch {
      return [];
    }
  }

  private async write(entries: readonly HistoryEntry[]): Promise<void> {
    if (entries.length === 0) await this.options.storage.delete(HISTORY_STORAGE_KEY);
    else await this.options.storage.store(HISTORY_STORAGE_KEY, JSON.stringify(entries));
  }

  private fresh(entries: readonly HistoryEntry[]): HistoryEntry[] {
    const oldest = this.now() - this.options.retentionDays() * 24 * 3600 * 1000;
    return this.enabled ? entries.filter((e) => e.keptAt >= oldest) : [];
  }

  /** Newest first: within retention, at most N per secret, then as many as fit the byte bound. */
  private bounded(entries: readonly HistoryEntry[]): HistoryEntry[] {
    const perSecret = new Map<string, number>();
    const out: HistoryEntry[] = [];
    let bytes = 2;
    for (const e of [...this.fresh(entries)].sort((a, b) => b.keptAt - a.keptAt)) {
      const key = JSON.stringify([e.connectionId, e.account ?? '', e.scope.type === 'user' ? e.scope.user : '', e.name]);
      const n = perSecret.get(key) ?? 0;
      if (n >= this.maxPerSecret) continue;
      const size = Buffer.byteLength(JSON.stringify(e), 'utf8') + 1;
      if (bytes + size > this.maxBytes) continue;
      perSecret.set(key, n + 1);
      bytes += size;
      out.push(e);
    }
    return out;
  }
}
