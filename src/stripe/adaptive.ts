/**
 * When to send the next request to one account, learnt from Stripe's answers.
 *
 * Stripe limits each account to a request rate (docs.stripe.com/rate-limits: 100/s live, 25/s in
 * test mode and sandboxes) and answers 429 above it, with no Retry-After and no word on the
 * algorithm. Its engineering blog describes a token bucket (stripe.com/blog/rate-limiters); a
 * client must not stall if it is a strict sliding window instead. The controller keeps a model of a
 * token bucket and lets each 429 correct it:
 * - its bucket holds a fifth of a second's worth, refilled at the expected rate (the documented
 *   rate of the key's mode). After a quiet second up to the opening (the client's: a second's
 *   worth) may go at once, past the bucket, until the first of them is answered: a strict window
 *   takes them all in one round trip, which no pace could match, and a token bucket refuses what
 *   its burst did not hold, each refusal retried as it refills (below). Refusals in an opening
 *   close later openings down to the burst;
 * - a burst sent from a full model after a quiet second counts no refill until its first request
 *   has left the machine (Stripe's bucket was full until that request got there), and refills from
 *   a quarter of a request's worth after then, for its way there. Where the client cannot see that
 *   (a fetch of its own), it waits for the first answer and
 *   refills from when that answer shows the burst reached Stripe (no later than the least round
 *   trip, shared by the client's accounts, before it), spending no more than the burst has had
 *   accepted while the rest of its answers come in. 429s in the burst set the burst to what was
 *   accepted (at least 2);
 * - a 429 for a request means the limiter had less than one request's worth left when it got there.
 *   Where the request was seen leaving the machine, the estimate restarts from empty a quarter of a
 *   request after that write (its way there, as for a burst), or after the write of the last request
 *   before it that was accepted, when only refusals came between and it left less than a request's
 *   worth earlier (the bucket was empty no later than just after that one; the refusal alone says
 *   only that it held less than one). Otherwise, for a request sent at `s`, it restarts from the
 *   latest of `s` and the least round trip before its answer. It then replays the sends made after
 *   that point, and refills at the rate up to now. An answer held up on a busy machine does not
 *   move the estimate later, as the answer's time alone would. So the
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
/** How long a burst from a full model waits for its answers, in times an empty model takes to fill, before refilling from its send. */
const HOLD_FILLS = 2;
/**
 * A held burst refills from this much of a request's worth after its first write: Stripe's bucket
 * began to refill when that request got there, a few ms later (3 to 9 ms, traced with 20 accounts'
 * bursts at once on a busy 2-core machine). From the write itself, the first paced request reaches
 * Stripe a fraction of a token short and is refused, a round trip lost.
 */
const WRITE_TO_ARRIVAL_TOKENS = 0.25;
/** Sends remembered: two windows' worth at most, and never more than this many. */
const MAX_REMEMBERED_SENDS = 4096;

/**
 * The least round trip seen, shared by the controllers of one client (its accounts share the way to
 * Stripe). A request answered later than that reached Stripe up to that much later than it was sent.
 */
export class RoundTripFloor {
  private least = Infinity;

  observe(ms: number): void {
    if (ms >= 0 && ms < this.least) this.least = ms;
  }

  /** ms (0 before any answer). */
  get ms(): number {
    return Number.isFinite(this.least) ? this.least : 0;
  }
}

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
  /**
   * Requests that may go at once after a quiet second, past the burst, until the first of them is
   * answered (default the burst): a strict window takes them all, and a bucket's refusals correct
   * the model.
   */
  opening?: number;
  /** The least round trip seen, shared with the client's other controllers (default this controller's own). */
  roundTrips?: RoundTripFloor;
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
  /** Answered other than 429. */
  accepted?: boolean;
  /** When its bytes left the machine, if seen. */
  writtenAt?: number;
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
  private readonly roundTrips: RoundTripFloor;
  /**
   * A burst sent from a full model after a quiet second: no refill is counted until its first
   * request has left the machine (`leftAt`) or, failing that, its first answer is in (`estimated`),
   * or `until`.
   */
  private hold:
    { until: number; out: Set<Sent>; estimated: boolean; leftAt?: number; accepted: number; refused: number; spent: number } | undefined;
  private opening: number;

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
    this.opening = Math.max(this.burst, options.opening ?? this.burst);
    this.tokens = this.burst;
    this.tokensAt = now();
    this.roundTrips = options.roundTrips ?? new RoundTripFloor();
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
    if (this.usable >= 1 || this.opens) return at;
    // Held without a write seen: the next answer (or `until`) is what can free a send.
    if (this.hold && this.hold.leftAt === undefined) return this.hold.until;
    // One ms late rather than early: the server's clock may see the refill a hair later. (The refill
    // may not have begun yet: see WRITE_TO_ARRIVAL_TOKENS.)
    return Math.max(at, this.tokensAt) + ((1 - this.tokens) * 1000) / (this.pace * REFILL_SHARE) + 1;
  }

  /**
   * Tokens that may be spent now: while the answers of a held burst that was not seen leaving come
   * in, no more than it has had accepted so far, so that if Stripe's burst is smaller its 429s arrive
   * before the refill is spent.
   */
  private get usable(): number {
    return this.hold?.estimated && this.hold.leftAt === undefined
      ? Math.min(this.tokens, this.hold.accepted - this.hold.spent)
      : this.tokens;
  }

  /** A burst from a full model has sent less than the opening and none of it is answered yet. */
  private get opens(): boolean {
    return this.hold !== undefined && !this.hold.estimated && this.hold.out.size < this.opening;
  }

  /** A burst from a full model is out and none of it answered yet. */
  get holding(): boolean {
    return this.hold !== undefined && !this.hold.estimated;
  }

  /** How long an empty model takes to fill, ms. */
  private get fullAfterMs(): number {
    return (this.burst * 1000) / this.pace;
  }

  /** A request goes out now. */
  sent(): Sent {
    const at = this.now();
    this.firstSentAt ??= at;
    if (this.pacing) this.refill(at);
    const record: SendRecord = { at, refused: false, tokens: this.tokens, anchor: this.anchorSentAt };
    if (this.pacing) {
      // A burst after a quiet second (or the first): Stripe's bucket is full until the burst gets there.
      const last = this.sends.at(-1);
      const quiet = last === undefined || at - last.at >= RATE_WINDOW_MS;
      if (this.hold === undefined && quiet && this.tokens >= this.burst) {
        this.hold = { until: at + HOLD_FILLS * this.fullAfterMs, out: new Set(), estimated: false, accepted: 0, refused: 0, spent: 0 };
      }
      if (this.hold?.estimated) this.hold.spent++;
      else this.hold?.out.add(record);
      this.tokens -= 1;
    }
    this.sends.push(record);
    this.trim(at);
    return record;
  }

  /**
   * A request's bytes have left the machine. The first of a held burst to leave bounds when Stripe's
   * bucket began to refill more closely than any answer: the burst reached Stripe no earlier.
   * Refilling from the send instead runs ahead of Stripe by however long the machine took to get the
   * burst out (connections opened, a busy event loop), long enough to have the next request refused;
   * waiting for an answer runs behind it by a whole round trip.
   */
  written(sent: Sent): void {
    const rec = sent as SendRecord;
    const hold = this.hold;
    if (hold && !hold.estimated && hold.leftAt === undefined && hold.out.has(sent)) {
      hold.leftAt = this.now();
      this.tokensAt = Math.max(this.tokensAt, hold.leftAt + (WRITE_TO_ARRIVAL_TOKENS * 1000) / this.pace);
    }
    rec.writtenAt ??= this.now();
  }

  /** An answer that was not a 429 (errors other than rate limits say nothing about the rate). */
  clean(sent: Sent): void {
    const at = this.now();
    (sent as SendRecord).accepted = true;
    this.answered(sent, at, false);
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
    this.answered(sent, at, true);
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
    if (record.at >= this.anchorSentAt) this.anchor(record, at);
    return fresh;
  }

  /** An answer that was neither clean nor a 429 (a connection error): it only counts towards the end of a hold. */
  failed(sent: Sent): void {
    this.answered(sent, this.now(), false);
  }

  /**
   * A request of a held burst is answered at `at`. Stripe's bucket was full until the burst got
   * there, which the first answer bounds: no later than the least round trip before it; the model
   * refills from there (see `usable` for what it may spend). (Counting from the send instead
   * runs ahead of Stripe by however long the burst took to get there: on a busy machine, long enough
   * to have the next request refused.) A burst from a full bucket that met 429s shows the burst
   * Stripe allows: what it accepted of it.
   */
  private answered(sent: Sent, at: number, refused: boolean): void {
    this.roundTrips.observe(at - sent.at);
    const hold = this.hold;
    if (!hold?.out.delete(sent)) return;
    if (refused) hold.refused++;
    else hold.accepted++;
    if (!hold.estimated) {
      hold.estimated = true;
      if (hold.leftAt === undefined) this.tokensAt = Math.min(at, Math.max(this.tokensAt, at - this.roundTrips.ms));
    }
    if (hold.out.size > 0) return;
    this.hold = undefined;
    // Not below 2: capped at 1, the model would lose its one-ms margin every interval (a tenth of the
    // rate at 100/s); a smaller bucket then refuses one request after a quiet second, which re-anchors.
    if (hold.refused > 0 && hold.accepted > 0) {
      this.burst = Math.max(2, Math.min(this.burst, hold.accepted));
      this.tokens = Math.min(this.tokens, this.burst);
    }
    // Refusals show a limiter that takes no more than the burst at once: later openings keep to it.
    if (hold.refused > 0) this.opening = this.burst;
  }

  /**
   * The bucket held less than a request's worth when `refused` reached Stripe. Start the estimate
   * from empty where that is surest (see the class comment: after a write seen, else between its
   * send and the least round trip before its answer at `at`), and replay the sends made after it.
   * Writes are compared with writes: the way to Stripe is the same for both, so it cancels out.
   */
  private anchor(refused: SendRecord, at: number): void {
    this.anchorSentAt = refused.at;
    this.tokens = 0;
    const from = this.lastAcceptedBefore(refused);
    this.tokensAt =
      from.writtenAt !== undefined
        ? Math.min(at, from.writtenAt + (WRITE_TO_ARRIVAL_TOKENS * 1000) / this.pace)
        : Math.min(at, Math.max(refused.at, at - this.roundTrips.ms));
    for (const s of this.sends) {
      if (s.at <= from.at || s.refused) continue;
      this.refill(s.at);
      this.tokens -= 1;
    }
    this.refill(at);
  }

  /**
   * The accepted request just before `refused` with only refusals between, when both were seen
   * leaving and it left less than a request's worth earlier; else `refused` itself.
   */
  private lastAcceptedBefore(refused: SendRecord): SendRecord {
    const writtenAt = refused.writtenAt;
    if (writtenAt === undefined) return refused;
    for (let i = this.sends.indexOf(refused) - 1; i >= 0; i--) {
      const s = this.sends[i];
      if (s.refused) continue;
      return s.accepted && s.writtenAt !== undefined && writtenAt - s.writtenAt < 1000 / this.pace ? s : refused;
    }
    return refused;
  }

  private refill(at: number): void {
    if (!this.pacing) return;
    if (this.hold) {
      // Answers that take too long say nothing: refill as counted so far (from the send, without an answer).
      if (at >= this.hold.until) this.hold = undefined;
      else if (!this.hold.estimated && this.hold.leftAt === undefined) return;
    }
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
