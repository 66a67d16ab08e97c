/**
 * Where a 429 restarts the pacing model's estimate: from the refused request's write, or from the
 * write of the accepted request just before it, not from an answer held up on a busy machine.
 * 25/s (a request's worth every 40 ms), a burst of 10, a least round trip of 150 ms; each case
 * sends x then r at 150 ms, and r's 429 reaches the client at 370 ms, 70 ms late.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AdaptiveController, type Sent } from '../../../src/stripe/adaptive';

function setup() {
  let now = 0;
  const time = { now: () => now, at: (ms: number) => void (now = ms) };
  const c = new AdaptiveController(32, time.now, { expectedRate: 25, burst: 10 });
  // The least round trip: a lone first request, answered in 150 ms.
  const first = c.sent();
  c.written(first);
  time.at(150);
  c.clean(first);
  const x = c.sent();
  const r = c.sent();
  return { c, time, x, r };
}

/** How many sends the model lets go at once now. */
function sendsNow(c: AdaptiveController, at: number): number {
  let n = 0;
  while (c.nextSendAt() === at && n < 32) {
    c.sent();
    n++;
  }
  return n;
}

function answer(
  c: AdaptiveController,
  time: { at: (ms: number) => void },
  x: Sent,
  r: Sent,
  writes: { x?: number; r?: number },
  xAccepted = true,
) {
  if (writes.x !== undefined) {
    time.at(writes.x);
    c.written(x);
  }
  if (writes.r !== undefined) {
    time.at(writes.r);
    c.written(r);
  }
  time.at(301);
  if (xAccepted) c.clean(x);
  time.at(370);
  c.rateLimited(r);
}

test("a refusal right after an accepted request restarts from that request's write: 5 sends, where the late answer allowed 3", () => {
  const { c, time, x, r } = setup();
  answer(c, time, x, r, { x: 151, r: 185 });
  // Empty a quarter request after x's write (161): 5.2 requests' worth by 370.
  assert.equal(sendsNow(c, 370), 5);
});

test("an accepted request a request's worth or more before the refusal says nothing: the refusal's own write (4 sends)", () => {
  const { c, time, x, r } = setup();
  answer(c, time, x, r, { x: 151, r: 195 });
  // Empty from 205: 4.1 requests' worth by 370.
  assert.equal(sendsNow(c, 370), 4);
});

test("a request not yet answered between them: the refusal's own write (4 sends)", () => {
  const { c, time, x, r } = setup();
  answer(c, time, x, r, { x: 151, r: 185 }, false);
  // Empty from 195: 4.4 by 370.
  assert.equal(sendsNow(c, 370), 4);
});

test('a refusal never seen leaving: from its answer less the least round trip (3 sends)', () => {
  const { c, time, x, r } = setup();
  answer(c, time, x, r, { x: 151 });
  // Empty from 370 - 150 = 220: 3.75 by 370.
  assert.equal(sendsNow(c, 370), 3);
});
