import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AdaptiveController } from '../../../src/stripe/adaptive';
import { ConcurrencyLimiter } from '../../../src/stripe/limiter';
import { FakeClock } from './fakeClock';

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

/** One request sent now and answered `latencyMs` later. */
function roundTrip(c: AdaptiveController, time: ReturnType<typeof clock>, latencyMs: number, answer: 'clean' | '429'): void {
  const sent = c.sent();
  time.advance(latencyMs);
  if (answer === 'clean') c.clean(sent);
  else c.rateLimited(sent);
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

test('while pacing, the pace spaces requests and in-flight is the ceiling, whatever the AIMD window', () => {
  const time = clock();
  const c = new AdaptiveController(32, time.now);
  for (let i = 0; i < 100; i++) roundTrip(c, time, 150, 'clean');
  assert.equal(c.inFlight, 32);
  for (let i = 0; i < 6; i++) roundTrip(c, time, 150, '429');
  assert.equal(c.limit, 1);
  assert.ok(c.intervalMs > 0);
  assert.equal(c.inFlight, 32);
});

test('the ceiling must be a whole number of at least 1', () => {
  assert.throws(() => new AdaptiveController(0, Date.now), RangeError);
  assert.throws(() => new AdaptiveController(2.5, Date.now), RangeError);
});

test('paced from the first request: a fifth of a second at once, then one per interval (fake clock)', async () => {
  const clock = new FakeClock();
  const limiter = new ConcurrencyLimiter(32, { adaptive: true, expectedRate: 25, now: clock.now, setTimer: clock.setTimer });
  const starts: number[] = [];
  const t0 = clock.now();
  await clock.runUntil(Promise.all(Array.from({ length: 10 }, () => limiter.run(async () => void starts.push(clock.now() - t0)))));
  assert.deepEqual(starts.slice(0, 5), [0, 0, 0, 0, 0]);
  const gaps = starts.slice(5).map((t, i) => t - starts[4 + i]);
  assert.ok(
    gaps.every((g) => g >= 40 && g <= 42),
    `gaps ${gaps.join(', ')} ms`,
  );
});

test('a 429 restarts the estimate from empty at its send time: the queue goes as soon as a bucket would have refilled', async () => {
  const clock = new FakeClock();
  const limiter = new ConcurrencyLimiter(32, { adaptive: true, expectedRate: 100, now: clock.now, setTimer: clock.setTimer });
  // 20 sent at once (the burst), the last refused; answered 150 ms later.
  const permits = await Promise.all(Array.from({ length: 20 }, () => limiter.acquire()));
  const sentAt = clock.now();
  await clock.runUntil(clock.sleep(150));
  for (const p of permits.slice(0, 19)) p.release('clean');
  permits[19].release('rate_limited');
  // Empty at the send, 150 ms at 100/s since: 14 whole requests' worth now (a hair under 15), then one per 10 ms.
  const starts: number[] = [];
  await clock.runUntil(Promise.all(Array.from({ length: 16 }, () => limiter.run(async () => void starts.push(clock.now() - sentAt)))));
  assert.deepEqual(starts.slice(0, 14), Array(14).fill(150));
  assert.ok(starts[14] > 150 && starts[14] <= 152, `then ${starts[14]} ms`);
  assert.equal(
    limiter.retryDelayMs(0, 500, () => 0.999),
    0,
    'while pacing a retry waits for the model, not a backoff',
  );
});

test('a burst from full refills from when its first request left the machine, not from an answer', () => {
  const time = clock();
  const seen = new AdaptiveController(32, time.now, { expectedRate: 25 });
  const blind = new AdaptiveController(32, time.now, { expectedRate: 25 });
  const burst = Array.from({ length: 5 }, () => seen.sent());
  for (let i = 0; i < 5; i++) blind.sent();
  const sentAt = time.now();
  time.advance(10);
  seen.written(burst[3]);
  // Another of the burst, or the same again, later: the first write is the one that counts.
  time.advance(5);
  seen.written(burst[0]);
  seen.written(burst[3]);
  // One request's worth at 25/s is 40 ms after the first write, plus a quarter of one (10 ms) for
  // its way to Stripe (and a ms late rather than early).
  const next = seen.nextSendAt() - sentAt;
  assert.ok(next >= 61 && next < 61.01, `next send ${next} ms after the burst`);
  // Not seen leaving: no refill until an answer, or two fills (400 ms) without one.
  assert.equal(blind.nextSendAt() - sentAt, 400);
  // Sent 51 ms after the write, the 6th is not held to the burst's answers.
  time.advance(46);
  assert.equal(seen.nextSendAt(), time.now());
  seen.sent();
  assert.ok(seen.nextSendAt() - time.now() >= 39, 'then the pace');
});

test('a write of a request sent after the burst, or with no burst held, changes nothing', () => {
  const time = clock();
  const c = new AdaptiveController(32, time.now, { expectedRate: 25 });
  const burst = Array.from({ length: 5 }, () => c.sent());
  time.advance(20);
  c.clean(burst[0]);
  const before = c.nextSendAt();
  time.advance(5);
  c.written(burst[1]);
  assert.equal(c.nextSendAt(), before, 'once an answer has placed the refill, a write does not move it');
  const unpaced = new AdaptiveController(4, time.now);
  const sent = unpaced.sent();
  unpaced.written(sent);
  assert.equal(unpaced.nextSendAt(), time.now());
});

test("the limiter passes a permit's write to its controller once, and not after release", async () => {
  const fake = new FakeClock();
  const limiter = new ConcurrencyLimiter(32, { adaptive: true, expectedRate: 25, now: fake.now, setTimer: fake.setTimer });
  const t0 = fake.now();
  const burst = await Promise.all(Array.from({ length: 5 }, () => limiter.acquire()));
  // Waiting already, on a wait armed while the burst was held.
  const sixth = limiter.acquire().then((p) => ({ p, at: fake.now() - t0 }));
  await fake.runUntil(fake.sleep(10));
  burst[0].written();
  const { p, at } = await fake.runUntil(sixth);
  assert.ok(at >= 61 && at <= 62, `the 6th goes a request's worth and a quarter after the write, with no answer in (at ${at} ms)`);
  for (const q of [...burst, p]) q.release('clean');
  p.written();
});

test('a refusal the corrected model did not expect shrinks the burst it assumes', () => {
  let t = 0;
  const c = new AdaptiveController(32, () => t, { expectedRate: 100 });
  const first = c.sent();
  t = 150;
  c.rateLimited(first);
  // 15 requests' worth by the model; the server took one and refused the next.
  const ok = c.sent();
  const refused = c.sent();
  t = 300;
  c.clean(ok);
  c.rateLimited(refused);
  assert.equal(c.snapshot().burst, 1);
});

test('three 429s within a second at under 90% of the rate cut the pace by a tenth; one does not', () => {
  let t = 0;
  const c = new AdaptiveController(32, () => t, { expectedRate: 25 });
  // Two seconds at 10/s, all accepted.
  for (; t < 2000; t += 100) c.clean(c.sent());
  c.rateLimited(c.sent());
  assert.equal(c.snapshot().rate, 25, 'one 429');
  t += 100;
  c.rateLimited(c.sent());
  t += 100;
  c.rateLimited(c.sent());
  assert.ok(Math.abs(c.snapshot().rate - 22.5) < 1e-9, `rate ${c.snapshot().rate}`);
  for (let i = 0; i < 500; i++) c.clean(c.sent());
  assert.ok(c.snapshot().rate > 24 && c.snapshot().rate <= 25, 'clean answers bring it back, never past the expected rate');
});

test('a retry acquires ahead of the waiting requests', async () => {
  const limiter = new ConcurrencyLimiter(1);
  const held = await limiter.acquire();
  const order: string[] = [];
  const later = limiter.acquire().then((p) => {
    order.push('later');
    p.release('clean');
  });
  const retry = limiter.acquire(undefined, true).then((p) => {
    order.push('retry');
    p.release('clean');
  });
  held.release('clean');
  await Promise.all([later, retry]);
  assert.deepEqual(order, ['retry', 'later']);
});

test('a 429 backoff is exponential while there is no pace', () => {
  const limiter = new ConcurrencyLimiter(8, { adaptive: true });
  const max = () => 0.999;
  assert.equal(limiter.retryDelayMs(3, 500, max), Math.floor(0.999 * 4000));
  assert.equal(new ConcurrencyLimiter(8).retryDelayMs(1, 500, max), Math.floor(0.999 * 1000));
});
