/**
 * The HTTP layer of the emulator (src/emulator/server.ts): how a request is read and answered, its
 * headers, the Host check, the request log and the options of startEmulator.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startEmulator } from '../../../src/emulator';
import type { EmulatorHandle } from '../../../src/emulator';
import { MAX_BYTES_TOTAL, MAX_SECRETS_TOTAL, STORE_LIMIT_CODE } from '../../../src/emulator/api';
import { MAX_RECORDED_FIELD_LENGTH, hostName, pushBounded, setBounded } from '../../../src/emulator/server';
import { ACCOUNT, KEY, LIVE_KEY, SECRETS, call, manualClock, rawRequest, setSecret, withEmulator } from './helpers';

const MIB = 1024 * 1024;

describe('emulator server: reading a request', () => {
  let emu: EmulatorHandle;
  before(async () => {
    emu = await startEmulator();
  });
  after(() => emu.close());
  beforeEach(() => {
    emu.clearFaults();
    emu.secrets('test').length = 0;
  });

  /** A form body of exactly `bytes` bytes whose last parameter, `zz`, is unknown: seen only if the whole body was read. */
  const bodyOf = (bytes: number) => {
    const head = `${ACCOUNT}&name=a&payload=`;
    const tail = '&zz=1';
    return head + 'x'.repeat(bytes - head.length - tail.length) + tail;
  };

  it('reads a body of up to 1 MiB whole, and answers 413 to a larger one', async () => {
    const whole = await call(emu, 'POST', SECRETS, { params: bodyOf(MIB) });
    assert.equal(whole.status, 400);
    assert.deepEqual([whole.json.error.code, whole.json.error.param], ['parameter_unknown', 'zz']);
    const over = await call(emu, 'POST', SECRETS, { params: bodyOf(MIB + 1) });
    assert.equal(over.status, 413);
    assert.equal(over.json.error.type, 'invalid_request_error');
    assert.match(over.json.error.message, /request body is too large/);
  });

  it('refuses a JSON body whatever the case of its Content-Type, and reads a form body whose Content-Type only mentions json', async () => {
    const upper = await call(emu, 'POST', SECRETS, { params: 'name=a', headers: { 'Content-Type': 'Application/JSON; charset=utf-8' } });
    assert.equal(upper.status, 400);
    assert.match(upper.json.error.message, /must be form-encoded/);
    const form = await call(emu, 'POST', SECRETS, {
      params: `name=a&payload=v&${ACCOUNT}`,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded; profile=application/json' },
    });
    assert.equal(form.status, 200);
  });

  it('takes the parameters of a GET from its query only: a Content-Type or a body is ignored', async () => {
    const typed = await call(emu, 'GET', SECRETS, { params: ACCOUNT, headers: { 'Content-Type': 'application/json' } });
    assert.equal(typed.status, 200);
    const withBody = await rawRequest(emu, {
      body: 'zz=1',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': '4' },
    });
    assert.equal(withBody.status, 200);
  });

  it('treats an empty Stripe-Account header as absent', async () => {
    const res = await call(emu, 'GET', SECRETS, { params: ACCOUNT, headers: { 'Stripe-Account': '' } });
    assert.equal(res.status, 200);
  });
});

describe('emulator server: response headers', () => {
  let emu: EmulatorHandle;
  before(async () => {
    emu = await startEmulator();
  });
  after(() => emu.close());

  it('answers JSON that no cache keeps, echoing Stripe-Version only when it was sent', async () => {
    const plain = await call(emu, 'GET', SECRETS, { params: ACCOUNT });
    assert.equal(plain.headers.get('content-type'), 'application/json');
    assert.equal(plain.headers.get('cache-control'), 'no-cache, no-store');
    assert.equal(plain.headers.get('stripe-version'), null);
    const versioned = await call(emu, 'GET', SECRETS, { params: ACCOUNT, headers: { 'Stripe-Version': '2025-03-31.basil' } });
    assert.equal(versioned.headers.get('stripe-version'), '2025-03-31.basil');
  });

  it('echoes the Idempotency-Key of a POST, not of a GET', async () => {
    const post = await setSecret(emu, 'echo', 'v', ACCOUNT, { headers: { 'Idempotency-Key': 'echo-1' } });
    assert.equal(post.headers.get('idempotency-key'), 'echo-1');
    const get = await call(emu, 'GET', SECRETS, { params: ACCOUNT, headers: { 'Idempotency-Key': 'echo-2' } });
    assert.equal(get.headers.get('idempotency-key'), null);
  });

  it('answers a fault of kind malformed with an HTML page, as a proxy in front of Stripe would', async () => {
    emu.injectFault({ kind: 'malformed' });
    const res = await call(emu, 'GET', SECRETS, { params: ACCOUNT });
    assert.equal(res.status, 200);
    assert.match(res.text, /^<!DOCTYPE html>.*<\/html>$/);
  });

  it('takes a fault without a count, or with a count below 1, for exactly one request', async () => {
    for (const fault of [
      { kind: 'status', status: 502 },
      { kind: 'status', status: 502, count: 0 },
    ] as const) {
      emu.injectFault(fault);
      assert.equal((await call(emu, 'GET', SECRETS, { params: ACCOUNT })).status, 502);
      assert.equal((await call(emu, 'GET', SECRETS, { params: ACCOUNT })).status, 200);
    }
  });

  it("answers an emulator bug like Stripe's 500: api_error, with a Request-Id, and logs it as answered 500", async () => {
    const broken = await startEmulator();
    try {
      // The test hook takes anything; a secret without a scope makes the endpoint itself throw.
      broken.secrets('test').push({ id: 'appsecret_x', name: 'x', scope: null as never, payload: 'v', created: 1, expiresAt: null });
      const res = await call(broken, 'GET', SECRETS, { params: ACCOUNT });
      assert.equal(res.status, 500);
      assert.equal(res.headers.get('content-type'), 'application/json');
      assert.match(res.headers.get('request-id') ?? '', /^req_[A-Za-z0-9]+$/);
      assert.deepEqual(res.json, { error: { type: 'api_error', message: 'An unknown error occurred' } });
      // Not 0, which the log keeps for a request never answered (a reset or a hang).
      assert.equal(broken.requests().at(-1)?.status, 500);
    } finally {
      await broken.close();
    }
  });
});

describe('emulator server: Host header', () => {
  it('reads a name only without a trailing port: a dot after the port keeps the whole header', () => {
    assert.equal(hostName('localhost:80.'), 'localhost:80');
    assert.equal(hostName('LocalHost:'), 'localhost');
    assert.equal(hostName('[fd00::5]:443'), '[fd00::5]');
  });

  it('refuses a Host that only looks like a loopback name with a port', () =>
    withEmulator(async (emu) => {
      assert.equal((await rawRequest(emu, { host: 'localhost:80.' })).status, 403);
    }));

  it('matches allowed hosts case-insensitively, and an allowed IPv6 address in brackets', () =>
    withEmulator(
      async (emu) => {
        assert.equal((await rawRequest(emu, { host: 'dev-box.lan' })).status, 200);
        assert.equal((await rawRequest(emu, { host: '[fd00::5]:12111' })).status, 200);
        assert.equal((await rawRequest(emu, { host: '[fd00::6]:12111' })).status, 403);
      },
      { allowedHosts: ['Dev-Box.LAN', 'fd00::5'] },
    ));

  it('gives the address of an IPv6 host in brackets', () =>
    withEmulator(
      async (emu) => {
        assert.equal(emu.url, `http://[::1]:${emu.port}`);
        assert.equal((await call(emu, 'GET', SECRETS, { params: ACCOUNT })).status, 200);
      },
      { host: '::1' },
    ));

  it('refuses an empty list of apiKeys beyond loopback', async () => {
    await assert.rejects(startEmulator({ host: '0.0.0.0', apiKeys: [] }), /needs apiKeys/);
  });
});

describe('emulator server: request log', () => {
  it('keeps a field of exactly the cap whole, and cuts a longer one to the cap', () =>
    withEmulator(async (emu) => {
      const exact = `/v1/${'p'.repeat(MAX_RECORDED_FIELD_LENGTH - 4)}`;
      await call(emu, 'GET', exact);
      await call(emu, 'GET', `${exact}q`);
      const [first, second] = emu.requests();
      assert.equal(first.path, exact);
      assert.equal(second.path, `${exact.slice(0, -1)}…`);
    }));

  it('hands out copies: changing one does not change the log', () =>
    withEmulator(async (emu) => {
      await call(emu, 'GET', SECRETS, { params: ACCOUNT });
      emu.requests()[0].status = 999;
      assert.equal(emu.requests()[0].status, 200);
    }));

  it('bounded collections drop their oldest entry once full', () => {
    const list = [1, 2];
    pushBounded(list, 3, 3);
    assert.deepEqual(list, [1, 2, 3]);
    pushBounded(list, 4, 3);
    assert.deepEqual(list, [2, 3, 4]);
    const map = new Map([
      ['a', 1],
      ['b', 2],
    ]);
    setBounded(map, 'c', 3, 3);
    assert.deepEqual([...map.keys()], ['a', 'b', 'c']);
    setBounded(map, 'd', 4, 3);
    assert.deepEqual(
      [...map.entries()],
      [
        ['b', 2],
        ['c', 3],
        ['d', 4],
      ],
    );
  });
});

describe('emulator server: options and test hooks', () => {
  it('setLatency delays the responses after it', () =>
    withEmulator(async (emu) => {
      const latency = 150;
      emu.setLatency(latency);
      const start = performance.now();
      await call(emu, 'GET', SECRETS, { params: ACCOUNT });
      // A timer may fire a millisecond early; the lower bound is what proves the latency is applied.
      assert.ok(performance.now() - start >= latency - 2);
    }));

  it('counts the rate limit per mode: a test key spending its tokens leaves the live ones', () =>
    withEmulator(
      async (emu) => {
        assert.equal((await call(emu, 'GET', SECRETS, { params: ACCOUNT })).status, 200);
        assert.equal((await call(emu, 'GET', SECRETS, { params: ACCOUNT })).status, 429);
        assert.equal((await call(emu, 'GET', SECRETS, { params: ACCOUNT, key: LIVE_KEY })).status, 200);
      },
      { now: manualClock().now, rateLimit: { ratePerSecond: 1, burst: 1 } },
    ));

  it('setRateLimit starts every limiter afresh', () =>
    withEmulator(
      async (emu) => {
        assert.equal((await call(emu, 'GET', SECRETS, { params: ACCOUNT })).status, 200);
        assert.equal((await call(emu, 'GET', SECRETS, { params: ACCOUNT })).status, 429);
        emu.setRateLimit({ ratePerSecond: 1, burst: 1 });
        assert.equal((await call(emu, 'GET', SECRETS, { params: ACCOUNT })).status, 200);
      },
      { now: manualClock().now, rateLimit: { ratePerSecond: 1, burst: 1 } },
    ));

  it('a limits option that gives only the bytes keeps the default number of secrets', () =>
    withEmulator(
      async (emu) => {
        const store = emu.secrets('test');
        for (let i = 0; i < MAX_SECRETS_TOTAL; i++) {
          store.push({
            id: `appsecret_${i}`,
            name: `n${i}`,
            scope: { type: 'user', user: `usr_${i}` },
            payload: 'v',
            created: 1,
            expiresAt: null,
          });
        }
        const over = await setSecret(emu, 'one-more', 'v');
        assert.equal(over.status, 400);
        assert.equal(over.json.error.code, STORE_LIMIT_CODE);
      },
      { limits: { maxBytes: MAX_BYTES_TOTAL } },
    ));

  it('a limits option that gives only the number of secrets keeps the default bytes', () =>
    withEmulator(
      async (emu) => {
        emu.secrets('test').push({
          id: 'appsecret_big',
          name: 'big',
          scope: { type: 'account' },
          payload: 'x'.repeat(MAX_BYTES_TOTAL),
          created: 1,
          expiresAt: null,
        });
        const over = await setSecret(emu, 'one-more', 'v');
        assert.equal(over.status, 400);
        assert.equal(over.json.error.code, STORE_LIMIT_CODE);
      },
      { limits: { maxSecrets: MAX_SECRETS_TOTAL } },
    ));

  it('keepExpiryOnReplace: false clears the expiry of a replace that omits expires_at', () => {
    const clock = manualClock();
    return withEmulator(
      async (emu) => {
        await setSecret(emu, 'k', 'old', `${ACCOUNT}&expires_at=${clock.seconds() + 3600}`);
        const replaced = await setSecret(emu, 'k', 'new');
        assert.equal(replaced.json.expires_at, null);
      },
      { now: clock.now, behaviour: { keepExpiryOnReplace: false } },
    );
  });

  it('its test key is the one every loopback emulator accepts', () =>
    withEmulator(async (emu) => {
      assert.equal(emu.testKey, KEY);
    }));
});
