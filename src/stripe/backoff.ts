/** Backoff for retries: 429s (which stripe-node does not retry) and the SDK's own retry cases, which the client now retries itself. */

export const RATE_LIMIT_MAX_DELAY_MS = 8_000;

/**
 * The wait before retry `attempt` (0 for the first retry): a uniform draw from
 * [0, min(cap, base * 2^attempt)), as in "full jitter" (aws.amazon.com/blogs/architecture/exponential-backoff-and-jitter).
 */
export function rateLimitDelayMs(
  attempt: number,
  baseDelayMs: number,
  random: () => number = Math.random,
  capMs = RATE_LIMIT_MAX_DELAY_MS,
): number {
  const ceiling = Math.min(capMs, baseDelayMs * 2 ** attempt);
  return Math.floor(random() * ceiling);
}

/** The SDK's own schedule for connection errors, 409 and 5xx: 0.5 s doubling to 5 s, jittered to between half and all of it. */
export function networkRetryDelayMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(5_000, 500 * 2 ** attempt);
  return Math.floor(ceiling * 0.5 * (1 + random()));
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
