/**
 * The error a cancelled operation rejects with. Its name is VS Code's own `Canceled`, which the
 * error funnel (ui/errorReport `isCancellation`) already treats as silent, so a person who pressed
 * Cancel sees nothing more.
 */
export class OperationCancelledError extends Error {
  override readonly name = 'Canceled';

  constructor(what = 'The request') {
    super(`${what} was cancelled.`);
  }
}

/** Also true for an error from another copy of this module (the bundle and the tests each load one). */
export function isOperationCancelled(e: unknown): e is OperationCancelledError {
  return e instanceof OperationCancelledError || (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === 'Canceled');
}
