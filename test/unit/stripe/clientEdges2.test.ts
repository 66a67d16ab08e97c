import { mock, test } from 'node:test';
import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SecretStoreClient } from '../../../src/stripe/client';
import { isSecretStoreError } from '../../../src/stripe/errors';
import { OperationCancelledError } from '../../../src/stripe/cancel';
import type { SecretScope } from '../../../src/model/types';
import { KEY, client, fakeFetch, rejectsWithKind, type Reply } from './fakeStripe';

const account: SecretScope = { type: 'account' };
const ORG_KEY = 'sk_org_live_51HxYzAbCdEfGhIjKlMnOpQrSt';

function secret(id: string, name: string, scope: unknown = { type: 'account' }) {
  return { id, object: 'apps.secret', name, scope, created: 1_700_000_000, expires_at: null, livemode: false };
}

const RATE_LIMITED: Reply = { status: 429, body: { error: { type: 'invalid_request_error', code: 'rate_limit' } } };
const EMPTY_LIST: Reply = { status: 200, body: { object: 'list', has_more: false, data: [], url: '/v1/apps/secrets' } };

test('a missing scope is refused as a validation error before any request', async () => {
  const { fetch, sent } = fakeFetch(() => EMPTY_LIST);
  const c = client(fetch);
  const missing = undefined as unknown as SecretScope;
  for (const call of [c.list(missing), c.find('tok', missing), c.delete('tok', missing)]) {
    assert.equal((await rejectsWithKind(call, 'validation')).message, 'Choose the account scope or a user scope.');
  }
  assert.equal(sent.length, 0);
});

test('a secret is read as user-scoped only when Stripe says its scope is a user one', async () => {
  const { fetch } = fakeFetch(() => ({
    status: 200,
    body: {
      object: 'list',
      has_more: false,
      data: [secret('s1', 'a', { type: 'account', user: 'usr_1' }), secret('s2', 'b', { type: 'user', user: 'usr_2' })],
    },
  }));
  const list = await client(fetch).list(account);
  assert.deepEqual(
    list.map((s) => s.scope),
    [{ type: 'account' }, { type: 'user', user: 'usr_2' }],
  );
});

test('a bad timeoutMs is refused as a validation error', () => {
  for (const timeoutMs of [0, -1, NaN]) {
    assert.throws(
      () => client(undefined, { timeoutMs }),
      (e: unknown) => isSecretStoreError(e) && e.kind === 'validation',
      String(timeoutMs),
    );
  }
});

/** A client whose every request meets a 429 (not retried) and learns no pace, so each 429 halves its account's window from 32. */
function limited(target: { apiKey?: string; stripeAccount?: string; stripeContext?: string }): SecretStoreClient {
  const { fetch } = fakeFetch(() => RATE_LIMITED);
  return new SecretStoreClient(
    { apiKey: KEY, apiBase: 'http://127.0.0.1:9', ...target },
    { fetch, maxRateLimitRetries: 0, expectedRatePerSecond: null },
  );
}

test("the connection's own account is limited as that account: a 429 on it slows requests named for it", async () => {
  const own = limited({ stripeAccount: 'acct_1Own' });
  await rejectsWithKind(own.list(account), 'rate_limited');
  assert.equal(own.limiterState('acct_1Own').window, 16);
  assert.equal(own.limiterState().window, 16);

  const context = limited({ apiKey: ORG_KEY, stripeContext: 'acct_1Platform/acct_1Connected' });
  await rejectsWithKind(context.list(account), 'rate_limited');
  assert.equal(context.limiterState('acct_1Connected').window, 16, 'a context acts on its last account');
  assert.equal(context.limiterState('acct_1Platform').window, 32);

  const accountKeyContext = limited({ stripeContext: 'acct_1Platform/acct_1Connected' });
  await rejectsWithKind(accountKeyContext.list(account), 'rate_limited');
  assert.equal(accountKeyContext.limiterState('acct_1Connected').window, 16);
});

test("without an account, the key's own account is the limiter named '' and no other", async () => {
  const c = limited({});
  await rejectsWithKind(c.list(account), 'rate_limited');
  assert.equal(c.limiterState('').window, 16);
  assert.equal(c.limiterState().window, 16);
});

test("a burst for one account goes out one request per turn, so another account's requests are not held behind it", async () => {
  const { fetch, sent } = fakeFetch((req) => ({ status: 200, body: secret('s', req.url.searchParams.get('name') ?? '') }));
  // A test key: paced at 25/s from a burst of 5.
  const c = client(fetch);
  const calls = ['a1', 'a2', 'a3'].map((name) => c.find(name, account, { stripeAccount: 'acct_1A' }));
  calls.push(...['b1', 'b2', 'b3'].map((name) => c.find(name, account, { stripeAccount: 'acct_1B' })));
  await Promise.all(calls);
  assert.deepEqual(
    sent.map((r) => r.url.searchParams.get('name')),
    ['a1', 'a2', 'b1', 'b2', 'a3', 'b3'],
  );
});

test('a backoff that fails for its own reason ends the operation with that failure, sending nothing more', async () => {
  const { fetch, sent } = fakeFetch(() => ({ status: 500, body: { error: { type: 'api_error' } } }));
  const broken = new Error('the timer could not be set');
  const c = client(fetch, { maxNetworkRetries: 2, sleep: () => Promise.reject(broken) });
  await assert.rejects(c.find('tok', account), (e) => e === broken);
  assert.equal(sent.length, 1);
});

test('an operation cancelled before it starts does not make the client forget what it learnt about an account', async () => {
  const { fetch, sent } = fakeFetch(() => RATE_LIMITED);
  const c = new SecretStoreClient(
    { apiKey: KEY, apiBase: 'http://127.0.0.1:9' },
    { fetch, maxRateLimitRetries: 0, expectedRatePerSecond: null },
  );
  await rejectsWithKind(c.list(account, undefined, { stripeAccount: 'acct_1Busy' }), 'rate_limited');
  // The client keeps what it learnt for 1000 accounts: acct_1Busy is now the stalest of them.
  for (let i = 0; i < 999; i++) c.limiterState(`acct_1N${i}`);
  await assert.rejects(c.list(account, AbortSignal.abort(), { stripeAccount: 'acct_1New' }), OperationCancelledError);
  assert.equal(sent.length, 1);
  assert.equal(c.limiterState('acct_1Busy').window, 16);
});

test(
  "over real HTTP, a burst's next request goes one pace after the burst has left the machine, without waiting for its answers",
  { timeout: 10_000 },
  async (t) => {
    const arrived: string[] = [];
    const held: http.ServerResponse[] = [];
    const answer = (res: http.ServerResponse) => {
      res.writeHead(200, { 'content-type': 'application/json', 'request-id': 'req_local' });
      res.end(JSON.stringify(secret('s', 'tok')));
    };
    let burstIn = () => undefined as void;
    const burst = new Promise<void>((resolve) => (burstIn = resolve));
    const server = http.createServer((req, res) => {
      if (req.headers['stripe-account'] === 'acct_1Warm') return answer(res);
      arrived.push(new URL(req.url ?? '/', 'http://x').searchParams.get('name') ?? '');
      held.push(res);
      if (arrived.length === 5) burstIn();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const stop = new AbortController();
    t.after(async () => {
      stop.abort();
      mock.timers.reset();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    });
    // The pacing's clock and timers stand still until the test moves them; the sockets are real.
    mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 1_700_000_000_000 });
    const { port } = server.address() as AddressInfo;
    // A test key: paced at 25/s (40 ms a request) after a burst of 5.
    const c = new SecretStoreClient({ apiKey: KEY, apiBase: `http://127.0.0.1:${port}` }, { maxNetworkRetries: 0 });
    // Once through first, on another account, so that loading node-fetch and the SDK's first-request work are done.
    await c.find('warm', account, { stripeAccount: 'acct_1Warm' });
    const calls = Array.from({ length: 6 }, (_, i) => c.find(`s${i}`, account, { signal: stop.signal }));
    // Handled either way, so that a failing assertion below leaves no unhandled rejection when the teardown cancels them.
    for (const call of calls) call.catch(() => undefined);
    await burst;
    assert.deepEqual(arrived, ['s0', 's1', 's2', 's3', 's4'], 'the burst went out at once');
    // The refill counts from the first write (plus a quarter of a request's way there): a pace and
    // a bit later the sixth may go. Were the burst not seen leaving, it would wait for an answer,
    // or for twice the time an empty bucket takes to fill (400 ms).
    mock.timers.tick(60);
    for (let turn = 0; turn < 5000 && arrived.length < 6; turn++) await new Promise(setImmediate);
    assert.deepEqual(arrived, ['s0', 's1', 's2', 's3', 's4', 's5'], 'the sixth went with every answer still held');
    for (const res of held) answer(res);
    assert.deepEqual(
      (await Promise.all(calls)).map((s) => s.name),
      Array.from({ length: 6 }, () => 'tok'),
    );
  },
);

test('the mark that ties each HTTP attempt to its call never leaves the client, and concurrent calls keep their own retry counts', async () => {
  const { fetch, sent } = fakeFetch((req) =>
    req.url.searchParams.get('scope[user]') === 'usr_retry' && sent.filter((s) => s.url.search === req.url.search).length === 1
      ? RATE_LIMITED
      : EMPTY_LIST,
  );
  const events: { path: string; retry: number }[] = [];
  const c = client(fetch, { rateLimitBaseDelayMs: 1, onRequest: (e) => events.push({ path: e.path, retry: e.retry ?? -1 }) });
  await Promise.all([c.list({ type: 'user', user: 'usr_retry' }), c.list({ type: 'user', user: 'usr_once' }), c.list(account)]);
  assert.equal(sent.length, 4);
  for (const req of sent)
    assert.deepEqual(
      [...req.headers.keys()].filter((name) => name.includes('attempt')),
      [],
    );
  const retries = (user: string) => events.filter((e) => e.path.includes(user)).map((e) => e.retry);
  assert.deepEqual(retries('usr_retry'), [0, 1]);
  assert.deepEqual(retries('usr_once'), [0]);
});
