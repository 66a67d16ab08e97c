import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_TIMER_DELAY_MS, MIN_TIMER_DELAY_MS, nextExpiryBoundary, timerDelay, WORDING_HORIZON_MS } from '../../../src/tree/expiryTimer';
import { describeExpiry, expiryState } from '../../../src/model/expiry';

const now = Date.UTC(2026, 5, 15, 12, 0, 0);
const nowS = now / 1000;
const HOUR = 3600;
const DAY = 86400;

test('nothing to redraw without expiring secrets', () => {
  assert.equal(nextExpiryBoundary([], now, 7), undefined);
  assert.equal(nextExpiryBoundary([{ expiresAt: null }], now, 7), undefined);
  assert.equal(nextExpiryBoundary([{ expiresAt: nowS }, { expiresAt: nowS - DAY }], now, 7), undefined, 'already expired');
});

test('a secret seconds from expiry: its expiry', () => {
  assert.equal(nextExpiryBoundary([{ expiresAt: nowS + 2 }], now, 7), now + 2000);
});

test('crossing into expiring soon, when no wording change comes first', () => {
  // 10 days out: 'soon' (7 days) starts in 3 days; the day count changes sooner, in half a day,
  // but that is beyond the wording horizon.
  assert.equal(nextExpiryBoundary([{ expiresAt: nowS + 10 * DAY }], now, 7), now + 3 * DAY * 1000);
  const soon = nextExpiryBoundary([{ expiresAt: nowS + 7 * DAY + 600 }], now, 7);
  assert.equal(soon, now + 600_000, "'soon' in 10 minutes");
  assert.equal(expiryState(nowS + 7 * DAY + 600, soon!, 7), 'soon');
  assert.equal(expiryState(nowS + 7 * DAY + 600, soon! - 1, 7), 'ok');
  assert.equal(
    nextExpiryBoundary([{ expiresAt: nowS + 7 * DAY + 600 }], now, 0),
    now + (7 * DAY + 600) * 1000,
    "0 turns 'soon' off: the expiry is next",
  );
});

test('wording changes count only within the horizon', () => {
  // 50 minutes left: "50 minutes" until 49.5 minutes are left.
  assert.equal(nextExpiryBoundary([{ expiresAt: nowS + 50 * 60 }], now, 0), now + 30_001);
  // 5 hours left: "5 hours" until 4.5 hours are left, half an hour from now.
  assert.equal(nextExpiryBoundary([{ expiresAt: nowS + 5 * HOUR }], now, 0), now + 1_800_001);
  // 3 days left: the day count changes in half a day, beyond the hour, so the expiry is next.
  assert.equal(nextExpiryBoundary([{ expiresAt: nowS + 3 * DAY }], now, 0), now + 3 * DAY * 1000);
  assert.equal(nextExpiryBoundary([{ expiresAt: nowS + 3 * DAY }], now, 0, DAY * 1000), now + (DAY / 2) * 1000 + 1);
  assert.equal(WORDING_HORIZON_MS, HOUR * 1000);
});

test('the earliest boundary of several secrets', () => {
  const secrets = [{ expiresAt: null }, { expiresAt: nowS + 90 * DAY }, { expiresAt: nowS + 20 * HOUR + 600 }, { expiresAt: nowS + 40 }];
  assert.equal(nextExpiryBoundary(secrets, now, 7), now + 40_000);
});

test('at each boundary something a row shows has changed', () => {
  const secrets = [{ expiresAt: nowS + 7 * DAY + 125 }, { expiresAt: nowS + 3 * HOUR + 17 }, { expiresAt: nowS + 95 }];
  const shown = (t: number) => secrets.map((s) => `${describeExpiry(s.expiresAt, t)}|${expiryState(s.expiresAt, t, 7)}`).join(';');
  let t = now;
  let steps = 0;
  for (let at = nextExpiryBoundary(secrets, t, 7); at !== undefined && at < now + 4 * HOUR * 1000; at = nextExpiryBoundary(secrets, t, 7)) {
    assert.ok(at > t);
    assert.notEqual(shown(at), shown(t), `something changes at ${at - now} ms`);
    assert.equal(shown(at - 1), shown(t), `nothing changes before ${at - now} ms`);
    t = at;
    steps++;
  }
  assert.ok(steps > 3, `walked ${steps} boundaries`);
});

test('timer delays are clamped to [1 s, 2^31-1 ms]', () => {
  assert.equal(timerDelay(now + 2500, now), 2500);
  assert.equal(timerDelay(now + 10, now), MIN_TIMER_DELAY_MS);
  assert.equal(timerDelay(now - 5000, now), MIN_TIMER_DELAY_MS);
  assert.equal(timerDelay(now + 400 * DAY * 1000, now), MAX_TIMER_DELAY_MS);
  assert.equal(MAX_TIMER_DELAY_MS, 2147483647);
});
