import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { EMULATOR_TEST_KEY, maskKey, startEmulator } from '../../../src/emulator';
import type { EmulatorHandle } from '../../../src/emulator';
import { accountOf, authenticate, checkStripeAccount, keyFromHeader, redactKeyLike } from '../../../src/emulator/auth';
import { ACCOUNT, call, LIVE_KEY, SECRETS, setSecret } from './helpers';

const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString('base64')}`;

describe('emulator authentication', () => {
  let emu: EmulatorHandle;
  before(async () => {
    emu = await startEmulator();
  });
  after(() => emu.close());

  it('accepts Bearer and Basic (key as username, as curl -u key:)', async () => {
    assert.equal((await call(emu, 'GET', SECRETS, { params: ACCOUNT })).status, 200);
    assert.equal((await call(emu, 'GET', SECRETS, { params: ACCOUNT, headers: { Authorization: basic(EMULATOR_TEST_KEY) } })).status, 200);
    assert.equal(
      (await call(emu, 'GET', SECRETS, { params: ACCOUNT, headers: { Authorization: `bearer ${EMULATOR_TEST_KEY}` } })).status,
      200,
    );
  });

  it('answers 401 without a key', async () => {
    for (const headers of [{}, { Authorization: 'Token abc' }, { Authorization: basic('') }] as Array<Record<string, string>>) {
      const res = await call(emu, 'GET', SECRETS, { params: ACCOUNT, key: null, headers });
      assert.equal(res.status, 401);
      assert.equal(res.json.error.type, 'invalid_request_error');
      assert.match(res.json.error.message, /You did not provide an API key/);
      assert.match(res.headers.get('request-id') ?? '', /^req_/);
    }
  });

  it('answers 401 for a malformed key, masking all but the last 4 characters', async () => {
    const key = 'sk_test_abc-def-ghij-klmn-wxyz';
    const res = await call(emu, 'GET', SECRETS, { params: ACCOUNT, key });
    assert.equal(res.status, 401);
    assert.equal(res.json.error.message, 'Invalid API Key provided: sk_test_****wxyz');
    assert.equal(res.text.includes('abc-def'), false);
    assert.equal(maskKey('sk_live_51HxYzVeryLongSecret1234'), 'sk_live_****1234');
    assert.equal(maskKey('sk_test_short'), 'sk_test_****');
    assert.equal(maskKey('whatever-this-is-9876'), '****9876');
  });

  it('answers 401 for a publishable key, saying so', async () => {
    const res = await call(emu, 'GET', SECRETS, { params: ACCOUNT, key: 'pk_test_51PublishableKeyValue0000aaaa' });
    assert.equal(res.status, 401);
    assert.match(res.json.error.message, /publishable API key/);
    assert.equal(res.text.includes('PublishableKeyValue'), false);
  });

  it('only accepts listed keys (and its own test key) when apiKeys is given', async () => {
    const allowed = 'sk_test_allowedKey0000000000000000001111';
    const restricted = await startEmulator({ apiKeys: [allowed] });
    try {
      assert.equal((await call(restricted, 'GET', SECRETS, { params: ACCOUNT, key: allowed })).status, 200);
      assert.equal((await call(restricted, 'GET', SECRETS, { params: ACCOUNT })).status, 200);
      const other = await call(restricted, 'GET', SECRETS, { params: ACCOUNT, key: 'sk_test_otherKey000000000000000002222' });
      assert.equal(other.status, 401);
      assert.equal(other.json.error.message, 'Invalid API Key provided: sk_test_****2222');
    } finally {
      await restricted.close();
    }
  });
});

describe('emulator modes and accounts', () => {
  let emu: EmulatorHandle;
  before(async () => {
    emu = await startEmulator();
  });
  after(() => emu.close());

  it('takes the mode from the key prefix and keeps test and live apart', async () => {
    const live = await setSecret(emu, 'k', 'live value', ACCOUNT, { key: LIVE_KEY });
    assert.equal(live.json.livemode, true);
    const rkLive = await call(emu, 'GET', `${SECRETS}/find`, { params: `name=k&${ACCOUNT}`, key: 'rk_live_restrictedKey0000000000000001' });
    assert.equal(rkLive.status, 200);
    assert.equal(rkLive.json.livemode, true);
    const test = await call(emu, 'GET', `${SECRETS}/find`, { params: `name=k&${ACCOUNT}` });
    assert.equal(test.status, 404);
    const rkTest = await setSecret(emu, 'k', 'test value', ACCOUNT, { key: 'rk_test_restrictedKey0000000000000001' });
    assert.equal(rkTest.json.livemode, false);
    assert.equal(emu.secrets('live').length, 1);
    assert.equal(emu.secrets('test').length, 1);
  });

  it('keeps one store per Stripe-Account', async () => {
    const a = { 'Stripe-Account': 'acct_1AAAAAAAAAAAAAAA' };
    const b = { 'Stripe-Account': 'acct_1BBBBBBBBBBBBBBB' };
    await setSecret(emu, 'shared', 'for a', ACCOUNT, { headers: a });
    await setSecret(emu, 'shared', 'for b', ACCOUNT, { headers: b });
    const findIn = (headers: Record<string, string>) =>
      call(emu, 'GET', `${SECRETS}/find`, { params: `name=shared&${ACCOUNT}&expand[]=payload`, headers });
    assert.equal((await findIn(a)).json.payload, 'for a');
    assert.equal((await findIn(b)).json.payload, 'for b');
    assert.equal((await findIn({})).status, 404);
    assert.equal(emu.secrets('test', 'acct_1AAAAAAAAAAAAAAA').length, 1);
  });

  it('answers 403 account_invalid for a Stripe-Account that is not acct_...', async () => {
    const res = await call(emu, 'GET', SECRETS, { params: ACCOUNT, headers: { 'Stripe-Account': 'cus_123' } });
    assert.equal(res.status, 403);
    assert.equal(res.json.error.code, 'account_invalid');
    assert.equal(res.text.includes(EMULATOR_TEST_KEY), false);
    assert.match(res.headers.get('request-id') ?? '', /^req_/);
  });
});

describe('emulator keys, read directly', () => {
  const orgKey = 'sk_org_pk_test_emulatorUnitOrgKey0001';

  it('reads a key from Bearer or Basic only when the header is exactly that', () => {
    assert.equal(keyFromHeader('Bearer  sk_test_a1 '), 'sk_test_a1');
    assert.equal(keyFromHeader(`basic  ${Buffer.from('sk_test_a1:').toString('base64')}`), 'sk_test_a1');
    assert.equal(keyFromHeader(`Basic ${Buffer.from('sk_test_a1:ignored').toString('base64')}`), 'sk_test_a1');
    for (const header of [
      'Token Bearer sk_test_a1',
      `Token ${basic('sk_test_a1')}`,
      'Bearer sk_test_a1 extra',
      'Bearer',
      `Basic ${basic('sk_test_a1').slice(6)} x`,
      '',
    ]) {
      assert.equal(keyFromHeader(header), undefined, header);
    }
  });

  it('accepts only whole secret, restricted and organization keys', () => {
    const refused = (key: string) => assert.throws(() => authenticate(`Bearer ${key}`, undefined), /Invalid API Key provided/, key);
    refused('xsk_test_abc');
    refused('sk_test_abc-def');
    refused('xsk_org_abc');
    refused('sk_org_abc-def');
    assert.deepEqual(authenticate(`Bearer ${orgKey}`, undefined), { key: orgKey, mode: 'test', organization: true });
    assert.deepEqual(authenticate('Bearer rk_live_abc', undefined), { key: 'rk_live_abc', mode: 'live' });
  });

  it('accepts its own test key beside the listed ones unless told not to', () => {
    const listed = new Set(['sk_test_listed1']);
    assert.equal(authenticate(`Bearer ${EMULATOR_TEST_KEY}`, listed).key, EMULATOR_TEST_KEY);
    assert.throws(() => authenticate(`Bearer ${EMULATOR_TEST_KEY}`, listed, false), /Invalid API Key provided/);
  });

  it('masks the last four characters only of a key longer than its prefix and eight more', () => {
    assert.equal(maskKey('sk_test_12345678'), 'sk_test_****');
    assert.equal(maskKey('sk_test_123456789'), 'sk_test_****6789');
    assert.equal(maskKey('xsk_test_abcdefghij1234'), '****1234', 'a prefix counts only at the start');
    assert.equal(maskKey('sk_org_abcdefghij1234'), 'sk_org_****1234');
  });

  it('follows a Stripe-Context of up to three accounts, each a whole acct_ id', () => {
    const auth = { key: orgKey, mode: 'test', organization: true } as const;
    assert.equal(accountOf(auth, undefined, 'acct_1/acct_2/acct_3'), 'acct_3');
    for (const context of ['xacct_1', 'acct_1/acct_2-x', 'acct_1/xacct_2']) {
      assert.throws(() => accountOf(auth, undefined, context), /does not have access to account/, context);
    }
    assert.equal(accountOf(auth, undefined, 'acct_1/acct_2', new Set(['acct_1', 'acct_2'])), 'acct_2');
  });

  it('takes a Stripe-Account only when it is a whole acct_ id', () => {
    assert.equal(checkStripeAccount('acct_1Abc', 'sk_test_a1'), undefined);
    for (const account of ['xacct_1Abc', 'acct_1Abc-x']) assert.ok(checkStripeAccount(account, 'sk_test_a1'), account);
  });

  it('masks a key pasted into a header, and leaves other values readable', () => {
    assert.equal(redactKeyLike('sk_live_abcdefghij1234'), 'sk_live_****1234');
    assert.equal(redactKeyLike('acct_1Abc'), 'acct_1Abc');
    assert.equal(
      checkStripeAccount('rk_test_abcdefghij9876', 'sk_test_a1')?.message,
      "The provided key 'sk_test_****' does not have access to account 'rk_test_****9876' (or that account does not exist). Application access may have been revoked.",
    );
  });
});
