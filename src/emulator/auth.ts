import { maskSecrets } from '../model/masking';
import type { KeyMode } from '../model/types';
import { EMULATOR_TEST_KEY } from './constants';
import { ApiError, invalidRequest } from './errors';

export { EMULATOR_TEST_KEY };

const SECRET_KEY = /^(?:sk|rk)_(test|live)_[A-Za-z0-9]+$/;
const KNOWN_PREFIX = /^(?:sk|rk|pk)_(?:test|live)_/;

/** Stripe's masking: the prefix, then only the last 4 characters. */
export function maskKey(key: string): string {
  const prefix = KNOWN_PREFIX.exec(key)?.[0] ?? '';
  const rest = key.slice(prefix.length);
  return `${prefix}****${rest.length > 8 ? rest.slice(-4) : ''}`;
}

export type AuthResult = { key: string; mode: KeyMode };

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
  const testKeyAccepted = acceptTestKey && key === EMULATOR_TEST_KEY;
  if (!match || (allowed && !testKeyAccepted && !allowed.has(key))) {
    throw invalidRequest(`Invalid API Key provided: ${maskKey(key)}`, {}, 401);
  }
  return { key, mode: match[1] === 'live' ? 'live' : 'test' };
}

const ACCOUNT_ID = /^acct_[A-Za-z0-9]+$/;

/** Stripe answers a Stripe-Account it cannot use with 403 `account_invalid`. */
export function checkStripeAccount(account: string, key: string): ApiError | undefined {
  if (ACCOUNT_ID.test(account)) return undefined;
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
