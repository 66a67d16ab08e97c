import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SecretStoreClient } from '../../../src/stripe/client';
import { isSecretStoreError } from '../../../src/stripe/errors';
import { ConcurrencyLimiter, LimiterPool } from '../../../src/stripe/limiter';

const KEY = 'sk_test_51HxYzAbCdEfGhIjKlMnOpQrStUv1234';

function fakeFetch(status: (account: string | null) => number) {
  const sent: Array<{ account: string | null }> = [];
  const fetch = async (_url: string, init: { headers: Record<string, string> }) => {
    const account = new Headers(init.headers).get('stripe-account');
    sent.push({ account });
    const code = status(account);
    const body =
      code === 429
        ? { error: { type: 'invalid_request_error', code: 'rate_limit', message: 'Too many requests' } }
        : { object: 'list', data: [], has_more: false };
    return new Response(JSON.stringify(body), {
      status: code,
      headers: { 'content-type': 'application/json', 'request-id': `req_${sent.length}` },
    });
  };
  return { fetch, sent };
}

test('a per-request account goes out as Stripe-Account, and a malformed one is refused before any request', async () => {
  const { fetch, sent } = fakeFetch(() => 200);
  const c = new SecretStoreClient({ apiKey: KEY, apiBase: 'http://127.0.0.1:9', stripeAccount: 'acct_1Own' }, { fetch });
  await c.list({ type: 'account' });
  await c.list({ type: 'account' }, undefined, { stripeAccount: 'acct_1Other' });
  await c.find('n', { type: 'account' }, { stripeAccount: 'acct_1Third' }).catch(() => undefined);
  assert.deepEqual(
    sent.map((s) => s.account),
    ['acct_1Own', 'acct_1Other', 'acct_1Third'],
  );
  await assert.rejects(
    c.list({ type: 'account' }, undefined, { stripeAccount: 'cus_123' }),
    (e) => isSecretStoreError(e) && e.kind === 'validation',
  );
  assert.equal(sent.length, 3);
});

test("429s on one account slow that account's limiter only", async () => {
  const { fetch } = fakeFetch((account) => (account === 'acct_1Busy' ? 429 : 200));
  const c = new SecretStoreClient(
    { apiKey: KEY, apiBase: 'http://127.0.0.1:9' },
    { fetch, maxRateLimitRetries: 0, expectedRatePerSecond: null },
  );
  await c.list({ type: 'account' }, undefined, { stripeAccount: 'acct_1Busy' }).catch(() => undefined);
  assert.equal(c.limiterState('acct_1Busy').window, 16, 'the busy account halved its window');
  assert.equal(c.limiterState('acct_1Quiet').window, 32, 'another account kept the ceiling');
  assert.equal(c.limiterState().window, 32, "the key's own account kept the ceiling");
});

test('the client paces at the documented rate of its key mode unless told otherwise', () => {
  const noFetch = async () => new Response('{}');
  const test = new SecretStoreClient({ apiKey: KEY }, { fetch: noFetch });
  const live = new SecretStoreClient({ apiKey: 'sk_live_51HxYzAbCdEfGhIjKlMnOpQrStUv1234' }, { fetch: noFetch });
  const learnt = new SecretStoreClient({ apiKey: KEY }, { fetch: noFetch, expectedRatePerSecond: null });
  assert.equal(test.limiterState().rate, 25);
  assert.equal(live.limiterState().rate, 100);
  assert.equal(learnt.limiterState().rate, Infinity);
});

test('a limiter pool keeps one limiter per account and drops only idle ones past its size', async () => {
  const pool = new LimiterPool(() => new ConcurrencyLimiter(1));
  const a = pool.get('acct_a');
  assert.equal(pool.get('acct_a'), a);
  assert.notEqual(pool.get('acct_b'), a);
  const busy = await a.acquire();
  for (let i = 0; i < 1000; i++) pool.get(`acct_${i}`);
  assert.equal(pool.size, 1000);
  assert.equal(pool.get('acct_a'), a, 'a limiter with a request in flight is kept');
  busy.release('clean');
});

const ORG_KEY = 'sk_org_live_51HxYzAbCdEfGhIjKlMnOpQrSt';

function headerFetch(body: unknown = { object: 'list', data: [], has_more: false }) {
  const sent: Headers[] = [];
  const fetch = async (_url: string, init: { headers: Record<string, string> }) => {
    sent.push(new Headers(init.headers));
    return new Response(JSON.stringify(body), {
      status: 200,
      headers: { 'content-type': 'application/json', 'request-id': `req_${sent.length}` },
    });
  };
  return { fetch, sent };
}

test('an organization key sends Stripe-Context (and Stripe-Version) on every request, never Stripe-Account', async () => {
  const { fetch, sent } = headerFetch();
  const c = new SecretStoreClient(
    { apiKey: ORG_KEY, apiBase: 'http://127.0.0.1:9', stripeContext: 'acct_1Platform/acct_1Connected' },
    { fetch },
  );
  await c.list({ type: 'account' });
  await c.list({ type: 'account' }, undefined, { stripeAccount: 'acct_1Other' });
  await c.list({ type: 'account' }, undefined, { stripeContext: 'acct_1Platform/acct_1Third' });
  assert.deepEqual(
    sent.map((h) => h.get('stripe-context')),
    ['acct_1Platform/acct_1Connected', 'acct_1Other', 'acct_1Platform/acct_1Third'],
  );
  assert.deepEqual(
    sent.map((h) => h.get('stripe-account')),
    [null, null, null],
  );
  assert.ok(
    sent.every((h) => /^\d{4}-\d{2}-\d{2}\./.test(h.get('stripe-version') ?? '')),
    'Stripe asks organization keys for Stripe-Version',
  );
});

test('an organization key without a Stripe-Context, or with a malformed one, is refused before any request', async () => {
  const { fetch, sent } = headerFetch();
  assert.throws(
    () => new SecretStoreClient({ apiKey: ORG_KEY, apiBase: 'http://127.0.0.1:9' }, { fetch }),
    (e) => isSecretStoreError(e) && e.kind === 'validation' && /Stripe-Context/.test(e.message),
  );
  assert.throws(
    () => new SecretStoreClient({ apiKey: ORG_KEY, apiBase: 'http://127.0.0.1:9', stripeContext: 'acct_1A/' }, { fetch }),
    (e) => isSecretStoreError(e) && e.kind === 'validation',
  );
  const c = new SecretStoreClient({ apiKey: ORG_KEY, apiBase: 'http://127.0.0.1:9', stripeContext: 'acct_1A' }, { fetch });
  await assert.rejects(
    c.list({ type: 'account' }, undefined, { stripeContext: 'acct_1A/cus_1' }),
    (e) => isSecretStoreError(e) && e.kind === 'validation',
  );
  assert.equal(sent.length, 0);
});

test("an account key's per-request Stripe-Context goes out as given, and the rate limit counts the context's last account", async () => {
  const { fetch, sent } = headerFetch();
  const c = new SecretStoreClient({ apiKey: KEY, apiBase: 'http://127.0.0.1:9' }, { fetch, expectedRatePerSecond: null });
  await c.list({ type: 'account' }, undefined, { stripeContext: 'acct_1Platform/acct_1Connected' });
  assert.equal(sent[0].get('stripe-context'), 'acct_1Platform/acct_1Connected');
  assert.equal(sent[0].get('stripe-account'), null);
  const org = new SecretStoreClient(
    { apiKey: ORG_KEY, apiBase: 'http://127.0.0.1:9', stripeContext: 'acct_1Platform/acct_1Connected', mode: 'live' },
    { fetch },
  );
  assert.equal(org.limiterState().rate, 100, "the mode Stripe reported paces the connection's own account at live mode's rate");
  const busy = async () =>
    new Response(JSON.stringify({ error: { type: 'invalid_request_error', code: 'rate_limit', message: 'Too many requests' } }), {
      status: 429,
      headers: { 'content-type': 'application/json' },
    });
  const limited = new SecretStoreClient(
    { apiKey: KEY, apiBase: 'http://127.0.0.1:9' },
    { fetch: busy, maxRateLimitRetries: 0, expectedRatePerSecond: null },
  );
  await limited.list({ type: 'account' }, undefined, { stripeContext: 'acct_1Platform/acct_1Busy' }).catch(() => undefined);
  assert.equal(limited.limiterState('acct_1Busy').window, 16, 'the context acts on its last account, whose limiter slowed');
  assert.equal(limited.limiterState('acct_1Platform').window, 32);
});

test('verify reports livemode when Stripe listed a secret, and nothing when the account scope is empty', async () => {
  const secret = {
    id: 'appsecret_1',
    object: 'apps.secret',
    name: 'n',
    scope: { type: 'account' },
    created: 1,
    expires_at: null,
    livemode: true,
  };
  const full = new SecretStoreClient(
    { apiKey: ORG_KEY, apiBase: 'http://127.0.0.1:9', stripeContext: 'acct_1A' },
    { fetch: headerFetch({ object: 'list', data: [secret], has_more: false }).fetch },
  );
  assert.deepEqual(await full.verify(), { livemode: true });
  const empty = new SecretStoreClient(
    { apiKey: ORG_KEY, apiBase: 'http://127.0.0.1:9', stripeContext: 'acct_1A' },
    { fetch: headerFetch().fetch },
  );
  assert.deepEqual(await empty.verify(), {});
});
