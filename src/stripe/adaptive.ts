/**
 * How many requests to keep in flight and how fast to send them, learnt from the answers.
 *
 * Stripe limits each account to a request rate (25/s test, 100/s live) and answers 429 above it,
 * with no Retry-After. A fixed concurrency is either too slow in live mode or too fast in test
 * mode, so this controller combines:
 * - an AIMD window: starts at the ceiling, grows by one per clean answer, halves on a 429 (once per
 *   round trip: a 429 for a request sent before the last cut says nothing new);
 *   While pacing, the window never holds fewer in flight than the paced rate needs.
 * - a pacing rate: none until a 429 comes after a full second of answers, then the rate Stripe
 *   was seen to accept over the last second, growing by RATE_PROBE per clean answer (about 10% a
 *   second) so that it finds the limit again, and cut back to the accepted rate on the next 429.
 * A window alone oscillates between W and W/2 and leaves the limit unused half the time; pacing
 * alone cannot bound concurrency when answers slow down. Pure logic over an injected clock.
 */

/** Added to the pacing rate (requests/s) for every clean answer. */
const RATE_PROBE = 0.1;
/** How far back the accepted rate is measured, ms. */
const RATE_WINDOW_MS = 1000;
/** The pacing rate starts slightly under the measured rate: a measurement at the limit overshoots by the burst. */
const RATE_MARGIN = 0.97;

export interface ControllerSnapshot {
  window: number;
  /** Requests per second, or Infinity while not pacing. */
  rate: number;
}

export class AdaptiveController {
  private windowSize: number;
  private pace = Infinity;
  /** When the last cut happened; 429s for requests sent before it are the same congestion event. */
  private lastCutAt = -Infinity;
  private readonly accepted: number[] = [];
  private firstSentAt: number | undefined;
  /** Smoothed time from send to answer, ms. */
  private latencyMs = 0;

  constructor(
    readonly ceiling: number,
    private readonly now: () => number,
  ) {
    if (!Number.isInteger(ceiling) || ceiling < 1) throw new RangeError('ceiling must be a whole number of at least 1');
    this.windowSize = ceiling;
  }

  /** Requests that may be in flight now. */
  get limit(): number {
    return Math.max(1, Math.min(this.ceiling, Math.floor(this.windowSize)));
  }

  /** Minimum ms between two sends; 0 while not pacing. */
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

  /** A request went out (returns its send time, to hand back with the answer). */
  sent(): number {
    const at = this.now();
    this.firstSentAt ??= at;
    return at;
  }

  /** An answer that was not a 429 (errors other than rate limits say nothing about the rate). */
  clean(sentAt: number): void {
    const at = this.now();
    this.latencyMs = this.latencyMs === 0 ? at - sentAt : this.latencyMs * 0.8 + (at - sentAt) * 0.2;
    this.accepted.push(at);
    this.trim(at);
    this.windowSize = Math.min(this.ceiling, this.windowSize + 1);
    if (Number.isFinite(this.pace)) this.pace += RATE_PROBE;
  }

  /** A 429 for a request sent at `sentAt`. Returns whether it counted as a new congestion event. */
  rateLimited(sentAt: number): boolean {
    if (sentAt < this.lastCutAt) return false;
    const at = this.now();
    this.lastCutAt = at;
    this.windowSize = Math.max(1, this.windowSize / 2);
    this.trim(at);
    // Less than a full second of answers says more about the burst Stripe allowed than the rate.
    if (at - (this.firstSentAt ?? at) >= RATE_WINDOW_MS) {
      const measured = (this.accepted.length * 1000) / RATE_WINDOW_MS;
      this.pace = Math.min(this.pace, Math.max(1, measured * RATE_MARGIN));
    }
    return true;
  }

  private trim(at: number): void {
    while (this.accepted.length > 0 && this.accepted[0] <= at - RATE_WINDOW_MS) this.accepted.shift();
  }
}
