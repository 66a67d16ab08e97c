import assert from 'node:assert/strict';
import net from 'node:net';
import { describe, it } from 'node:test';
import { DEMO_USER_IDS, demoSecrets, startEmulator } from '../../../src/emulator';
import { keyFromHeader } from '../../../src/emulator/auth';
import { UsageError, parseArgs } from '../../../src/emulator/cli';
import { hostName } from '../../../src/emulator/server';
import { ACCOUNT, KEY, SECRETS, call, rawRequest, setSecret, withEmulator } from './helpers';

/** A port nothing listens on right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Writes `raw` to the emulator's socket as is and returns everything it answers until it closes the connection. */
function rawExchange(port: number, raw: string): Promise<string> {
  return new Promise((resolve, reject) => {
    // write, not end: a client that half-closes first has its request dropped by Node's server.
    const socket = net.connect(port, '127.0.0.1', () => socket.write(raw));
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
    socket.on('error', reject);
    socket.on('close', () => resolve(text));
  });
}

describe('emulator server: listening', () => {
  it('listens on the port it is given', async () => {
    const port = await freePort();
    const emu = await startEmulator({ port });
    try {
      assert.equal(emu.port, port);
      assert.equal(emu.url, `http://127.0.0.1:${port}`);
      assert.equal((await call(emu, 'GET', SECRETS, { params: ACCOUNT })).status, 200);
    } finally {
      await emu.close();
    }
  });

  it('rejects start when the port is taken, instead of crashing', async () => {
    const first = await startEmulator();
    try {
      await assert.rejects(startEmulator({ port: first.port }), (e: NodeJS.ErrnoException) => e.code === 'EADDRINUSE');
      assert.equal((await call(first, 'GET', SECRETS, { params: ACCOUNT })).status, 200, 'the first one still answers');
    } finally {
      await first.close();
    }
  });
});

describe('emulator server: requests at the edges of HTTP', () => {
  it('answers an HTTP/1.0 request that sends no Host header', () =>
    withEmulator(async (emu) => {
      const answer = await rawExchange(emu.port, `GET ${SECRETS}?${ACCOUNT} HTTP/1.0\r\nAuthorization: Bearer ${KEY}\r\n\r\n`);
      assert.match(answer, /^HTTP\/1\.1 200 /);
      assert.match(answer, /"object": "list"/);
    }));

  it('takes a POST without Content-Type, reading its parameters from the query string', () =>
    withEmulator(async (emu) => {
      const res = await rawRequest(emu, { method: 'POST', path: `${SECRETS}?name=plain&payload=v&${ACCOUNT}` });
      assert.equal(res.status, 200, res.text);
      assert.equal(emu.secrets('test')[0]?.payload, 'v');
    }));
});

describe('emulator server: Host names', () => {
  it('reads an IPv6 Host header up to its closing bracket', () => {
    assert.equal(hostName('[::1]:8o'), '[::1]');
    assert.equal(hostName('[::1]x'), '[::1]');
  });

  it('refuses a name that only contains an allowed host', () =>
    withEmulator(
      async (emu) => {
        assert.equal((await rawRequest(emu, { host: 'dev-box.lan' })).status, 200);
        for (const host of ['xdev-box.lanx', '.dev-box.lan:', 'adev-box.lan.z']) {
          assert.equal((await rawRequest(emu, { host })).status, 403, host);
        }
      },
      { allowedHosts: ['dev-box.lan'] },
    ));
});

describe('emulator idempotency across connected accounts', () => {
  it('runs the same key and parameters once on each connected account', () =>
    withEmulator(async (emu) => {
      const headers = { 'Idempotency-Key': 'idem-shared' };
      for (const account of ['acct_1First0000000000', 'acct_1Second000000000']) {
        const res = await setSecret(emu, 'k', 'v', ACCOUNT, { headers: { ...headers, 'Stripe-Account': account } });
        assert.equal(res.status, 200, account);
        assert.equal(res.headers.get('idempotent-replayed'), null, account);
        assert.equal(emu.secrets('test', account).length, 1, account);
      }
    }));

  it("words a reused key's conflict as Stripe does, naming the key", () =>
    withEmulator(async (emu) => {
      const headers = { 'Idempotency-Key': 'idem-conflict' };
      await setSecret(emu, 'k', 'v1', ACCOUNT, { headers });
      const conflict = await setSecret(emu, 'k', 'v2', ACCOUNT, { headers });
      assert.equal(conflict.status, 400);
      assert.deepEqual(conflict.json.error, {
        type: 'idempotency_error',
        message:
          "Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than 'idem-conflict' if you meant to execute a different request.",
      });
    }));
});

describe('emulator keys and CLI flags, edge cases', () => {
  it('reads a Basic key followed by trailing whitespace', () => {
    assert.equal(keyFromHeader(`Basic ${Buffer.from('sk_test_a1:').toString('base64')}  `), 'sk_test_a1');
  });

  it('splits name=value only for --long flags: -h=1 is an unknown option, not help', () => {
    assert.throws(
      () => parseArgs(['-h=1']),
      (e: unknown) => e instanceof UsageError && e.message === "Unknown option '-h=1'.",
    );
  });

  it('takes a fractional --rate-limit rate with several decimals', () => {
    assert.deepEqual(parseArgs(['--rate-limit', '2.55/10']).rateLimit, { ratePerSecond: 2.55, burst: 10 });
  });
});

describe('emulator demo seed, expiring tokens', () => {
  it('expires the Google access token in 50 minutes and the HubSpot one in 20 hours', () => {
    const now = 2_000_000_000;
    const byName = new Map(demoSecrets(now).map((s) => [s.name, s]));
    assert.equal(byName.get('google_oauth_access_token')?.expiresAt, now + 50 * 60);
    assert.equal(byName.get('hubspot_oauth_access_token')?.expiresAt, now + 20 * 3600);
    assert.deepEqual(byName.get('hubspot_oauth_access_token')?.scope, { type: 'user', user: DEMO_USER_IDS[1] });
  });
});
