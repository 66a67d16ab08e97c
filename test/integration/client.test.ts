/** The real SDK client against the emulator over loopback: every operation, paging, retries and failures. */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator } from '../../src/emulator/index';
import type { EmulatorHandle, EmulatorOptions } from '../../src/emulator/types';
import { SecretStoreClient, type SecretStoreClientOptions } from '../../src/stripe/client';
import { isSecretStoreError, type SecretStoreError } from '../../src/stripe/errors';
import type { RequestLogEvent } from '../../src/stripe/types';
import type { SecretScope } from '../../src/model/types';

const account: SecretScope = { type: 'account' };
const alice: SecretScope = { type: 'user', user: 'usr_alice' };
const NOW = Date.UTC(2026, 0, 1);

async function setup(t: TestContext, emulator: EmulatorOptions = {}, options: SecretStoreClientOptions = {}, stripeAccount?: string) {
  const emu: EmulatorHandle = await startEmulator({ now: () => NOW, ...emulator });
  t.after(() => emu.close());
  const events: RequestLogEvent[] = [];
  const client = new SecretStoreClient(
    { apiKey: emu.testKey, apiBase: emu.url, ...(stripeAccount ? { stripeAccount } : {}) },
    { rateLimitBaseDelayMs: 2, now: () => NOW, onRequest: (e) => events.push(e), ...options },
  );
  return { emu, client, events };
}

/** Expects a SecretStoreError of `kind` whose message carries no key and no value. */
async function expectKind(promise: Promise<unknown>, kind: string, mustNotContain: string[]): Promise<SecretStoreError> {
  try {
    await promise;
  } catch (e) {
    assert.ok(isSecretStoreError(e), `expected a SecretStoreError, got ${String(e)}`);
    assert.equal(e.kind, kind, e.message);
    for (const s of mustNotContain) {
      assert.ok(!e.message.includes(s), 'message leaks a secret');
      assert.ok(!(e.stripeMessage ?? '').includes(s), 'stripeMessage leaks a secret');
    }
    return e;
  }
  assert.fail(`expected ${kind}`);
}

test('every operation: set, list, find, reveal, replace, delete, verify', async (t) => {
  const { emu, client, events } = await setup(t);
  await client.verify();
  const expiresAt = NOW / 1000 + 3600;
  const created = await client.set({ name: 'api_token', scope: account, payload: 'value-1', expiresAt });
  assert.equal(created.name, 'api_token');
  assert.deepEqual(created.scope, account);
  assert.equal(created.expiresAt, expiresAt);
  assert.equal(created.livemode, false);
  assert.ok(!('payload' in created), 'set returns no value');
  await client.set({ name: 'user_token', scope: alice, payload: 'value-2' });

  assert.deepEqual(
    (await client.list(account)).map((s) => s.name),
    ['api_token'],
  );
  const aliceList = await client.list(alice);
  assert.deepEqual(
    aliceList.map((s) => [s.name, s.scope, s.expiresAt]),
    [['user_token', alice, null]],
  );
  assert.ok(!('payload' in aliceList[0]));

  const found = await client.find('api_token', account);
  assert.equal(found.id, created.id);
  assert.ok(!('payload' in found));
  assert.equal((await client.reveal('api_token', account)).payload, 'value-1');

  await client.set({ name: 'api_token', scope: account, payload: 'value-3' });
  assert.equal((await client.reveal('api_token', account)).payload, 'value-3');
  assert.equal((await client.list(account)).length, 1, 'a set with an existing name replaces');

  await client.delete('api_token', account);
  assert.deepEqual(await client.list(account), []);
  assert.equal(emu.secrets('test').length, 1);

  for (const e of events) {
    const text = JSON.stringify(e);
    assert.ok(!text.includes(emu.testKey) && !/value-\d/.test(text), `log event leaks: ${text}`);
  }
  assert.ok(events.some((e) => e.method === 'GET' && e.path.startsWith('/v1/apps/secrets/find?') && e.path.includes('name=api_token')));
  assert.ok(events.every((e) => typeof e.requestId === 'string' && e.requestId.startsWith('req_')));
});

test("Stripe-Account selects that account's store", async (t) => {
  const { emu, client } = await setup(t, {}, {}, 'acct_1Other');
  await client.set({ name: 'n', scope: account, payload: 'v' });
  assert.equal(emu.secrets('test', 'acct_1Other').length, 1);
  assert.equal(emu.secrets('test').length, 0);
  assert.ok(emu.requests().every((r) => r.stripeAccount === 'acct_1Other'));
});

test('list follows has_more across pages of many scopes', async (t) => {
  const { emu, client } = await setup(t, {}, { pageSize: 3 });
  const users = ['usr_a', 'usr_b'];
  for (const user of users) {
    for (let i = 0; i < 10; i++) await client.set({ name: `s${i}`, scope: { type: 'user', user }, payload: `v${i}` });
  }
  const before = emu.requests().length;
  for (const user of users) {
    const list = await client.list({ type: 'user', user });
    assert.equal(list.length, 10);
    assert.deepEqual(new Set(list.map((s) => s.name)), new Set(Array.from({ length: 10 }, (_, i) => `s${i}`)));
  }
  assert.equal(emu.requests().length - before, 8, 'ceil(10 / 3) = 4 pages per scope');
});

test('a burst of three 429s is ridden out', async (t) => {
  const { emu, client, events } = await setup(t);
  emu.injectFault({ kind: 'status', status: 429, count: 3 });
  assert.deepEqual(await client.list(account), []);
  assert.deepEqual(
    events.map((e) => [e.status, e.retry]),
    [
      [429, 0],
      [429, 1],
      [429, 2],
      [200, 3],
    ],
  );
});

test('a 429 that never ends gives rate_limited after the bound, with one Idempotency-Key', async (t) => {
  const { emu, client } = await setup(t, { rateLimit: { ratePerSecond: 1, burst: 1 } }, { maxRateLimitRetries: 3 });
  await client.verify();
  const error = await expectKind(client.set({ name: 'n', scope: account, payload: 'never-stored' }), 'rate_limited', [
    emu.testKey,
    'never-stored',
  ]);
  assert.match(error.message, /\(Request-Id req_\w+\)$/);
  const posts = emu.requests().filter((r) => r.method === 'POST');
  assert.equal(posts.length, 4, '1 try + 3 retries');
  assert.ok(posts.every((r) => r.status === 429));
  assert.equal(new Set(posts.map((r) => r.idempotencyKey)).size, 1);
  assert.equal(emu.secrets('test').length, 0);
});

test('a 500 on set is retried by the client with the same Idempotency-Key and stores one secret', async (t) => {
  const { emu, client } = await setup(t);
  emu.injectFault({ kind: 'status', status: 500 });
  await client.set({ name: 'n', scope: account, payload: 'v' });
  const posts = emu.requests().filter((r) => r.method === 'POST');
  assert.deepEqual(
    posts.map((r) => r.status),
    [500, 200],
  );
  assert.ok(posts[0].idempotencyKey);
  assert.equal(posts[0].idempotencyKey, posts[1].idempotencyKey);
  assert.equal(emu.secrets('test').length, 1);
});

test('5xx beyond maxNetworkRetries gives unavailable', async (t) => {
  const { emu, client } = await setup(t, {}, { maxNetworkRetries: 0 });
  emu.injectFault({ kind: 'status', status: 503 });
  await expectKind(client.list(account), 'unavailable', [emu.testKey]);
});

test('a reset connection gives network', async (t) => {
  const { emu, client } = await setup(t, {}, { maxNetworkRetries: 0 });
  emu.injectFault({ kind: 'reset', count: 5 });
  const error = await expectKind(client.find('n', account), 'network', [emu.testKey]);
  assert.match(error.message, /Could not reach/);
});

test('an unreachable API base gives network, not timeout', async (t) => {
  const { emu } = await setup(t);
  const url = emu.url;
  await emu.close();
  const client = new SecretStoreClient({ apiKey: emu.testKey, apiBase: url }, { maxNetworkRetries: 0 });
  const error = await expectKind(client.verify(), 'network', [emu.testKey]);
  assert.match(error.message, /ECONNREFUSED/);
});

test('a hanging server gives timeout', async (t) => {
  const { emu, client, events } = await setup(t, {}, { timeoutMs: 150, maxNetworkRetries: 0 });
  emu.injectFault({ kind: 'hang' });
  await expectKind(client.list(account), 'timeout', [emu.testKey]);
  assert.deepEqual(
    events.map((e) => e.status),
    [0],
  );
});

test('a malformed body gives unavailable', async (t) => {
  const { emu, client } = await setup(t);
  emu.injectFault({ kind: 'malformed' });
  await expectKind(client.find('n', account), 'unavailable', [emu.testKey]);
});

test('an unknown key gives invalid_key without echoing it', async (t) => {
  const { emu } = await setup(t, { apiKeys: ['sk_test_onlyThisKeyWorks0000000000'] });
  const wrongKey = 'sk_test_51WrongKeyAbCdEfGhIjKl9876';
  const client = new SecretStoreClient({ apiKey: wrongKey, apiBase: emu.url });
  const error = await expectKind(client.verify(), 'invalid_key', [wrongKey]);
  assert.equal(error.status, 401);
  assert.match(error.message, /\(Request-Id req_\w+\)$/);
});

test('a missing secret gives not_found on find, reveal and delete', async (t) => {
  const { emu, client } = await setup(t);
  for (const call of [client.find('ghost', alice), client.reveal('ghost', alice), client.delete('ghost', alice)]) {
    const error = await expectKind(call, 'not_found', [emu.testKey]);
    assert.match(error.message, /No secret named "ghost" in the scope of user usr_alice/);
  }
});

test('the 11th secret in a scope gives scope_full and writes nothing', async (t) => {
  const { emu, client } = await setup(t);
  for (let i = 0; i < 10; i++) await client.set({ name: `s${i}`, scope: alice, payload: `v${i}` });
  await expectKind(client.set({ name: 's10', scope: alice, payload: 'eleventh-value' }), 'scope_full', [emu.testKey, 'eleventh-value']);
  assert.equal(emu.secrets('test').length, 10);
  await client.set({ name: 's3', scope: alice, payload: 'replaced' });
  assert.equal((await client.reveal('s3', alice)).payload, 'replaced', 'replacing at the limit still works');
});

test('20 parallel lists never have more than maxConcurrentRequests in flight', async (t) => {
  let inFlight = 0;
  let peak = 0;
  const countingFetch = async (url: string, init: RequestInit) => {
    inFlight++;
    peak = Math.max(peak, inFlight);
    try {
      const res = await fetch(url, init);
      // The body is read by the SDK later, but the server has answered: the request is done.
      return res;
    } finally {
      inFlight--;
    }
  };
  const { client, emu } = await setup(t, { latencyMs: 20 }, { maxConcurrentRequests: 3, fetch: countingFetch });
  const scopes: SecretScope[] = Array.from({ length: 20 }, (_, i) => ({ type: 'user', user: `usr_${i}` }));
  const lists = await Promise.all(scopes.map((s) => client.list(s)));
  assert.equal(lists.length, 20);
  assert.equal(emu.requests().length, 20);
  assert.equal(peak, 3);
});

test('names a backend created with outer spaces or control characters can be revealed, set and deleted', async (t) => {
  const { emu, client } = await setup(t);
  const Stripe = (await import('stripe')).default;
  const backend = new Stripe(emu.testKey, { host: '127.0.0.1', port: emu.port, protocol: 'http', telemetry: false });
  const names = [' leading', 'trailing ', '\ttabbed', 'line\nbreak', 'bell\u0007', 'del\u007f'];
  for (const [i, name] of names.entries()) await backend.apps.secrets.create({ name, payload: `v${i}`, scope: { type: 'account' } });
  const listed = await client.list(account);
  assert.deepEqual(new Set(listed.map((s) => s.name)), new Set(names));
  for (const [i, name] of names.entries()) {
    assert.equal((await client.reveal(name, account)).payload, `v${i}`);
    await client.set({ name, scope: account, payload: `w${i}` });
    assert.equal((await client.reveal(name, account)).payload, `w${i}`);
    await client.delete(name, account);
  }
  assert.equal(emu.secrets('test').length, 0);
});

test('behind a rate limit the adaptive client halves, paces, and lists every scope once without a failure', async (t) => {
  const { emu, client, events } = await setup(
    t,
    { now: Date.now, latencyMs: 30, rateLimit: { ratePerSecond: 40, burst: 2 } },
    { maxConcurrentRequests: 16, rateLimitBaseDelayMs: 50 },
  );
  const scopes: SecretScope[] = Array.from({ length: 60 }, (_, i) => ({ type: 'user', user: `usr_${i}` }));
  let smallest = Infinity;
  const watch = setInterval(() => (smallest = Math.min(smallest, client.limiterState().window)), 2);
  const results = await Promise.allSettled(scopes.map((s) => client.list(s)));
  clearInterval(watch);
  assert.deepEqual(
    results.filter((r) => r.status === 'rejected'),
    [],
  );
  const ok = events.filter((e) => e.status === 200).map((e) => e.path);
  assert.equal(ok.length, 60);
  assert.equal(new Set(ok).size, 60, 'one successful list per scope');
  assert.ok(
    events.some((e) => e.status === 429),
    'the limit was met',
  );
  assert.ok(smallest <= 8, `the window halved from the ceiling (smallest ${smallest})`);
  assert.equal(emu.requests().filter((r) => r.status === 200).length, 60);
});

test('a cancelled reveal stops waiting for a slow server at once', async (t) => {
  const { client } = await setup(t, { latencyMs: 2000 });
  await client.set({ name: 'slow', scope: account, payload: 'v' });
  const controller = new AbortController();
  const started = Date.now();
  setTimeout(() => controller.abort(), 50);
  await assert.rejects(client.reveal('slow', account, { signal: controller.signal }), { name: 'Canceled' });
  assert.ok(Date.now() - started < 1500);
});

test("a burst's refill counts from when its first request left the machine: the 6th goes before any answer", async (t) => {
  // Latency far above the pace's interval (40 ms), and below the 400 ms after which a held burst
  // refills from its send anyway: had the 6th waited for an answer, one would have come first.
  const { emu, client } = await setup(t, { latencyMs: 300 }, { expectedRatePerSecond: 25 });
  let answered = false;
  const lists = Array.from({ length: 6 }, () => client.list(account).finally(() => (answered = true)));
  const sixth = new Promise<void>((resolve) => {
    const poll = setInterval(() => {
      if (emu.requests().length >= 6) {
        clearInterval(poll);
        resolve();
      }
    }, 5);
    t.after(() => clearInterval(poll));
  });
  await Promise.race([sixth, Promise.all(lists)]);
  assert.equal(emu.requests().length, 6);
  assert.equal(answered, false, 'the 6th reached the emulator before any answer');
  await Promise.all(lists);
});
