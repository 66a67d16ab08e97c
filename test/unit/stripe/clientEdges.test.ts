import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SecretStoreClient } from '../../../src/stripe/client';
import { isSecretStoreError } from '../../../src/stripe/errors';
import { OperationCancelledError } from '../../../src/stripe/cancel';
import type { SecretScope } from '../../../src/model/types';
import { KEY, client, fakeFetch, rejectsWithKind, type Reply } from './fakeStripe';

const account: SecretScope = { type: 'account' };
const user: SecretScope = { type: 'user', user: 'usr_1' };

function secret(id: string, name: string) {
  return { id, object: 'apps.secret', name, scope: { type: 'account' }, created: 1_700_000_000, expires_at: null, livemode: false };
}

const EMPTY_LIST: Reply = { status: 200, body: { object: 'list', has_more: false, data: [], url: '/v1/apps/secrets' } };
const RATE_LIMITED: Reply = { status: 429, body: { error: { type: 'invalid_request_error', code: 'rate_limit' } } };
const NOT_FOUND: Reply = { status: 404, body: { error: { type: 'invalid_request_error', code: 'resource_missing' } } };

test('without an injected fetch the client talks HTTP through node-fetch, again and again', async () => {
  const paths: string[] = [];
  const server = http.createServer((req, res) => {
    paths.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'application/json', 'request-id': 'req_local' });
    res.end(JSON.stringify({ object: 'list', has_more: false, data: [secret('s1', 'tok')] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const c = new SecretStoreClient({ apiKey: KEY, apiBase: `http://127.0.0.1:${port}` }, { random: () => 0, maxNetworkRetries: 0 });
    assert.deepEqual(
      (await c.list(account)).map((s) => s.name),
      ['tok'],
    );
    assert.deepEqual(await c.verify(), { livemode: false });
    assert.deepEqual(paths, ['/v1/apps/secrets?scope[type]=account&limit=100', '/v1/apps/secrets?scope[type]=account&limit=1']);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

test("the User-Agent names the extension's home page", async () => {
  const { fetch, sent } = fakeFetch(() => EMPTY_LIST);
  await client(fetch).verify();
  assert.match(sent[0].headers.get('user-agent') ?? '', /\(https:\/\/github\.com\/stripe-app-secrets\/stripe-app-secrets\)/);
});

test('no request carries client telemetry, not even the ones after a first answer', async () => {
  const { fetch, sent } = fakeFetch(() => EMPTY_LIST);
  const c = client(fetch);
  await c.verify();
  await c.list(account);
  await c.verify();
  assert.equal(sent.length, 3);
  assert.deepEqual(
    sent.map((r) => r.headers.get('x-stripe-client-telemetry')),
    [null, null, null],
  );
});

test('every operation on the account scope sends scope[type]=account', async () => {
  const { fetch, sent } = fakeFetch((req) =>
    req.url.pathname === '/v1/apps/secrets' && req.method === 'GET'
      ? EMPTY_LIST
      : { status: 200, body: { ...secret('s1', 'tok'), payload: 'v' } },
  );
  const c = client(fetch);
  await c.list(account);
  await c.find('tok', account);
  await c.reveal('tok', account);
  await c.set({ name: 'tok', scope: account, payload: 'v' });
  await c.delete('tok', account);
  assert.deepEqual(
    sent.map((r) => (r.method === 'GET' ? r.url.searchParams : new URLSearchParams(r.body)).get('scope[type]')),
    ['account', 'account', 'account', 'account', 'account'],
  );
});

test('a bad expectedRatePerSecond is refused as a validation error', () => {
  for (const expectedRatePerSecond of [0, -1, Infinity, NaN]) {
    assert.throws(
      () => client(undefined, { expectedRatePerSecond }),
      (e: unknown) => isSecretStoreError(e) && e.kind === 'validation',
      String(expectedRatePerSecond),
    );
  }
});

test('list and verify are reads: they carry no Idempotency-Key', async () => {
  const { fetch, sent } = fakeFetch(() => EMPTY_LIST);
  const c = client(fetch);
  await c.list(account);
  await c.verify();
  assert.deepEqual(
    sent.map((r) => [r.method, r.headers.get('idempotency-key')]),
    [
      ['GET', null],
      ['GET', null],
    ],
  );
});

test('a secret Stripe does not hold is reported by name and scope, from find, reveal and delete; a missing user scope by scope', async () => {
  const { fetch } = fakeFetch(() => NOT_FOUND);
  const c = client(fetch);
  const tail = '; it may have been deleted or expired, so refresh the list.';
  const cases: Array<[Promise<unknown>, string]> = [
    [c.find('tok', account), `No secret named "tok" in the account scope${tail}`],
    [c.reveal('tok', user), `No secret named "tok" in the scope of user usr_1${tail}`],
    [c.delete('tok', account), `No secret named "tok" in the account scope${tail}`],
    [c.list(user), `The secret was not found in the scope of user usr_1${tail}`],
  ];
  for (const [call, message] of cases) {
    const error = await rejectsWithKind(call, 'not_found');
    assert.equal(error.message.replace(/ \(Request-Id req_\d+\)$/, ''), message);
  }
});

test('a refused connection is retried like a reset one', async () => {
  const { fetch, sent } = fakeFetch((_req, n) => {
    if (n === 0) throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    return { status: 200, body: secret('s1', 'tok') };
  });
  assert.equal((await client(fetch, { maxNetworkRetries: 1 }).find('tok', account)).id, 's1');
  assert.equal(sent.length, 2);

  const refused = fakeFetch(() => {
    throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
  });
  await rejectsWithKind(client(refused.fetch, { maxNetworkRetries: 0 }).find('tok', account), 'network');
  assert.equal(refused.sent.length, 1);
});

/**
 * The adaptive window after one 429 (which halves it, 4 to 2) and then one answer: a success or a
 * 4xx grows it back by one, a 5xx or a connection failure leaves it, a 429 halves it again.
 */
async function windowAfter(second: Reply | Error): Promise<number> {
  const { fetch } = fakeFetch((_req, n) => {
    if (n === 0) return RATE_LIMITED;
    if (second instanceof Error) throw second;
    return second;
  });
  const c = client(fetch, { maxConcurrentRequests: 4, expectedRatePerSecond: null, maxRateLimitRetries: 0, maxNetworkRetries: 0 });
  await rejectsWithKind(c.find('tok', account), 'rate_limited');
  assert.equal(c.limiterState().window, 2);
  await c.find('tok', account).catch(() => undefined);
  return c.limiterState().window;
}

test('the adaptive window grows after a success and after a refusal that says nothing about load', async () => {
  assert.equal(await windowAfter({ status: 200, body: secret('s1', 'tok') }), 3, '200');
  assert.equal(await windowAfter(NOT_FOUND), 3, '404');
  assert.equal(await windowAfter({ status: 400, body: { error: { type: 'invalid_request_error', message: 'Bad' } } }), 3, '400');
});

test('the adaptive window holds after a 5xx or a connection failure, and halves after another 429', async () => {
  assert.equal(await windowAfter({ status: 500, body: { error: { type: 'api_error' } } }), 2, '500');
  assert.equal(await windowAfter({ status: 503, body: { error: { type: 'api_error' } } }), 2, '503');
  assert.equal(await windowAfter(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })), 2, 'refused');
  assert.equal(await windowAfter(RATE_LIMITED), 1, '429');
});

test("when the SDK's own per-request timeout ends an attempt, the operation fails at once as a timeout of the whole request", async () => {
  // The retry after a 429 is sent when the clock says only ~40 ms of the 60 s deadline are left, so
  // the SDK's timeout (the time left) fires long before the client's own deadline timer.
  const realNow = Date.now;
  let skew = 0;
  Date.now = () => realNow() + skew;
  try {
    let sends = 0;
    const fetch = (_url: string, init: { signal: AbortSignal }) => {
      sends++;
      if (sends === 1) {
        skew = 60_000 - 40;
        return Promise.resolve(
          new Response(JSON.stringify(RATE_LIMITED.body), { status: 429, headers: { 'content-type': 'application/json' } }),
        );
      }
      // Hangs until aborted, then rejects with an error that says nothing of a timeout.
      return new Promise((_resolve, reject) => {
        init.signal.addEventListener('abort', () => reject(Object.assign(new Error('gone'), { name: 'e' })));
      });
    };
    const c = client(fetch, { timeoutMs: 60_000, adaptive: false, maxRateLimitRetries: 3, maxNetworkRetries: 0, rateLimitBaseDelayMs: 1 });
    const started = realNow();
    const error = await rejectsWithKind(c.find('tok', account), 'timeout');
    assert.equal(
      error.message,
      'Stripe did not finish the request within 60 s, retries included; check your connection and try again, or raise the stripeSecrets.requestTimeoutSeconds setting.',
    );
    assert.equal(sends, 2);
    assert.ok(realNow() - started < 5000);
  } finally {
    Date.now = realNow;
  }
});

test('first attempts queue in arrival order behind a busy slot', async () => {
  const order: string[] = [];
  let release = () => undefined as void;
  const gate = new Promise<void>((r) => (release = r));
  const { fetch } = fakeFetch(async (req) => {
    const name = req.url.searchParams.get('name') ?? '';
    order.push(name);
    if (name === 'a') await gate;
    return { status: 200, body: secret('s', name) };
  });
  const c = client(fetch, { maxConcurrentRequests: 1, adaptive: false });
  const calls = [c.find('a', account)];
  await new Promise((r) => setImmediate(r));
  for (const name of ['b', 'c', 'd']) calls.push(c.find(name, account));
  await new Promise((r) => setImmediate(r));
  release();
  await Promise.all(calls);
  assert.deepEqual(order, ['a', 'b', 'c', 'd']);
});

test('every operation on a user scope sends scope[type]=user with the user', async () => {
  const { fetch, sent } = fakeFetch((req) =>
    req.url.pathname === '/v1/apps/secrets' && req.method === 'GET'
      ? EMPTY_LIST
      : { status: 200, body: { ...secret('s1', 'tok'), payload: 'v' } },
  );
  const c = client(fetch);
  await c.list(user);
  await c.find('tok', user);
  await c.reveal('tok', user);
  await c.set({ name: 'tok', scope: user, payload: 'v' });
  await c.delete('tok', user);
  assert.deepEqual(
    sent.map((r) => {
      const params = r.method === 'GET' ? r.url.searchParams : new URLSearchParams(r.body);
      return [params.get('scope[type]'), params.get('scope[user]')];
    }),
    Array.from({ length: 5 }, () => ['user', 'usr_1']),
  );
});

test('a retry after a 409 sleeps its backoff outside the slot, then goes ahead of the requests that queued meanwhile', async () => {
  const order: string[] = [];
  let gateB = () => undefined as void;
  const bHeld = new Promise<void>((r) => (gateB = r));
  const { fetch } = fakeFetch(async (req, n) => {
    const name = req.url.searchParams.get('name') ?? '';
    order.push(name);
    if (name === 'b') await bHeld;
    return n === 0
      ? { status: 409, body: { error: { type: 'invalid_request_error', code: 'lock_timeout' } } }
      : { status: 200, body: secret('s', 'x') };
  });
  const slept: number[] = [];
  let wake = () => undefined as void;
  const sleep = (ms: number) => {
    slept.push(ms);
    return new Promise<void>((r) => (wake = r));
  };
  const c = client(fetch, { maxConcurrentRequests: 1, adaptive: false, maxNetworkRetries: 1, sleep });
  const a = c.find('a', account);
  const b = c.find('b', account);
  const third = c.find('c', account);
  while (order.length < 2) await new Promise(setImmediate);
  // a sleeps its backoff (random 0: half of 500 ms) while b holds the one slot and c waits.
  assert.deepEqual(slept, [250]);
  wake();
  await new Promise(setImmediate);
  gateB();
  await Promise.all([a, b, third]);
  assert.deepEqual(order, ['a', 'b', 'a', 'c']);
});

test('a backoff the operation is cancelled in ends the call as cancelled, with nothing sent again', async () => {
  const { fetch, sent } = fakeFetch(() => ({ status: 500, body: { error: { type: 'api_error' } } }));
  const controller = new AbortController();
  const sleep = (_ms: number, signal: AbortSignal) =>
    new Promise<void>((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason), { once: true }));
  const listed = client(fetch, { maxNetworkRetries: 2, sleep }).list(account, controller.signal);
  while (sent.length < 1) await new Promise(setImmediate);
  controller.abort();
  await assert.rejects(listed, OperationCancelledError);
  assert.equal(sent.length, 1);
});
