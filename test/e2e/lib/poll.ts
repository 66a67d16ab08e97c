/** The default deadline of a wait in the browser tests. */
export const TIMEOUT = 20_000;

/** Polls `read` until it returns something other than undefined, or throws once `timeoutMs` have passed. */
export async function eventually<T>(read: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = TIMEOUT): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
