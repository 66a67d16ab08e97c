import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SlidingWindow, TokenBucket, checkRateLimit, makeRequestLimiter } from '../../../src/emulator/rateLimiter';

describe('emulator rate limiters', () => {
  it('a token bucket refills nothing, and loses nothing, when the clock goes back', () => {
    let now = 10_000;
    const bucket = new TokenBucket(1, 2, () => now);
    assert.equal(bucket.tryTake(), true);
    now = 5_000;
    assert.equal(bucket.tryTake(), true, 'the token left is still there');
    assert.equal(bucket.tryTake(), false);
    now = 6_000;
    assert.equal(bucket.tryTake(), true, 'refills from the earlier time on');
  });

  it('a token bucket with a fractional rate takes a whole token per request', () => {
    let now = 0;
    const bucket = new TokenBucket(0.5, 1, () => now);
    assert.equal(bucket.tryTake(), true);
    now = 1_000;
    assert.equal(bucket.tryTake(), false, 'half a token is not enough');
    now = 2_000;
    assert.equal(bucket.tryTake(), true);
  });

  it('a sliding window keeps counting right after it has dropped its old entries', () => {
    let now = 0;
    const window = new SlidingWindow(1, () => now);
    for (let i = 0; i < 1100; i++) {
      now = i * 1000;
      assert.equal(window.tryTake(), true, `request ${i}`);
      assert.equal(window.tryTake(), false, `second request at ${now}`);
    }
  });

  it('makes the limiter its kind names', () => {
    let now = 0;
    const bucket = makeRequestLimiter({ ratePerSecond: 1, burst: 1 }, () => now);
    const window = makeRequestLimiter({ kind: 'sliding-window', ratePerSecond: 1 }, () => now);
    assert.ok(bucket instanceof TokenBucket);
    assert.ok(window instanceof SlidingWindow);
    assert.ok(makeRequestLimiter({ kind: 'token-bucket', ratePerSecond: 1, burst: 1 }, () => now) instanceof TokenBucket);
    now = 1;
  });

  it('says what a limit needs', () => {
    assert.throws(() => checkRateLimit({ ratePerSecond: 0, burst: 1 }), {
      name: 'RangeError',
      message: 'rate limit: ratePerSecond must be > 0 and burst >= 1',
    });
    assert.throws(() => checkRateLimit({ ratePerSecond: 1, burst: 0.5 }), RangeError);
    assert.throws(() => checkRateLimit({ ratePerSecond: Number.NaN, burst: 1 }), RangeError);
    assert.throws(() => checkRateLimit({ kind: 'sliding-window', ratePerSecond: 0 }), {
      name: 'RangeError',
      message: 'rate limit: a sliding window needs a whole ratePerSecond of at least 1',
    });
    checkRateLimit({ ratePerSecond: 0.1, burst: 1 });
    checkRateLimit({ kind: 'sliding-window', ratePerSecond: 1 });
  });
});
