/**
 * One error type for every Secret Store failure. Its `message` is one short sentence for a person,
 * naming what to do, masked, and ending with the Request-Id when Stripe sent one.
 */
import type { SecretScope } from '../model/types';
import { scopeLabel } from '../model/scope';
import { maskSecrets, scrubValue } from '../model/masking';

export type SecretStoreErrorKind =
  | 'validation'
  | 'invalid_key'
  | 'permission'
  | 'not_found'
  | 'scope_full'
  | 'rate_limited'
  | 'unavailable'
  | 'network'
  | 'timeout'
  | 'invalid_request'
  | 'conflict'
  | 'unknown';

export interface SecretStoreErrorDetails {
  status?: number;
  code?: string;
  param?: string;
  requestId?: string;
  /** Stripe's own message, masked. */
  stripeMessage?: string;
}

export class SecretStoreError extends Error {
  override readonly name = 'SecretStoreError';
  readonly kind: SecretStoreErrorKind;
  readonly status?: number;
  readonly code?: string;
  readonly param?: string;
  readonly requestId?: string;
  readonly stripeMessage?: string;

  constructor(kind: SecretStoreErrorKind, message: string, details: SecretStoreErrorDetails = {}) {
    const masked = maskSecrets(message);
    super(details.requestId ? `${masked} (Request-Id ${details.requestId})` : masked);
    this.kind = kind;
    this.status = details.status;
    this.code = details.code;
    this.param = details.param;
    this.requestId = details.requestId;
    this.stripeMessage = details.stripeMessage === undefined ? undefined : maskSecrets(details.stripeMessage);
  }
}

/** Also true for an error from another copy of this module (the bundle and the tests each load one). */
export function isSecretStoreError(e: unknown): e is SecretStoreError {
  if (e instanceof SecretStoreError) return true;
  return (
    typeof e === 'object' &&
    e !== null &&
    (e as { name?: unknown }).name === 'SecretStoreError' &&
    typeof (e as { kind?: unknown }).kind === 'string'
  );
}

export { maskSecrets };

/** What the failing call was about, to word the message and to scrub the value out of it. */
export interface ErrorContext {
  name?: string;
  scope?: SecretScope;
  /** A value that must never appear in the message (the payload being set). */
  secretValue?: string;
}

/** The fields of a stripe-node error we read; never its constructor name, which minifiers mangle. */
interface StripeLikeError {
  type?: unknown;
  rawType?: unknown;
  statusCode?: unknown;
  code?: unknown;
  param?: unknown;
  requestId?: unknown;
  message?: unknown;
  detail?: unknown;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ECONNRESET',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
]);

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

/** The errors a failure wraps: stripe-node's `detail`/`exception`, fetch's `cause`. */
function chain(err: unknown): object[] {
  const out: object[] = [];
  let queue: unknown[] = [err];
  while (queue.length > 0 && out.length < 8) {
    const next: unknown[] = [];
    for (const e of queue) {
      if (typeof e !== 'object' || e === null || out.includes(e)) continue;
      out.push(e);
      const { detail, exception, cause } = e as { detail?: unknown; exception?: unknown; cause?: unknown };
      next.push(detail, exception, cause);
    }
    queue = next;
  }
  return out;
}

/** The errno-style code of a connection failure anywhere in the chain. */
function networkCode(err: unknown): string | undefined {
  for (const e of chain(err)) {
    const { code, errno } = e as { code?: unknown; errno?: unknown };
    const found = str(code) ?? str(errno);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * The SDK aborts a fetch only when its timeout fires. node-fetch's AbortError takes its `name`
 * from its class name, which a minifier mangles, so look for its `type: 'aborted'` as well.
 */
function isTimeout(err: unknown, message: string | undefined): boolean {
  if (/timeout/i.test(message ?? '')) return true;
  return chain(err).some((e) => {
    const { code, type, name } = e as { code?: unknown; type?: unknown; name?: unknown };
    return (
      code === 'ETIMEDOUT' ||
      code === 'UND_ERR_HEADERS_TIMEOUT' ||
      code === 'UND_ERR_BODY_TIMEOUT' ||
      type === 'aborted' ||
      name === 'AbortError' ||
      name === 'TimeoutError'
    );
  });
}

/**
 * Stripe's error for the eleventh secret is unconfirmed; the emulator answers 400
 * `secret_limit_exceeded` "This scope already holds the maximum of 10 secrets". Match any 400
 * whose code or message speaks of a secret limit, but not rate limits or length limits.
 */
export function looksLikeScopeFull(status: number | undefined, code: string | undefined, message: string | undefined): boolean {
  if (status !== 400) return false;
  if (code === 'secret_limit_exceeded' || (code !== undefined && /secret.*(limit|max)|(limit|max).*secret/i.test(code))) return true;
  if (code === 'rate_limit') return false;
  return (
    message !== undefined &&
    /(maximum|limit|too many|at most \d+ secrets)[^.]*\bsecrets\b|\bsecrets\b[^.]*(limit|maximum) (reached|exceeded|of)/i.test(message)
  );
}

function where(context: ErrorContext): string {
  if (!context.scope) return '';
  return context.scope.type === 'account' ? ' in the account scope' : ` in the scope of user ${scopeLabel(context.scope)}`;
}

function scrub(text: string, context: ErrorContext): string {
  return scrubValue(text, context.secretValue);
}

/** Turns whatever a call threw (stripe-node error, fetch error, anything) into a SecretStoreError. */
export function toSecretStoreError(err: unknown, context: ErrorContext = {}): SecretStoreError {
  if (isSecretStoreError(err)) return err;
  const e = (typeof err === 'object' && err !== null ? err : { message: String(err) }) as StripeLikeError;
  const type = str(e.type);
  const status = typeof e.statusCode === 'number' ? e.statusCode : undefined;
  const code = str(e.code);
  const param = str(e.param);
  const requestId = str(e.requestId);
  const rawMessage = str(e.message);
  const stripeMessage = rawMessage === undefined ? undefined : scrub(rawMessage, context);
  const details: SecretStoreErrorDetails = { status, code, param, requestId, stripeMessage };
  const make = (kind: SecretStoreErrorKind, message: string) => new SecretStoreError(kind, scrub(message, context), details);

  if (type === 'StripeConnectionError' || (status === undefined && networkCode(err) !== undefined)) {
    const netCode = networkCode(err);
    if (isTimeout(err, rawMessage)) {
      return make(
        'timeout',
        'Stripe did not answer in time; check your connection and try again, or raise the stripeSecrets.requestTimeoutSeconds setting.',
      );
    }
    const suffix = netCode !== undefined && NETWORK_CODES.has(netCode) ? ` (${netCode})` : '';
    return make(
      'network',
      `Could not reach the Stripe API${suffix}; check your network, proxy or the connection's API address, then try again.`,
    );
  }
  if (status === 401 || type === 'StripeAuthenticationError') {
    if (code === 'api_key_expired') return make('invalid_key', 'This API key has expired; re-enter a current key for the connection.');
    return make('invalid_key', 'Stripe did not accept this API key; re-enter a valid secret or restricted key for the connection.');
  }
  if (status === 403 || type === 'StripePermissionError') {
    return make(
      'permission',
      'This key may not manage app secrets here; use a secret key, or a restricted key with the Secret Store permission, and check the Stripe-Account.',
    );
  }
  // A wrong API base (a proxy, stripe-mock) also answers 404, "Unrecognized request URL": that is
  // no missing secret, and Stripe's own message says more.
  if (status === 404 && (code === 'resource_missing' || context.name !== undefined)) {
    const what = context.name !== undefined ? `No secret named "${context.name}"` : 'The secret was not found';
    return make('not_found', `${what}${where(context)}; it may have been deleted or expired, so refresh the list.`);
  }
  if (status === 429 || type === 'StripeRateLimitError' || code === 'rate_limit') {
    return make('rate_limited', 'Stripe is limiting the request rate; wait a few seconds and try again.');
  }
  if (looksLikeScopeFull(status, code, rawMessage)) {
    const scope = !context.scope
      ? 'This scope'
      : context.scope.type === 'account'
        ? 'The account scope'
        : `The scope of user ${scopeLabel(context.scope)}`;
    return make('scope_full', `${scope} already holds 10 secrets, the most Stripe allows; delete one before adding another.`);
  }
  if (status === 409 || type === 'StripeIdempotencyError') {
    return make('conflict', 'Another change to this secret was in progress; refresh and try again.');
  }
  if (status !== undefined && status >= 500) {
    return make('unavailable', `Stripe is having trouble right now (HTTP ${status}); try again in a few minutes.`);
  }
  if (type === 'StripeAPIError' && status === undefined) {
    return make(
      'unavailable',
      "The API sent a response that could not be read; check the connection's API address or proxy, then try again.",
    );
  }
  if (status !== undefined && status >= 400) {
    const reason = stripeMessage ? `: ${stripeMessage.replace(/[.\s]+$/, '')}` : ` (HTTP ${status})`;
    return make('invalid_request', `Stripe refused the request${reason}.`);
  }
  return make(
    'unknown',
    `Something unexpected went wrong${stripeMessage ? `: ${stripeMessage.replace(/[.\s]+$/, '')}` : ''}; see the log for details.`,
  );
}
