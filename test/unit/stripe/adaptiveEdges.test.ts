import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AdaptiveController, RoundTripFloor } from '../../../src/stripe/adaptive';

function clock(start = 0) {
  let now = start;
  return { now: () => now, advance: (ms: number) => void (now += ms), set: (ms: number) => void (now = ms) };
}

type Clock = ReturnType<typeof clock>;

/** Clean answers, one request every `step` ms from `from` until before `to`. */
function cleanEvery(c: AdaptiveController, time: Clock, from: number, to: number, step: number): void {
  for (let t = from; t < to; t += step) {
    time.set(t);
    c.clean(c.sent());
  }
}

/** A request sent at `at`, refused `after` ms later. */
function refuseAt(c: AdaptiveController, time: Clock, at: number, after: number): void {
  time.set(at);
  const refused = c.sent();
  time.set(at + after);
  c.rateLimited(refused);
}

test('the round-trip floor keeps the least non-negative round trip, zero included', () => {
  const floor = new RoundTripFloor();
  assert.equal(floor.ms, 0, 'before any answer');
  floor.observe(-5);
  assert.equal(floor.ms, 0, 'a negative round trip (a clock step) is ignored');
  floor.observe(10);
  assert.equal(floor.ms, 10);
  floor.observe(20);
  assert.equal(floor.ms, 10, 'a longer round trip does not raise it');
  floor.observe(0);
  assert.equal(floor.ms, 0, 'a zero round trip is the least');
  floor.observe(5);
  assert.equal(floor.ms, 0);
});

test('the options are checked with a message saying what is wrong', () => {
  assert.throws(() => new AdaptiveController(0, Date.now), { name: 'RangeError', message: 'ceiling must be a whole number of at least 1' });
  for (const expectedRate of [0, -1, Infinity, NaN]) {
    assert.throws(
      () => new AdaptiveController(4, Date.now, { expectedRate }),
      { name: 'RangeError', message: 'expectedRate must be a positive number' },
      `expectedRate ${expectedRate}`,
    );
  }
  assert.equal(new AdaptiveController(4, Date.now, { expectedRate: 0.5 }).snapshot().rate, 0.5);
});

test('the default burst is a fifth of a second of the expected rate, or one without a rate', () => {
  assert.equal(new AdaptiveController(4, Date.now).snapshot().burst, 1);
  assert.equal(new AdaptiveController(4, Date.now, { expectedRate: 25 }).snapshot().burst, 5);
});

test('without a pace the next send is always now, whatever the burst option', () => {
  const time = clock(1000);
  const c = new AdaptiveController(4, time.now, { burst: NaN });
  c.sent();
  assert.equal(c.nextSendAt(), 1000);
});

test('latency is 0 before any answer, then smoothed: four parts the old, one part the new', () => {
  const time = clock(1000);
  const c = new AdaptiveController(4, time.now);
  assert.equal(c.latency, 0);
  const a = c.sent();
  time.advance(100);
  c.clean(a);
  assert.equal(c.latency, 100);
  const b = c.sent();
  time.advance(200);
  c.clean(b);
  assert.ok(Math.abs(c.latency - 120) < 1e-9, `latency ${c.latency}`);
});

test('an unpaced controller never holds a burst', () => {
  const c = new AdaptiveController(4, clock().now);
  assert.equal(c.holding, false);
  c.sent();
  assert.equal(c.holding, false);
});

test('a send a whole second after the last, from a full model, is held as a new burst', () => {
  const time = clock(0);
  const c = new AdaptiveController(32, time.now, { expectedRate: 25 });
  const burst = Array.from({ length: 5 }, () => c.sent());
  assert.equal(c.holding, true);
  time.set(50);
  for (const s of burst) c.clean(s);
  assert.equal(c.holding, false);
  // Exactly a second after the last send; the model has refilled (counted at the send itself).
  time.set(1000);
  c.sent();
  assert.equal(c.holding, true);
});

test('a burst seen leaving is not held to what its answers have accepted so far', () => {
  const time = clock(0);
  const c = new AdaptiveController(32, time.now, { expectedRate: 25 });
  const burst = Array.from({ length: 5 }, () => c.sent());
  time.set(10);
  c.written(burst[0]);
  time.set(210);
  c.clean(burst[0]);
  // Five requests' worth refilled since the write: two more may go now, though only one was accepted.
  assert.equal(c.nextSendAt(), 210);
  c.sent();
  assert.equal(c.nextSendAt(), 210);
});

test('a burst not seen leaving counts no refill until an answer or its deadline, then refills from its send', () => {
  const time = clock(0);
  const c = new AdaptiveController(32, time.now, { expectedRate: 25 });
  for (let i = 0; i < 5; i++) c.sent();
  // 2.5 requests' worth since the send, but none of it counted while held: the deadline (two fills).
  time.set(100);
  assert.equal(c.nextSendAt(), 400);
  // At the deadline the model refills from the send: full again.
  time.set(400);
  c.sent();
  time.set(401);
  for (let i = 0; i < 4; i++) c.sent();
  // 4 + 1 ms's worth left, less four sends: 0.025 of a request, so the next is a request's 40 ms later.
  const next = c.nextSendAt() - 401;
  assert.ok(next > 40 && next < 40.01, `next send ${next} ms later`);
});

test('connection errors end a held burst and do not count as 429s in the burst it learns', () => {
  const time = clock(0);
  const c = new AdaptiveController(32, time.now, { expectedRate: 25 });
  const burst = Array.from({ length: 5 }, () => c.sent());
  time.set(50);
  c.failed(burst[0]);
  c.failed(burst[1]);
  c.clean(burst[2]);
  c.clean(burst[3]);
  c.rateLimited(burst[4]);
  assert.equal(c.holding, false);
  assert.equal(c.snapshot().burst, 4);
});

test('a first 429, with no correction before it, says nothing about the burst', () => {
  const time = clock(0);
  const c = new AdaptiveController(32, time.now, { expectedRate: 100 });
  const first = c.sent();
  time.set(50);
  c.rateLimited(first);
  assert.equal(c.snapshot().burst, 20);
});

test('a refusal when the corrected model counted exactly two requests shrinks the burst, to at least one', () => {
  const time = clock(0);
  const c = new AdaptiveController(32, time.now, { expectedRate: 100, burst: 2 });
  const first = c.sent();
  time.set(50);
  c.rateLimited(first);
  // The model is full again (2) and sends; Stripe refuses it with nothing accepted since the correction.
  const second = c.sent();
  time.set(100);
  c.rateLimited(second);
  assert.equal(c.snapshot().burst, 1);
});

test('a 429 for a request sent before the one the model is anchored on does not move the estimate', () => {
  const time = clock(0);
  const c = new AdaptiveController(32, time.now, { expectedRate: 100, burst: 2 });
  const early = c.sent();
  time.set(3);
  const later = c.sent();
  time.set(8);
  c.rateLimited(later);
  time.set(9);
  c.rateLimited(early);
  // Anchored on `later` (empty from 3 ms, the floor of 5 ms before its answer): 0.6 of a request at 9 ms.
  const next = c.nextSendAt();
  assert.ok(next > 14 && next < 14.01, `next send at ${next} ms`);
});

test('exactly 90% of the rate accepted, with three 429s, is not a lower limit', () => {
  const time = clock(0);
  const c = new AdaptiveController(32, time.now, { expectedRate: 10 });
  cleanEvery(c, time, 0, 1900, 100);
  // Nine accepted in the second before each of three refusals (the one at 900 ms is not inside it).
  const refused = [1850, 1900, 1950].map((t) => {
    time.set(t);
    return c.sent();
  });
  time.set(1960);
  for (const s of refused) c.rateLimited(s);
  assert.equal(c.snapshot().rate, 10);
});

test('one 429 at a low accepted rate does not cut a slow pace', () => {
  const time = clock(0);
  const c = new AdaptiveController(32, time.now, { expectedRate: 10 });
  cleanEvery(c, time, 0, 2000, 200);
  refuseAt(c, time, 2000, 10);
  assert.equal(c.snapshot().rate, 10);
});

test('the rate learnt from the first 429 counts requests sent within the second before it, not one a second before', () => {
  const time = clock(0);
  const c = new AdaptiveController(32, time.now);
  cleanEvery(c, time, 0, 2000, 100);
  refuseAt(c, time, 2000, 10);
  // 1100..1900 ms: nine (the one at exactly 1000 ms is a second before, outside).
  assert.equal(c.snapshot().rate, 9);
});

test('429s for requests sent a second or more before a refusal do not count towards cutting the pace', () => {
  const time = clock(0);
  const c = new AdaptiveController(32, time.now, { expectedRate: 10 });
  cleanEvery(c, time, 0, 1000, 200);
  time.set(1000);
  const early = [c.sent(), c.sent()];
  for (const s of early) c.rateLimited(s);
  cleanEvery(c, time, 1200, 2000, 200);
  refuseAt(c, time, 2000, 10);
  assert.equal(c.snapshot().rate, 10);
});

test('memory is bounded: of a flood, the rate learnt counts only the last 4096 sends', () => {
  const time = clock(0);
  const c = new AdaptiveController(32, time.now);
  c.clean(c.sent());
  time.set(1500);
  const flood = Array.from({ length: 5000 }, () => c.sent());
  const refused = c.sent();
  for (const s of flood) c.clean(s);
  c.rateLimited(refused);
  assert.equal(c.snapshot().rate, 4095);
});
