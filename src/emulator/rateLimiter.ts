/**
 * The emulator's rate limiters. Stripe does not say which algorithm it runs, and a client tuned
 * against one shape can stall against another, so there are two:
 * - `token-bucket` (the default): `ratePerSecond` tokens refill per second up to `burst`; each
 *   request takes one.
 * - `sliding-window`: strict; a request is accepted only while fewer than `ratePerSecond` requests
 *   were accepted in the last second (refused ones do not count). No credit for a quiet moment
 *   beyond one second's worth, and no partial refill.
 * Each (mode, account the request acts on) has its own limiter: see README "Rate limits".
 */
export type RateLimit = { kind?: 'token-bucket'; ratePerSecond: number; burst: number } | { kind: 'sliding-window'; ratePerSecond: number };

export interface RequestLimiter {
  /** True when the request may go through (and is counted); false: answer 429. */
  tryTake(): boolean;
}

export const SLIDING_WINDOW_MS = 1000;

/** A token bucket: `ratePerSecond` tokens refill per second up to `burst`; each request takes one. */
export class TokenBucket implements RequestLimiter {
  private tokens: number;
  private last: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly nowMs: () => number,
  ) {
    checkRateLimit({ ratePerSecond, burst });
    this.tokens = burst;
    this.last = nowMs();
  }

  tryTake(): boolean {
    const now = this.nowMs();
    // A clock that goes backwards (tests) refills nothing rather than draining.
    const elapsed = Math.max(0, now - this.last) / 1000;
    this.last = now;
    this.tokens = Math.min(this.burst, this.tokens + elapsed * this.ratePerSecond);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

/** At most `limit` accepted requests in any `windowMs` (a request at t leaves the window at t + windowMs). */
export class SlidingWindow implements RequestLimiter {
  private readonly accepted: number[] = [];
  private head = 0;

  constructor(
    private readonly limit: number,
    private readonly nowMs: () => number,
    private readonly windowMs = SLIDING_WINDOW_MS,
  ) {
    checkRateLimit({ kind: 'sliding-window', ratePerSecond: limit });
  }

  tryTake(): boolean {
    const now = this.nowMs();
    while (this.head < this.accepted.length && this.accepted[this.head] <= now - this.windowMs) this.head++;
    // Keep the array from growing for as long as the emulator runs.
    if (this.head > 1024) {
      this.accepted.splice(0, this.head);
      this.head = 0;
    }
    if (this.accepted.length - this.head >= this.limit) return false;
    this.accepted.push(now);
    return true;
  }
}

export function makeRequestLimiter(limit: RateLimit, nowMs: () => number): RequestLimiter {
  return limit.kind === 'sliding-window'
    ? new SlidingWindow(limit.ratePerSecond, nowMs)
    : new TokenBucket(limit.ratePerSecond, limit.burst, nowMs);
}

export function checkRateLimit(limit: RateLimit): void {
  if (limit.kind === 'sliding-window') {
    if (!Number.isInteger(limit.ratePerSecond) || limit.ratePerSecond < 1)
      throw new RangeError('rate limit: a sliding window needs a whole ratePerSecond of at least 1');
    return;
  }
  if (!(limit.ratePerSecond > 0) || !(limit.burst >= 1)) throw new RangeError('rate limit: ratePerSecond must be > 0 and burst >= 1');
}
