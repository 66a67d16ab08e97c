/**
 * When to send the next request to one account, learnt from Stripe's answers.
 *
 * Stripe limits each account to a request rate (docs.stripe.com/rate-limits: 100/s live, 25/s in
 * test mode and sandboxes) and answers 429 above it, with no Retry-After and no word on the
 * algorithm. Its engineering blog describes a token bucket (stripe.com/blog/rate-limiters); a
 * client must not stall if it is a strict sliding window instead. The controller keeps a model of a
 * token bucket and lets each 429 correct it:
 * - it starts with a burst of a fifth of a second's worth, then the expected rate (the documented
 *   rate of the key's mode);
 * - a 429 for a request sent at `s` means the limiter had nothing left at `s`: the estimate restarts
 *   from empty there, replays the sends made since, and refills at the rate up to now. So the
 *   requests behind a refusal go as soon as a bucket would have refilled, not a backoff later, and
 *   against a strict window, which frees nothing until a second after each accepted request, the
 *   pace simply lines up with the window as it frees;
 * - a 429 for a request sent while the model, already corrected by an earlier 429, counted two or
 *   more requests' worth: the burst Stripe allows is smaller than assumed, and becomes the number of
 *   requests accepted since that correction (at least one);
 * - the rate: 429s, three or more within a second, when fewer than 90% of the rate's worth were
 *   accepted in the second before the refused request (once a second of sending has passed) say
 *   the limit is lower, and the rate drops by a tenth (one 429, or a client slowed by a busy
 *   machine, says nothing about the limit). Clean answers bring it back towards the expected rate
 *   (RATE_RECOVERY), never past it: Stripe asks clients to treat its limits as maximums. Without an
 *   expected rate there is no pace until the first 429 after a second of sending sets it to what
 *   was accepted;
 * - an AIMD window of requests in flight applies while there is no pace (it halves on a 429, once
 *   per round trip, and grows by one per clean answer); once pacing, the pace alone spaces requests.
 * Pure logic over an injected clock.
 */

/** Share of the gap to the expected rate the pace closes on every clean answer below it. */
const RATE_RECOVERY = 0.01;
/** The most one correction cuts the pace by: a 429 storm on a busy machine must not halve it. */
const RATE_CUT = 0.9;
/** How far back the accepted rate is measured, ms. */
const RATE_WINDOW_MS = 1000;
/** The model refills a hair slower than the rate, so its float sums never run ahead of the server's. */
const REFILL_SHARE = 1 - 1e-6;
/** Tokens the model must have counted for a refusal to show that the burst is smaller than assumed. */
const BURST_EVIDENCE_TOKENS = 2;
/** A 429 when less than this share of the rate was accepted over the second before says the limit is lower... */
const LOWER_LIMIT_SHARE = 0.9;
/**
 * ...when it is one of at least this many 429s within a second (and a tenth of the rate's worth): a
 * client slowed by a busy machine also sends less than the rate, and requests delayed on their way
 * arrive bunched, so a few refusals say nothing about the limit.
 */
const LOWER_LIMIT_REFUSALS = 3;
/** Sends remembered: two windows' worth at most, and never more than this many. */
const MAX_REMEMBERED_SENDS = 4096;

export interface ControllerSnapshot {
  window: number;
  /** Requests per second, or Infinity while not pacing. */
  rate: number;
  /** Requests the model lets go at once. */
  burst: number;
}

export interface ControllerOptions {
  /** The rate to pace at from the start, requests/s (default none: learn it from the first 429s). */
  expectedRate?: number;
  /** Requests that may go at once before the pace applies (default a fifth of a second's worth). */
  burst?: number;
}

/** One request as sent: hand it back to `clean` or `rateLimited` with its answer. */
export interface Sent {
  readonly at: number;
}

interface SendRecord extends Sent {
  refused: boolean;
  /** Tokens the model counted when it was sent (before its own). */
  tokens: number;
  /** The send time of the refusal the model was anchored on when it was sent (-Infinity: none yet). */
  anchor: number;
}

export class AdaptiveController {
  private windowSize: number;
  private pace: number;
  private burst: number;
  private readonly expected: number;
  private tokens: number;
  private tokensAt: number;
  /** Send time of the refused request the estimate starts from. */
  private anchorSentAt = -Infinity;
  /** When the last cut happened; 429s for requests sent before it are the same congestion event. */
  private lastCutAt = -Infinity;
  /** Recent sends, oldest first. */
  private readonly sends: SendRecord[] = [];
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
    if (expected !== undefined && !(expected > 0 && Number.isFinite(expected)))
      throw new RangeError('expectedRate must be a positive number');
    this.windowSize = ceiling;
    this.pace = expected ?? Infinity;
    this.expected = expected ?? Infinity;
    this.burst = Math.max(1, options.burst ?? (expected !== undefined ? Math.round(expected / 5) : 1));
    this.tokens = this.burst;
    this.tokensAt = now();
  }

  /** The AIMD window: requests that may be in flight while not pacing. */
  get limit(): number {
    return Math.max(1, Math.min(this.ceiling, Math.floor(this.windowSize)));
  }

  private get pacing(): boolean {
    return Number.isFinite(this.pace);
  }

  /** Minimum ms between two sends once the burst is spent; 0 while not pacing. */
  get intervalMs(): number {
    return this.pacing ? 1000 / this.pace : 0;
  }

  /** Requests that may be in flight now: the ceiling while pacing (the pace spaces them), else the AIMD window. */
  get inFlight(): number {
    return this.pacing ? this.ceiling : this.limit;
  }

  /** Smoothed latency seen, ms (0 before any answer). */
  get latency(): number {
    return this.latencyMs;
  }

  snapshot(): ControllerSnapshot {
    return { window: this.windowSize, rate: this.pace, burst: this.burst };
  }

  /** The earliest time the next request may be sent (now or later). */
  nextSendAt(): number {
    const at = this.now();
    if (!this.pacing) return at;
    this.refill(at);
    // One ms late rather than early: the server's clock may see the refill a hair later.
    return this.tokens >= 1 ? at : at + ((1 - this.tokens) * 1000) / (this.pace * REFILL_SHARE) + 1;
  }

  /** A request goes out now. */
  sent(): Sent {
    const at = this.now();
    this.firstSentAt ??= at;
    if (this.pacing) this.refill(at);
    const record: SendRecord = { at, refused: false, tokens: this.tokens, anchor: this.anchorSentAt };
    if (this.pacing) this.tokens -= 1;
    this.sends.push(record);
    this.trim(at);
    return record;
  }

  /** An answer that was not a 429 (errors other than rate limits say nothing about the rate). */
  clean(sent: Sent): void {
    const at = this.now();
    this.latencyMs = this.latencyMs === 0 ? at - sent.at : this.latencyMs * 0.8 + (at - sent.at) * 0.2;
    this.windowSize = Math.min(this.ceiling, this.windowSize + 1);
    if (this.pacing && this.pace < this.expected) {
      // Without an expected rate, probe upwards by a fiftieth of a request a second.
      this.pace = Number.isFinite(this.expected) ? this.pace + (this.expected - this.pace) * RATE_RECOVERY : this.pace + RATE_RECOVERY;
    }
  }

  /** A 429 for a request. Returns whether it counted as a new congestion event (for the AIMD window). */
  rateLimited(sent: Sent): boolean {
    const record = sent as SendRecord;
    const at = this.now();
    // A refused request used none of Stripe's allowance.
    record.refused = true;
    const fresh = record.at >= this.lastCutAt;
    if (fresh) {
      this.lastCutAt = at;
      this.windowSize = Math.max(1, this.windowSize / 2);
    }
    // Less than a full second of sending says more about the burst Stripe allowed than the rate.
    const measurable = record.at - (this.firstSentAt ?? record.at) >= RATE_WINDOW_MS;
    const accepted = this.acceptedBetween(record.at - RATE_WINDOW_MS, record);
    if (!this.pacing) {
      if (!measurable) return fresh;
      this.pace = Math.max(1, accepted);
    } else if (
      measurable &&
      accepted < this.pace * LOWER_LIMIT_SHARE &&
      this.refusedSince(record.at - RATE_WINDOW_MS) >= Math.max(LOWER_LIMIT_REFUSALS, this.pace / 10)
    ) {
      this.pace = Math.max(1, this.pace * RATE_CUT);
    }
    if (record.anchor > -Infinity && record.tokens >= BURST_EVIDENCE_TOKENS) {
      this.burst = Math.max(1, Math.min(this.burst, this.acceptedBetween(record.anchor, record)));
    }
    if (record.at >= this.anchorSentAt) this.anchor(record.at, at);
    return fresh;
  }

  /** The bucket was empty at `emptyAt`: start the estimate there and replay the sends made since. */
  private anchor(emptyAt: number, at: number): void {
    this.anchorSentAt = emptyAt;
    this.tokens = 0;
    this.tokensAt = emptyAt;
    for (const s of this.sends) {
      if (s.at <= emptyAt || s.refused) continue;
      this.refill(s.at);
      this.tokens -= 1;
    }
    this.refill(at);
  }

  private refill(at: number): void {
    if (!this.pacing) return;
    if (at > this.tokensAt) {
      this.tokens = Math.min(this.burst, this.tokens + ((at - this.tokensAt) * this.pace * REFILL_SHARE) / 1000);
      this.tokensAt = at;
    }
  }

  /** Sends not refused, after `from` and before `record`. */
  private acceptedBetween(from: number, record: SendRecord): number {
    let count = 0;
    for (const s of this.sends) {
      if (s === record) break;
      if (!s.refused && s.at > from) count++;
    }
    return count;
  }

  /** Refused sends after `from`. */
  private refusedSince(from: number): number {
    return this.sends.filter((s) => s.refused && s.at > from).length;
  }

  private trim(at: number): void {
    const keepFrom = at - 2 * RATE_WINDOW_MS;
    let drop = 0;
    while (drop < this.sends.length && (this.sends[drop].at <= keepFrom || this.sends.length - drop > MAX_REMEMBERED_SENDS)) drop++;
    if (drop > 0) this.sends.splice(0, drop);
  }
}
