import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { EMULATOR_TEST_KEY, startEmulator } from '../../../src/emulator';
import type { EmulatorHandle } from '../../../src/emulator';
import { TokenBucket } from '../../../src/emulator/rateLimiter';
import { ACCOUNT, call, LIVE_KEY, manualClock, SECRETS, setSecret } from './helpers';

describe('emulator fault injection', () => {
  let emu: EmulatorHandle;
  before(async () => {
    emu = await startEmulator();
  });
  after(() => emu.close());
  beforeEach(() => {
    emu.clearFaults();
    emu.secrets('test').length = 0;
  });

  it('answers an injected status for the next N requests, then recovers', async () => {
    emu.injectFault({ kind: 'status', status: 503, count: 2 });
    for (let i = 0; i < 2; i++) {
      const res = await call(emu, 'GET', SECRETS, { params: ACCOUNT });
      assert.equal(res.status, 503);
      assert.equal(res.json.error.type, 'api_error');
      assert.match(res.headers.get('request-id') ?? '', /^req_/);
    }
    assert.equal((await call(emu, 'GET', SECRETS, { params: ACCOUNT })).status, 200);
  });

  it('shapes an injected 429 like Stripe: rate_limit, no Retry-After', async () => {
    emu.injectFault({ kind: 'status', status: 429 });
    const res = await call(emu, 'GET', SECRETS, { params: ACCOUNT });
    assert.equal(res.status, 429);
    assert.equal(res.json.error.code, 'rate_limit');
    assert.equal(res.headers.get('retry-after'), null);
  });

  it('applies faults before the store: a faulted POST writes nothing', async () => {
    emu.injectFault({ kind: 'status', status: 500 });
    const res = await setSecret(emu, 'k', 'v', ACCOUNT, { headers: { 'Idempotency-Key': 'retry-me' } });
    assert.equal(res.status, 500);
    assert.equal(emu.secrets('test').length, 0);
    const retry = await setSecret(emu, 'k', 'v', ACCOUNT, { headers: { 'Idempotency-Key': 'retry-me' } });
    assert.equal(retry.status, 200);
    assert.equal(retry.headers.get('idempotent-replayed'), null, 'the faulted attempt was not saved for replay');
    assert.equal(emu.secrets('test').length, 1);
  });

  it('uses an injected code and message', async () => {
    emu.injectFault({ kind: 'status', status: 400, code: 'lock_timeout', message: 'busy' });
    const res = await call(emu, 'GET', SECRETS, { params: ACCOUNT });
    assert.deepEqual([res.status, res.json.error.code, res.json.error.message], [400, 'lock_timeout', 'busy']);
  });

  it('resets the connection without a response', async () => {
    emu.injectFault({ kind: 'reset' });
    await assert.rejects(setSecret(emu, 'k', 'v'));
    assert.equal(emu.secrets('test').length, 0);
    assert.equal((await call(emu, 'GET', SECRETS, { params: ACCOUNT })).status, 200);
  });

  it('answers 200 with a body that is not JSON', async () => {
    emu.injectFault({ kind: 'malformed' });
    const res = await call(emu, 'GET', SECRETS, { params: ACCOUNT });
    assert.equal(res.status, 200);
    assert.throws(() => JSON.parse(res.text));
  });

  it('hangs until the client gives up', async () => {
    emu.injectFault({ kind: 'hang' });
    const controller = new AbortController();
    const pending = call(emu, 'GET', SECRETS, { params: ACCOUNT, signal: controller.signal });
    // Give up once the emulator has seen the request, however long that takes.
    while (!emu.requests().some((r) => r.status === 0)) await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    await assert.rejects(pending, { name: 'AbortError' });
    assert.equal((await call(emu, 'GET', SECRETS, { params: ACCOUNT })).status, 200);
  });

  it('queues faults in order and clearFaults drops them', async () => {
    emu.injectFault({ kind: 'status', status: 500 });
    emu.injectFault({ kind: 'malformed' });
    assert.equal((await call(emu, 'GET', SECRETS, { params: ACCOUNT })).status, 500);
    assert.equal((await call(emu, 'GET', SECRETS, { params: ACCOUNT })).json, undefined);
    emu.injectFault({ kind: 'status', status: 500, count: 5 });
    emu.clearFaults();
    assert.equal((await call(emu, 'GET', SECRETS, { params: ACCOUNT })).status, 200);
  });

  it('closes while a request hangs', async () => {
    const other = await startEmulator();
    other.injectFault({ kind: 'hang' });
    const pending = call(other, 'GET', SECRETS, { params: ACCOUNT });
    while (other.requests().length === 0) await new Promise((resolve) => setImmediate(resolve));
    await other.close();
    await assert.rejects(pending);
  });
});

describe('emulator rate limit', () => {
  it('refills a token bucket from the injected clock', () => {
    const clock = manualClock();
    const bucket = new TokenBucket(2, 3, clock.now);
    assert.deepEqual([bucket.tryTake(), bucket.tryTake(), bucket.tryTake(), bucket.tryTake()], [true, true, true, false]);
    clock.advance(499);
    assert.equal(bucket.tryTake(), false);
    clock.advance(1);
    assert.equal(bucket.tryTake(), true);
    clock.advance(10_000);
    assert.deepEqual(
      [bucket.tryTake(), bucket.tryTake(), bucket.tryTake(), bucket.tryTake()],
      [true, true, true, false],
      'capped at burst',
    );
    assert.throws(() => new TokenBucket(0, 1, clock.now), RangeError);
  });

  it('answers 429 rate_limit with no Retry-After, per mode and account', async () => {
    const clock = manualClock();
    const emu = await startEmulator({ now: clock.now, rateLimit: { ratePerSecond: 1, burst: 2 } });
    try {
      assert.equal((await call(emu, 'GET', SECRETS, { params: ACCOUNT })).status, 200);
      assert.equal((await call(emu, 'GET', SECRETS, { params: ACCOUNT })).status, 200);
      const limited = await call(emu, 'GET', SECRETS, { params: ACCOUNT });
      assert.equal(limited.status, 429);
      assert.deepEqual([limited.json.error.type, limited.json.error.code], ['invalid_request_error', 'rate_limit']);
      assert.equal(limited.headers.get('retry-after'), null);
      assert.match(limited.headers.get('request-id') ?? '', /^req_/);
      assert.equal((await call(emu, 'GET', SECRETS, { params: ACCOUNT, key: LIVE_KEY })).status, 200, 'live mode has its own bucket');
      assert.equal((await call(emu, 'GET', SECRETS, { params: ACCOUNT, headers: { 'Stripe-Account': 'acct_1X' } })).status, 200);
      clock.advance(1000);
      assert.equal((await call(emu, 'GET', SECRETS, { params: ACCOUNT })).status, 200);
      emu.setRateLimit(undefined);
      for (let i = 0; i < 5; i++) assert.equal((await call(emu, 'GET', SECRETS, { params: ACCOUNT })).status, 200);
      emu.setRateLimit({ ratePerSecond: 1, burst: 1 });
      assert.equal((await call(emu, 'GET', SECRETS, { params: ACCOUNT })).status, 200);
      assert.equal((await call(emu, 'GET', SECRETS, { params: ACCOUNT })).status, 429);
    } finally {
      await emu.close();
    }
  });

  it('refuses a rate limit that could never refill', async () => {
    await assert.rejects(startEmulator({ rateLimit: { ratePerSecond: 0, burst: 5 } }), RangeError);
    const emu = await startEmulator();
    try {
      assert.throws(() => emu.setRateLimit({ ratePerSecond: 1, burst: 0 }), RangeError);
    } finally {
      await emu.close();
    }
  });

  it('does not write on a rate-limited POST', async () => {
    const clock = manualClock();
    const emu = await startEmulator({ now: clock.now, rateLimit: { ratePerSecond: 1, burst: 1 } });
    try {
      await call(emu, 'GET', SECRETS, { params: ACCOUNT });
      assert.equal((await setSecret(emu, 'k', 'v')).status, 429);
      assert.equal(emu.secrets('test').length, 0);
    } finally {
      await emu.close();
    }
  });
});

describe('emulator latency', () => {
  it('delays every response by the latency set, errors included, and by nothing once it is 0', async () => {
    const latency = 150;
    const emu = await startEmulator({ latencyMs: latency });
    const timed = async (run: () => Promise<unknown>) => {
      const start = performance.now();
      await run();
      return performance.now() - start;
    };
    try {
      // A timer may fire a millisecond early; the lower bound is what proves the latency is applied.
      assert.ok((await timed(() => setSecret(emu, 'k', 'v'))) >= latency - 2, 'a write waits');
      assert.ok((await timed(() => call(emu, 'GET', SECRETS, { params: 'scope[type]=nope' }))) >= latency - 2, 'an error waits too');
      emu.setLatency(0);
      const fast = await timed(() => call(emu, 'GET', SECRETS, { params: ACCOUNT }));
      assert.ok(fast < latency, `without latency it answers at once (${fast.toFixed(0)} ms)`);
      assert.equal((await call(emu, 'GET', SECRETS, { params: ACCOUNT })).json.data.length, 1);
    } finally {
      await emu.close();
    }
  });
});

describe('emulator request record and secrecy', () => {
  it('records method, path, idempotency key, account and status, but never bodies or keys', async () => {
    const emu = await startEmulator();
    const payload = 'SUPERSECRETPAYLOADVALUE';
    const badKey = 'sk_test_not-allowed-KeyButSecret-9999';
    try {
      await setSecret(emu, 'k', payload, ACCOUNT, { headers: { 'Idempotency-Key': 'idem-r', 'Stripe-Account': 'acct_1Rec' } });
      await call(emu, 'GET', SECRETS, { params: `${ACCOUNT}&expand[]=data.payload`, headers: { 'Stripe-Account': 'acct_1Rec' } });
      await call(emu, 'GET', SECRETS, { params: ACCOUNT, key: badKey });
      await call(emu, 'GET', SECRETS, { params: ACCOUNT, headers: { 'Stripe-Account': badKey } });
      emu.injectFault({ kind: 'reset' });
      await assert.rejects(call(emu, 'GET', SECRETS, { params: ACCOUNT }));
      const records = emu.requests();
      assert.deepEqual(records.slice(0, 3), [
        { method: 'POST', path: SECRETS, idempotencyKey: 'idem-r', stripeAccount: 'acct_1Rec', status: 200 },
        { method: 'GET', path: SECRETS, stripeAccount: 'acct_1Rec', status: 200 },
        { method: 'GET', path: SECRETS, status: 401 },
      ]);
      assert.equal(records[3].status, 403);
      assert.equal(records[4].status, 0);
      const dump = JSON.stringify(records);
      for (const secret of [payload, EMULATOR_TEST_KEY, badKey, 'KeyButSecret']) assert.equal(dump.includes(secret), false, secret);
    } finally {
      await emu.close();
    }
  });

  it('never puts an API key in any response', async () => {
    const emu = await startEmulator({ apiKeys: ['sk_test_listedKey000000000000000000000'] });
    const keys = [
      EMULATOR_TEST_KEY,
      'sk_test_listedKey000000000000000000000',
      'sk_test_unlistedKeyValue0000000000001',
      'pk_live_publishableKeyValue000000001',
      'sk_live_bad-key-value-0000000000001',
    ];
    try {
      const texts: string[] = [];
      for (const key of keys) {
        texts.push((await call(emu, 'GET', SECRETS, { params: ACCOUNT, key })).text);
        texts.push((await call(emu, 'GET', SECRETS, { params: ACCOUNT, key, headers: { 'Stripe-Account': 'bad' } })).text);
        texts.push((await call(emu, 'GET', '/v1/unknown', { key })).text);
        texts.push((await setSecret(emu, 'k', 'v', `${ACCOUNT}&bogus=1`, { key })).text);
      }
      for (const text of texts) {
        for (const key of keys) assert.equal(text.includes(key.slice(8, -4)), false, `${key} leaked in ${text}`);
      }
    } finally {
      await emu.close();
    }
  });
});
