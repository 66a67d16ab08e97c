import assert from 'node:assert/strict';
import http from 'node:http';
import { describe, it } from 'node:test';
import { startEmulator } from '../../../src/emulator';
import type { EmulatorHandle } from '../../../src/emulator';
import {
  MAX_ACCOUNTS_PER_MODE,
  MAX_BYTES_TOTAL,
  MAX_SECRETS_TOTAL,
  MAX_USER_SCOPES_PER_STORE,
  STORE_LIMIT_CODE,
} from '../../../src/emulator/api';
import { UsageError, parseArgs } from '../../../src/emulator/cli';
import { MAX_BRACKET_DEPTH } from '../../../src/emulator/params';
import { MAX_RECORDED_FIELD_LENGTH, hostName } from '../../../src/emulator/server';
import { ACCOUNT, KEY, LIVE_KEY, SECRETS, call, setSecret, userScope, withEmulator } from './helpers';

/** fetch() will not send a Host header of our choosing; node:http will. */
function rawGet(
  emu: EmulatorHandle,
  host: string | undefined,
): Promise<{ status: number; json: { error?: { type: string; code?: string; message: string } } }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: emu.port,
        path: `${SECRETS}?${ACCOUNT}`,
        method: 'GET',
        setHost: host === undefined,
        headers: { Authorization: `Bearer ${KEY}`, ...(host !== undefined ? { Host: host } : {}) },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('emulator Host header (DNS rebinding)', () => {
  it('answers loopback names with any port', () =>
    withEmulator(async (emu) => {
      for (const host of [
        '127.0.0.1',
        `127.0.0.1:${emu.port}`,
        `localhost:${emu.port}`,
        'LOCALHOST',
        'localhost.',
        '127.8.9.10:1',
        `[::1]:${emu.port}`,
        '[::1]',
      ]) {
        assert.equal((await rawGet(emu, host)).status, 200, host);
      }
    }));

  it('refuses any other name with a Stripe-shaped 403 that says what to do', () =>
    withEmulator(async (emu) => {
      for (const host of [
        'evil.example',
        `evil.example:${emu.port}`,
        'localhost.evil.example',
        '127.0.0.1.nip.io',
        '10.0.0.5',
        '[::2]:80',
        '0.0.0.0',
      ]) {
        const { status, json } = await rawGet(emu, host);
        assert.equal(status, 403, host);
        assert.equal(json.error?.type, 'invalid_request_error');
        assert.equal(json.error?.code, 'host_not_allowed');
        assert.match(
          json.error?.message ?? '',
          /only requests addressed to this computer \(localhost, 127\.0\.0\.1, \[::1\]\).*--allow-host NAME/,
        );
      }
      assert.equal(emu.requests().at(-1)?.status, 403, 'recorded');
    }));

  it('a refused Host never reaches the store or takes a fault', () =>
    withEmulator(async (emu) => {
      emu.injectFault({ kind: 'status', status: 500 });
      assert.equal((await rawGet(emu, 'evil.example')).status, 403);
      assert.equal((await rawGet(emu, 'localhost')).status, 500, 'the fault is still queued for the next allowed request');
    }));

  it('accepts the configured host and --allow-host names', () =>
    withEmulator(
      async (emu) => {
        assert.equal((await rawGet(emu, 'dev-box.lan:12111')).status, 200);
        assert.equal((await rawGet(emu, 'other.lan')).status, 403);
      },
      { allowedHosts: ['dev-box.lan'] },
    ));

  it('reads the name out of a Host header', () => {
    assert.equal(hostName('Example.COM:443'), 'example.com');
    assert.equal(hostName('[::1]:8080'), '[::1]');
    assert.equal(hostName('localhost.'), 'localhost');
    assert.equal(hostName(' 127.0.0.1 '), '127.0.0.1');
  });
});

describe('emulator beyond loopback', () => {
  it('refuses to listen on a non-loopback address without apiKeys', async () => {
    await assert.rejects(startEmulator({ host: '0.0.0.0' }), /needs apiKeys \(--api-key\)/);
  });

  it('then accepts only the given keys: the public test key is refused', async () => {
    const own = 'sk_test_hardeningOwnKey0000000001';
    await withEmulator(
      async (emu) => {
        const url = emu.url.replace('0.0.0.0', '127.0.0.1');
        const local = { ...emu, url };
        assert.equal((await call(local, 'GET', SECRETS, { params: ACCOUNT, key: own })).status, 200);
        assert.equal((await call(local, 'GET', SECRETS, { params: ACCOUNT, key: KEY })).status, 401);
      },
      { host: '0.0.0.0', apiKeys: [own] },
    );
  });

  it('the CLI wants --api-key with a non-loopback --host', () => {
    assert.throws(
      () => parseArgs(['--host', '0.0.0.0']),
      (e: unknown) => e instanceof UsageError && /--host 0\.0\.0\.0 .*--api-key KEY/.test(e.message),
    );
    assert.throws(() => parseArgs(['--host=192.168.1.5']), UsageError);
    assert.deepEqual(parseArgs(['--host', '127.0.0.2']), { port: 12111, host: '127.0.0.2' });
    assert.deepEqual(parseArgs(['--host', 'localhost']), { port: 12111, host: 'localhost' });
    assert.deepEqual(parseArgs(['--host', '0.0.0.0', '--api-key', 'sk_test_a1', '--allow-host', 'Box.lan']), {
      port: 12111,
      host: '0.0.0.0',
      apiKeys: ['sk_test_a1'],
      allowedHosts: ['box.lan'],
    });
    assert.throws(() => parseArgs(['--allow-host', 'a b']), /--allow-host/);
  });
});

describe('emulator caps', () => {
  it('Idempotency-Key: at most 255 characters, 400', () =>
    withEmulator(async (emu) => {
      assert.equal((await setSecret(emu, 'a', 'v', ACCOUNT, { headers: { 'Idempotency-Key': 'k'.repeat(255) } })).status, 200);
      const long = await setSecret(emu, 'b', 'v', ACCOUNT, { headers: { 'Idempotency-Key': 'k'.repeat(256) } });
      assert.equal(long.status, 400);
      assert.equal(long.json.error.type, 'invalid_request_error');
      assert.match(long.json.error.message, /Idempotency-Key: must be at most 255 characters/);
      assert.equal(emu.secrets('test').length, 1);
    }));

  it('request-log entries are cut to a bounded size', () =>
    withEmulator(async (emu) => {
      await setSecret(emu, 'a', 'v', ACCOUNT, {
        headers: { 'Idempotency-Key': 'i'.repeat(4000), 'Stripe-Account': `acct_${'a'.repeat(4000)}` },
      });
      await call(emu, 'GET', `/v1/${'p'.repeat(6000)}`);
      for (const record of emu.requests()) {
        for (const field of [record.method, record.path, record.idempotencyKey ?? '', record.stripeAccount ?? '']) {
          assert.ok(field.length <= MAX_RECORDED_FIELD_LENGTH, `${field.length} characters recorded`);
        }
      }
      assert.ok(emu.requests()[0].idempotencyKey?.endsWith('…'));
    }));

  it(`bracket keys nest at most ${MAX_BRACKET_DEPTH} deep; a very deep one is a 400, never a 500`, () =>
    withEmulator(async (emu) => {
      const ok = await setSecret(emu, 'n', 'v', `${ACCOUNT}&expand[]=payload`);
      assert.equal(ok.status, 200);
      for (const depth of [MAX_BRACKET_DEPTH + 1, 1000, 100_000]) {
        const deep = await setSecret(emu, 'n', 'v', `${ACCOUNT}&x${'[a]'.repeat(depth)}=1`, {
          headers: { 'Idempotency-Key': `deep-${depth}` },
        });
        assert.equal(deep.status, 400, `depth ${depth}`);
        assert.equal(deep.json.error.type, 'invalid_request_error');
        assert.match(deep.json.error.message, new RegExp(`nests more than ${MAX_BRACKET_DEPTH} brackets deep`));
      }
      const atCap = await setSecret(emu, 'n', 'v', `${ACCOUNT}&x${'[a]'.repeat(MAX_BRACKET_DEPTH)}=1`);
      assert.equal(atCap.json.error.code, 'parameter_unknown', 'at the cap the key is parsed (and then unknown)');
    }));

  it(`at most ${MAX_ACCOUNTS_PER_MODE} Stripe-Account stores per mode`, () =>
    withEmulator(async (emu) => {
      for (let i = 0; i < MAX_ACCOUNTS_PER_MODE; i++) {
        assert.equal((await call(emu, 'GET', SECRETS, { params: ACCOUNT, headers: { 'Stripe-Account': `acct_cap${i}` } })).status, 200);
      }
      const over = await call(emu, 'GET', SECRETS, { params: ACCOUNT, headers: { 'Stripe-Account': 'acct_capOver' } });
      assert.equal(over.status, 400);
      assert.equal(over.json.error.type, 'invalid_request_error');
      assert.equal(over.json.error.code, 'emulator_account_limit');
      assert.match(over.json.error.message, new RegExp(`at most ${MAX_ACCOUNTS_PER_MODE} Stripe-Account values per mode`));
      assert.equal(
        (await call(emu, 'GET', SECRETS, { params: ACCOUNT, headers: { 'Stripe-Account': 'acct_cap7' } })).status,
        200,
        'known accounts still work',
      );
      assert.equal((await call(emu, 'GET', SECRETS, { params: ACCOUNT })).status, 200, 'no Stripe-Account still works');
    }));

  it(`at most ${MAX_USER_SCOPES_PER_STORE} user scopes per account`, () =>
    withEmulator(async (emu) => {
      const store = emu.secrets('test');
      for (let i = 0; i < MAX_USER_SCOPES_PER_STORE; i++) {
        store.push({
          id: `appsecret_${i}`,
          name: 'n',
          scope: { type: 'user', user: `usr_${i}` },
          payload: 'v',
          created: 1,
          expiresAt: null,
        });
      }
      const over = await setSecret(emu, 'n', 'v', userScope('usr_new'));
      assert.equal(over.status, 400);
      assert.equal(over.json.error.code, 'emulator_user_scope_limit');
      assert.equal(over.json.error.param, 'scope[user]');
      assert.match(over.json.error.message, new RegExp(`at most ${MAX_USER_SCOPES_PER_STORE} user scopes per account`));
      assert.equal((await setSecret(emu, 'second', 'v', userScope('usr_5'))).status, 200, 'an existing user scope still takes secrets');
      assert.equal((await setSecret(emu, 'acct', 'v')).status, 200, 'the account scope is not a user scope');
    }));
});

describe('emulator overall cap', () => {
  it('counts secrets across modes, accounts and scopes, and answers a Stripe-shaped 400 when full', () =>
    withEmulator(
      async (emu) => {
        for (let i = 0; i < 3; i++) assert.equal((await setSecret(emu, `a${i}`, 'v')).status, 200);
        assert.equal((await setSecret(emu, 'u', 'v', userScope('usr_1'))).status, 200);
        assert.equal((await setSecret(emu, 'x', 'v', ACCOUNT, { headers: { 'Stripe-Account': 'acct_1Other' } })).status, 200);
        const over = await setSecret(emu, 'one-too-many', 'v', userScope('usr_2'));
        assert.equal(over.status, 400);
        assert.equal(over.json.error.type, 'invalid_request_error');
        assert.equal(over.json.error.code, STORE_LIMIT_CODE);
        assert.match(
          over.json.error.message,
          /^The emulator keeps at most 5 secrets and 1 MiB of names and values in all; delete secrets you no longer need, or restart the emulator to start afresh\.$/,
        );
        assert.equal((await setSecret(emu, 'a0', 'replaced')).status, 200, 'replacing a name still works');
        assert.equal((await call(emu, 'POST', `${SECRETS}/delete`, { params: `name=a1&${ACCOUNT}` })).status, 200);
        assert.equal((await setSecret(emu, 'one-too-many', 'v', userScope('usr_2'))).status, 200, 'a delete makes room');
      },
      { limits: { maxSecrets: 5, maxBytes: 1024 * 1024 } },
    ));

  it('counts bytes of names and values, also when a replace grows a value', () =>
    withEmulator(
      async (emu) => {
        assert.equal((await setSecret(emu, 'big', 'x'.repeat(3000))).status, 200);
        assert.equal((await setSecret(emu, 'big2', 'é'.repeat(2000), ACCOUNT, { key: LIVE_KEY })).status, 200);
        const grown = await setSecret(emu, 'big', 'x'.repeat(4000));
        assert.equal(grown.status, 400);
        assert.equal(grown.json.error.code, STORE_LIMIT_CODE);
        assert.equal((await setSecret(emu, 'small', 'x'.repeat(1000))).status, 400);
        assert.equal((await setSecret(emu, 'big', 'x'.repeat(100))).status, 200, 'a replace that shrinks is fine');
      },
      { limits: { maxSecrets: 100, maxBytes: 8000 } },
    ));

  it('defaults to a cap far below what the per-dimension caps multiply to', () => {
    assert.ok(MAX_SECRETS_TOTAL <= 10_000 && MAX_BYTES_TOTAL <= 64 * 1024 * 1024);
  });
});
