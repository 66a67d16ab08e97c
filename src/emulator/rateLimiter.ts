/** A token bucket: `ratePerSecond` tokens refill per second up to `burst`; each request takes one. */
export class TokenBucket {
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

export function checkRateLimit(limit: { ratePerSecond: number; burst: number }): void {
  if (!(limit.ratePerSecond > 0) || !(limit.burst >= 1)) throw new RangeError('rate limit: ratePerSecond must be > 0 and burst >= 1');
}
