import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  isLoopbackHost,
  keyKindOf,
  keyLast4,
  keyModeOf,
  validateAccountId,
  validateApiBase,
  validateApiKey,
  validateExpiry,
  validatePayload,
  validateSecretName,
  validateUserId,
} from '../../../src/model/validation';

const body = 'A1b2C3d4E5f6G7h8I9j0K1l2';

test('validateApiKey accepts the four key kinds', () => {
  for (const prefix of ['sk_test_', 'sk_live_', 'rk_test_', 'rk_live_']) {
    assert.equal(validateApiKey(prefix + body), undefined, prefix);
  }
});

test('validateApiKey refuses bad keys with a reason that never echoes the key', () => {
  const cases: Array<[string, RegExp]> = [
    ['', /Enter a Stripe secret key/],
    ['pk_test_' + body, /publishable keys cannot read secrets; use a secret or restricted key/],
    ['pk_live_' + body, /publishable keys cannot read secrets/],
    [' sk_test_' + body, /spaces/],
    ['sk_test_' + body + '\n', /spaces or line breaks/],
    ['sk_test_short', /incomplete/],
    ['sk_test_' + body + '-x', /incomplete|characters/],
    ['whsec_' + body, /must start with sk_test_/],
    ['sk_prod_' + body, /must start with sk_test_/],
    ['SK_TEST_' + body, /must start with sk_test_/],
  ];
  for (const [key, expected] of cases) {
    const message = validateApiKey(key);
    assert.ok(message, `expected an error for ${JSON.stringify(key)}`);
    assert.match(message, expected);
    if (key.length > 8) assert.ok(!message.includes(body), 'message must not echo the key');
  }
});

test('key mode, kind and last four', () => {
  assert.equal(keyModeOf('sk_live_' + body), 'live');
  assert.equal(keyModeOf('rk_live_' + body), 'live');
  assert.equal(keyModeOf('sk_test_' + body), 'test');
  assert.equal(keyModeOf('rk_test_' + body), 'test');
  assert.equal(keyKindOf('rk_test_' + body), 'restricted');
  assert.equal(keyKindOf('sk_live_' + body), 'secret');
  assert.equal(keyLast4('sk_test_' + body), 'K1l2');
});

test('validateAccountId', () => {
  assert.equal(validateAccountId('acct_1A2b3C'), undefined);
  for (const bad of ['', 'acct_', 'acct 1', 'acc_123', 'acct_12-3', ' acct_123', 'usr_123']) {
    assert.ok(validateAccountId(bad), bad);
  }
});

test('validateSecretName: non-empty, at most 5000, no surrounding whitespace or control characters', () => {
  assert.equal(validateSecretName('api_token'), undefined);
  assert.equal(validateSecretName('with inner space'), undefined);
  assert.equal(validateSecretName('x'.repeat(5000)), undefined);
  assert.match(validateSecretName('') ?? '', /Enter a secret name/);
  assert.match(validateSecretName('x'.repeat(5001)) ?? '', /at most 5000/);
  assert.match(validateSecretName(' lead') ?? '', /start or end/);
  assert.match(validateSecretName('trail\t') ?? '', /start or end/);
  assert.match(validateSecretName('two\nlines') ?? '', /line breaks/);
});

test('validatePayload: non-empty and at most 5000', () => {
  assert.equal(validatePayload('v'), undefined);
  assert.equal(validatePayload(' spaces are kept '), undefined);
  assert.equal(validatePayload('x'.repeat(5000)), undefined);
  assert.match(validatePayload('') ?? '', /cannot be empty/);
  const tooLong = validatePayload('s3cr3t'.repeat(1000)) ?? '';
  assert.match(tooLong, /at most 5000/);
  assert.ok(!tooLong.includes('s3cr3t'), 'never echoes the value');
});

test('validateUserId', () => {
  assert.equal(validateUserId('usr_123'), undefined);
  assert.ok(validateUserId(''));
  assert.ok(validateUserId('usr 123'));
  assert.ok(validateUserId('usr_1\n'));
  assert.ok(validateUserId('u'.repeat(5001)));
});

test('validateExpiry: future, whole seconds, at most 100 years', () => {
  const now = Date.UTC(2026, 0, 1);
  const nowS = now / 1000;
  assert.equal(validateExpiry(nowS + 1, now), undefined);
  assert.equal(validateExpiry(nowS + 100 * 365 * 86400, now), undefined);
  assert.match(validateExpiry(nowS, now) ?? '', /future/);
  assert.match(validateExpiry(nowS - 10, now) ?? '', /future/);
  assert.match(validateExpiry(nowS + 101 * 365 * 86400, now) ?? '', /100 years/);
  assert.match(validateExpiry(nowS + 0.5, now) ?? '', /whole number/);
  assert.ok(validateExpiry(Number.NaN, now));
});

test('isLoopbackHost', () => {
  for (const h of ['127.0.0.1', '127.255.3.4', 'localhost', 'LOCALHOST', '[::1]']) assert.ok(isLoopbackHost(h), h);
  for (const h of ['128.0.0.1', '127.0.0.256', '127.0.0', '10.0.0.1', 'localhost.evil.com', 'api.stripe.com', '[::2]']) {
    assert.ok(!isLoopbackHost(h), h);
  }
});

test('validateApiBase', () => {
  for (const ok of ['https://api.stripe.com', 'https://api.stripe.com/', 'https://proxy.example:8443', 'http://127.0.0.1:12111', 'http://localhost:12111/', 'http://[::1]:8080', 'http://127.1.2.3']) {
    assert.equal(validateApiBase(ok), undefined, ok);
  }
  const bad: Array<[string, RegExp]> = [
    ['api.stripe.com', /full address/],
    ['ftp://api.stripe.com', /https:\/\//],
    ['http://api.stripe.com', /only for 127/],
    ['http://10.0.0.5:12111', /only for 127/],
    ['https://user:pass@api.stripe.com', /user name and password/],
    ['https://sk_test_abc@api.stripe.com', /user name and password/],
    ['https://api.stripe.com/v1', /no path/],
    ['https://api.stripe.com/?x=1', /query/],
    ['https://api.stripe.com/?', /query/],
    ['https://api.stripe.com/#frag', /fragment/],
  ];
  for (const [url, expected] of bad) {
    const message = validateApiBase(url);
    assert.ok(message, url);
    assert.match(message, expected, url);
    assert.ok(!message.includes('sk_test_abc'));
  }
});
