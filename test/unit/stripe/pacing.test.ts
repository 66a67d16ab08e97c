/**
 * The controller against the emulator's two limiter shapes, on a simulated clock (1 ms steps, no
 * timers): every request is listed once, the server counts it when it arrives (at its send time)
 * and answers after the latency; a 429 is retried after the limiter's own backoff, ahead of the
 * queue. What matters is the finishing time against the rate-limit bound.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AdaptiveController } from '../../../src/stripe/adaptive';
import { SlidingWindow, TokenBucket, type RequestLimiter } from '../../../src/emulator/rateLimiter';

interface Run {
  finishedMs: number;
  rejected: number;
  /** Most requests accepted within any 1,000 ms. */
  maxPerSecond: number;
}

/** `jitterMs`: each request reaches the server up to that much after it was sent (a busy machine, the network). */
function simulate(requests: number, server: (now: () => number) => RequestLimiter, expectedRate: number | undefined, latencyMs = 150, jitterMs = 0): Run {
  let t = 0;
  const now = () => t;
  const limiter = server(now);
  const c = new AdaptiveController(32, now, expectedRate === undefined ? {} : { expectedRate });
  let queue = requests;
  const retries: number[] = [];
  const inFlight: Array<{ sentAt: number; arriveAt: number; answerAt: number; ok: boolean }> = [];
  const acceptedAt: number[] = [];
  let done = 0;
  let rejected = 0;
  let rng = 1;
  const random = () => ((rng = (rng * 48271) % 2147483647) / 2147483647);
  for (; done < requests; t++) {
    if (t > 120_000) throw new Error('did not finish in two minutes');
    for (const r of inFlight) {
      // Sent this tick and arrived at once: decided when sent, below.
      if (r.arriveAt !== t) continue;
      r.ok = limiter.tryTake();
      if (r.ok) acceptedAt.push(t);
    }
    for (let i = inFlight.length - 1; i >= 0; i--) {
      const r = inFlight[i];
      if (r.answerAt !== t) continue;
      inFlight.splice(i, 1);
      if (r.ok) {
        c.clean(r.sentAt);
        done++;
      } else {
        c.rateLimited(r.sentAt);
        rejected++;
        // As ConcurrencyLimiter.retryDelayMs while pacing: up to a few intervals.
        retries.push(t + Math.floor(random() * 2 * Math.min(500, Math.max(10, 2 * c.intervalMs))));
      }
    }
    for (;;) {
      const due = retries.findIndex((at) => at <= t);
      const waiting = due >= 0 || queue > 0;
      if (!waiting || inFlight.length >= c.inFlight || c.nextSendAt() > t) break;
      if (due >= 0) retries.splice(due, 1);
      else queue--;
      const sentAt = c.sent();
      const arriveAt = t + Math.floor(random() * (jitterMs + 1));
      const r = { sentAt, arriveAt, answerAt: arriveAt + latencyMs, ok: false };
      if (arriveAt === t) {
        r.ok = limiter.tryTake();
        if (r.ok) acceptedAt.push(t);
      }
      inFlight.push(r);
    }
  }
  let maxPerSecond = 0;
  for (let i = 0, j = 0; i < acceptedAt.length; i++) {
    while (acceptedAt[j] <= acceptedAt[i] - 1000) j++;
    maxPerSecond = Math.max(maxPerSecond, i - j + 1);
  }
  return { finishedMs: t, rejected, maxPerSecond };
}

const sliding = (rate: number) => (now: () => number) => new SlidingWindow(rate, now);
const bucket = (rate: number) => (now: () => number) => new TokenBucket(rate, Math.round(rate / 5), now);

for (const rate of [25, 100]) {
  test(`against a strict sliding window at ${rate}/s, 201 lists finish within 1.10x of the bound with no 429`, () => {
    const run = simulate(201, sliding(rate), rate);
    const bound = (201 / rate) * 1000;
    assert.ok(run.finishedMs <= bound * 1.1, `${run.finishedMs} ms for a bound of ${bound} ms`);
    assert.equal(run.rejected, 0);
    assert.ok(run.maxPerSecond <= rate);
  });

  test(`against a token bucket at ${rate}/s (bursts of rate/5), 201 lists finish within 1.10x of the bound`, () => {
    const run = simulate(201, bucket(rate), rate);
    const bound = (201 / rate) * 1000;
    assert.ok(run.finishedMs <= bound * 1.1, `${run.finishedMs} ms for a bound of ${bound} ms`);
    assert.equal(run.rejected, 0);
  });
}

test('11 lists of one account go out as a burst then at the pace, inside both limiter shapes (25/s)', () => {
  for (const server of [sliding(25), bucket(25)]) {
    const run = simulate(11, server, 25);
    // 5 at once, 6 more 40 ms apart, then one round trip: 390 ms against a bound of 440.
    assert.ok(run.finishedMs <= 440, `${run.finishedMs} ms`);
    assert.equal(run.rejected, 0);
  }
});

test('a limit under the expected rate is learnt from the 429s and then held, against a sliding window', () => {
  // Stripe lowered this account to 10/s; the client expects 25.
  const run = simulate(200, sliding(10), 25);
  assert.ok(run.finishedMs <= 20_000 * 1.15, `${run.finishedMs} ms for a bound of 20,000`);
  assert.ok(run.rejected < 60, `${run.rejected} 429s`);
});

test('with up to 10 ms between sending and arriving the window still sees no 429; with up to 60 ms, 25/s stays within 1.10x', () => {
  for (const rate of [25, 100]) {
    const run = simulate(201, sliding(rate), rate, 150, 10);
    assert.equal(run.rejected, 0, `${rate}/s: ${run.rejected} 429s`);
  }
  const run = simulate(201, sliding(25), 25, 150, 60);
  assert.ok(run.finishedMs <= 8040 * 1.1, `${run.finishedMs} ms for a bound of 8,040 ms (${run.rejected} 429s)`);
  assert.ok(run.maxPerSecond <= 25);
});

test('without an expected rate the pace is still learnt against a sliding window', () => {
  const run = simulate(201, sliding(25), undefined);
  assert.ok(run.finishedMs <= 8040 * 1.3, `${run.finishedMs} ms`);
});

test('the client-side window never lets more than the pace through in any second, whatever the burst allowance', () => {
  let t = 0;
  const c = new AdaptiveController(1000, () => t, { expectedRate: 10, burst: 10 });
  const sends: number[] = [];
  for (; t < 5000; t++) {
    while (c.nextSendAt() <= t) {
      c.clean(c.sent());
      sends.push(t);
    }
  }
  for (let i = 0; i < sends.length; i++) {
    const within = sends.filter((s) => s > sends[i] - 1000 && s <= sends[i]).length;
    assert.ok(within <= Math.floor(10 + (t * 0.02)), `${within} sends in the second before ${sends[i]} ms`);
  }
});
