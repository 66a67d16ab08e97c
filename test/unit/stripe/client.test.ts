import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_APP_VERSION, SecretStoreClient, STRIPE_API_VERSION, type SecretStoreClientOptions } from '../../../src/stripe/client';
import { isSecretStoreError } from '../../../src/stripe/errors';
import type { RequestLogEvent } from '../../../src/stripe/types';
import type { ConnectionTarget, SecretScope } from '../../../src/model/types';
import { KEY, client, fakeFetch, rejectsWithKind } from './fakeStripe';

const account: SecretScope = { type: 'account' };

function secret(id: string, name: string, scope: Record<string, string> = { type: 'account' }) {
  return { id, object: 'apps.secret', name, scope, created: 1_700_000_000, expires_at: null, livemode: false };
}

test('every invalid input is refused before any request', async () => {
  const { fetch, sent } = fakeFetch(() => ({ status: 200, body: {} }));
  const c = client(fetch);
  const badUser = { type: 'user', user: 'has space' } as SecretScope;
  const bogusScope = { type: 'global' } as unknown as SecretScope;
  const future = Math.floor(Date.now() / 1000) + 3600;
  const calls: Array<Promise<unknown>> = [
    c.list(badUser),
    c.list(bogusScope),
    c.find('', account),
    c.reveal('x'.repeat(5001), account),
    c.find('ok', { type: 'user', user: '' }),
    c.set({ name: 'n', scope: account, payload: '' }),
    c.set({ name: 'n', scope: account, payload: 'x'.repeat(5001) }),
    c.set({ name: 'n', scope: account, payload: 'v', expiresAt: 1000 }),
    c.set({ name: 'n', scope: account, payload: 'v', expiresAt: future + 101 * 365 * 86400 }),
    c.set({ name: 'n', scope: account, payload: 'v', expiresAt: future + 0.5 }),
    c.set({ name: '', scope: account, payload: 'v' }),
    c.delete('', account),
    c.delete('n', badUser),
  ];
  for (const call of calls) await rejectsWithKind(call, 'validation');
  assert.equal(sent.length, 0);
});

test('a bad connection target is refused when the client is built', () => {
  const cases: Array<Partial<ConnectionTarget>> = [
    { apiKey: 'pk_test_51HxYzAbCdEfGhIjKlMnOpQrStUv1234' },
    { apiKey: 'sk_test_short' },
    { stripeAccount: 'acct with space' },
    { apiBase: 'http://example.com' },
    { apiBase: 'https://api.stripe.com/v1' },
  ];
  for (const target of cases) {
    assert.throws(
      () => client(undefined, {}, target),
      (e: unknown) => isSecretStoreError(e) && e.kind === 'validation' && !e.message.includes('51HxYz'),
    );
  }
  assert.throws(
    () => client(undefined, { pageSize: 101 }),
    (e: unknown) => isSecretStoreError(e) && e.kind === 'validation',
  );
  assert.throws(
    () => client(undefined, { maxConcurrentRequests: 0 }),
    (e: unknown) => isSecretStoreError(e) && e.kind === 'validation',
  );
});

test('requests carry the pinned version, the account, appInfo, no telemetry, and go to the API base', async () => {
  const { fetch, sent } = fakeFetch(() => ({ status: 200, body: { object: 'list', has_more: false, data: [], url: '/v1/apps/secrets' } }));
  await client(fetch, { appVersion: '9.9.9' }, { stripeAccount: 'acct_123', apiBase: 'http://[::1]:4242' }).verify();
  assert.equal(sent.length, 1);
  const [req] = sent;
  assert.equal(req.url.origin, 'http://[::1]:4242');
  assert.equal(req.url.pathname, '/v1/apps/secrets');
  assert.equal(req.url.searchParams.get('scope[type]'), 'account');
  assert.equal(req.url.searchParams.get('limit'), '1');
  assert.equal(req.headers.get('stripe-version'), STRIPE_API_VERSION);
  assert.equal(req.headers.get('stripe-account'), 'acct_123');
  assert.equal(req.headers.get('authorization'), `Bearer ${KEY}`);
  assert.match(req.headers.get('user-agent') ?? '', /Stripe App Secrets \(VS Code\)\/9\.9\.9/);
  assert.equal(req.headers.get('x-stripe-client-telemetry'), null);
});

test('without an API base the client talks to https://api.stripe.com', async () => {
  const { fetch, sent } = fakeFetch(() => ({ status: 200, body: { object: 'list', has_more: false, data: [] } }));
  await new SecretStoreClient({ apiKey: KEY }, { fetch }).verify();
  assert.equal(sent[0].url.origin, 'https://api.stripe.com');
});

test('set sends payload and expiry in the body only, an empty expires_at for no expiry, and maps the result', async () => {
  const { fetch, sent } = fakeFetch((req) => ({
    status: 200,
    body: {
      ...secret('appsecret_1', 'tok', { type: 'user', user: 'usr_1' }),
      expires_at: /expires_at=\d/.test(req.body) ? 1_900_000_000 : null,
    },
  }));
  const events: RequestLogEvent[] = [];
  const c = client(fetch, { onRequest: (e) => events.push(e), now: () => 1_800_000_000_000 });
  const meta = await c.set({ name: 'tok', scope: { type: 'user', user: 'usr_1' }, payload: 'p@yl0ad value', expiresAt: 1_900_000_000 });
  assert.deepEqual(meta, {
    id: 'appsecret_1',
    name: 'tok',
    scope: { type: 'user', user: 'usr_1' },
    created: 1_700_000_000,
    expiresAt: 1_900_000_000,
    livemode: false,
  });
  await c.set({ name: 'tok', scope: account, payload: 'p2', expiresAt: null });
  const first = new URLSearchParams(sent[0].body);
  assert.equal(first.get('payload'), 'p@yl0ad value');
  assert.equal(first.get('expires_at'), '1900000000');
  assert.equal(first.get('scope[user]'), 'usr_1');
  assert.equal(new URLSearchParams(sent[1].body).get('expires_at'), '', '"Never" unsets an old expiry');
  assert.equal(sent[0].url.search, '');
  assert.notEqual(sent[0].headers.get('idempotency-key'), sent[1].headers.get('idempotency-key'), 'one key per logical call');
  for (const e of events) assert.ok(!JSON.stringify(e).includes('p@yl0ad') && !JSON.stringify(e).includes(KEY));
  assert.deepEqual(
    events.map((e) => [e.method, e.path, e.status, e.requestId, e.retry]),
    [
      ['POST', '/v1/apps/secrets', 200, 'req_1', 0],
      ['POST', '/v1/apps/secrets', 200, 'req_2', 0],
    ],
  );
});

test('list follows has_more with starting_after to the end', async () => {
  const pages = [
    { has_more: true, data: [secret('s5', 'e'), secret('s4', 'd')] },
    { has_more: true, data: [secret('s3', 'c'), secret('s2', 'b')] },
    { has_more: false, data: [secret('s1', 'a')] },
  ];
  const { fetch, sent } = fakeFetch((_req, n) => ({ status: 200, body: { object: 'list', url: '/v1/apps/secrets', ...pages[n] } }));
  const list = await client(fetch, { pageSize: 2 }).list(account);
  assert.deepEqual(
    list.map((s) => s.name),
    ['e', 'd', 'c', 'b', 'a'],
  );
  assert.deepEqual(
    sent.map((r) => [r.url.searchParams.get('limit'), r.url.searchParams.get('starting_after')]),
    [
      ['2', null],
      ['2', 's4'],
      ['2', 's2'],
    ],
  );
});

test('list stops when the server repeats a page instead of looping', async () => {
  const { fetch, sent } = fakeFetch(() => ({ status: 200, body: { object: 'list', has_more: true, data: [secret('s1', 'a')] } }));
  const list = await client(fetch).list(account);
  assert.equal(list.length, 2);
  assert.equal(sent.length, 2);
});

test('a 429 is retried at most maxRateLimitRetries times with one Idempotency-Key, then gives rate_limited', async () => {
  const { fetch, sent } = fakeFetch(() => ({
    status: 429,
    body: { error: { type: 'invalid_request_error', code: 'rate_limit', message: 'Too many requests' } },
  }));
  const events: RequestLogEvent[] = [];
  const error = await rejectsWithKind(
    client(fetch, { maxRateLimitRetries: 2, onRequest: (e) => events.push(e) }).delete('tok', account),
    'rate_limited',
  );
  assert.match(error.message, /\(Request-Id req_3\)$/);
  assert.equal(sent.length, 3);
  assert.equal(new Set(sent.map((r) => r.headers.get('idempotency-key'))).size, 1);
  assert.deepEqual(
    events.map((e) => e.retry),
    [0, 1, 2],
  );
});

test('a burst of 429s shorter than the bound is ridden out', async () => {
  const { fetch, sent } = fakeFetch((_req, n) =>
    n < 3
      ? { status: 429, body: { error: { type: 'invalid_request_error', code: 'rate_limit' } } }
      : { status: 200, body: secret('s1', 'tok') },
  );
  const meta = await client(fetch, { maxRateLimitRetries: 3 }).find('tok', account);
  assert.equal(meta.name, 'tok');
  assert.equal(sent.length, 4);
});

test('reveal returns the payload; a response without one is an error, not an empty value', async () => {
  const { fetch, sent } = fakeFetch((_req, n) => ({
    status: 200,
    body: n === 0 ? { ...secret('s1', 'tok'), payload: 'v1' } : secret('s1', 'tok'),
  }));
  const c = client(fetch);
  assert.equal((await c.reveal('tok', account)).payload, 'v1');
  assert.equal(sent[0].url.searchParams.get('expand[0]'), 'payload');
  await rejectsWithKind(c.reveal('tok', account), 'unknown');
});

test('a failing onRequest does not fail the request', async () => {
  const { fetch } = fakeFetch(() => ({ status: 200, body: secret('s1', 'tok') }));
  const meta = await client(fetch, {
    onRequest: () => {
      throw new Error('log broke');
    },
  }).find('tok', account);
  assert.equal(meta.id, 's1');
});

test('an aborted list stops before the next page', async () => {
  const controller = new AbortController();
  const { fetch, sent } = fakeFetch(() => {
    controller.abort();
    return { status: 200, body: { object: 'list', has_more: true, data: [secret('s1', 'a')] } };
  });
  await assert.rejects(client(fetch).list(account, controller.signal), { name: 'Canceled' });
  assert.equal(sent.length, 1);
});

test('DEFAULT_APP_VERSION matches package.json', () => {
  const pkg = JSON.parse(readFileSync(join(__dirname, '../../../../package.json'), 'utf8')) as { version: string };
  assert.equal(DEFAULT_APP_VERSION, pkg.version);
});

test('a timeout stays a timeout when the fetch rejects with an unrecognisable abort error', async () => {
  const hangingFetch = (_url: string, init: { signal: AbortSignal }) =>
    new Promise((_resolve, reject) => {
      init.signal.addEventListener('abort', () => reject(Object.assign(new Error('aborted'), { name: 'e' })));
    });
  const events: RequestLogEvent[] = [];
  await rejectsWithKind(client(hangingFetch, { timeoutMs: 30, onRequest: (e) => events.push(e) }).verify(), 'timeout');
  assert.deepEqual(
    events.map((e) => e.status),
    [0],
  );
});

const RATE_LIMITED = { status: 429, body: { error: { type: 'invalid_request_error', code: 'rate_limit' } } };
const UNAVAILABLE = { status: 503, body: { error: { type: 'api_error' } } };

/** A fetch whose every request hangs until its signal aborts, rejecting as node-fetch does. */
function hangingFetch(onSent: () => void = () => undefined) {
  return (_url: string, init: { signal: AbortSignal }) =>
    new Promise((_resolve, reject) => {
      onSent();
      init.signal.addEventListener('abort', () =>
        reject(Object.assign(new Error('The operation was aborted.'), { name: 'AbortError', type: 'aborted' })),
      );
    });
}

test('names Stripe holds with outer spaces or control characters are sent as they are', async () => {
  const odd = [' padded ', 'tab\there', 'line\nbreak', '\u0000nul', 'x'.repeat(5000)];
  const { fetch, sent } = fakeFetch((req) => ({
    status: 200,
    body: { ...secret('s1', req.url.searchParams.get('name') ?? new URLSearchParams(req.body).get('name') ?? ''), payload: 'v' },
  }));
  const c = client(fetch);
  for (const name of odd) {
    assert.equal((await c.find(name, account)).name, name);
    assert.equal((await c.reveal(name, account)).name, name);
    await c.set({ name, scope: account, payload: 'v' });
    await c.delete(name, account);
  }
  assert.equal(sent.length, odd.length * 4);
  assert.deepEqual(
    sent.filter((r) => r.method === 'POST').map((r) => new URLSearchParams(r.body).get('name')),
    odd.flatMap((n) => [n, n]),
  );
});

test('one deadline covers the whole operation: retries that each fit the timeout still fail it', async () => {
  // Every attempt answers in ~40 ms, well under the 150 ms timeout; the 429 retries together do not.
  const slow429 = async () => {
    await new Promise((r) => setTimeout(r, 40));
    return new Response(JSON.stringify(RATE_LIMITED.body), { status: 429, headers: { 'content-type': 'application/json' } });
  };
  const started = Date.now();
  const error = await rejectsWithKind(
    client(slow429, { timeoutMs: 150, maxRateLimitRetries: 50, rateLimitBaseDelayMs: 40, random: () => 0.99 }).find('tok', account),
    'timeout',
  );
  const elapsed = Date.now() - started;
  assert.ok(elapsed >= 140 && elapsed < 600, `failed after ${elapsed} ms`);
  assert.match(error.message, /retries included/);
});

test('the deadline aborts a request on the wire', async () => {
  const started = Date.now();
  await rejectsWithKind(client(hangingFetch(), { timeoutMs: 100 }).find('tok', account), 'timeout');
  assert.ok(Date.now() - started < 1000);
});

test('Stripe-Should-Retry: false stops even a 429 or a 503; true retries even a 400', async () => {
  const never = fakeFetch(() => ({ ...RATE_LIMITED, headers: { 'stripe-should-retry': 'false' } }));
  await rejectsWithKind(client(never.fetch, { rateLimitBaseDelayMs: 1 }).find('tok', account), 'rate_limited');
  assert.equal(never.sent.length, 1);

  const never503 = fakeFetch(() => ({ ...UNAVAILABLE, headers: { 'stripe-should-retry': 'false' } }));
  await rejectsWithKind(client(never503.fetch, { maxNetworkRetries: 2 }).find('tok', account), 'unavailable');
  assert.equal(never503.sent.length, 1);

  const please = fakeFetch((_req, n) =>
    n === 0
      ? {
          status: 400,
          body: { error: { type: 'invalid_request_error', message: 'Lock timeout' } },
          headers: { 'stripe-should-retry': 'true' },
        }
      : { status: 200, body: secret('s1', 'tok') },
  );
  assert.equal(await client(please.fetch, { maxNetworkRetries: 1, random: () => 0 }).delete('tok', account), undefined);
  assert.equal(please.sent.length, 2);
  assert.equal(new Set(please.sent.map((r) => r.headers.get('idempotency-key'))).size, 1, 'the retry reuses the key');
});

test('a 503 is retried maxNetworkRetries times by the client, not by the SDK', async () => {
  const { fetch, sent } = fakeFetch(() => UNAVAILABLE);
  await rejectsWithKind(client(fetch, { maxNetworkRetries: 1, random: () => 0 }).find('tok', account), 'unavailable');
  assert.equal(sent.length, 2);
});

test('a 429 backoff waits outside the limiter slot: another request goes out meanwhile', async () => {
  const order: string[] = [];
  const { fetch } = fakeFetch((req, n) => {
    order.push(`${req.url.searchParams.get('name')}#${n}`);
    return n === 0 ? RATE_LIMITED : { status: 200, body: secret('s', req.url.searchParams.get('name') ?? '') };
  });
  const c = client(fetch, { maxConcurrentRequests: 1, adaptive: false, rateLimitBaseDelayMs: 200, random: () => 0.99 });
  const first = c.find('first', account);
  await new Promise((r) => setTimeout(r, 50));
  const second = c.find('second', account);
  await Promise.all([first, second]);
  assert.deepEqual(order, ['first#0', 'second#1', 'first#2']);
});

test('cancelling rejects as Canceled: on the wire, in the queue and in a backoff, and sends nothing more', async () => {
  const isCanceled = { name: 'Canceled' };
  // On the wire.
  let onWire = 0;
  const wire = new AbortController();
  const c = client(
    hangingFetch(() => onWire++),
    { maxConcurrentRequests: 1, adaptive: false },
  );
  const inFlight = c.reveal('a', account, { signal: wire.signal });
  // In the queue behind it.
  const queued = new AbortController();
  const waiting = c.delete('b', account, { signal: queued.signal });
  await new Promise((r) => setTimeout(r, 20));
  queued.abort();
  await assert.rejects(waiting, isCanceled);
  wire.abort();
  await assert.rejects(inFlight, isCanceled);
  assert.equal(onWire, 1, 'the queued delete was never sent');

  // In a 429 backoff.
  const backoff = new AbortController();
  const limited = fakeFetch(() => RATE_LIMITED);
  const started = Date.now();
  const setting = client(limited.fetch, { rateLimitBaseDelayMs: 10_000, random: () => 0.99 }).set(
    { name: 'n', scope: account, payload: 'v' },
    { signal: backoff.signal },
  );
  setTimeout(() => backoff.abort(), 30);
  await assert.rejects(setting, isCanceled);
  assert.ok(Date.now() - started < 2000);
  assert.equal(limited.sent.length, 1);

  // Already cancelled: nothing is sent.
  const none = fakeFetch(() => ({ status: 200, body: secret('s1', 'x') }));
  await assert.rejects(client(none.fetch).find('x', account, { signal: AbortSignal.abort() }), isCanceled);
  assert.equal(none.sent.length, 0);
});

test('each refusal before a request says what to fix', async () => {
  const { fetch, sent } = fakeFetch(() => ({ status: 200, body: {} }));
  const c = client(fetch);
  const cases: Array<[Promise<unknown>, string]> = [
    [c.find(undefined as unknown as string, account), 'Enter a secret name.'],
    [c.find('x'.repeat(5001), account), 'A secret name can be at most 5000 characters long.'],
    [c.list(null as unknown as SecretScope), 'Choose the account scope or a user scope.'],
    [c.list({ type: 'org' } as unknown as SecretScope), 'Choose the account scope or a user scope.'],
    [c.delete('n', { type: 'user' } as SecretScope), 'Enter a user id such as usr_1A2b3C4d5E6f.'],
  ];
  for (const [call, message] of cases) assert.equal((await rejectsWithKind(call, 'validation')).message, message);
  assert.equal(sent.length, 0);
});

test("the client's own options are checked when it is built, with what to fix", () => {
  const cases: Array<[SecretStoreClientOptions, string]> = [
    [{ maxConcurrentRequests: 1.5 }, 'maxConcurrentRequests must be a whole number of at least 1.'],
    [{ maxConcurrentRequests: 0 }, 'maxConcurrentRequests must be a whole number of at least 1.'],
    [{ pageSize: 0 }, 'pageSize must be a whole number from 1 to 100.'],
    [{ pageSize: 2.5 }, 'pageSize must be a whole number from 1 to 100.'],
    [{ expectedRatePerSecond: 0 }, 'expectedRatePerSecond must be more than 0.'],
    [{ expectedRatePerSecond: Infinity }, 'expectedRatePerSecond must be more than 0.'],
    [{ expectedRatePerSecond: NaN }, 'expectedRatePerSecond must be more than 0.'],
    [{ timeoutMs: 0 }, 'timeoutMs must be more than 0.'],
    [{ timeoutMs: NaN }, 'timeoutMs must be more than 0.'],
  ];
  for (const [options, message] of cases) {
    assert.throws(
      () => client(undefined, options),
      (e: unknown) => isSecretStoreError(e) && e.message === message,
      JSON.stringify(options),
    );
  }
  assert.throws(
    () => client(undefined, {}, { apiKey: 'sk_org_test_51HxYzAbCdEfGhIjKlMnOpQrStUv1234' }),
    (e: unknown) =>
      isSecretStoreError(e) && /^An organization key \(sk_org_…\) acts on the account its Stripe-Context names/.test(e.message),
  );
  assert.equal(client(undefined, { maxConcurrentRequests: 1, pageSize: 1, expectedRatePerSecond: 0.5 }).limiterState().rate, 0.5);
  assert.equal(client(undefined, { maxConcurrentRequests: 3, adaptive: false }).limiterState().window, 3);
});

test('an API base without a port uses the scheme default', async () => {
  for (const [apiBase, origin] of [
    ['http://localhost', 'http://localhost'],
    ['https://api.stripe.com', 'https://api.stripe.com'],
  ]) {
    const { fetch, sent } = fakeFetch(() => ({ status: 200, body: { object: 'list', has_more: false, data: [] } }));
    await client(fetch, {}, { apiBase }).verify();
    assert.equal(sent[0].url.origin, origin);
    assert.equal(sent[0].url.port, '');
  }
});

test('list: a page of one secret at a time; has_more with no data ends; an abort during the last page still cancels', async () => {
  const pages = [
    { has_more: true, data: [secret('s2', 'b', { type: 'user', user: 'usr_1' })] },
    { has_more: true, data: [] },
  ];
  const { fetch, sent } = fakeFetch((_req, n) => ({ status: 200, body: { object: 'list', ...pages[n] } }));
  const list = await client(fetch, { pageSize: 1 }).list({ type: 'user', user: 'usr_1' });
  assert.deepEqual(list, [
    { id: 's2', name: 'b', scope: { type: 'user', user: 'usr_1' }, created: 1_700_000_000, expiresAt: null, livemode: false },
  ]);
  assert.deepEqual(
    sent.map((r) => [r.url.searchParams.get('limit'), r.url.searchParams.get('starting_after'), r.url.searchParams.get('scope[user]')]),
    [
      ['1', null, 'usr_1'],
      ['1', 's2', 'usr_1'],
    ],
  );

  const controller = new AbortController();
  const last = fakeFetch(() => {
    controller.abort();
    return { status: 200, body: { object: 'list', has_more: false, data: [secret('s1', 'a')] } };
  });
  await assert.rejects(client(last.fetch).list(account, controller.signal), { name: 'Canceled' });
});

test('a user scope that Stripe returns without its user reads as the account scope', async () => {
  const { fetch } = fakeFetch(() => ({ status: 200, body: secret('s1', 'tok', { type: 'user' }) }));
  assert.deepEqual((await client(fetch).find('tok', account)).scope, { type: 'account' });
});

test('set without an expiry sends an empty expires_at; set and delete carry an Idempotency-Key, reads none', async () => {
  const { fetch, sent } = fakeFetch(() => ({ status: 200, body: secret('s1', 'tok') }));
  const c = client(fetch);
  await c.set({ name: 'tok', scope: account, payload: 'v' });
  await c.delete('tok', account);
  await c.find('tok', account);
  await c.reveal('tok', account).catch(() => undefined);
  assert.equal(new URLSearchParams(sent[0].body).get('expires_at'), '');
  assert.deepEqual(
    sent.map((r) => [r.method, r.url.pathname, /^[0-9a-f-]{36}$/.test(r.headers.get('idempotency-key') ?? '')]),
    [
      ['POST', '/v1/apps/secrets', true],
      ['POST', '/v1/apps/secrets/delete', true],
      ['GET', '/v1/apps/secrets/find', false],
      ['GET', '/v1/apps/secrets/find', false],
    ],
  );
});

test("a refusal that echoes the value being set never shows it; a value missing from reveal's answer names the Request-Id", async () => {
  const payload = 'correct-horse-battery';
  const { fetch } = fakeFetch((req) =>
    req.method === 'POST'
      ? { status: 400, body: { error: { type: 'invalid_request_error', message: `Bad payload ${payload}` } } }
      : { status: 200, body: secret('s1', 'tok') },
  );
  const c = client(fetch);
  const refused = await rejectsWithKind(c.set({ name: 'tok', scope: account, payload }), 'invalid_request');
  assert.ok(!refused.message.includes('horse'), refused.message);
  const missing = await rejectsWithKind(c.reveal('tok', account), 'unknown');
  assert.equal(missing.message, 'Stripe returned the secret "tok" without its value; try again. (Request-Id req_2)');
});

test('every attempt is logged once, with its query, request id when sent, duration and try number; a failure logs status 0', async () => {
  let n = 0;
  const fetch = async () => {
    n++;
    if (n === 1) throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    return new Response(JSON.stringify(n === 2 ? UNAVAILABLE.body : { object: 'list', has_more: false, data: [] }), {
      status: n === 2 ? 500 : 200,
      headers: { 'content-type': 'application/json' },
    });
  };
  const events: RequestLogEvent[] = [];
  await client(fetch, { maxNetworkRetries: 2, onRequest: (e) => events.push(e) }).list(account);
  assert.deepEqual(
    events.map(({ durationMs, ...rest }) => {
      assert.ok(durationMs >= 0 && durationMs < 5000, String(durationMs));
      return rest;
    }),
    [0, 1, 2].map((retry) => ({
      method: 'GET',
      path: '/v1/apps/secrets?scope[type]=account&limit=100',
      status: [0, 500, 200][retry],
      retry,
    })),
  );
});

test('a 409 and a connection failure are retried; a 400 and a 404 are not', async () => {
  for (const [first, retried] of [
    [{ status: 409, body: { error: { type: 'invalid_request_error', code: 'lock_timeout' } } }, true],
    [{ status: 400, body: { error: { type: 'invalid_request_error' } } }, false],
    [{ status: 404, body: { error: { type: 'invalid_request_error', code: 'resource_missing' } } }, false],
  ] as const) {
    const { fetch, sent } = fakeFetch((_req, n) => (n === 0 ? first : { status: 200, body: secret('s1', 'tok') }));
    const found = client(fetch, { maxNetworkRetries: 1 }).find('tok', account);
    if (retried) assert.equal((await found).id, 's1');
    else await found.catch(() => undefined);
    assert.equal(sent.length, retried ? 2 : 1, String(first.status));
  }
});

test('a retry after a 429 goes ahead of the requests that queued during its backoff', async () => {
  const order: string[] = [];
  const { fetch } = fakeFetch((req, n) => {
    order.push(req.url.searchParams.get('name') ?? '');
    return n === 0 ? RATE_LIMITED : { status: 200, body: secret('s', 'x') };
  });
  let release = () => undefined as void;
  const gate = new Promise<void>((r) => (release = r));
  const gated = async (url: string, init: { method: string; headers: Record<string, string>; body?: string }) => {
    if (new URL(url).searchParams.get('name') === 'b') await gate;
    return fetch(url, init);
  };
  const c = client(gated, { maxConcurrentRequests: 1, adaptive: false, rateLimitBaseDelayMs: 40, random: () => 0.99 });
  const a = c.find('a', account);
  await new Promise((r) => setTimeout(r, 5));
  const b = c.find('b', account);
  const third = c.find('c', account);
  await new Promise((r) => setTimeout(r, 120));
  release();
  await Promise.all([a, b, third]);
  assert.deepEqual(order, ['a', 'b', 'a', 'c']);
});
