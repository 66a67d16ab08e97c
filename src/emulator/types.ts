import type { KeyMode, SecretScope } from '../model/types';
import type { RateLimit } from './rateLimiter';

/** Choices where Stripe's behaviour is unconfirmed; each default is documented in src/emulator/README.md. */
export interface EmulatorBehaviour {
  /** On replace: keep the old `id` and `created` (default false: a replace is a new secret object). */
  keepIdOnReplace?: boolean;
  /** On replace without `expires_at`: keep the old expiry (default true, the case a client must not rely on; see README "Never"). */
  keepExpiryOnReplace?: boolean;
  /** `expand[]=data.payload` on list reveals values (default true). */
  allowListPayloadExpand?: boolean;
}

export interface EmulatorOptions {
  /** Default 0: a free port. */
  port?: number;
  /** Default 127.0.0.1. Any other address needs `apiKeys`, and then the public test key is refused. */
  host?: string;
  /** Names accepted in the Host header besides loopback names and `host` (e.g. the LAN name when host is 0.0.0.0). */
  allowedHosts?: string[];
  /** Load the demo data set into the test-mode store of the account with no Stripe-Account. */
  seed?: 'demo';
  /** When given, only these keys (and, on loopback, the test key) authenticate (others: 401); otherwise any well-formed sk_/rk_ key does. */
  apiKeys?: string[];
  /**
   * When given, only these accounts are reached through Stripe-Account or Stripe-Context (every
   * account of a context path); any other answers 403 `account_invalid`, as Stripe answers an account
   * the key has no access to. Otherwise any well-formed account id is reached.
   */
  reachableAccounts?: string[];
  /** Delay added before every response, ms. */
  latencyMs?: number;
  /** Token bucket (`ratePerSecond` refill up to `burst`) or, with `kind: 'sliding-window'`, at most `ratePerSecond` in any second; over it: 429. */
  rateLimit?: RateLimit;
  behaviour?: EmulatorBehaviour;
  /** Clock in unix ms, for tests of expiry (default Date.now). */
  now?: () => number;
  /** The overall cap across every mode, account and scope (default 10,000 secrets, 32 MiB). */
  limits?: { maxSecrets?: number; maxBytes?: number };
}

/** A fault injected into the next `count` requests (default 1). */
export type EmulatorFault =
  | { kind: 'status'; status: number; count?: number; code?: string; message?: string }
  | { kind: 'reset'; count?: number }
  | { kind: 'malformed'; count?: number }
  | { kind: 'hang'; count?: number };

export interface StoredSecret {
  id: string;
  name: string;
  scope: SecretScope;
  payload: string;
  created: number;
  expiresAt: number | null;
}

export interface EmulatorHandle {
  /** e.g. http://127.0.0.1:12111 */
  url: string;
  port: number;
  /** A key that works against this emulator (test mode). */
  testKey: string;
  close(): Promise<void>;
  injectFault(fault: EmulatorFault): void;
  clearFaults(): void;
  setLatency(ms: number): void;
  setRateLimit(limit: RateLimit | undefined): void;
  /** Direct access to a store for tests and seeding: one per (mode, Stripe-Account or ''). */
  secrets(mode: KeyMode, stripeAccount?: string): StoredSecret[];
  /** Every request seen, for tests: method, path, headers that matter. No bodies. */
  requests(): Array<{ method: string; path: string; idempotencyKey?: string; stripeAccount?: string; status: number }>;
}
