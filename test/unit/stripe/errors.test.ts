import { test } from 'node:test';
import assert from 'node:assert/strict';
import Stripe from 'stripe';
import { isSecretStoreError, looksLikeScopeFull, maskSecrets, SecretStoreError, toSecretStoreError } from '../../../src/stripe/errors';

const KEY = 'sk_test_51HxYzAbCdEfGhIjKlMnOpQrStUv1234';

test('maskSecrets masks every key-shaped token and keeps the last four of long ones', () => {
  assert.equal(maskSecrets(`Invalid API Key provided: ${KEY}`), 'Invalid API Key provided: sk_test_****1234');
  assert.equal(maskSecrets('rk_live_AbCdEfGhIjKlMnOp9876 and pk_test_AbCdEfGhIjKlMnOp5555'), 'rk_live_****9876 and pk_test_****5555');
  assert.equal(maskSecrets('short sk_live_abc'), 'short sk_live_****');
  assert.equal(maskSecrets('already sk_test_****1234'), 'already sk_test_****1234');
  assert.equal(maskSecrets('Authorization: Bearer abc.def-ghi'), 'Authorization: Bearer ****');
  assert.equal(maskSecrets('no secrets here, sk_ alone'), 'no secrets here, sk_ alone');
});

const LIVE = 'sk_live_51HxYzAbCdEfGhIjKlMnOpQrStUv9876';

test('maskSecrets: a key after any non-alphanumeric character is masked', () => {
  assert.equal(maskSecrets(`api_key_${LIVE}`), 'api_key_sk_live_****9876');
  assert.equal(maskSecrets(`key=${LIVE}&x=1`), 'key=sk_live_****9876&x=1');
  assert.equal(maskSecrets(`"${LIVE}"`), '"sk_live_****9876"');
  assert.equal(maskSecrets(`(${LIVE})`), '(sk_live_****9876)');
  assert.equal(maskSecrets(`x-${LIVE}`), 'x-sk_live_****9876');
  assert.equal(maskSecrets(`${LIVE}`), 'sk_live_****9876');
  // Even a letter or digit right before: `Xsk_live_…` is a key glued to a word, and masking task_live_… costs little.
  assert.equal(maskSecrets('disk_test_abc and task_live_xyz'), 'disk_test_**** and task_live_****');
  assert.equal(maskSecrets(`X${LIVE} 7${LIVE}`), 'Xsk_live_****9876 7sk_live_****9876');
});

test('maskSecrets: every kind of Stripe credential, test and live', () => {
  const body = 'AbCdEfGhIjKlMnOp4321';
  for (const prefix of ['sk_test_', 'sk_live_', 'rk_test_', 'rk_live_', 'pk_test_', 'pk_live_', 'ek_test_', 'ek_live_', 'whsec_']) {
    const masked = maskSecrets(`token ${prefix}${body}.`);
    assert.equal(masked, `token ${prefix}****4321.`, prefix);
    assert.ok(!masked.includes(body), prefix);
  }
});

test('maskSecrets: URL-encoded keys are decoded, then masked; the text is decoded no further than needed', () => {
  assert.equal(maskSecrets(`GET /v1/x?a%3D${LIVE}`), 'GET /v1/x?a%3Dsk_live_****9876');
  assert.equal(maskSecrets(`Authorization: Bearer%20${LIVE}`), 'Authorization: Bearer ****');
  assert.equal(maskSecrets(`a%253D${LIVE}`), 'a%253Dsk_live_****9876', 'double encoding');
  assert.equal(
    maskSecrets('a%25253Dsk%255Flive%255F51HxYzAbCdEfGhIjKlMnOpQrStUv9876'),
    'a%3Dsk_live_****9876',
    'triple, and the underscores encoded',
  );
  assert.equal(maskSecrets('k=sk%5Flive%5F51HxYzAbCdEfGhIjKlMnOpQrStUv9876'), 'k=sk_live_****9876');
  assert.equal(maskSecrets(`%E2%9C%93%20${LIVE}`), '%E2%9C%93%20sk_live_****9876', 'UTF-8 escapes next to a key');
  assert.equal(maskSecrets(`100%25 %ZZ ${LIVE}`), '100%25 %ZZ sk_live_****9876', 'broken escapes do not stop masking');
  assert.equal(maskSecrets(`%E2${LIVE}`), '%E2sk_live_****9876', 'a broken UTF-8 sequence next to a key');
  assert.equal(
    maskSecrets('%E2sk%5Flive%5F51HxYzAbCdEfGhIjKlMnOpQrStUv9876'),
    '\u00e2sk_live_****9876',
    'a broken UTF-8 sequence still decodes the key',
  );
});

test('maskSecrets: encoded text without a key keeps its escapes', () => {
  assert.equal(maskSecrets('GET /v1/apps/secrets?scope%5Btype%5D=account'), 'GET /v1/apps/secrets?scope%5Btype%5D=account');
  assert.equal(maskSecrets('100% sure, 50%off'), '100% sure, 50%off');
});

test('maskSecrets: no key body survives in any tested shape', () => {
  const body = '51HxYzAbCdEfGhIjKlMnOpQrStUv9876';
  const shapes = [
    `api_key_sk_live_${body}`,
    `a%3Dsk_live_${body}`,
    `Bearer%20sk_live_${body}`,
    `x%2520sk_live_${body}`,
    `whsec_${body}`,
    `ek_live_${body}`,
    `_rk_test_${body}_`,
  ];
  for (const shape of shapes) assert.ok(!maskSecrets(`before ${shape} after`).includes(body.slice(0, 20)), shape);
});

test('SecretStoreError masks its message and appends the Request-Id', () => {
  const e = new SecretStoreError('invalid_key', `Bad key ${KEY}.`, {
    requestId: 'req_123',
    stripeMessage: `Invalid API Key provided: ${KEY}`,
  });
  assert.equal(e.message, 'Bad key sk_test_****1234. (Request-Id req_123)');
  assert.equal(e.stripeMessage, 'Invalid API Key provided: sk_test_****1234');
  assert.ok(e instanceof Error);
  assert.equal(e.name, 'SecretStoreError');
  assert.ok(isSecretStoreError(e));
  assert.ok(isSecretStoreError({ name: 'SecretStoreError', kind: 'network', message: 'x' }), 'a copy from another bundle counts');
  assert.ok(!isSecretStoreError(new Error('x')));
  assert.ok(!isSecretStoreError(null));
});

function raw(statusCode: number, extra: Record<string, unknown> = {}): Stripe.StripeRawError {
  return { statusCode, requestId: 'req_abc', message: 'Stripe says no.', type: 'invalid_request_error', ...extra } as Stripe.StripeRawError;
}

test('stripe-node errors map to kinds by status, type and code', () => {
  const E = Stripe.errors;
  const table: Array<[unknown, string, RegExp]> = [
    [new E.StripeAuthenticationError(raw(401, { message: `Invalid API Key provided: ${KEY}` })), 'invalid_key', /re-enter a valid/],
    [new E.StripeAuthenticationError(raw(401, { code: 'api_key_expired' })), 'invalid_key', /expired/],
    [new E.StripePermissionError(raw(403)), 'permission', /restricted key/],
    [new E.StripeInvalidRequestError(raw(404, { code: 'resource_missing' })), 'not_found', /not found|No secret/],
    [new E.StripeRateLimitError(raw(429, { code: 'rate_limit' })), 'rate_limited', /wait/],
    [new E.StripeInvalidRequestError(raw(400, { code: 'secret_limit_exceeded' })), 'scope_full', /10 secrets/],
    [
      new E.StripeInvalidRequestError(raw(400, { message: 'You have reached the maximum number of secrets for this scope.' })),
      'scope_full',
      /delete one/,
    ],
    [
      new E.StripeInvalidRequestError(raw(400, { code: 'parameter_missing', param: 'name' })),
      'invalid_request',
      /Stripe refused the request: Stripe says no\./,
    ],
    [new E.StripeIdempotencyError(raw(400, { type: 'idempotency_error' })), 'conflict', /refresh and try again/],
    [new E.StripeAPIError(raw(409, { code: 'lock_timeout' })), 'conflict', /in progress/],
    [new E.StripeAPIError(raw(503, { type: 'api_error' })), 'unavailable', /HTTP 503/],
    [
      new E.StripeAPIError({ message: 'Invalid JSON received from the Stripe API', requestId: 'req_abc' }),
      'unavailable',
      /could not be read/,
    ],
    [
      new E.StripeConnectionError({ message: 'Request aborted due to timeout being reached (50ms)', detail: { code: 'ETIMEDOUT' } }),
      'timeout',
      /did not answer in time/,
    ],
    [
      new E.StripeConnectionError({ message: 'An error occurred with our connection to Stripe.', detail: { code: 'ECONNREFUSED' } }),
      'network',
      /\(ECONNREFUSED\)/,
    ],
    [
      new E.StripeConnectionError({
        message: 'An error occurred with our connection to Stripe.',
        detail: Object.assign(new Error('request failed'), { name: 'FetchError', cause: { code: 'ENOTFOUND' } }),
      }),
      'network',
      /ENOTFOUND/,
    ],
    [new TypeError('boom'), 'unknown', /boom/],
    ['a string', 'unknown', /a string/],
  ];
  for (const [err, kind, message] of table) {
    const mapped = toSecretStoreError(err, { name: 'api_token', scope: { type: 'account' } });
    assert.equal(mapped.kind, kind, String((err as Error).message ?? err));
    assert.match(mapped.message, message);
    assert.ok(!mapped.message.includes(KEY));
    assert.ok(!(mapped.stripeMessage ?? '').includes(KEY));
  }
});

test('minified SDK errors (plain objects with type fields) map the same way', () => {
  const minified = { type: 'StripeAuthenticationError', statusCode: 401, requestId: 'req_9', message: `Invalid API Key provided: ${KEY}` };
  const e = toSecretStoreError(minified);
  assert.equal(e.kind, 'invalid_key');
  assert.equal(e.status, 401);
  assert.equal(e.requestId, 'req_9');
  assert.match(e.message, /\(Request-Id req_9\)$/);
  assert.equal(e.stripeMessage, 'Invalid API Key provided: sk_test_****1234');
  const net = toSecretStoreError({ type: 'StripeConnectionError', message: 'x', detail: { code: 'ECONNRESET' } });
  assert.equal(net.kind, 'network');
  assert.equal(net.requestId, undefined);
  assert.ok(!net.message.includes('Request-Id'));
});

test("a timeout is recognised even when a minifier has renamed node-fetch's AbortError", () => {
  const mangledAbort = Object.assign(new Error('The operation was aborted.'), { name: 'e', type: 'aborted' });
  const duringHeaders = {
    type: 'StripeConnectionError',
    message: 'An error occurred with our connection to Stripe.',
    detail: mangledAbort,
  };
  assert.equal(toSecretStoreError(duringHeaders).kind, 'timeout');
  const bodyError = Object.assign(new Error('Failed to read the response body'), { exception: mangledAbort });
  const duringBody = { type: 'StripeConnectionError', message: 'An error occurred with our connection to Stripe.', detail: bodyError };
  assert.equal(toSecretStoreError(duringBody).kind, 'timeout');
  const refused = {
    type: 'StripeConnectionError',
    message: 'An error occurred with our connection to Stripe.',
    detail: Object.assign(new Error('x'), { name: 'e', type: 'system', code: 'ECONNREFUSED' }),
  };
  assert.equal(toSecretStoreError(refused).kind, 'network');
});

test('not-found and scope-full messages name the secret and scope', () => {
  const userScope = { type: 'user' as const, user: 'usr_42' };
  assert.match(
    toSecretStoreError({ statusCode: 404 }, { name: 'tok', scope: userScope }).message,
    /^No secret named "tok" in the scope of user usr_42;/,
  );
  assert.match(
    toSecretStoreError({ statusCode: 400, code: 'secret_limit_exceeded' }, { scope: userScope }).message,
    /^The scope of user usr_42 already holds 10 secrets/,
  );
  assert.match(
    toSecretStoreError({ statusCode: 400, code: 'secret_limit_exceeded' }, { scope: { type: 'account' } }).message,
    /^The account scope already holds 10 secrets/,
  );
});

test('a value being set never appears in the message, whole, cut short or encoded', () => {
  const value = 'hunter2-very-secret';
  const echoes = [
    value,
    value.slice(3, 11),
    JSON.stringify(value).slice(1, -1).replace(/-/g, '\\u002d'),
    encodeURIComponent(encodeURIComponent(value)).replace(/-/g, '%252D'),
    value.replace(/-/g, '&#45;'),
    value.replace(/e/g, '&#x65;'),
  ];
  for (const echo of echoes) {
    const e = toSecretStoreError({ statusCode: 400, message: `Invalid payload: ${echo}` }, { secretValue: value });
    assert.equal(e.kind, 'invalid_request');
    for (const shown of [e.message, e.stripeMessage ?? '']) {
      for (let i = 0; i + 8 <= value.length; i++) assert.ok(!shown.includes(value.slice(i, i + 8)), `${echo}: ${shown}`);
      assert.ok(!shown.includes(echo), `${echo}: ${shown}`);
    }
  }
});

test('an existing SecretStoreError passes through unchanged', () => {
  const original = new SecretStoreError('validation', 'Enter a secret name.');
  assert.equal(toSecretStoreError(original), original);
});

test('looksLikeScopeFull is generous about the limit but not about other 400s', () => {
  assert.ok(looksLikeScopeFull(400, 'secret_limit_exceeded', undefined));
  assert.ok(looksLikeScopeFull(400, undefined, 'This scope already holds the maximum of 10 secrets. Delete a secret before adding it.'));
  assert.ok(looksLikeScopeFull(400, undefined, 'Too many secrets in this scope'));
  assert.ok(looksLikeScopeFull(400, undefined, 'The secrets limit of 10 has been reached for this scope.'));
  assert.ok(!looksLikeScopeFull(429, 'secret_limit_exceeded', undefined));
  assert.ok(!looksLikeScopeFull(400, 'rate_limit', 'limit'));
  assert.ok(!looksLikeScopeFull(400, undefined, 'Invalid name: must be at most 5000 characters'));
  assert.ok(!looksLikeScopeFull(400, undefined, 'Invalid expires_at: must be at most 100 years in the future'));
  assert.ok(!looksLikeScopeFull(400, 'parameter_missing', 'Missing required param: payload.'));
});

test('a 404 that is no missing secret (a wrong API base) keeps Stripe\'s message instead of "not found"', () => {
  const err = toSecretStoreError(
    new Stripe.errors.StripeInvalidRequestError(raw(404, { message: 'Unrecognized request URL (GET: /v1/apps/secrets).' })),
  );
  assert.equal(err.kind, 'invalid_request');
  assert.match(err.message, /Unrecognized request URL/);
});

test('each kind is recognised from the status alone (an error from a proxy or fetch) and from the SDK type alone', () => {
  const table: Array<[object, string]> = [
    [{ statusCode: 401 }, 'invalid_key'],
    [{ type: 'StripeAuthenticationError' }, 'invalid_key'],
    [{ statusCode: 403 }, 'permission'],
    [{ type: 'StripePermissionError' }, 'permission'],
    [{ statusCode: 429 }, 'rate_limited'],
    [{ type: 'StripeRateLimitError' }, 'rate_limited'],
    [{ statusCode: 400, code: 'rate_limit', message: 'Too many requests for secrets in a row' }, 'rate_limited'],
    [{ statusCode: 500 }, 'unavailable'],
    [{ type: 'StripeAPIError', statusCode: 400, message: 'Bad.' }, 'invalid_request'],
    [{ statusCode: 302 }, 'unknown'],
    [{ statusCode: '503' }, 'unknown'],
  ];
  for (const [err, kind] of table) assert.equal(toSecretStoreError(err).kind, kind, JSON.stringify(err));
  assert.equal(toSecretStoreError({ statusCode: '503' }).status, undefined, 'a status that is no number is not reported');
});

test('the whole message is exact for the cases without a name, a scope or a message from Stripe', () => {
  const cases: Array<[object, string]> = [
    [{ statusCode: 404, code: 'resource_missing' }, 'The secret was not found; it may have been deleted or expired, so refresh the list.'],
    [
      { statusCode: 400, code: 'secret_limit_exceeded' },
      'This scope already holds 10 secrets, the most Stripe allows; delete one before adding another.',
    ],
    [{ statusCode: 400 }, 'Stripe refused the request (HTTP 400).'],
    [{ statusCode: 400, message: 'Invalid name. \n ' }, 'Stripe refused the request: Invalid name.'],
    [{ statusCode: 400, message: 'Wait... ' }, 'Stripe refused the request: Wait.'],
    [{}, 'Something unexpected went wrong; see the log for details.'],
    [{ message: 'It broke. ' }, 'Something unexpected went wrong: It broke; see the log for details.'],
  ];
  for (const [err, message] of cases) assert.equal(toSecretStoreError(err).message, message, JSON.stringify(err));
  assert.equal(
    toSecretStoreError({ statusCode: 404 }, { name: 'tok' }).message,
    'No secret named "tok"; it may have been deleted or expired, so refresh the list.',
    'no scope, no scope in the message',
  );
  assert.equal(
    toSecretStoreError({ statusCode: 404, code: 'resource_missing' }, { name: 'tok', scope: { type: 'account' } }).message,
    'No secret named "tok" in the account scope; it may have been deleted or expired, so refresh the list.',
  );
});

test('isSecretStoreError needs both the name and a kind', () => {
  assert.ok(!isSecretStoreError({ name: 'Error', kind: 'network' }));
  assert.ok(!isSecretStoreError({ name: 'SecretStoreError' }));
  assert.ok(!isSecretStoreError({ name: 'SecretStoreError', kind: 1 }));
  assert.ok(!isSecretStoreError(Object.assign(function SecretStoreError() {}, { kind: 'network' })), 'a function is no error');
});

test('looksLikeScopeFull reads a secret-limit code in any wording, and the message forms Stripe might use', () => {
  assert.ok(looksLikeScopeFull(400, 'limit_of_secrets', undefined));
  assert.ok(looksLikeScopeFull(400, 'secrets_limit_exceeded', undefined));
  assert.ok(looksLikeScopeFull(400, 'max_secrets', undefined));
  assert.ok(!looksLikeScopeFull(400, 'rate_limit', 'Too many requests for secrets in a row'));
  assert.ok(looksLikeScopeFull(400, undefined, 'A scope holds at most 10 secrets, and its secrets are all in use'));
  assert.ok(looksLikeScopeFull(400, undefined, 'Secrets per scope: limit reached'));
  assert.ok(!looksLikeScopeFull(400, undefined, 'A scope holds at most ten secrets'));
});
