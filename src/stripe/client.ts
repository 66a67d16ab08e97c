/**
 * The Secret Store over the official stripe-node SDK: validation before any request, a FIFO
 * concurrency limit, 429 retries with full-jitter backoff (the SDK retries only connection
 * errors, 409 and 5xx), and one log event per HTTP attempt. Never logs a key or a value.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import Stripe from 'stripe';
import type { ConnectionTarget, SecretMeta, SecretScope, SecretWithPayload, SetSecretInput } from '../model/types';
import { validateAccountId, validateApiBase, validateApiKey, validateExpiry, validatePayload, validateSecretName, validateUserId } from '../model/validation';
import { rateLimitDelayMs, sleep } from './backoff';
import { SecretStoreError, toSecretStoreError, type ErrorContext } from './errors';
import { ConcurrencyLimiter } from './limiter';
import type { ClientOptions, RequestLogEvent, SecretStore } from './types';

/** Pinned to what stripe@23.1.0 was generated for, so a dependency bump cannot change the wire format silently. */
export const STRIPE_API_VERSION = '2026-10-28.endive' satisfies Stripe.LatestApiVersion;
/** Stripe's largest list page. */
export const MAX_PAGE_SIZE = 100;

const APP_INFO_NAME = 'Stripe App Secrets (VS Code)';
const APP_INFO_URL = 'https://github.com/stripe-app-secrets/stripe-app-secrets';
/** Keep equal to package.json's version (a unit test checks it); the extension may pass its own. */
export const DEFAULT_APP_VERSION = '0.1.0';

export const ClientDefaults = {
  maxConcurrentRequests: 4,
  timeoutMs: 30_000,
  maxRateLimitRetries: 4,
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
}

/** The subset of a fetch Response the log reads. */
interface FetchResponseLike {
  status: number;
  headers: { get(name: string): string | null };
}
type FetchLike = (url: string, init?: { method?: string; signal?: AbortSignal }) => Promise<FetchResponseLike>;

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
  return { id: raw.id, name: raw.name, scope: toScope(raw.scope), created: raw.created, expiresAt: raw.expires_at ?? null, livemode: raw.livemode };
}

export class SecretStoreClient implements SecretStore {
  private readonly stripe: Stripe;
  private readonly limiter: ConcurrencyLimiter;
  private readonly pageSize: number;
  private readonly maxRateLimitRetries: number;
  private readonly rateLimitBaseDelayMs: number;
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly onRequest?: (event: RequestLogEvent) => void;
  /** Counts HTTP attempts of one logical call, across SDK retries and our 429 retries. */
  private readonly attempts = new AsyncLocalStorage<{ count: number }>();

  constructor(target: ConnectionTarget, options: SecretStoreClientOptions = {}) {
    checked(validateApiKey(target.apiKey));
    if (target.stripeAccount !== undefined) checked(validateAccountId(target.stripeAccount));
    if (target.apiBase !== undefined) checked(validateApiBase(target.apiBase));

    const maxConcurrent = options.maxConcurrentRequests ?? ClientDefaults.maxConcurrentRequests;
    if (!Number.isInteger(maxConcurrent) || maxConcurrent < 1) throw new SecretStoreError('validation', 'maxConcurrentRequests must be a whole number of at least 1.');
    this.pageSize = options.pageSize ?? MAX_PAGE_SIZE;
    if (!Number.isInteger(this.pageSize) || this.pageSize < 1 || this.pageSize > MAX_PAGE_SIZE) throw new SecretStoreError('validation', 'pageSize must be a whole number from 1 to 100.');
    this.limiter = new ConcurrencyLimiter(maxConcurrent);
    this.maxRateLimitRetries = options.maxRateLimitRetries ?? ClientDefaults.maxRateLimitRetries;
    this.rateLimitBaseDelayMs = options.rateLimitBaseDelayMs ?? ClientDefaults.rateLimitBaseDelayMs;
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.onRequest = options.onRequest;

    const baseFetch: FetchLike = options.fetch !== undefined ? (options.fetch as FetchLike) : async (url, init) => (await loadNodeFetch())(url, init);
    const config: Stripe.StripeConfig = {
      apiVersion: STRIPE_API_VERSION,
      telemetry: false,
      appInfo: { name: APP_INFO_NAME, version: options.appVersion ?? DEFAULT_APP_VERSION, url: APP_INFO_URL },
      httpClient: Stripe.createFetchHttpClient(this.loggingFetch(baseFetch) as unknown as typeof fetch),
      maxNetworkRetries: options.maxNetworkRetries ?? ClientDefaults.maxNetworkRetries,
      timeout: options.timeoutMs ?? ClientDefaults.timeoutMs,
    };
    if (target.stripeAccount !== undefined) config.stripeAccount = target.stripeAccount;
    if (target.apiBase !== undefined) {
      const base = new URL(target.apiBase);
      config.protocol = base.protocol === 'http:' ? 'http' : 'https';
      config.host = base.hostname;
      config.port = base.port !== '' ? base.port : base.protocol === 'http:' ? '80' : '443';
    }
    this.stripe = new Stripe(target.apiKey, config);
  }

  async list(scope: SecretScope, signal?: AbortSignal): Promise<SecretMeta[]> {
    validateScope(scope);
    const context: ErrorContext = { scope };
    const secrets: SecretMeta[] = [];
    let startingAfter: string | undefined;
    for (;;) {
      signal?.throwIfAborted();
      const params: Stripe.Apps.SecretListParams = { scope: apiScope(scope), limit: this.pageSize };
      if (startingAfter !== undefined) params.starting_after = startingAfter;
      const page = await this.call((opts) => this.stripe.apps.secrets.list(params, opts), context, false, signal);
      for (const raw of page.data) secrets.push(toMeta(raw));
      const last = page.data.at(-1);
      // A server that says has_more without moving forward would loop forever.
      if (!page.has_more || last === undefined || last.id === startingAfter) break;
      startingAfter = last.id;
    }
    signal?.throwIfAborted();
    return secrets;
  }

  async find(name: string, scope: SecretScope): Promise<SecretMeta> {
    checked(validateSecretName(name));
    validateScope(scope);
    const raw = await this.call((opts) => this.stripe.apps.secrets.find({ scope: apiScope(scope), name }, opts), { name, scope }, false);
    return toMeta(raw);
  }

  async reveal(name: string, scope: SecretScope): Promise<SecretWithPayload> {
    checked(validateSecretName(name));
    validateScope(scope);
    const raw = await this.call((opts) => this.stripe.apps.secrets.find({ scope: apiScope(scope), name, expand: ['payload'] }, opts), { name, scope }, false);
    if (typeof raw.payload !== 'string') {
      throw new SecretStoreError('unknown', `Stripe returned the secret "${name}" without its value; try again.`, { requestId: raw.lastResponse?.requestId });
    }
    return { ...toMeta(raw), payload: raw.payload };
  }

  async set(input: SetSecretInput): Promise<SecretMeta> {
    checked(validateSecretName(input.name));
    validateScope(input.scope);
    checked(validatePayload(input.payload));
    const expiresAt = input.expiresAt ?? null;
    if (expiresAt !== null) checked(validateExpiry(expiresAt, this.now()));
    const params: Stripe.Apps.SecretCreateParams = { name: input.name, scope: apiScope(input.scope), payload: input.payload };
    if (expiresAt !== null) params.expires_at = expiresAt;
    const raw = await this.call((opts) => this.stripe.apps.secrets.create(params, opts), { name: input.name, scope: input.scope, secretValue: input.payload }, true);
    return toMeta(raw);
  }

  async delete(name: string, scope: SecretScope): Promise<void> {
    checked(validateSecretName(name));
    validateScope(scope);
    await this.call((opts) => this.stripe.apps.secrets.deleteWhere({ scope: apiScope(scope), name }, opts), { name, scope }, true);
  }

  async verify(): Promise<void> {
    await this.call((opts) => this.stripe.apps.secrets.list({ scope: { type: 'account' }, limit: 1 }, opts), {}, false);
  }

  /**
   * One logical call: waits for a slot, then runs the SDK request, retrying 429s with backoff.
   * POSTs get one Idempotency-Key for every try, so a retried set or delete happens once.
   */
  private call<T>(request: (options: Stripe.RequestOptions) => Promise<T>, context: ErrorContext, post: boolean, signal?: AbortSignal): Promise<T> {
    const options: Stripe.RequestOptions = post ? { idempotencyKey: randomUUID() } : {};
    return this.limiter.run(
      () =>
        this.attempts.run({ count: 0 }, async () => {
          for (let retry = 0; ; retry++) {
            try {
              return await request(options);
            } catch (err) {
              const error = toSecretStoreError(err, context);
              if (error.kind !== 'rate_limited' || retry >= this.maxRateLimitRetries) throw error;
              await sleep(rateLimitDelayMs(retry, this.rateLimitBaseDelayMs, this.random), signal);
            }
          }
        }),
      signal,
    );
  }

  /** Wraps fetch to report every HTTP attempt, including the ones the SDK retries and never reports itself. */
  private loggingFetch(fetchFn: FetchLike): FetchLike {
    return async (url, init) => {
      const started = Date.now();
      const attempt = this.attempts.getStore();
      const retry = attempt ? attempt.count++ : 0;
      const { pathname, search } = new URL(url);
      const base = { method: init?.method ?? 'GET', path: pathname + search, retry };
      try {
        const res = await fetchFn(url, init);
        this.report({ ...base, status: res.status, requestId: res.headers.get('request-id') ?? undefined, durationMs: Date.now() - started });
        return res;
      } catch (err) {
        this.report({ ...base, status: 0, durationMs: Date.now() - started });
        // The SDK aborts with its own timeout error (code ETIMEDOUT); node-fetch replaces it with
        // an AbortError that the SDK recognises by class name only, which minification breaks.
        const signal = init?.signal;
        if (signal?.aborted && signal.reason instanceof Error) throw signal.reason;
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
