import { test } from 'node:test';
import assert from 'node:assert/strict';
import { networkRetryDelayMs, RATE_LIMIT_MAX_DELAY_MS, rateLimitDelayMs, sleep } from '../../../src/stripe/backoff';

test('full jitter: the delay lies in [0, min(cap, base * 2^attempt))', () => {
  const almostOne = () => 0.999999;
  assert.equal(
    rateLimitDelayMs(0, 500, () => 0),
    0,
  );
  assert.equal(rateLimitDelayMs(0, 500, almostOne), 499);
  assert.equal(rateLimitDelayMs(1, 500, almostOne), 999);
  assert.equal(rateLimitDelayMs(3, 500, almostOne), 3999);
  assert.equal(
    rateLimitDelayMs(3, 500, () => 0.5),
    2000,
  );
  assert.equal(rateLimitDelayMs(10, 500, almostOne), RATE_LIMIT_MAX_DELAY_MS - 1, 'capped');
  assert.equal(rateLimitDelayMs(40, 500, almostOne, 1000), 999);
  for (let attempt = 0; attempt < 8; attempt++) {
    for (let i = 0; i < 50; i++) {
      const d = rateLimitDelayMs(attempt, 100);
      assert.ok(d >= 0 && d < Math.min(RATE_LIMIT_MAX_DELAY_MS, 100 * 2 ** attempt), `${attempt}: ${d}`);
    }
  }
});

test('connection errors, 409 and 5xx wait as the SDK would: 0.5 s doubling to 5 s, between half and all of it', () => {
  const almostOne = () => 0.999999;
  const cases: Array<[number, () => number, number]> = [
    [0, () => 0, 250],
    [0, almostOne, 499],
    [1, () => 0, 500],
    [2, () => 0.5, 1500],
    [3, almostOne, 3999],
    [4, () => 0, 2500],
    [20, almostOne, 4999],
  ];
  for (const [attempt, random, expected] of cases) assert.equal(networkRetryDelayMs(attempt, random), expected, `retry ${attempt}`);
  for (let i = 0; i < 50; i++) {
    const d = networkRetryDelayMs(1);
    assert.ok(d >= 500 && d < 1000, String(d));
  }
});

test('sleep resolves, and rejects at once when aborted', async () => {
  await sleep(1);
  const controller = new AbortController();
  const pending = sleep(60_000, controller.signal);
  controller.abort();
  await assert.rejects(pending, { name: 'AbortError' });
  await assert.rejects(sleep(1, controller.signal), { name: 'AbortError' });
});
