import { test } from 'node:test';
import assert from 'node:assert/strict';
import { getEventListeners } from 'node:events';
import { ConcurrencyLimiter, LimiterPool, type Permit } from '../../../src/stripe/limiter';
import { FakeClock } from './fakeClock';

/** Recording fakes for Node's own timers, in place only while `run` runs its function (synchronously): for the limiter's default setTimer. */
function fakeNodeTimers() {
  const timeouts = new Map<object, number>();
  const immediates = new Map<object, () => void>();
  const fakes = {
    setTimeout: (_fn: () => void, ms: number) => {
      const handle = {};
      timeouts.set(handle, ms);
      return handle;
    },
    clearTimeout: (handle: object) => void timeouts.delete(handle),
    setImmediate: (fn: () => void) => {
      const handle = {};
      immediates.set(handle, fn);
      return handle;
    },
    clearImmediate: (handle: object) => void immediates.delete(handle),
  };
  const run = (fn: () => void): void => {
    const saved = {
      setTimeout: globalThis.setTimeout,
      clearTimeout: globalThis.clearTimeout,
      setImmediate: globalThis.setImmediate,
      clearImmediate: globalThis.clearImmediate,
    };
    Object.assign(globalThis, fakes);
    try {
      fn();
    } finally {
      Object.assign(globalThis, saved);
    }
  };
  return { timeouts, immediates, run };
}

/** A clock set by hand (fractions of a ms allowed) whose timers only record what was armed. */
function manualClock() {
  const clock = {
    t: 0,
    now: () => clock.t,
    armed: [] as Array<{ at: number; cancelled: boolean }>,
    setTimer: (_fn: () => void, ms: number) => {
      const timer = { at: clock.t + ms, cancelled: false };
      clock.armed.push(timer);
      return () => void (timer.cancelled = true);
    },
  };
  return clock;
}

async function burst(limiter: ConcurrencyLimiter, n: number): Promise<Permit[]> {
  const permits: Permit[] = [];
  for (let i = 0; i < n; i++) permits.push(await limiter.acquire());
  return permits;
}

test('a max that is not a whole number of at least 1 is refused with a message saying so', () => {
  for (const max of [0, -1, 2.5, NaN]) {
    assert.throws(() => new ConcurrencyLimiter(max), { name: 'RangeError', message: 'max must be a whole number of at least 1' });
  }
});

test('with the default timers, the next send of a spread burst waits one turn of the event loop, not a timer', () => {
  const limiter = new ConcurrencyLimiter(32, { adaptive: true, expectedRate: 25, spreadBursts: true, now: () => 1_000 });
  limiter.acquire().catch(() => undefined);
  const { timeouts, immediates, run } = fakeNodeTimers();
  run(() => {
    limiter.acquire().catch(() => undefined);
    limiter.acquire().catch(() => undefined);
  });
  assert.equal(limiter.active, 2, 'the first two go in this turn');
  assert.equal(limiter.waiting, 1, 'the third waits for the next turn');
  assert.equal(timeouts.size, 0, 'no timer (its 1 ms minimum) for a turn of the loop');
  assert.equal(immediates.size, 1);
  run(() => [...immediates.values()][0]());
  assert.equal(limiter.active, 3, 'the next turn lets the third go');
});

test('with the default timers, a pacing wait moved earlier cancels the one armed before', async () => {
  const limiter = new ConcurrencyLimiter(32, { adaptive: true, expectedRate: 25, now: () => 1_000 });
  const permits = await burst(limiter, 5);
  const { timeouts, run } = fakeNodeTimers();
  run(() => {
    limiter.acquire().catch(() => undefined);
  });
  // Armed until the held burst's limit, 400 ms (two fills of 5 at 25/s).
  assert.deepEqual([...timeouts.values()], [400]);
  // Seen leaving: the refill starts a quarter interval from now, and the next send is one interval after that.
  run(() => permits[0].written());
  assert.deepEqual([...timeouts.values()], [52], 'only the earlier wait is left armed');
});

test('a task that succeeds counts as a clean answer: the window grows back after a 429', async () => {
  const clock = new FakeClock();
  const limiter = new ConcurrencyLimiter(32, { adaptive: true, now: clock.now, setTimer: clock.setTimer });
  (await limiter.acquire()).release('rate_limited');
  assert.equal(limiter.state().window, 16);
  assert.equal(await limiter.run(async () => 'ok'), 'ok');
  assert.equal(limiter.state().window, 17);
});

test('a request that failed for a reason other than a 429 leaves the window as it was', async () => {
  const clock = new FakeClock();
  const limiter = new ConcurrencyLimiter(32, { adaptive: true, now: clock.now, setTimer: clock.setTimer });
  (await limiter.acquire()).release('other');
  await assert.rejects(
    limiter.run(async () => {
      throw new Error('connection reset');
    }),
    /connection reset/,
  );
  assert.equal(limiter.state().window, 32);
});

test("a burst answered only with connection errors ends its hold: the next request goes at the pace, not at the hold's limit", async () => {
  const clock = new FakeClock();
  const start = clock.now();
  const limiter = new ConcurrencyLimiter(32, { adaptive: true, expectedRate: 25, now: clock.now, setTimer: clock.setTimer });
  const permits = await burst(limiter, 5);
  const sixth = limiter.acquire();
  await clock.runUntil(clock.sleep(150));
  for (const p of permits) p.release('other');
  await clock.runUntil(sixth);
  // The hold would have lasted 400 ms; 150 ms of refill at 25/s is more than a request's worth.
  assert.equal(clock.now() - start, 150);
});

test('releasing a permit twice frees its slot only once', async () => {
  const limiter = new ConcurrencyLimiter(1);
  const p = await limiter.acquire();
  p.release('clean');
  p.release('clean');
  await limiter.acquire();
  limiter.acquire().catch(() => undefined);
  assert.equal(limiter.active, 1);
  assert.equal(limiter.waiting, 1);
});

test('a write reported after the answer is ignored: the pacing wait is not armed again', async () => {
  const clock = manualClock();
  const limiter = new ConcurrencyLimiter(32, { adaptive: true, expectedRate: 25, now: clock.now, setTimer: clock.setTimer });
  const permits = await burst(limiter, 5);
  permits[0].written();
  limiter.acquire().catch(() => undefined);
  clock.t = 10;
  permits[1].release('clean');
  const armed = clock.armed.length;
  clock.t = 10.5;
  permits[1].written();
  assert.equal(clock.armed.length, armed);
  assert.equal(clock.armed.filter((t) => !t.cancelled).length, 1);
});

test('requests queued behind a pacing wait share one timer', async () => {
  const clock = new FakeClock();
  const start = clock.now();
  let armed = 0;
  const limiter = new ConcurrencyLimiter(32, {
    adaptive: true,
    expectedRate: 25,
    now: clock.now,
    setTimer: (fn, ms) => {
      armed++;
      return clock.setTimer(fn, ms);
    },
  });
  const permits = await burst(limiter, 5);
  permits[0].written();
  const queued = [limiter.acquire(), limiter.acquire(), limiter.acquire()];
  assert.equal(armed, 1);
  const startedAt: number[] = [];
  await clock.runUntil(Promise.all(queued.map((p) => p.then(() => startedAt.push(clock.now() - start)))));
  // An interval (40 ms at 25/s) apart, the first a quarter interval and a ms later for the way to Stripe.
  assert.deepEqual(startedAt, [52, 92, 132]);
});

test('a limiter used again is kept over idle ones used less recently', () => {
  const pool = new LimiterPool(() => new ConcurrencyLimiter(1));
  const first = pool.get('acct_0');
  const second = pool.get('acct_1');
  for (let i = 2; i < 1000; i++) pool.get(`acct_${i}`);
  assert.equal(pool.get('acct_0'), first);
  pool.get('acct_new');
  assert.equal(pool.size, 1000);
  assert.equal(pool.get('acct_0'), first, 'used again, it is no longer the stalest');
  assert.notEqual(pool.get('acct_1'), second, 'the stalest idle one was dropped');
});

test('a limiter with a request waiting for its pace (none in flight) is not dropped from the pool', async () => {
  const clock = new FakeClock();
  const pool = new LimiterPool(
    () => new ConcurrencyLimiter(32, { adaptive: true, expectedRate: 1, now: clock.now, setTimer: clock.setTimer }),
  );
  const paced = pool.get('acct_paced');
  const permit = await paced.acquire();
  paced.acquire().catch(() => undefined);
  permit.release('clean');
  assert.equal(paced.active, 0);
  assert.equal(paced.waiting, 1);
  for (let i = 0; i < 999; i++) pool.get(`acct_${i}`);
  pool.get('acct_new');
  assert.equal(pool.size, 1000);
  assert.equal(pool.get('acct_paced'), paced);
});

test('a granted request stops listening to its signal', async () => {
  const limiter = new ConcurrencyLimiter(1);
  const controller = new AbortController();
  const permit = await limiter.acquire(controller.signal);
  assert.equal(getEventListeners(controller.signal, 'abort').length, 0);
  permit.release('clean');
});

test('a waiting request aborted lets go of its signal', async () => {
  const limiter = new ConcurrencyLimiter(1);
  const held = await limiter.acquire();
  const controller = new AbortController();
  const waiting = limiter.acquire(controller.signal);
  assert.equal(getEventListeners(controller.signal, 'abort').length, 1);
  controller.abort();
  await assert.rejects(waiting, { name: 'AbortError' });
  assert.equal(getEventListeners(controller.signal, 'abort').length, 0);
  held.release('clean');
});
