/**
 * The pacing model's holds and corrections at their edges, on a hand-driven clock: a hold that
 * outlives a quiet second, a quiet send below a full bucket, refills placed by answers, the burst a
 * hold teaches, the rate learnt at exactly one second, and what two seconds of memory forget.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AdaptiveController } from '../../../src/stripe/adaptive';

function clock() {
  let now = 0;
  return { now: () => now, at: (ms: number) => void (now = ms) };
}

/** A first request answered in 50 ms: the least round trip. */
function quickFirst(c: AdaptiveController, time: ReturnType<typeof clock>): void {
  const quick = c.sent();
  c.written(quick);
  time.at(50);
  c.clean(quick);
}

/** `n` sends may go at `at`, and the next one must wait. */
function goNowThenWait(c: AdaptiveController, n: number, at: number): void {
  for (let i = 0; i < n; i++) {
    assert.equal(c.nextSendAt(), at, `send ${i + 1}`);
    c.sent();
  }
  assert.ok(c.nextSendAt() > at, `send ${n + 1} waits`);
}

test('a burst still held after a quiet second keeps its requests: their refusals still teach the burst', () => {
  const time = clock();
  // 5 at once at 5/s: an empty model takes a second to fill, and a hold lasts two.
  const c = new AdaptiveController(32, time.now, { expectedRate: 5, burst: 5 });
  const burst = Array.from({ length: 5 }, () => c.sent());
  c.written(burst[0]);
  time.at(1100);
  // A second after the last send, the model is full again, and the first hold has not ended.
  const late = c.sent();
  time.at(1200);
  for (const [i, s] of burst.entries())
    if (i < 2) c.clean(s);
    else c.rateLimited(s);
  c.clean(late);
  // The late send joined the held burst: three of its six were accepted.
  assert.equal(c.snapshot().burst, 3);
});

test('a quiet send with the model below a full burst starts no hold: the pace applies from it', () => {
  const time = clock();
  const c = new AdaptiveController(32, time.now, { expectedRate: 1, burst: 2 });
  const first = [c.sent(), c.sent()];
  time.at(100);
  for (const s of first) c.clean(s);
  // A second and a tenth later the model holds 1.1 of its 2: one send, then the pace (a token in 0.9 s).
  time.at(1100);
  c.sent();
  assert.equal(Math.round(c.nextSendAt()), 2001);
});

test("a held burst not seen leaving refills from its first answer; its later answers don't move the refill", () => {
  const time = clock();
  const c = new AdaptiveController(32, time.now, { expectedRate: 25, burst: 5 });
  const burst = Array.from({ length: 5 }, () => c.sent());
  time.at(150);
  c.clean(burst[0]);
  time.at(300);
  for (const s of burst.slice(1)) c.clean(s);
  // Refilled from 0 (the first answer, less its round trip): full by 300, five sends go now.
  goNowThenWait(c, 5, 300);
});

test("a held burst seen leaving refills from its write, whatever its answers' round trip says", () => {
  const time = clock();
  const c = new AdaptiveController(32, time.now, { expectedRate: 25, burst: 5 });
  quickFirst(c, time);
  time.at(2000);
  const burst = Array.from({ length: 5 }, () => c.sent());
  c.written(burst[0]);
  time.at(2150);
  for (const s of burst) c.clean(s);
  // From 2010 (the write and a quarter token): 3.5 tokens by 2150. From the answer less 50 ms it would be 1.25.
  goNowThenWait(c, 3, 2150);
});

test('a held burst answered in full, with no refusal, keeps the burst however few it held', () => {
  const time = clock();
  const c = new AdaptiveController(32, time.now, { expectedRate: 25, burst: 5 });
  const three = [c.sent(), c.sent(), c.sent()];
  time.at(150);
  for (const s of three) c.clean(s);
  assert.equal(c.snapshot().burst, 5);
});

test('a held burst that met refusals leaves no more tokens than the burst it taught', () => {
  const time = clock();
  const c = new AdaptiveController(32, time.now, { expectedRate: 25, burst: 5 });
  const burst = Array.from({ length: 5 }, () => c.sent());
  c.written(burst[0]);
  time.at(150);
  // Answers in any order: the refusals first, then the two accepted.
  for (const [i, s] of burst.entries())
    if (i < 3) c.rateLimited(s);
    else c.clean(s);
  assert.equal(c.snapshot().burst, 2);
  // 3.75 tokens by the model's refill, cut to the burst of 2: two go now, the third waits.
  goNowThenWait(c, 2, 150);
});

test('a refusal places the empty bucket no earlier than its answer less the least round trip', () => {
  const time = clock();
  const c = new AdaptiveController(32, time.now, { expectedRate: 25, burst: 5 });
  quickFirst(c, time);
  time.at(500);
  const steady = c.sent();
  time.at(550);
  c.clean(steady);
  // Sends from 1000 (not after a quiet second), one refused; its answer at 1150 less 50 ms: empty at 1100, not at 1000.
  time.at(1000);
  const refused = c.sent();
  for (const t of [1001, 1002, 1003]) {
    time.at(t);
    c.sent();
  }
  time.at(1150);
  c.rateLimited(refused);
  // Empty at 1100, three sends since: 1.25 - 3 tokens at 1150, a token 110 ms on. From 1000 it would be 0.75, 10 ms on.
  assert.equal(Math.round(c.nextSendAt()), 1261);
});

test('the rate is learnt from a refusal sent exactly a second after the first send', () => {
  const time = clock();
  const c = new AdaptiveController(32, time.now);
  for (let t = 0; t < 1000; t += 100) {
    time.at(t);
    c.clean(c.sent());
  }
  time.at(1000);
  c.rateLimited(c.sent());
  assert.equal(c.snapshot().rate, 9, 'the nine accepted in the second before it (the first is not after its start)');
});

test('sends older than two seconds are forgotten: a late refusal counts only the accepted sends it remembers', () => {
  for (const [sentAt, burst] of [
    [800, 1],
    [801, 2],
  ] as const) {
    const time = clock();
    const c = new AdaptiveController(32, time.now, { expectedRate: 25, burst: 5 });
    // A first refusal: the model is corrected, and later sends carry that correction.
    c.rateLimited(c.sent());
    time.at(sentAt);
    c.clean(c.sent());
    c.clean(c.sent());
    // Sent at 2800 with a full model, refused: the two accepted at `sentAt` are two seconds old, or younger.
    time.at(2800);
    c.rateLimited(c.sent());
    assert.equal(c.snapshot().burst, burst, `accepted at ${sentAt}`);
  }
});

test('a send in the quarter token before a held burst begins to refill counts the tokens the model held', () => {
  const time = clock();
  const c = new AdaptiveController(32, time.now, { expectedRate: 25, burst: 5 });
  // A first refusal: later sends carry that correction.
  c.rateLimited(c.sent());
  // A quiet second later, three go from a full model, seen leaving at once; the refill starts at 2010.
  time.at(2000);
  const three = [c.sent(), c.sent(), c.sent()];
  c.written(three[0]);
  // Sent at 2005, with the two tokens the model still holds, and refused: the burst is what was accepted since the correction.
  time.at(2005);
  const fourth = c.sent();
  time.at(2150);
  c.rateLimited(fourth);
  assert.equal(c.snapshot().burst, 3);
});
