/**
 * Input checks shared by the client (before any request) and the prompts (as-you-type validation).
 * Each returns undefined when the input is valid, otherwise one sentence saying what to fix.
 * No message ever repeats the input, because the input may be a key.
 */
import { containsKeyLike } from './masking';
import { MAX_EXPIRY_SECONDS_AHEAD, MAX_NAME_LENGTH, MAX_PAYLOAD_LENGTH, type KeyMode } from './types';

/** Real keys carry 24 to 100+ characters after the prefix; fewer is a truncated paste. */
export const MIN_KEY_BODY_LENGTH = 16;

const KEY_PATTERN = new RegExp(`^(sk|rk)_(test|live)_[A-Za-z0-9]{${MIN_KEY_BODY_LENGTH},}$`);
/**
 * Organization keys (docs.stripe.com/keys/organization-api-keys) are `sk_org_…` whatever their
 * permissions or mode (there is no `rk_org_`). The shape accepted is exactly what masking.ts hides
 * (an optional `live_`/`test_`, then letters and digits), so no accepted key can show in a log.
 */
const ORG_KEY_PATTERN = new RegExp(`^sk_org_(?:(?:live|test)_)?[A-Za-z0-9]{${MIN_KEY_BODY_LENGTH},}$`);

export function validateApiKey(key: string): string | undefined {
  if (key.length === 0)
    return 'Enter a Stripe secret key (sk_test_…, sk_live_…), restricted key (rk_test_…, rk_live_…) or organization key (sk_org_…).';
  if (/\s/.test(key)) return 'The key contains spaces or line breaks; paste it again without them.';
  if (/^pk_(test|live)_/.test(key))
    return 'This is a publishable key: publishable keys cannot read secrets; use a secret or restricted key.';
  if (/^rk_org_/.test(key))
    return "Organization keys start with sk_org_ (there is no rk_org_); copy the key again from the organization's API keys page.";
  if (/^sk_org_/.test(key)) {
    return ORG_KEY_PATTERN.test(key)
      ? undefined
      : 'The organization key looks incomplete or contains characters other than letters and digits; copy it again from the Dashboard.';
  }
  if (!/^(sk|rk)_(test|live)_/.test(key)) return 'A key must start with sk_test_, sk_live_, rk_test_, rk_live_ or sk_org_.';
  if (!KEY_PATTERN.test(key))
    return 'The key looks incomplete or contains characters other than letters and digits; copy it again from the Dashboard.';
  return undefined;
}

/** An organization key: every request names its account with Stripe-Context, and its mode is not in the prefix. */
export function isOrganizationKey(key: string): boolean {
  return key.startsWith('sk_org_');
}

/**
 * The mode a key's prefix says; callers validate first (anything not `_live_` counts as test). An
 * organization key's prefix says nothing: its mode is what Stripe reports (see verify in stripe/client.ts).
 */
export function keyModeOf(key: string): KeyMode {
  return /^(sk|rk)_live_/.test(key) ? 'live' : 'test';
}

export type KeyKind = 'secret' | 'restricted' | 'organization';

export function keyKindOf(key: string): KeyKind {
  if (isOrganizationKey(key)) return 'organization';
  return key.startsWith('rk_') ? 'restricted' : 'secret';
}

/** The last four characters, the part Stripe's Dashboard shows to tell keys apart. */
export function keyLast4(key: string): string {
  return key.slice(-4);
}

export { containsKeyLike } from './masking';

/**
 * A connection label is shown in the tree, the status bar and every message; a key pasted there
 * (the first prompt of Add Connection) would be on screen for good.
 */
export function validateConnectionLabel(label: string): string | undefined {
  if (containsKeyLike(label, MIN_KEY_BODY_LENGTH))
    return 'This looks like an API key: the label is shown on screen. Type a name such as "My app (test)"; the key is asked for next.';
  return undefined;
}

export function validateAccountId(id: string): string | undefined {
  if (id.length === 0) return 'Enter an account id such as acct_1A2b3C4d5E6f7G8h.';
  if (!/^acct_[A-Za-z0-9]+$/.test(id)) return 'An account id is acct_ followed by letters and digits, with no spaces.';
  return undefined;
}

/**
 * A `Stripe-Context` value (docs.stripe.com/context): account ids separated by `/`, such as
 * `acct_1A2b3C` or `acct_platform/acct_connected`; the request acts on the last one.
 */
export function validateStripeContext(path: string): string | undefined {
  if (path.length === 0) return 'Enter the account this key acts on: acct_… or a path such as acct_platform/acct_connected.';
  if (/\s/.test(path)) return 'A Stripe-Context path has no spaces: account ids separated by /, such as acct_platform/acct_connected.';
  const segments = path.split('/');
  if (segments.some((s) => s === ''))
    return 'A Stripe-Context path has an account id on each side of every /, such as acct_platform/acct_connected.';
  const bad = segments.findIndex((s) => !/^acct_[A-Za-z0-9]+$/.test(s));
  if (bad >= 0)
    return `Each part of a Stripe-Context path is an account id (acct_ followed by letters and digits); part ${bad + 1} is not.`;
  return undefined;
}

/** The account a Stripe-Context path acts on: its last segment. */
export function contextAccount(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

/** Zero-width characters, bidi embeddings, overrides and isolates, word joiners, the BOM. */
// eslint-disable-next-line no-misleading-character-class
const INVISIBLE = /[\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2069\u3164\ufe00-\ufe0f\ufeff]/;

/**
 * For a NEW name (Set, import). Names with leading or trailing whitespace or control characters (line breaks, tabs) are refused:
 * Stripe would store them, but they look identical to the trimmed name in every list and cannot
 * be typed back reliably, so find/delete by name would keep failing.
 */
export function validateSecretName(name: string): string | undefined {
  if (name.length === 0) return 'Enter a secret name.';
  if (name.length > MAX_NAME_LENGTH) return `A secret name can be at most ${MAX_NAME_LENGTH} characters long.`;
  if (name.trim() !== name) return 'Remove the spaces at the start or end of the name.';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'A secret name cannot contain line breaks, tabs or other control characters.';
  if (INVISIBLE.test(name))
    return 'The name contains an invisible character (zero-width space, joiner or a text-direction mark), often from a paste; type the name again.';
  return undefined;
}

/** For a name Stripe already holds (find, reveal, delete): only Stripe's own rules, so every listed secret stays reachable. */
export function validateExistingSecretName(name: string): string | undefined {
  if (name.length === 0) return 'Enter a secret name.';
  if (name.length > MAX_NAME_LENGTH) return `A secret name can be at most ${MAX_NAME_LENGTH} characters long.`;
  return undefined;
}

/** The length is counted in UTF-16 units, never less than Stripe's character count, so we never pass what Stripe refuses. */
export function validatePayload(payload: string): string | undefined {
  if (payload.length === 0) return 'Enter a value: a secret cannot be empty.';
  if (payload.length > MAX_PAYLOAD_LENGTH)
    return `A secret value can be at most ${MAX_PAYLOAD_LENGTH} characters long (this one has ${payload.length}).`;
  return undefined;
}

export function validateUserId(id: string): string | undefined {
  if (id.length === 0) return 'Enter a user id such as usr_1A2b3C4d5E6f.';
  if (/\s/.test(id)) return 'A user id cannot contain spaces or line breaks.';
  if (id.length > MAX_NAME_LENGTH) return `A user id can be at most ${MAX_NAME_LENGTH} characters long.`;
  if (!/^usr_[A-Za-z0-9]+$/.test(id)) return 'A user id is usr_ followed by letters and digits, such as usr_1A2b3C4d5E6f.';
  return undefined;
}

/** `expires_at` in unix seconds must be a whole number, in the future, and at most 100 years ahead. */
export function validateExpiry(expiresAtSeconds: number, nowMs: number): string | undefined {
  if (!Number.isInteger(expiresAtSeconds)) return 'The expiry must be a whole number of seconds since 1970.';
  const nowSeconds = nowMs / 1000;
  if (expiresAtSeconds <= nowSeconds) return 'Choose an expiry date in the future.';
  if (expiresAtSeconds - nowSeconds > MAX_EXPIRY_SECONDS_AHEAD) return 'Choose an expiry date at most 100 years ahead.';
  return undefined;
}

/** True for 127.0.0.0/8, localhost and [::1]: plain http is allowed only there. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (host === 'localhost' || host === '[::1]' || host === '::1') return true;
  const m = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return m !== null && m.slice(1).every((part) => Number(part) <= 255);
}

export function validateApiBase(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'Enter a full address such as https://api.stripe.com or http://127.0.0.1:12111.';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    return 'The API address must start with https:// (or http:// for this computer).';
  if (parsed.protocol === 'http:' && !isLoopbackHost(parsed.hostname))
    return 'Use https:// for a remote API address; plain http:// is allowed only for 127.0.0.1, localhost or [::1].';
  if (parsed.username !== '' || parsed.password !== '')
    return 'Remove the user name and password from the API address; the key is sent separately.';
  if (parsed.pathname !== '/' && parsed.pathname !== '') return 'The API address must have no path: requests add /v1/... themselves.';
  if (parsed.search !== '' || url.includes('?')) return 'Remove the query (?...) from the API address.';
  if (parsed.hash !== '' || url.includes('#')) return 'Remove the fragment (#...) from the API address.';
  return undefined;
}
