/**
 * When the Secrets view reloads or redraws, and who waits for it: the auto-refresh interval, the
 * expiry redraw timer, reloads in flight and VS Code's re-fetch of a fired scope. No `vscode`
 * import, so the scheduling is unit-tested in plain Node with a fake clock.
 */
import { nextExpiryBoundary, timerDelay } from './expiryTimer';

export interface SchedulerTimers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  setInterval(callback: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

export const systemTimers: SchedulerTimers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  setInterval: (callback, ms) => setInterval(callback, ms),
  clearInterval: (handle) => clearInterval(handle as ReturnType<typeof setInterval>),
};

/** What the scheduler reads from the tree and asks of it; scopes are named by their node key. */
export interface ScheduledTree<Scope> {
  /** The loaded scopes the view lists now, with their secrets' expiries. */
  loadedScopes(): Iterable<{ key: string; node: Scope; secrets: Iterable<{ expiresAt: number | null }> }>;
  expiringSoonDays(): number;
  autoRefreshSeconds(): number;
  /** Rows of these scopes crossed an expiry boundary: redraw them, without reloading. */
  redrawScopes(nodes: Scope[]): void;
  /** Reload the expanded scopes whose listing is at least `seconds` old. */
  refreshOlderThan(seconds: number): void;
}

interface Awaited {
  started: boolean;
  waiters: Array<() => void>;
}

export class RefreshScheduler<Scope> {
  /** Reloads started by refreshScope: reveal waits for them. */
  private readonly reloads = new Map<string, Promise<void>>();
  /** Expanded scopes fired but not yet re-fetched by VS Code, and who waits for that fetch to end. */
  private readonly awaitingFetch = new Map<string, Awaited>();
  /** Scopes fetched by VS Code right now: their rows draw the current time anyway. */
  private readonly fetching = new Map<string, number>();
  /** Per scope, when one of its loaded rows next changes with time (expiry, 'soon', wording). */
  private expiryBoundaries = new Map<string, { node: Scope; at: number }>();
  private expiryTimer: { handle: unknown; at: number } | undefined;
  private autoRefresh: unknown;
  private disposed = false;

  constructor(
    private readonly tree: ScheduledTree<Scope>,
    private readonly now: () => number = Date.now,
    private readonly timers: SchedulerTimers = systemTimers,
  ) {}

  /** (Re)arms the auto-refresh interval from the setting (0: none). */
  startAutoRefresh(): void {
    if (this.autoRefresh !== undefined) this.timers.clearInterval(this.autoRefresh);
    this.autoRefresh = undefined;
    const seconds = this.tree.autoRefreshSeconds();
    if (seconds > 0) this.autoRefresh = this.timers.setInterval(() => this.tree.refreshOlderThan(seconds), seconds * 1000);
  }

  /** The window regained focus: what is due for an auto refresh reloads now. */
  windowFocused(): void {
    this.tree.refreshOlderThan(this.tree.autoRefreshSeconds());
  }

  trackReload(key: string, reload: Promise<void>): void {
    this.reloads.set(key, reload);
    // eslint-disable-next-line @typescript-eslint/no-floating-promises -- only clears the entry once settled; callers await reload itself
    void reload.finally(() => {
      if (this.reloads.get(key) === reload) this.reloads.delete(key);
    });
  }

  /** The scope's reload in flight, if any. */
  reloadOf(key: string): Promise<void> | undefined {
    return this.reloads.get(key);
  }

  /** An expanded scope was fired: VS Code will fetch its rows again, and reveal must wait for that. */
  expectFetch(key: string): void {
    const pending = this.awaitingFetch.get(key);
    if (!pending || pending.started) this.awaitingFetch.set(key, { started: false, waiters: [] });
  }

  isFetching(key: string): boolean {
    return this.fetching.has(key);
  }

  /** VS Code started fetching a scope's rows; call the returned function when the fetch ends. */
  fetchStarted(key: string): () => void {
    // Only a fetch that starts after the change event is the re-fetch that reveal waits for.
    const due = this.awaitingFetch.get(key);
    const mine = due && !due.started ? due : undefined;
    if (mine) mine.started = true;
    this.fetching.set(key, (this.fetching.get(key) ?? 0) + 1);
    return () => {
      const left = (this.fetching.get(key) ?? 1) - 1;
      if (left > 0) this.fetching.set(key, left);
      else this.fetching.delete(key);
      if (mine) {
        if (this.awaitingFetch.get(key) === mine) this.awaitingFetch.delete(key);
        for (const done of mine.waiters) done();
      }
    };
  }

  /** Resolves once VS Code has re-fetched a fired, expanded scope (at once when none is due), or after `timeoutMs`. */
  async fetched(key: string, timeoutMs: number): Promise<void> {
    const due = this.awaitingFetch.get(key);
    if (!due) return;
    await new Promise<void>((resolve) => {
      const timer = this.timers.setTimeout(resolve, timeoutMs);
      due.waiters.push(() => {
        this.timers.clearTimeout(timer);
        // VS Code registers the returned rows after the promise settles: let that happen first.
        this.timers.setTimeout(resolve, 0);
      });
    });
  }

  /**
   * Arms one timer for the next moment a loaded row changes with time alone: it expires, turns
   * 'soon', or its wording changes within the hour. Only arms it: redrawing happens when it fires,
   * never inside a getChildren call. `drawn` is a scope whose rows were just produced, so a
   * crossing it was still due for is drawn already.
   */
  scheduleExpiryRedraw(drawn?: string): void {
    if (this.disposed) return;
    const now = this.now();
    const soonDays = this.tree.expiringSoonDays();
    const next = new Map<string, { node: Scope; at: number }>();
    for (const { key, node, secrets } of this.tree.loadedScopes()) {
      // A crossing that passed before the timer came round is still owed its redraw.
      const owed = key === drawn ? undefined : this.expiryBoundaries.get(key);
      const at = owed !== undefined && owed.at <= now ? owed.at : nextExpiryBoundary(secrets, now, soonDays);
      if (at !== undefined) next.set(key, { node, at });
    }
    this.expiryBoundaries = next;
    let first: number | undefined;
    for (const { at } of next.values()) if (first === undefined || at < first) first = at;
    if (this.expiryTimer && this.expiryTimer.at === first) return;
    if (this.expiryTimer) this.timers.clearTimeout(this.expiryTimer.handle);
    this.expiryTimer = undefined;
    if (first === undefined) return;
    this.expiryTimer = { handle: this.timers.setTimeout(() => this.onExpiryTimer(), timerDelay(first, now)), at: first };
  }

  dispose(): void {
    this.disposed = true;
    if (this.autoRefresh !== undefined) this.timers.clearInterval(this.autoRefresh);
    this.autoRefresh = undefined;
    if (this.expiryTimer) this.timers.clearTimeout(this.expiryTimer.handle);
    this.expiryTimer = undefined;
  }

  /**
   * Redraws the scopes whose rows crossed a boundary, without reloading them. A scope VS Code is
   * fetching right now is skipped: that fetch draws the current time, and a second one would overlap it.
   */
  private onExpiryTimer(): void {
    this.expiryTimer = undefined;
    if (this.disposed) return;
    const now = this.now();
    const due: Scope[] = [];
    for (const [key, { node, at }] of this.expiryBoundaries) {
      if (at > now) continue;
      this.expiryBoundaries.delete(key);
      if (!this.fetching.has(key)) due.push(node);
    }
    this.tree.redrawScopes(due);
    this.scheduleExpiryRedraw();
  }
}
