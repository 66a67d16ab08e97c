import { maskSecrets } from '../model/masking';
import type { KeyMode } from '../model/types';
import { EMULATOR_TEST_KEY } from './constants';
import { ApiError, invalidRequest } from './errors';

export { EMULATOR_TEST_KEY };

const SECRET_KEY = /^(?:sk|rk)_(test|live)_[A-Za-z0-9]+$/;
/**
 * Organization keys are `sk_org_…` whatever their permissions or mode (there is no `rk_org_`;
 * docs.stripe.com/keys/organization-api-keys); Stripe knows each key's mode. The emulator's choice:
 * `sk_org_live_…` is live, any other `sk_org_…` test.
 */
const ORG_KEY = /^sk_org_([A-Za-z0-9_]+)$/;
const KNOWN_PREFIX = /^(?:(?:sk|rk|pk)_(?:test|live)_|sk_org_)/;

/** Stripe's masking: the prefix, then only the last 4 characters. */
export function maskKey(key: string): string {
  const prefix = KNOWN_PREFIX.exec(key)?.[0] ?? '';
  const rest = key.slice(prefix.length);
  return `${prefix}****${rest.length > 8 ? rest.slice(-4) : ''}`;
}

export type AuthResult = { key: string; mode: KeyMode; organization?: true };

/** The key from `Authorization: Bearer <key>` or `Basic base64(<key>:)` (curl -u key:). */
export function keyFromHeader(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (bearer) return bearer[1];
  const basic = /^Basic\s+(\S+)\s*$/i.exec(header);
  if (basic) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const user = decoded.split(':')[0];
    return user === '' ? undefined : user;
  }
  return undefined;
}

/** `acceptTestKey` is false when the emulator listens beyond loopback, where its public test key must not open it. */
export function authenticate(header: string | undefined, allowed: ReadonlySet<string> | undefined, acceptTestKey = true): AuthResult {
  const key = keyFromHeader(header);
  if (key === undefined) {
    throw invalidRequest(
      "You did not provide an API key. You need to provide your API key in the Authorization header, using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See https://stripe.com/docs/api#authentication for details, or we can help at https://support.stripe.com/.",
      {},
      401,
    );
  }
  if (/^pk_(?:test|live)_/.test(key)) {
    throw invalidRequest(
      `This API call cannot be made with a publishable API key (${maskKey(key)}). Please use a secret API key. You can find a list of your API keys at https://dashboard.stripe.com/account/apikeys.`,
      {},
      401,
    );
  }
  const match = SECRET_KEY.exec(key);
  const org = ORG_KEY.exec(key);
  const testKeyAccepted = acceptTestKey && key === EMULATOR_TEST_KEY;
  if ((!match && !org) || (allowed && !testKeyAccepted && !allowed.has(key))) {
    throw invalidRequest(`Invalid API Key provided: ${maskKey(key)}`, {}, 401);
  }
  if (org) return { key, mode: org[1].startsWith('live_') ? 'live' : 'test', organization: true };
  return { key, mode: match?.[1] === 'live' ? 'live' : 'test' };
}

/** Deepest `Stripe-Context` path the emulator follows (organization / platform / connected account). */
export const MAX_CONTEXT_SEGMENTS = 3;

/**
 * The account a request acts on ('' for the key's own): `Stripe-Context` supersedes `Stripe-Account`
 * (docs.stripe.com/context) and its last segment is the account (`acct_a/acct_b` acts on acct_b).
 * An organization key has no account of its own, so it must name one with `Stripe-Context`
 * (docs.stripe.com/keys/organization-api-keys); Stripe's exact error for a missing one is not
 * documented: the emulator's 400 below is its choice.
 */
export function accountOf(
  auth: AuthResult,
  stripeAccount: string | undefined,
  stripeContext: string | undefined,
  reachable?: ReadonlySet<string>,
): string {
  if (stripeContext !== undefined) {
    const segments = stripeContext.split('/');
    if (segments.length > MAX_CONTEXT_SEGMENTS || !segments.every((s) => ACCOUNT_ID.test(s) && (!reachable || reachable.has(s))))
      throw noAccess(stripeContext, auth.key);
    return segments[segments.length - 1];
  }
  if (auth.organization) {
    throw invalidRequest(
      `Requests made with an organization API key (${maskKey(auth.key)}) must include the Stripe-Context header naming the account they act on, such as 'acct_1A2b3C' or 'acct_platform/acct_connected'. See https://docs.stripe.com/context.`,
      { code: 'stripe_context_required' },
      400,
    );
  }
  if (stripeAccount !== undefined) {
    const error = checkStripeAccount(stripeAccount, auth.key);
    if (error) throw error;
    if (reachable && !reachable.has(stripeAccount)) throw noAccess(stripeAccount, auth.key);
    return stripeAccount;
  }
  return '';
}

const ACCOUNT_ID = /^acct_[A-Za-z0-9]+$/;

/** Stripe answers a Stripe-Account it cannot use with 403 `account_invalid`. */
export function checkStripeAccount(account: string, key: string): ApiError | undefined {
  if (ACCOUNT_ID.test(account)) return undefined;
  return noAccess(account, key);
}

function noAccess(account: string, key: string): ApiError {
  return invalidRequest(
    `The provided key '${maskKey(key)}' does not have access to account '${redactKeyLike(account)}' (or that account does not exist). Application access may have been revoked.`,
    { code: 'account_invalid' },
    403,
  );
}

/** A header value that looks like an API key (pasted into the wrong field) is masked before it is echoed or recorded. */
export function redactKeyLike(value: string): string {
  return KNOWN_PREFIX.test(value) ? maskKey(value) : maskSecrets(value);
}
