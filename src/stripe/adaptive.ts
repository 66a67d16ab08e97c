/**
 * How many requests to keep in flight and how fast to send them, learnt from the answers.
 *
 * Stripe limits each account to a request rate (docs.stripe.com/rate-limits: 100/s live, 25/s in
 * test mode and sandboxes) and answers 429 above it, with no Retry-After and no word on the
 * algorithm. A client tuned to one limiter shape stalls against another: against a token bucket a
 * burst then a steady rate is best, but against a strict sliding one-second window every request
 * over the rate within any second is refused, and a burst is paid for a second later. So:
 * - with an expected rate (the documented one for the key's mode), sending is paced from the
 *   first request: a small burst (a fifth of a second's worth), then the rate, and never more than
 *   the rate's worth within any second, which satisfies both shapes at the documented limit;
 * - an AIMD window: starts at the ceiling, grows by one per clean answer, halves on a 429 (once
 *   per round trip: a 429 for a request sent before the last cut says nothing new); while pacing,
 *   the window never holds fewer in flight than the paced rate needs;
 * - the pace is learnt: a 429 after a full second of answers cuts it to the rate Stripe was seen
 *   to accept over the last second; clean answers raise it slowly (RATE_PROBE), so a limit Stripe
 *   raised for an account is found again. Without an expected rate there is no pace until the
 *   first such 429.
 * Pure logic over an injected clock.
 */

/** Added to the pacing rate (requests/s) for every clean answer: about 2% a second at any rate. */
const RATE_PROBE = 0.02;
/**
 * Above the expected rate the probe is ten times slower: every step past a strict window's limit
 * costs a 429 and a retry, and Stripe raises an account's limit only rarely.
 */
const RATE_PROBE_ABOVE_EXPECTED = 0.002;
/** How far back the accepted rate is measured, and the span of the sending window, ms. */
const RATE_WINDOW_MS = 1000;
/**
 * Extra spacing between a send and the one a full window later: the server counts arrivals, and a
 * request can arrive sooner after its predecessor than it was sent.
 */
const WINDOW_SLACK_MS = 10;
/** The pacing rate starts slightly under the measured rate: a measurement at the limit overshoots by the burst. */
const RATE_MARGIN = 1;

export interface ControllerSnapshot {
  window: number;
  /** Requests per second, or Infinity while not pacing. */
  rate: number;
}

export interface ControllerOptions {
  /** The rate to pace at from the start, requests/s (default none: learn it from the first 429s). */
  expectedRate?: number;
  /** Requests that may go at once before the pace applies (default a fifth of a second's worth). */
  burst?: number;
}

export class AdaptiveController {
  private windowSize: number;
  private pace: number;
  private readonly burst: number;
  private readonly expected: number;
  private tokens: number;
  private tokensAt: number;
  /** When the last cut happened; 429s for requests sent before it are the same congestion event. */
  private lastCutAt = -Infinity;
  private readonly accepted: number[] = [];
  /** Send times within the last window, oldest first. */
  private readonly sends: number[] = [];
  private firstSentAt: number | undefined;
  /** Smoothed time from send to answer, ms. */
  private latencyMs = 0;

  constructor(
    readonly ceiling: number,
    private readonly now: () => number,
    options: ControllerOptions = {},
  ) {
    if (!Number.isInteger(ceiling) || ceiling < 1) throw new RangeError('ceiling must be a whole number of at least 1');
    const expected = options.expectedRate;
    if (expected !== undefined && !(expected > 0 && Number.isFinite(expected))) throw new RangeError('expectedRate must be a positive number');
    this.windowSize = ceiling;
    this.pace = expected ?? Infinity;
    this.expected = expected ?? Infinity;
    this.burst = Math.max(1, options.burst ?? (expected !== undefined ? Math.round(expected / 5) : 1));
    this.tokens = this.burst;
    this.tokensAt = now();
  }

  /** Requests that may be in flight now. */
  get limit(): number {
    return Math.max(1, Math.min(this.ceiling, Math.floor(this.windowSize)));
  }

  /** Minimum ms between two sends once the burst is spent; 0 while not pacing. */
  get intervalMs(): number {
    return Number.isFinite(this.pace) ? 1000 / this.pace : 0;
  }

  /**
   * Requests that may be in flight now: the window, but while pacing never fewer than the paced
   * rate needs at the observed latency, or a halved window would hold the rate under the limit.
   */
  get inFlight(): number {
    const needed = Number.isFinite(this.pace) ? Math.ceil((this.pace * this.latencyMs * 1.5) / 1000) : 1;
    return Math.min(this.ceiling, Math.max(this.limit, needed));
  }

  snapshot(): ControllerSnapshot {
    return { window: this.windowSize, rate: this.pace };
  }

  /**
   * The earliest time the next request may be sent (now or later): when the burst allowance has a
   * whole request in it, and fewer than the rate's worth were sent within the last window.
   */
  nextSendAt(): number {
    const at = this.now();
    if (!Number.isFinite(this.pace)) return at;
    this.refill(at);
    // One ms late rather than early: the server's clock may see the refill a hair later.
    let next = this.tokens >= 1 ? at : at + ((1 - this.tokens) * 1000) / this.pace + 1;
    this.trimSends(at);
    const perWindow = Math.max(1, Math.floor((this.pace * RATE_WINDOW_MS) / 1000));
    if (this.sends.length >= perWindow) next = Math.max(next, this.sends[this.sends.length - perWindow] + RATE_WINDOW_MS + WINDOW_SLACK_MS);
    return next;
  }

  /** A request went out (returns its send time, to hand back with the answer). */
  sent(): number {
    const at = this.now();
    this.firstSentAt ??= at;
    if (Number.isFinite(this.pace)) {
      this.refill(at);
      this.tokens -= 1;
      this.sends.push(at);
      this.trimSends(at);
    }
    return at;
  }

  /** An answer that was not a 429 (errors other than rate limits say nothing about the rate). */
  clean(sentAt: number): void {
    const at = this.now();
    this.latencyMs = this.latencyMs === 0 ? at - sentAt : this.latencyMs * 0.8 + (at - sentAt) * 0.2;
    this.accepted.push(at);
    this.trimAccepted(at);
    this.windowSize = Math.min(this.ceiling, this.windowSize + 1);
    if (Number.isFinite(this.pace)) this.pace += this.pace < this.expected ? RATE_PROBE : RATE_PROBE_ABOVE_EXPECTED;
  }

  /** A 429 for a request sent at `sentAt`. Returns whether it counted as a new congestion event. */
  rateLimited(sentAt: number): boolean {
    // A refused request used none of Stripe's allowance: give its place in the sending window back.
    const refused = this.sends.indexOf(sentAt);
    if (refused >= 0) this.sends.splice(refused, 1);
    if (sentAt < this.lastCutAt) return false;
    const at = this.now();
    this.lastCutAt = at;
    this.windowSize = Math.max(1, this.windowSize / 2);
    // The burst allowance was more than Stripe grants: spend it.
    this.refill(at);
    this.tokens = Math.min(this.tokens, 0);
    this.trimAccepted(at);
    // Less than a full second of answers says more about the burst Stripe allowed than the rate.
    if (at - (this.firstSentAt ?? at) >= RATE_WINDOW_MS) {
      const measured = (this.accepted.length * 1000) / RATE_WINDOW_MS;
      this.pace = Math.min(this.pace, Math.max(1, measured * RATE_MARGIN));
    }
    return true;
  }

  private refill(at: number): void {
    if (!Number.isFinite(this.pace)) return;
    this.tokens = Math.min(this.burst, this.tokens + (Math.max(0, at - this.tokensAt) * this.pace) / 1000);
    this.tokensAt = at;
  }

  private trimAccepted(at: number): void {
    while (this.accepted.length > 0 && this.accepted[0] <= at - RATE_WINDOW_MS) this.accepted.shift();
  }

  private trimSends(at: number): void {
    while (this.sends.length > 0 && this.sends[0] <= at - RATE_WINDOW_MS - WINDOW_SLACK_MS) this.sends.shift();
  }
}
