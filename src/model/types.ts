/** Domain types of the Secret Store, shared by the client, the emulator and the UI. */

/** Stripe allows at most this many secrets in one scope. */
export const MAX_SECRETS_PER_SCOPE = 10;
export const MAX_NAME_LENGTH = 5000;
export const MAX_PAYLOAD_LENGTH = 5000;
/** `expires_at` may be at most this far ahead. */
export const MAX_EXPIRY_SECONDS_AHEAD = 100 * 365.25 * 24 * 3600;

export type AccountScope = { type: 'account' };
export type UserScope = { type: 'user'; user: string };
export type SecretScope = AccountScope | UserScope;

export type KeyMode = 'test' | 'live';

/** A secret as listed: everything but the value. */
export interface SecretMeta {
  id: string;
  name: string;
  scope: SecretScope;
  /** Unix seconds. */
  created: number;
  /** Unix seconds, or null for a secret that never expires. */
  expiresAt: number | null;
  livemode: boolean;
}

/** A secret with its value, as found with `expand[]=payload`. */
export interface SecretWithPayload extends SecretMeta {
  payload: string;
}

export interface SetSecretInput {
  name: string;
  scope: SecretScope;
  payload: string;
  /** Unix seconds; omitted or null means never. */
  expiresAt?: number | null;
}

/** Where and as whom API calls go. The key itself is handed in by the caller and never stored here. */
export interface ConnectionTarget {
  apiKey: string;
  /** `acct_...`: act on an account that installed the app (the `Stripe-Account` header). */
  stripeAccount?: string;
  /** `acct_…` or `acct_platform/acct_connected`: the `Stripe-Context` header, which supersedes `Stripe-Account`; required with an organization key. */
  stripeContext?: string;
  /** The mode when the key's prefix does not say it (an organization key's, as Stripe reported it); paces at that mode's documented rate. */
  mode?: KeyMode;
  /** Another API base (the local emulator, stripe-mock, a proxy); default https://api.stripe.com. */
  apiBase?: string;
}

// History (src/history/historyStore.ts): values this extension replaced or deleted.

/** Why a value was kept: it was overwritten, deleted, or its expiry changed (Extend Expiry…). */
export type HistoryReason = 'overwrite' | 'delete' | 'expiry';

/** Where a value lived: connection, the account it acts on (Stripe-Account), scope, name. */
export interface HistoryPlace {
  connectionId: string;
  /** `acct_…` of the Stripe-Account header, or undefined for the key's own account. */
  account?: string;
  scope: SecretScope;
  name: string;
}

export interface HistoryEntry extends HistoryPlace {
  id: string;
  /** The connection's label when the value was kept (the connection may be renamed or removed). */
  connectionLabel: string;
  livemode: boolean;
  reason: HistoryReason;
  /** The value replaced. Held only here, in SecretStorage. */
  payload: string;
  /** Its `expires_at` (unix seconds), or null for never. */
  expiresAt: number | null;
  /** When it was kept, ms since the epoch. */
  keptAt: number;
  /** SHA-256 (hex) of the value that replaced it, to tell whether Stripe still holds that; null after a delete. */
  replacedBy: string | null;
}

export type KeepInput = Omit<HistoryEntry, 'id' | 'keptAt'>;
export type KeepResult = { ok: true; entry: HistoryEntry } | { ok: false; reason: string };
/** An account added under a connection (model/accounts.ts), as saved in globalState. */
export interface AddedAccount {
  /** `acct_…`, or a `Stripe-Context` path of `acct_…` segments joined by `/`. */
  id: string;
  label?: string;
  /** User ids whose scopes this account shows, in the order added. */
  userIds: string[];
}

export interface ScopeComparison {
  /** Names only in A, only in B, in both with a different expires_at, in both with the same one; each sorted. */
  onlyA: SecretMeta[];
  onlyB: SecretMeta[];
  differentExpiry: Array<{ a: SecretMeta; b: SecretMeta }>;
  same: Array<{ a: SecretMeta; b: SecretMeta }>;
}
