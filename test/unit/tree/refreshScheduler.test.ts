import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RefreshScheduler, type ScheduledTree, type SchedulerTimers } from '../../../src/tree/refreshScheduler';
import { MIN_TIMER_DELAY_MS } from '../../../src/tree/expiryTimer';

/** A clock whose timers run only when `advance` passes their time. */
class FakeClock implements SchedulerTimers {
  now = Date.UTC(2026, 5, 15, 12, 0, 0);
  private next = 1;
  private readonly timers = new Map<number, { at: number; callback: () => void; every?: number }>();

  setTimeout(callback: () => void, ms: number): unknown {
    const id = this.next++;
    this.timers.set(id, { at: this.now + ms, callback });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  setInterval(callback: () => void, ms: number): unknown {
    const id = this.next++;
    this.timers.set(id, { at: this.now + ms, callback, every: ms });
    return id;
  }
  clearInterval(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  get pending(): number {
    return this.timers.size;
  }
  advance(ms: number): void {
    const end = this.now + ms;
    for (;;) {
      const due = [...this.timers].filter(([, t]) => t.at <= end).sort(([, a], [, b]) => a.at - b.at)[0];
      if (!due) break;
      const [id, timer] = due;
      this.now = timer.at;
      if (timer.every) timer.at += timer.every;
      else this.timers.delete(id);
      timer.callback();
    }
    this.now = end;
  }
}

interface Scope {
  key: string;
  expiresAt: number | null;
}

function setup(options: { autoRefreshSeconds?: number; scopes?: Scope[] } = {}) {
  const clock = new FakeClock();
  const scopes = options.scopes ?? [];
  const redrawn: string[][] = [];
  const refreshed: number[] = [];
  const tree: ScheduledTree<Scope> = {
    loadedScopes: () => scopes.map((s) => ({ key: s.key, node: s, secrets: [{ expiresAt: s.expiresAt }] })),
    expiringSoonDays: () => 0,
    autoRefreshSeconds: () => options.autoRefreshSeconds ?? 0,
    redrawScopes: (nodes) => redrawn.push(nodes.map((n) => n.key)),
    refreshOlderThan: (seconds) => refreshed.push(seconds),
  };
  const scheduler = new RefreshScheduler(tree, () => clock.now, clock);
  return { clock, scheduler, redrawn, refreshed, scopes };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

test('the auto refresh ticks at its interval, is re-armed by startAutoRefresh, and stops on dispose', () => {
  const { clock, scheduler, refreshed } = setup({ autoRefreshSeconds: 30 });
  scheduler.startAutoRefresh();
  clock.advance(29_999);
  assert.deepEqual(refreshed, []);
  clock.advance(1);
  assert.deepEqual(refreshed, [30]);
  scheduler.startAutoRefresh();
  assert.equal(clock.pending, 1, 'the old interval is cleared');
  clock.advance(60_000);
  assert.deepEqual(refreshed, [30, 30, 30]);
  scheduler.dispose();
  assert.equal(clock.pending, 0);
});

test('no auto refresh at 0 seconds; a focused window still asks for what is due', () => {
  const { clock, scheduler, refreshed } = setup({ autoRefreshSeconds: 0 });
  scheduler.startAutoRefresh();
  assert.equal(clock.pending, 0);
  scheduler.windowFocused();
  assert.deepEqual(refreshed, [0]);
});

test('a reload is tracked until it settles, and a newer one replaces it', async () => {
  const { scheduler } = setup();
  let finish!: () => void;
  const first = new Promise<void>((resolve) => (finish = resolve));
  scheduler.trackReload('s', first);
  assert.equal(scheduler.reloadOf('s'), first);
  const second = Promise.resolve();
  scheduler.trackReload('s', second);
  finish();
  await settle();
  assert.equal(scheduler.reloadOf('s'), undefined, 'the newer reload settled too');
  assert.equal(scheduler.reloadOf('other'), undefined);
});

test('fetched resolves at once when no re-fetch is due', async () => {
  const { scheduler } = setup();
  await scheduler.fetched('s', 3000);
});

test('fetched waits for the fetch that starts after the scope was fired, not one already running', async () => {
  const { clock, scheduler } = setup();
  const earlier = scheduler.fetchStarted('s');
  scheduler.expectFetch('s');
  let done = false;
  const waiting = scheduler.fetched('s', 3000).then(() => (done = true));
  earlier();
  clock.advance(0);
  await settle();
  assert.equal(done, false, 'a fetch started before the change event is not the re-fetch');
  const refetch = scheduler.fetchStarted('s');
  assert.equal(scheduler.isFetching('s'), true);
  refetch();
  assert.equal(scheduler.isFetching('s'), false);
  await settle();
  assert.equal(done, false, 'VS Code registers the rows after the fetch settles: one more turn');
  clock.advance(0);
  await waiting;
  assert.equal(done, true);
  await scheduler.fetched('s', 3000);
});

test('fetched gives up after its timeout when VS Code never re-fetches', async () => {
  const { clock, scheduler } = setup();
  scheduler.expectFetch('s');
  let done = false;
  const waiting = scheduler.fetched('s', 3000).then(() => (done = true));
  clock.advance(2999);
  await settle();
  assert.equal(done, false);
  clock.advance(1);
  await waiting;
});

test('overlapping fetches of one scope: it is fetching until the last ends', () => {
  const { scheduler } = setup();
  const a = scheduler.fetchStarted('s');
  const b = scheduler.fetchStarted('s');
  a();
  assert.equal(scheduler.isFetching('s'), true);
  b();
  assert.equal(scheduler.isFetching('s'), false);
});

test('the expiry timer redraws the scope whose secret expired, then arms for the next one', () => {
  const expiresSoon = { key: 'a', expiresAt: null as number | null };
  const expiresLater = { key: 'b', expiresAt: null as number | null };
  const { clock, scheduler, redrawn, scopes } = setup();
  expiresSoon.expiresAt = (clock.now + 5000) / 1000;
  expiresLater.expiresAt = (clock.now + 20_000) / 1000;
  scopes.push(expiresSoon, expiresLater);
  scheduler.scheduleExpiryRedraw();
  assert.equal(clock.pending, 1, 'one timer, for the first boundary');
  clock.advance(4999);
  assert.deepEqual(redrawn, []);
  clock.advance(1);
  assert.deepEqual(redrawn, [['a']]);
  clock.advance(15_000);
  assert.deepEqual(redrawn, [['a'], ['b']]);
  assert.equal(clock.pending, 0, 'nothing left to wait for');
});

test('a scope VS Code is fetching when its boundary passes is not redrawn: that fetch draws the current time', () => {
  const { clock, scheduler, redrawn, scopes } = setup();
  scopes.push({ key: 'a', expiresAt: (clock.now + 5000) / 1000 });
  scheduler.scheduleExpiryRedraw();
  const ended = scheduler.fetchStarted('a');
  clock.advance(5000);
  assert.deepEqual(redrawn, [[]]);
  ended();
});

test('a crossing that passed before the timer came round is still owed, unless that scope was just drawn', () => {
  const { clock, scheduler, scopes } = setup();
  scopes.push({ key: 'a', expiresAt: (clock.now + 5000) / 1000 });
  scheduler.scheduleExpiryRedraw();
  clock.now += 6000; // the boundary passed; its timer has not run yet
  scheduler.scheduleExpiryRedraw();
  assert.equal(clock.pending, 1, 'still armed for the owed redraw');
  scheduler.scheduleExpiryRedraw('a');
  assert.equal(clock.pending, 0, 'drawn already, and the secret has no later boundary');
});

test('the expiry timer is never sooner than the minimum delay, and nothing is armed after dispose', () => {
  const { clock, scheduler, redrawn, scopes } = setup();
  scopes.push({ key: 'a', expiresAt: (clock.now + 10) / 1000 });
  scheduler.scheduleExpiryRedraw();
  clock.advance(MIN_TIMER_DELAY_MS - 1);
  assert.deepEqual(redrawn, []);
  scheduler.dispose();
  assert.equal(clock.pending, 0);
  scheduler.scheduleExpiryRedraw();
  assert.equal(clock.pending, 0);
});
