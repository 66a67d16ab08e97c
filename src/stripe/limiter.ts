import { AdaptiveController, type ControllerSnapshot, type RoundTripFloor, type Sent } from './adaptive';
import { rateLimitDelayMs } from './backoff';

/** What became of a request that held a slot, for the adaptive controller. */
export type Outcome = 'clean' | 'rate_limited' | 'other';

/** One slot, held from the send to the answer. Release it exactly once. */
export interface Permit {
  /** The request's bytes have left the machine (adaptive only; the first call counts). */
  written(): void;
  release(outcome: Outcome): void;
}

export interface LimiterOptions {
  /** Learn the window and pace from the answers (default false: a plain FIFO limit of `max`). */
  adaptive?: boolean;
  /** Clock, ms (default Date.now). */
  now?: () => number;
  /** Adaptive only: the rate to pace at from the first request (default none: learnt from 429s). */
  expectedRate?: number;
  /** Adaptive only: requests that may go at once after a quiet second (see ControllerOptions.opening). */
  opening?: number;
  /** Timer for the pacing waits, returning its cancel (default setTimeout); tests hand in a fake clock's. */
  setTimer?: (fn: () => void, ms: number) => () => void;
  /** Adaptive only: the least round trip, shared by the limiters of one client's accounts. */
  roundTrips?: RoundTripFloor;
  /** Adaptive only: at most one send per turn of the event loop, so that the limiters of other accounts get theirs out in between (default false). */
  spreadBursts?: boolean;
}

interface Waiter {
  grant: () => void;
}

/**
 * A FIFO limiter: at most `max` tasks run at once, the rest wait in arrival order. Adaptive, it
 * spaces their starts by its AdaptiveController's pace (and, with no pace yet, lets fewer run),
 * never more than `max`. Retries may jump the queue, so a request that met a 429 is not starved by newer ones.
 */
export class ConcurrencyLimiter {
  private running = 0;
  private readonly queue: Waiter[] = [];
  private readonly controller?: AdaptiveController;
  private readonly now: () => number;
  /** The pacing wait armed: when it fires, and its cancel. */
  private timer: { at: number; cancel: () => void } | undefined;
  private readonly setTimer: (fn: () => void, ms: number) => () => void;
  /** Set while this turn's send has gone (spreadBursts only); cleared on the next turn. */
  private turn: (() => void) | undefined;
  private readonly spreadBursts: boolean;

  constructor(
    private readonly max: number,
    options: LimiterOptions = {},
  ) {
    if (!Number.isInteger(max) || max < 1) throw new RangeError('max must be a whole number of at least 1');
    this.now = options.now ?? Date.now;
    this.setTimer =
      options.setTimer ??
      ((fn, ms) => {
        if (ms <= 0) {
          const handle = setImmediate(fn);
          return () => clearImmediate(handle);
        }
        const handle = setTimeout(fn, ms);
        return () => clearTimeout(handle);
      });
    this.spreadBursts = options.adaptive === true && options.spreadBursts === true;
    if (options.adaptive)
      this.controller = new AdaptiveController(max, this.now, {
        expectedRate: options.expectedRate,
        opening: options.opening,
        roundTrips: options.roundTrips,
      });
  }

  get active(): number {
    return this.running;
  }

  get waiting(): number {
    return this.queue.length;
  }

  /** The controller's state (window and pacing rate), for the bench and the log. */
  state(): ControllerSnapshot {
    return this.controller?.snapshot() ?? { window: this.max, rate: Infinity, burst: this.max };
  }

  /**
   * The wait before 429 retry `retry` (0 for the first): exponential with full jitter from
   * `baseMs` while there is no pace; none while pacing, since the 429 has already corrected the
   * controller's model and the retry waits, first in the queue, until the model lets it go.
   */
  retryDelayMs(retry: number, baseMs: number, random: () => number): number {
    const interval = this.controller?.intervalMs ?? 0;
    return interval > 0 ? 0 : rateLimitDelayMs(retry, baseMs, random);
  }

  /** Runs `task` when a slot is free. A signal aborted while waiting removes the task from the queue. */
  async run<T>(task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    const permit = await this.acquire(signal);
    let outcome: Outcome = 'other';
    try {
      const result = await task();
      outcome = 'clean';
      return result;
    } finally {
      permit.release(outcome);
    }
  }

  /** Waits for a slot (`first`: ahead of every waiter). Rejects with the signal's reason if it aborts while waiting. */
  acquire(signal?: AbortSignal, first = false): Promise<Permit> {
    return new Promise<Permit>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const waiter: Waiter = {
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve(this.permit());
        },
      };
      const onAbort = () => {
        const at = this.queue.indexOf(waiter);
        if (at >= 0) this.queue.splice(at, 1);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      if (first) this.queue.unshift(waiter);
      else this.queue.push(waiter);
      this.pump();
    });
  }

  private permit(): Permit {
    const sent: Sent | undefined = this.controller?.sent();
    let released = false;
    return {
      written: () => {
        if (!sent || released) return;
        this.controller?.written(sent);
        // The refill may now start sooner than the wait armed while the burst was held.
        this.pump();
      },
      release: (outcome) => {
        if (released) return;
        released = true;
        this.running--;
        if (sent && outcome === 'clean') this.controller?.clean(sent);
        else if (sent && outcome === 'rate_limited') this.controller?.rateLimited(sent);
        else if (sent) this.controller?.failed(sent);
        this.pump();
      },
    };
  }

  /** Starts waiters while slots are free, no sooner than the controller's pace allows. */
  private pump(): void {
    while (this.queue.length > 0 && this.running < (this.controller?.inFlight ?? this.max)) {
      if (this.controller) {
        const wait = this.controller.nextSendAt() - this.now();
        if (wait > 0) {
          // A 429 can move the next send earlier than the wait already armed.
          const at = this.now() + Math.ceil(wait);
          if (this.timer && this.timer.at <= at) return;
          this.timer?.cancel();
          const cancel = this.setTimer(() => {
            this.timer = undefined;
            this.pump();
          }, Math.ceil(wait));
          this.timer = { at, cancel };
          return;
        }
      }
      if (this.spreadBursts && this.controller?.holding) {
        // A burst from full goes one send per account per turn of the event loop: it must not hold
        // back the first request of another account, which (on a busy machine) would reach Stripe
        // after its own bucket had begun to refill. Steady pacing is not held to a turn's length.
        if (this.turn) return;
        this.turn = this.setTimer(() => {
          this.turn = undefined;
          this.pump();
        }, 0);
      }
      const next = this.queue.shift();
      this.running++;
      next?.grant();
    }
  }
}

/** Limiters kept per account at most; past it the least recently used idle one is dropped (it only forgets what it learnt). */
const MAX_POOLED_LIMITERS = 1000;

/**
 * One limiter per account the requests are counted against. Stripe measures its rate limit
 * "per Stripe account" (docs.stripe.com/rate-limits), and a request with `Stripe-Account` (or
 * `Stripe-Context`) is executed on the connected account, not on the platform whose key sent it
 * (docs.stripe.com/connect/authentication, docs.stripe.com/context): so requests for different
 * accounts are limited and learnt from separately, and 429s on one account never slow another.
 * Stripe's docs do not spell out the Connect case; this reading is written down in the README.
 */
export class LimiterPool {
  private readonly limiters = new Map<string, ConcurrencyLimiter>();

  constructor(private readonly make: () => ConcurrencyLimiter) {}

  /** The limiter of `account` ('' for the key's own account). */
  get(account: string): ConcurrencyLimiter {
    let limiter = this.limiters.get(account);
    if (limiter) {
      // Most recently used last, so eviction below takes the stalest.
      this.limiters.delete(account);
    } else {
      limiter = this.make();
      if (this.limiters.size >= MAX_POOLED_LIMITERS) {
        for (const [key, idle] of this.limiters) {
          if (idle.active === 0 && idle.waiting === 0) {
            this.limiters.delete(key);
            break;
          }
        }
      }
    }
    this.limiters.set(account, limiter);
    return limiter;
  }

  get size(): number {
    return this.limiters.size;
  }
}
