import type { SecretMeta, SecretScope, SecretWithPayload, SetSecretInput } from '../model/types';

/** One request as seen on the wire, for the log. Never carries a key or a value. */
export interface RequestLogEvent {
  method: string;
  /** Path with its query, e.g. `/v1/apps/secrets/find?name=...&scope[type]=account` (no payload). */
  path: string;
  status: number;
  requestId?: string;
  durationMs: number;
  /** Which try this was, 0 for the first. */
  retry?: number;
}

export interface ClientOptions {
  /** The most requests in flight at once (default 16): a ceiling the adaptive limit never passes. */
  maxConcurrentRequests?: number;
  /** One deadline for a whole operation in ms, retries and backoffs included (default 30 000). */
  timeoutMs?: number;
  /** How many times a 429 is retried with backoff and jitter (default 8). */
  maxRateLimitRetries?: number;
  /** How many times a connection error, 409 or 5xx is retried (default 2); `Stripe-Should-Retry` overrides. */
  maxNetworkRetries?: number;
  /** Called once per HTTP response or network failure. */
  onRequest?: (event: RequestLogEvent) => void;
  /** The fetch implementation for the SDK's HTTP client; default node-fetch v3. */
  fetch?: unknown;
  /** Base delay for 429 backoff, ms (default 500); tests make it small. */
  rateLimitBaseDelayMs?: number;
}

/** Per-operation options. A cancelled operation rejects with OperationCancelledError (name `Canceled`). */
export interface OperationOptions {
  signal?: AbortSignal;
  /** Act on this connected account (`Stripe-Account`) for this request instead of the client's own; with an organization key it goes out as `Stripe-Context`. */
  stripeAccount?: string;
  /** Act on this `Stripe-Context` path (`acct_platform/acct_connected`) for this request; it supersedes `stripeAccount`. */
  stripeContext?: string;
}

/** What the verifying request learnt: `livemode` of what Stripe listed, when it listed anything. */
export interface VerifyResult {
  livemode?: boolean;
}

/** The Secret Store operations. Every method validates its input before any request and throws SecretStoreError. */
export interface SecretStore {
  /** Every secret of one scope, following `has_more` to the end. */
  list(scope: SecretScope, signal?: AbortSignal, options?: OperationOptions): Promise<SecretMeta[]>;
  /** Find by name and scope, without the value. */
  find(name: string, scope: SecretScope, options?: OperationOptions): Promise<SecretMeta>;
  /** Find by name and scope, with the value (`expand[]=payload`). */
  reveal(name: string, scope: SecretScope, options?: OperationOptions): Promise<SecretWithPayload>;
  /** Create or replace. No expiry (null or omitted) clears an old one. */
  set(input: SetSecretInput, options?: OperationOptions): Promise<SecretMeta>;
  /** Delete by name and scope. */
  delete(name: string, scope: SecretScope, options?: OperationOptions): Promise<void>;
  /** One cheap real request that proves the key works (lists the account scope with limit 1); reports the mode Stripe showed, if any. */
  verify(): Promise<VerifyResult>;
}
