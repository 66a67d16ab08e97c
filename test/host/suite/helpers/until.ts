/**
 * Polls `probe` (which may be async) every 50 ms until it returns something truthy, which it
 * resolves to; fails after `ms`. The one wait of the host suite: no test sleeps for a fixed time.
 * `what` may be a function, read at the timeout, so the failure can say what was seen instead.
 */
export async function until<T>(
  what: string | (() => string),
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  ms = 8000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${typeof what === 'string' ? what : what()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
