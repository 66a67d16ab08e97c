import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { EMULATOR_TEST_KEY, maskKey, startEmulator } from '../../../src/emulator';
import type { EmulatorHandle } from '../../../src/emulator';
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
