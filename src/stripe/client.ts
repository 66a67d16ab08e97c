/**
 * The Secret Store over the official stripe-node SDK: validation before any request, an adaptive
 * concurrency limit and pacing (see adaptive.ts), and every retry done here rather than in the SDK
 * (its retries sleep inside our slot, past our deadline and beyond cancellation, and it never
 * retries a 429): 429s with backoff outside the slot, connection errors, 409 and 5xx, always
 * obeying `Stripe-Should-Retry`. One deadline covers a whole operation. One log event per HTTP
 * attempt. Never logs a key or a value.
 */
import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import type { ConnectionTarget, SecretMeta, SecretScope, SecretWithPayload, SetSecretInput } from '../model/types';
import {
  contextAccount,
  isOrganizationKey,
  keyModeOf,
  validateAccountId,
  validateApiBase,
  validateApiKey,
  validateExpiry,
  validatePayload,
  validateStripeContext,
  validateUserId,
} from '../model/validation';
import { RoundTripFloor } from './adaptive';
import { networkRetryDelayMs, sleep } from './backoff';
import { OperationCancelledError } from './cancel';
import { SecretStoreError, toSecretStoreError, type ErrorContext } from './errors';
import { ConcurrencyLimiter, LimiterPool, type Outcome } from './limiter';
import type { ClientOptions, OperationOptions, RequestLogEvent, SecretStore, VerifyResult } from './types';
import { whenWritten } from './wireTiming';

/** Pinned to what stripe@23.1.0 was generated for, so a dependency bump cannot change the wire format silently. */
export const STRIPE_API_VERSION = '2026-10-28.endive' satisfies Stripe.LatestApiVersion;
/** Stripe's largest list page. */
export const MAX_PAGE_SIZE = 100;

const APP_INFO_NAME = 'Stripe App Secrets (VS Code)';
const APP_INFO_URL = 'https://github.com/stripe-app-secrets/stripe-app-secrets';
/** Keep equal to package.json's version (a unit test checks it); the extension may pass its own. */
export const DEFAULT_APP_VERSION = '0.1.0';

export const ClientDefaults = {
  maxConcurrentRequests: 32,
  timeoutMs: 30_000,
  maxRateLimitRetries: 8,
  maxNetworkRetries: 2,
  rateLimitBaseDelayMs: 500,
} as const;

export interface SecretStoreClientOptions extends ClientOptions {
  /** List page size, 1-100 (default 100); tests make it small to exercise paging. */
  pageSize?: number;
  /** Reported in the User-Agent's appInfo (default DEFAULT_APP_VERSION). */
  appVersion?: string;
  /** Clock for expiry validation, unix ms (default Date.now). */
  now?: () => number;
  /** Jitter source for 429 backoff (default Math.random). */
  random?: () => number;
  /** Waits out a retry's backoff, rejecting with the signal's reason if it aborts (default a timer); tests pass one that does not wait. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** Learn concurrency and pace from 429s (default true); false keeps a fixed limit, for the bench's baseline. */
  adaptive?: boolean;
  /** Adaptive only: pace from the first request at this rate per account (default Stripe's documented rate for the key's mode; null: learn it from 429s). */
  expectedRatePerSecond?: number | null;
}

/** Stripe's documented rate limit per account, requests/s (docs.stripe.com/rate-limits): live mode, and test mode or a sandbox. */
export const DOCUMENTED_RATE_LIMIT = { live: 100, test: 25 } as const;

/** Stripe's only rules on a name; the strict rules for new names belong to the Set prompt. */
const STRIPE_MAX_NAME_LENGTH = 5000;

function validateStripeName(name: string): void {
  if (typeof name !== 'string' || name.length === 0) throw new SecretStoreError('validation', 'Enter a secret name.');
  if (name.length > STRIPE_MAX_NAME_LENGTH)
    throw new SecretStoreError('validation', `A secret name can be at most ${STRIPE_MAX_NAME_LENGTH} characters long.`);
}

/** What one operation shares across its attempts. */
interface Attempt {
  count: number;
  signal: AbortSignal;
  /** The last answer's `Stripe-Should-Retry` header. */
  shouldRetry: string | null;
  /** Tells the attempt's limiter slot that its request has left the machine. */
  written?: () => void;
}

/** The subset of a fetch Response the log reads. */
interface FetchResponseLike {
  status: number;
  headers: { get(name: string): string | null };
}
/** How the SDK's fetch client hands over headers: name-value pairs. */
type FetchHeaders = [string, string][] | Record<string, string>;
type FetchLike = (
  url: string,
  init?: { method?: string; headers?: FetchHeaders; signal?: AbortSignal | null },
) => Promise<FetchResponseLike>;

/** Names the operation an attempt belongs to, from `call` through the SDK to its fetch, which drops it: it is never sent. */
const ATTEMPT_HEADER = 'x-stripe-app-secrets-attempt';

/** The account a request's `Stripe-Context` or `Stripe-Account` header names ('' for none). */
function accountOf(headers: FetchHeaders | undefined): string {
  const entries = headers === undefined ? [] : Array.isArray(headers) ? headers : Object.entries(headers);
  const value = (name: string) => entries.find(([n]) => n.toLowerCase() === name)?.[1];
  return value('stripe-context') ?? value('stripe-account') ?? '';
}

function withoutAttemptHeader(headers: FetchHeaders | undefined): { id?: string; headers?: FetchHeaders } {
  if (headers === undefined) return {};
  const entries = Array.isArray(headers) ? headers : Object.entries(headers);
  const mine = ([name]: [string, string]) => name.toLowerCase() === ATTEMPT_HEADER;
  const id = entries.find(mine)?.[1];
  return id === undefined ? { headers } : { id, headers: entries.filter((entry) => !mine(entry)) };
}

let nodeFetch: Promise<FetchLike> | undefined;
/**
 * node-fetch v3 is ESM-only. Under tsc's Node16/CommonJS output a static import is refused (TS1479),
 * and VS Code's own Node may predate require(esm); a dynamic import() survives both tsc (kept as
 * a real import()) and esbuild (inlined into the bundle).
 */
function loadNodeFetch(): Promise<FetchLike> {
  nodeFetch ??= import('node-fetch').then((m) => m.default as unknown as FetchLike);
  return nodeFetch;
}

function checked(message: string | undefined): void {
  if (message !== undefined) throw new SecretStoreError('validation', message);
}

/** Where one request acts, as the SDK's per-request options name it. */
type Route = Pick<Stripe.RequestOptions, 'stripeAccount' | 'stripeContext'>;

/** The account a route acts on, which its rate limit is counted against: a context's last account. */
function routeAccount(route: Route): string | undefined {
  return typeof route.stripeContext === 'string' ? contextAccount(route.stripeContext) : route.stripeAccount;
}

function validateScope(scope: SecretScope): void {
  if (scope === null || typeof scope !== 'object') throw new SecretStoreError('validation', 'Choose the account scope or a user scope.');
  if (scope.type === 'account') return;
  if (scope.type === 'user') return checked(validateUserId(scope.user ?? ''));
  throw new SecretStoreError('validation', 'Choose the account scope or a user scope.');
}

function apiScope(scope: SecretScope): { type: 'account' } | { type: 'user'; user: string } {
  return scope.type === 'account' ? { type: 'account' } : { type: 'user', user: scope.user };
}

function toScope(raw: Stripe.Apps.Secret.Scope): SecretScope {
  return raw.type === 'user' && typeof raw.user === 'string' ? { type: 'user', user: raw.user } : { type: 'account' };
}

function toMeta(raw: Stripe.Apps.Secret): SecretMeta {
  return {
    id: raw.id,
    name: raw.name,
    scope: toScope(raw.scope),
    created: raw.created,
    expiresAt: raw.expires_at ?? null,
    livemode: raw.livemode,
  };
}

export class SecretStoreClient implements SecretStore {
  private readonly stripe: Stripe;
  /** One limiter per account the requests act on: Stripe counts its rate limit per account (see limiter.ts). */
  private readonly limiters: LimiterPool;
  private readonly pageSize: number;
  private readonly maxRateLimitRetries: number;
  private readonly maxNetworkRetries: number;
  private readonly rateLimitBaseDelayMs: number;
  private readonly timeoutMs: number;
  private readonly now: () => number;
  /** The account requests act on without a per-request one ('' for the key's own). */
  private readonly ownAccount: string;
  /** An organization key: a per-request account goes out as `Stripe-Context`, never `Stripe-Account`. */
  private readonly organization: boolean;
  private readonly random: () => number;
  private readonly sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  private readonly onRequest?: (event: RequestLogEvent) => void;
  /** The operation each HTTP attempt belongs to, by the ATTEMPT_HEADER the SDK hands its fetch. */
  private readonly attempts = new Map<string, Attempt>();
  private attemptIds = 0;

  constructor(target: ConnectionTarget, options: SecretStoreClientOptions = {}) {
    checked(validateApiKey(target.apiKey));
    if (target.stripeAccount !== undefined) checked(validateAccountId(target.stripeAccount));
    if (target.stripeContext !== undefined) checked(validateStripeContext(target.stripeContext));
    if (target.apiBase !== undefined) checked(validateApiBase(target.apiBase));
    this.organization = isOrganizationKey(target.apiKey);
    // Stripe refuses every request of an organization key that names no account (docs.stripe.com/keys/organization-api-keys).
    const context = target.stripeContext ?? (this.organization ? target.stripeAccount : undefined);
    if (this.organization && context === undefined) {
      throw new SecretStoreError(
        'validation',
        'An organization key (sk_org_…) acts on the account its Stripe-Context names: enter acct_… or a path such as acct_platform/acct_connected.',
      );
    }

    const maxConcurrent = options.maxConcurrentRequests ?? ClientDefaults.maxConcurrentRequests;
    if (!Number.isInteger(maxConcurrent) || maxConcurrent < 1)
      throw new SecretStoreError('validation', 'maxConcurrentRequests must be a whole number of at least 1.');
    this.pageSize = options.pageSize ?? MAX_PAGE_SIZE;
    if (!Number.isInteger(this.pageSize) || this.pageSize < 1 || this.pageSize > MAX_PAGE_SIZE)
      throw new SecretStoreError('validation', 'pageSize must be a whole number from 1 to 100.');
    const adaptive = options.adaptive ?? true;
    const expected =
      options.expectedRatePerSecond === undefined
        ? DOCUMENTED_RATE_LIMIT[target.mode ?? keyModeOf(target.apiKey)]
        : (options.expectedRatePerSecond ?? undefined);
    if (expected !== undefined && !(expected > 0 && Number.isFinite(expected)))
      throw new SecretStoreError('validation', 'expectedRatePerSecond must be more than 0.');
    const roundTrips = new RoundTripFloor();
    this.limiters = new LimiterPool(
      () =>
        new ConcurrencyLimiter(maxConcurrent, {
          adaptive,
          expectedRate: expected,
          // A second's worth: a strict window takes it, and a token bucket's refusals are retried as it refills.
          opening: expected !== undefined ? Math.round(expected) : undefined,
          roundTrips,
          spreadBursts: true,
        }),
    );
    this.maxRateLimitRetries = options.maxRateLimitRetries ?? ClientDefaults.maxRateLimitRetries;
    this.maxNetworkRetries = options.maxNetworkRetries ?? ClientDefaults.maxNetworkRetries;
    this.timeoutMs = options.timeoutMs ?? ClientDefaults.timeoutMs;
    if (!(this.timeoutMs > 0)) throw new SecretStoreError('validation', 'timeoutMs must be more than 0.');
    this.rateLimitBaseDelayMs = options.rateLimitBaseDelayMs ?? ClientDefaults.rateLimitBaseDelayMs;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.sleep = options.sleep ?? sleep;
    this.onRequest = options.onRequest;

    const baseFetch: FetchLike =
      options.fetch !== undefined ? (options.fetch as FetchLike) : async (url, init) => (await loadNodeFetch())(url, init);
    const config: Stripe.StripeConfig = {
      apiVersion: STRIPE_API_VERSION,
      telemetry: false,
      appInfo: { name: APP_INFO_NAME, version: options.appVersion ?? DEFAULT_APP_VERSION, url: APP_INFO_URL },
      httpClient: Stripe.createFetchHttpClient(this.loggingFetch(baseFetch) as unknown as typeof fetch),
      // Retries are ours (see call); the SDK still retries a closed keep-alive socket once.
      maxNetworkRetries: 0,
      timeout: this.timeoutMs,
    };
    if (context !== undefined) config.stripeContext = context;
    else if (target.stripeAccount !== undefined) config.stripeAccount = target.stripeAccount;
    this.ownAccount = context !== undefined ? contextAccount(context) : (target.stripeAccount ?? '');
    if (target.apiBase !== undefined) {
      const base = new URL(target.apiBase);
      config.protocol = base.protocol === 'http:' ? 'http' : 'https';
      config.host = base.hostname;
      config.port = base.port !== '' ? base.port : base.protocol === 'http:' ? '80' : '443';
    }
    this.stripe = new Stripe(target.apiKey, config);
  }

  async list(scope: SecretScope, signal?: AbortSignal, options: OperationOptions = {}): Promise<SecretMeta[]> {
    validateScope(scope);
    const account = this.route(options);
    const context: ErrorContext = { scope };
    const secrets: SecretMeta[] = [];
    let startingAfter: string | undefined;
    for (;;) {
      const params: Stripe.Apps.SecretListParams = { scope: apiScope(scope), limit: this.pageSize };
      if (startingAfter !== undefined) params.starting_after = startingAfter;
      const page = await this.call((opts) => this.stripe.apps.secrets.list(params, opts), context, false, signal, account);
      for (const raw of page.data) secrets.push(toMeta(raw));
      const last = page.data.at(-1);
      // A server that says has_more without moving forward would loop forever.
      if (!page.has_more || last === undefined || last.id === startingAfter) break;
      startingAfter = last.id;
    }
    if (signal?.aborted) throw new OperationCancelledError();
    return secrets;
  }

  async find(name: string, scope: SecretScope, options: OperationOptions = {}): Promise<SecretMeta> {
    validateStripeName(name);
    validateScope(scope);
    const raw = await this.call(
      (opts) => this.stripe.apps.secrets.find({ scope: apiScope(scope), name }, opts),
      { name, scope },
      false,
      options.signal,
      this.route(options),
    );
    return toMeta(raw);
  }

  async reveal(name: string, scope: SecretScope, options: OperationOptions = {}): Promise<SecretWithPayload> {
    validateStripeName(name);
    validateScope(scope);
    const raw = await this.call(
      (opts) => this.stripe.apps.secrets.find({ scope: apiScope(scope), name, expand: ['payload'] }, opts),
      { name, scope },
      false,
      options.signal,
      this.route(options),
    );
    if (typeof raw.payload !== 'string') {
      throw new SecretStoreError('unknown', `Stripe returned the secret "${name}" without its value; try again.`, {
        requestId: raw.lastResponse?.requestId,
      });
    }
    return { ...toMeta(raw), payload: raw.payload };
  }

  /**
   * Create or replace. No expiry is sent as an empty `expires_at`, Stripe's way to unset a field
   * (the SDK form-encodes '' as `expires_at=`): whether a replace that omits it keeps an old
   * expiry is undocumented, and "Never" must not silently keep one.
   */
  async set(input: SetSecretInput, options: OperationOptions = {}): Promise<SecretMeta> {
    validateStripeName(input.name);
    validateScope(input.scope);
    checked(validatePayload(input.payload));
    const expiresAt = input.expiresAt ?? null;
    if (expiresAt !== null) checked(validateExpiry(expiresAt, this.now()));
    const params = { name: input.name, scope: apiScope(input.scope), payload: input.payload, expires_at: expiresAt ?? '' };
    const raw = await this.call(
      (opts) => this.stripe.apps.secrets.create(params as unknown as Stripe.Apps.SecretCreateParams, opts),
      { name: input.name, scope: input.scope, secretValue: input.payload },
      true,
      options.signal,
      this.route(options),
    );
    return toMeta(raw);
  }

  async delete(name: string, scope: SecretScope, options: OperationOptions = {}): Promise<void> {
    validateStripeName(name);
    validateScope(scope);
    await this.call(
      (opts) => this.stripe.apps.secrets.deleteWhere({ scope: apiScope(scope), name }, opts),
      { name, scope },
      true,
      options.signal,
      this.route(options),
    );
  }

  /**
   * Stripe reports a mode only on what it returns (`livemode` on each secret; the list itself carries
   * none), so the mode is known here only when the account scope holds a secret.
   */
  async verify(): Promise<VerifyResult> {
    const page = await this.call((opts) => this.stripe.apps.secrets.list({ scope: { type: 'account' }, limit: 1 }, opts), {}, false);
    const livemode = page.data[0]?.livemode;
    return typeof livemode === 'boolean' ? { livemode } : {};
  }

  /** A per-request account or context, validated before any request; an organization key's account goes out as Stripe-Context. */
  private route(options: OperationOptions): Route | undefined {
    if (options.stripeContext !== undefined) {
      checked(validateStripeContext(options.stripeContext));
      return { stripeContext: options.stripeContext };
    }
    if (options.stripeAccount === undefined) return undefined;
    checked(validateAccountId(options.stripeAccount));
    return this.organization ? { stripeContext: options.stripeAccount } : { stripeAccount: options.stripeAccount };
  }

  /** The controller's window and pacing rate for one account (default the client's own), for the bench. */
  limiterState(stripeAccount?: string): ReturnType<ConcurrencyLimiter['state']> {
    return this.limiters.get(stripeAccount ?? this.ownAccount).state();
  }

  /**
   * One logical call. Each attempt holds a limiter slot only while its request is on the wire; a
   * retry's backoff is slept outside it and the retry goes first in the queue. One deadline
   * (timeoutMs) runs from the first attempt to the end, retries and backoffs included; `signal`
   * cancels in the queue, on the wire and in a backoff. POSTs get one Idempotency-Key for every
   * try, so a retried set or delete happens once.
   */
  private async call<T>(
    request: (options: Stripe.RequestOptions) => Promise<T>,
    context: ErrorContext,
    post: boolean,
    signal?: AbortSignal,
    route?: Route,
  ): Promise<T> {
    if (signal?.aborted) throw new OperationCancelledError();
    const limiter = this.limiters.get((route && routeAccount(route)) ?? this.ownAccount);
    const idempotency: Stripe.RequestOptions = { ...(post ? { idempotencyKey: randomUUID() } : {}), ...route };
    const deadline = new AbortController();
    const operation = signal ? AbortSignal.any([signal, deadline.signal]) : deadline.signal;
    const attempt: Attempt = { count: 0, signal: operation, shouldRetry: null };
    const attemptId = String(++this.attemptIds);
    this.attempts.set(attemptId, attempt);
    let timer: ReturnType<typeof setTimeout> | undefined;
    let endsAt = Infinity;
    const stopped = (err: unknown): unknown => {
      if (signal?.aborted) return new OperationCancelledError();
      if (deadline.signal.aborted) {
        return new SecretStoreError(
          'timeout',
          `Stripe did not finish the request within ${Math.round(this.timeoutMs / 1000)} s, retries included; check your connection and try again, or raise the stripeSecrets.requestTimeoutSeconds setting.`,
        );
      }
      return err;
    };
    try {
      for (let rateRetry = 0, otherRetry = 0; ;) {
        const permit = await limiter.acquire(operation, rateRetry + otherRetry > 0).catch((err: unknown) => {
          throw stopped(err);
        });
        if (timer === undefined) {
          endsAt = Date.now() + this.timeoutMs;
          timer = setTimeout(() => deadline.abort(), this.timeoutMs);
        }
        let outcome: Outcome = 'other';
        let error: SecretStoreError;
        try {
          attempt.shouldRetry = null;
          attempt.written = () => permit.written();
          const result = await request({
            ...idempotency,
            headers: { [ATTEMPT_HEADER]: attemptId },
            timeout: Math.max(1, Math.ceil(endsAt - Date.now())),
          });
          outcome = 'clean';
          return result;
        } catch (err) {
          if (operation.aborted) throw stopped(err);
          error = toSecretStoreError(err, context);
          // The SDK's own timeout is set to the time left, so it means the deadline passed.
          if (error.kind === 'timeout') {
            deadline.abort();
            throw stopped(err);
          }
          outcome = error.kind === 'rate_limited' ? 'rate_limited' : error.status !== undefined && error.status < 500 ? 'clean' : 'other';
        } finally {
          permit.release(outcome);
        }
        let delay: number;
        if (!this.retryable(error, attempt.shouldRetry)) throw error;
        if (error.kind === 'rate_limited') {
          if (rateRetry >= this.maxRateLimitRetries) throw error;
          delay = limiter.retryDelayMs(rateRetry++, this.rateLimitBaseDelayMs, this.random);
        } else {
          if (otherRetry >= this.maxNetworkRetries) throw error;
          delay = networkRetryDelayMs(otherRetry++, this.random);
        }
        await this.sleep(delay, operation).catch((err: unknown) => {
          throw stopped(err);
        });
      }
    } finally {
      clearTimeout(timer);
      this.attempts.delete(attemptId);
    }
  }

  /** Stripe's `Stripe-Should-Retry` decides when sent; otherwise 429, 409, 5xx and connection failures are retried. */
  private retryable(error: SecretStoreError, shouldRetry: string | null): boolean {
    if (shouldRetry === 'false') return false;
    if (shouldRetry === 'true') return true;
    if (error.kind === 'rate_limited' || error.kind === 'network') return true;
    return error.status === 409 || (error.status !== undefined && error.status >= 500);
  }

  /**
   * Wraps fetch to report every HTTP attempt, to read `Stripe-Should-Retry`, and to let the
   * operation's cancellation or deadline abort the request on the wire.
   */
  private loggingFetch(fetchFn: FetchLike): FetchLike {
    return async (url, init) => {
      const started = Date.now();
      const { id, headers } = withoutAttemptHeader(init?.headers);
      const attempt = id === undefined ? undefined : this.attempts.get(id);
      const retry = attempt ? attempt.count++ : 0;
      const { hostname, pathname, search } = new URL(url);
      const base = { method: init?.method ?? 'GET', path: pathname + search, retry };
      const signals = [init?.signal, attempt?.signal].filter((s): s is AbortSignal => s instanceof AbortSignal);
      const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
      try {
        const send = () => fetchFn(url, { ...init, headers, signal });
        const res = await (attempt?.written
          ? whenWritten(attempt.written, { method: base.method, host: hostname, path: base.path, account: accountOf(headers) }, send)
          : send());
        if (attempt) attempt.shouldRetry = res.headers.get('stripe-should-retry');
        this.report({
          ...base,
          status: res.status,
          requestId: res.headers.get('request-id') ?? undefined,
          durationMs: Date.now() - started,
        });
        return res;
      } catch (err) {
        this.report({ ...base, status: 0, durationMs: Date.now() - started });
        // The SDK aborts with its own timeout error (code ETIMEDOUT); node-fetch replaces it with
        // an AbortError that the SDK recognises by class name only, which minification breaks.
        if (init?.signal?.aborted && init.signal.reason instanceof Error) throw init.signal.reason;
        throw err;
      }
    };
  }

  private report(event: RequestLogEvent): void {
    if (event.requestId === undefined) delete event.requestId;
    try {
      this.onRequest?.(event);
    } catch {
      // A failing logger must not fail the request it describes.
    }
  }
}
