import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  contextAccount,
  isLoopbackHost,
  isOrganizationKey,
  keyKindOf,
  keyLast4,
  keyModeOf,
  validateAccountId,
  validateApiBase,
  validateApiKey,
  validateExpiry,
  validatePayload,
  validateConnectionLabel,
  validateExistingSecretName,
  validateSecretName,
  validateStripeContext,
  validateUserId,
} from '../../../src/model/validation';

const body = 'A1b2C3d4E5f6G7h8I9j0K1l2';

test('validateApiKey accepts the four key kinds and organization keys, whatever follows sk_org_', () => {
  for (const prefix of ['sk_test_', 'sk_live_', 'rk_test_', 'rk_live_', 'sk_org_', 'sk_org_live_', 'sk_org_test_']) {
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
    ['sk_org_short', /organization key looks incomplete/],
    ['sk_org_' + body + '-x', /organization key looks incomplete or contains characters/],
    ['rk_org_' + body, /Organization keys start with sk_org_ \(there is no rk_org_\)/],
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
  assert.equal(keyKindOf('sk_org_' + body), 'organization');
  assert.equal(isOrganizationKey('sk_org_live_' + body), true);
  assert.equal(isOrganizationKey('sk_live_' + body), false);
  assert.equal(keyLast4('sk_org_' + body), 'K1l2');
});

test('Stripe-Context paths: one account or accounts joined by /, each part named when wrong, never echoed', () => {
  for (const ok of ['acct_1A2b3C', 'acct_platform/acct_connected', 'acct_1Org/acct_1Platform/acct_1Connected'])
    assert.equal(validateStripeContext(ok), undefined, ok);
  const cases: Array<[string, RegExp]> = [
    ['', /Enter the account this key acts on/],
    ['acct_1A /acct_1B', /no spaces/],
    ['acct_1A/', /an account id on each side of every \//],
    ['/acct_1A', /an account id on each side/],
    ['acct_1A//acct_1B', /an account id on each side/],
    ['acct_1A/cus_123', /part 2 is not/],
    ['sk_test_' + body, /part 1 is not/],
  ];
  for (const [path, expected] of cases) {
    const message = validateStripeContext(path);
    assert.ok(message, path);
    assert.match(message, expected);
    assert.ok(!message.includes(body));
  }
  assert.equal(contextAccount('acct_platform/acct_connected'), 'acct_connected');
  assert.equal(contextAccount('acct_1A'), 'acct_1A');
});

test('validateAccountId', () => {
  assert.equal(validateAccountId('acct_1A2b3C'), undefined);
  assert.match(validateAccountId('') ?? '', /Enter an account id such as acct_/);
  for (const bad of ['acct_', 'acct 1', 'acc_123', 'acct_12-3', ' acct_123', 'usr_123']) {
    assert.match(validateAccountId(bad) ?? '', /acct_ followed by letters and digits, with no spaces/, bad);
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

test('validateUserId: usr_ followed by letters and digits', () => {
  assert.equal(validateUserId('usr_123'), undefined);
  assert.equal(validateUserId('usr_1A2b3C4d5E6f'), undefined);
  assert.match(validateUserId('') ?? '', /Enter a user id such as usr_/);
  assert.match(validateUserId('usr 123') ?? '', /cannot contain spaces or line breaks/);
  assert.match(validateUserId('usr_1\n') ?? '', /cannot contain spaces or line breaks/);
  assert.match(validateUserId('usr_' + 'u'.repeat(5001)) ?? '', /at most 5000/);
  for (const bad of ['usr_', 'user_123', 'usr-123', 'usr_12-3', 'usr_1.2', 'USR_123', 'acct_123', 'usr_\u200b1', 'usr_<script>', 'usr_ü']) {
    assert.match(validateUserId(bad) ?? '', /usr_ followed by letters and digits/, JSON.stringify(bad));
  }
});

test('validateSecretName refuses zero-width and text-direction characters in new names', () => {
  const invisibles = [
    '\u200b',
    '\u200c',
    '\u200d',
    '\u200e',
    '\u200f',
    '\u202a',
    '\u202b',
    '\u202c',
    '\u202d',
    '\u202e',
    '\u2060',
    '\u2066',
    '\u2067',
    '\u2068',
    '\u2069',
    '\ufeff',
    '\u00ad',
    '\u061c',
  ];
  for (const ch of invisibles) {
    const message = validateSecretName(`api${ch}token`) ?? '';
    assert.match(
      message,
      /invisible character \(zero-width space, joiner or a text-direction mark\)/,
      `U+${ch.codePointAt(0)?.toString(16)}`,
    );
    assert.ok(!message.includes('api'), 'never echoes the name');
  }
  assert.equal(validateSecretName('naïve_clé_名前'), undefined, 'visible non-ASCII letters are fine');
});

test("validateExistingSecretName: only Stripe's rules, so every listed name stays reachable", () => {
  for (const name of [' lead', 'trail ', 'two\nlines', 'tab\t', 'zero\u200bwidth', '\u202eevil', 'x'.repeat(5000)]) {
    assert.equal(validateExistingSecretName(name), undefined, JSON.stringify(name));
  }
  assert.match(validateExistingSecretName('') ?? '', /Enter a secret name/);
  assert.match(validateExistingSecretName('x'.repeat(5001)) ?? '', /at most 5000/);
});

test('validateConnectionLabel refuses a pasted key without echoing it', () => {
  for (const ok of ['', 'My app (test)', 'Test account 1234', 'sk_ project', 'desk_test_env', 'pk_test']) {
    assert.equal(validateConnectionLabel(ok), undefined, ok);
  }
  const keyBody = '51HxYzAbCdEfGhIjKlMnOpQr';
  for (const prefix of ['sk_live_', 'sk_test_', 'rk_live_', 'rk_test_', 'pk_live_', 'ek_test_', 'whsec_']) {
    for (const label of [prefix + keyBody, ` ${prefix}${keyBody} `, `prod ${prefix}${keyBody}`, `label_${prefix}${keyBody}`]) {
      const message = validateConnectionLabel(label) ?? '';
      assert.match(
        message,
        /looks like an API key: the label is shown on screen\. Type a name such as "My app \(test\)"; the key is asked for next\./,
        label,
      );
      assert.ok(!message.includes(keyBody.slice(0, 6)), 'never echoes the key');
    }
  }
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
  for (const ok of [
    'https://api.stripe.com',
    'https://api.stripe.com/',
    'https://proxy.example:8443',
    'http://127.0.0.1:12111',
    'http://localhost:12111/',
    'http://[::1]:8080',
    'http://127.1.2.3',
  ]) {
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

test('an organization-key prefix inside another key does not make it an organization key', () => {
  // rk_org_ further in: a secret key with a character it cannot hold, not the "no rk_org_" advice.
  assert.match(validateApiKey(`sk_test_${body}_rk_org_${body}`) ?? '', /^The key looks incomplete/);
  // sk_org_ further in: the key does not start as any key does, so it is not judged as an organization key.
  assert.match(validateApiKey(`x${'sk_org_'}${body}`) ?? '', /must start with sk_test_/);
  assert.match(validateApiKey(`rk_test_${body}_sk_org_${body}`) ?? '', /^The key looks incomplete/);
});

test('each part of a Stripe-Context path must be a whole account id, not one with text before or after', () => {
  assert.match(validateStripeContext('acct_1A/xacct_1B') ?? '', /part 2 is not/);
  assert.match(validateStripeContext('acct_1A-x/acct_1B') ?? '', /part 1 is not/);
});
