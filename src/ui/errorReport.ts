/** What the person sees for an error, decided without `vscode` so it is unit-tested in plain Node. */
import { isSecretStoreError, maskSecrets } from '../stripe/errors';

export const ErrorButtons = {
  reEnterKey: 'Re-enter API Key',
  reimportFromStripeCli: 'Re-import from Stripe CLI',
  retry: 'Retry',
  showLog: 'Show Log',
} as const;

export interface ErrorReport {
  /** A cancelled prompt or operation: nothing is shown or logged. */
  silent: boolean;
  /** One short sentence (masked). */
  message: string;
  buttons: string[];
  /** Whether the full detail goes to the log (not for input mistakes). */
  log: boolean;
}

/** Failures that may pass on their own, so trying again makes sense. */
const RETRYABLE = new Set(['network', 'timeout', 'rate_limited', 'unavailable', 'conflict']);

export const EMULATOR_DOWN_HINT = 'Is the local emulator running? Start it with "Stripe Secrets: Start Local Emulator".';

export function isCancellation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const name = (error as { name?: unknown }).name;
  return name === 'Canceled' || name === 'AbortError';
}

/** The sentence for an error; a network failure on the emulator's connection says to start it. */
export function shortReason(error: unknown, emulatorConnection = false): string {
  if (isSecretStoreError(error)) {
    return error.kind === 'network' && emulatorConnection ? `${error.message} ${EMULATOR_DOWN_HINT}` : error.message;
  }
  const text = error instanceof Error ? error.message : String(error);
  return maskSecrets(text || 'Something went wrong; see the log for details.');
}

export function describeError(
  error: unknown,
  options: { emulatorConnection?: boolean; canRetry?: boolean; fromStripeCli?: boolean } = {},
): ErrorReport {
  if (isCancellation(error)) return { silent: true, message: '', buttons: [], log: false };
  const message = shortReason(error, options.emulatorConnection);
  if (isSecretStoreError(error)) {
    if (error.kind === 'validation') return { silent: false, message, buttons: [], log: false };
    const buttons: string[] = [];
    if (error.kind === 'invalid_key' && options.fromStripeCli) buttons.push(ErrorButtons.reimportFromStripeCli);
    if (error.kind === 'invalid_key') buttons.push(ErrorButtons.reEnterKey);
    if (RETRYABLE.has(error.kind) && options.canRetry !== false) buttons.push(ErrorButtons.retry);
    buttons.push(ErrorButtons.showLog);
    return { silent: false, message, buttons, log: true };
  }
  if (typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'MissingConnectionError') {
    return { silent: false, message, buttons: [], log: false };
  }
  return { silent: false, message, buttons: [ErrorButtons.showLog], log: true };
}
