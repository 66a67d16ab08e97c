/**
 * The opening: after a quiet second, up to a second's worth may go at once, past the burst, until
 * the first of them is answered. A strict window takes them all; a token bucket's refusals teach
 * the account's controller to open with no more than its burst from then on.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AdaptiveController, type Sent } from '../../../src/stripe/adaptive';

function setup(opening?: number) {
  let now = 0;
  const time = { now: () => now, at: (ms: number) => void (now = ms) };
  const c = new AdaptiveController(32, time.now, { expectedRate: 25, burst: 5, opening });
  return { c, time };
}

/** Sends while the model lets them go at `at` (at most 32). */
function sendAll(c: AdaptiveController, at: number): Sent[] {
  const out: Sent[] = [];
  while (c.nextSendAt() === at && out.length < 32) out.push(c.sent());
  return out;
}

test('without an opening, a quiet start sends the burst and no more', () => {
  const { c } = setup();
  assert.equal(sendAll(c, 0).length, 5);
});

/** Sends `n` now, each as the model lets it go at `at`. */
function sendN(c: AdaptiveController, n: number, at: number): Sent[] {
  return Array.from({ length: n }, (_, i) => {
    assert.equal(c.nextSendAt(), at, `send ${i + 1}`);
    return c.sent();
  });
}

test('an opening of a second lets 25 go at once, and the first answer ends it', () => {
  const { c } = setup(25);
  assert.equal(sendAll(c, 0).length, 25);
  const { c: d, time } = setup(25);
  const eight = sendN(d, 8, 0);
  time.at(150);
  d.clean(eight[0]);
  // 8 sent against a burst of 5: the model is 3 short, and no refill has made that up yet.
  assert.ok(d.nextSendAt() > 150);
});

test('an opening that meets refusals: the next quiet second opens with the burst only', () => {
  const { c, time } = setup(25);
  const first = sendN(c, 11, 0);
  time.at(150);
  first.forEach((s, i) => (i < 5 ? c.clean(s) : c.rateLimited(s)));
  // Two seconds later the model is full again: the burst, no more.
  time.at(2200);
  assert.equal(sendAll(c, 2200).length, 5);
});

test('an opening taken whole keeps it for the next quiet second', () => {
  const { c, time } = setup(25);
  const first = sendN(c, 11, 0);
  time.at(150);
  for (const s of first) c.clean(s);
  time.at(2200);
  assert.equal(sendAll(c, 2200).length, 25);
});
