import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AdaptiveController } from '../../../src/stripe/adaptive';
import { ConcurrencyLimiter } from '../../../src/stripe/limiter';

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

/** The real clock plus a skip: the limiter's own timers still run, and a second passes at once. */
function skippingClock() {
  let skipped = 0;
  return { now: () => Date.now() + skipped, skip: (ms: number) => void (skipped += ms) };
}

/** One request sent now and answered `latencyMs` later. */
function roundTrip(c: AdaptiveController, time: ReturnType<typeof clock>, latencyMs: number, answer: 'clean' | '429'): void {
  const sentAt = c.sent();
  time.advance(latencyMs);
  if (answer === 'clean') c.clean(sentAt);
  else c.rateLimited(sentAt);
}

test('starts at the ceiling, without pacing', () => {
  const c = new AdaptiveController(16, clock().now);
  assert.equal(c.limit, 16);
  assert.equal(c.intervalMs, 0);
});

test('halves on a 429 and grows back by one per clean answer, never past the ceiling', () => {
  const time = clock();
  const c = new AdaptiveController(16, time.now);
  roundTrip(c, time, 100, '429');
  assert.equal(c.limit, 8);
  roundTrip(c, time, 100, '429');
  assert.equal(c.limit, 4);
  for (let i = 0; i < 3; i++) roundTrip(c, time, 100, 'clean');
  assert.equal(c.limit, 7);
  for (let i = 0; i < 50; i++) roundTrip(c, time, 100, 'clean');
  assert.equal(c.limit, 16);
  for (let i = 0; i < 10; i++) roundTrip(c, time, 100, '429');
  assert.equal(c.limit, 1, 'never below one');
});

test('429s for requests sent before the last cut are one congestion event', () => {
  const time = clock();
  const c = new AdaptiveController(16, time.now);
  const burst = [c.sent(), c.sent(), c.sent()];
  time.advance(100);
  assert.equal(c.rateLimited(burst[0]), true);
  assert.equal(c.rateLimited(burst[1]), false);
  assert.equal(c.rateLimited(burst[2]), false);
  assert.equal(c.limit, 8);
});

test('paces at the rate Stripe accepted over the last second, then probes upwards while clean', () => {
  const time = clock();
  const c = new AdaptiveController(32, time.now);
  // 25 clean answers a second for two seconds, then a 429.
  for (let i = 0; i < 50; i++) roundTrip(c, time, 40, 'clean');
  assert.equal(c.intervalMs, 0, 'no pacing before any 429');
  roundTrip(c, time, 0, '429');
  const rate = 1000 / c.intervalMs;
  assert.ok(rate > 20 && rate <= 25, `paced at ${rate}/s`);
  roundTrip(c, time, 40, 'clean');
  assert.ok(1000 / c.intervalMs > rate, 'grows on a clean answer');
});

test('a 429 in the first second (the burst) cuts the window but sets no pace', () => {
  const time = clock();
  const c = new AdaptiveController(32, time.now);
  for (let i = 0; i < 5; i++) roundTrip(c, time, 10, 'clean');
  roundTrip(c, time, 10, '429');
  assert.equal(c.intervalMs, 0);
  assert.equal(c.limit, 16);
});

test('while pacing, in-flight never drops below what the paced rate needs at the observed latency', () => {
  const time = clock();
  const c = new AdaptiveController(32, time.now);
  for (let i = 0; i < 100; i++) roundTrip(c, time, 150, 'clean');
  for (let i = 0; i < 6; i++) roundTrip(c, time, 150, '429');
  assert.equal(c.limit, 1);
  const rate = 1000 / c.intervalMs;
  assert.ok(c.inFlight >= Math.ceil((rate * 150) / 1000), `in flight ${c.inFlight} at ${rate}/s`);
  assert.ok(c.inFlight <= 32);
});

test('the ceiling must be a whole number of at least 1', () => {
  assert.throws(() => new AdaptiveController(0, Date.now), RangeError);
  assert.throws(() => new AdaptiveController(2.5, Date.now), RangeError);
});

test('an adaptive limiter spaces starts by the pacing interval', async () => {
  const time = skippingClock();
  const limiter = new ConcurrencyLimiter(8, { adaptive: true, now: time.now });
  // Teach it a pace: more than a second of clean answers, then a 429.
  const first = await limiter.acquire();
  time.skip(1010);
  first.release('clean');
  (await limiter.acquire()).release('rate_limited');
  const interval = 1000 / limiter.state().rate;
  assert.ok(interval >= 500, `interval ${interval} ms`);
  const starts: number[] = [];
  await Promise.all([0, 1, 2].map(() => limiter.run(async () => void starts.push(time.now()))));
  const gaps = starts.slice(1).map((t, i) => t - starts[i]);
  // Each clean answer speeds the pace up a little, so the last interval is the shortest.
  const shortest = 1000 / limiter.state().rate;
  assert.ok(gaps.every((g) => g >= shortest - 15), `gaps ${gaps.join(', ')} ms for intervals ${interval}..${shortest} ms`);
});

test('a retry acquires ahead of the waiting requests', async () => {
  const limiter = new ConcurrencyLimiter(1);
  const held = await limiter.acquire();
  const order: string[] = [];
  const later = limiter.acquire().then((p) => { order.push('later'); p.release('clean'); });
  const retry = limiter.acquire(undefined, true).then((p) => { order.push('retry'); p.release('clean'); });
  held.release('clean');
  await Promise.all([later, retry]);
  assert.deepEqual(order, ['retry', 'later']);
});

test('a 429 backoff is exponential until pacing starts, then capped at a few pacing intervals', async () => {
  const time = clock();
  const limiter = new ConcurrencyLimiter(8, { adaptive: true, now: time.now });
  const max = () => 0.999;
  assert.equal(limiter.retryDelayMs(3, 500, max), Math.floor(0.999 * 4000));
  const first = await limiter.acquire();
  time.advance(1010);
  first.release('clean');
  (await limiter.acquire()).release('rate_limited');
  const interval = 1000 / limiter.state().rate;
  // Retry 6 waits like retry 2 (x4), from the smaller of the base and two intervals: 2 s here, not 8.
  assert.equal(limiter.retryDelayMs(6, 500, max), Math.floor(0.999 * 4 * Math.min(500, 2 * interval)));
});
