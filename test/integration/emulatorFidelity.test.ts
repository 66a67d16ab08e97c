/**
 * The emulator driven by the official `stripe` SDK over loopback: proves the wire format (paths, form
 * encoding, expand, paging, headers) and that each error reaches the caller as the SDK class Stripe's
 * own API would produce.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import Stripe from 'stripe';
import { DEMO_USER_IDS, startEmulator } from '../../src/emulator';
import type { EmulatorHandle } from '../../src/emulator';

type Fetch = Parameters<typeof Stripe.createFetchHttpClient>[0];

const account = { type: 'account' } as const;
const user = (id: string) => ({ type: 'user', user: id }) as const;

describe('emulator fidelity with the official stripe SDK', () => {
  let emu: EmulatorHandle;
  let fetchImpl: Fetch;
  let stripe: Stripe;
  const client = (key: string, config: Stripe.StripeConfig = {}) =>
    new Stripe(key, {
      host: '127.0.0.1',
      port: emu.port,
      protocol: 'http',
      telemetry: false,
      maxNetworkRetries: 0,
      httpClient: Stripe.createFetchHttpClient(fetchImpl),
      ...config,
    });

  before(async () => {
    fetchImpl = (await import('node-fetch')).default as unknown as Fetch;
    emu = await startEmulator({ seed: 'demo' });
    stripe = client(emu.testKey);
  });
  after(() => emu.close());
  beforeEach(() => {
    emu.clearFaults();
    emu.setRateLimit(undefined);
  });

  it('lists the demo seed', async () => {
    const list = await stripe.apps.secrets.list({ scope: account });
    assert.equal(list.object, 'list');
    assert.ok(list.data.some((s) => s.name === 'slack_bot_token'));
    assert.ok(list.data.every((s) => s.payload === undefined && s.livemode === false));
    const users = await stripe.apps.secrets.list({ scope: user(DEMO_USER_IDS[0]) });
    assert.ok(users.data.length > 0);
  });

  it('creates, replaces, finds (with and without payload) and deletes', async () => {
    const scope = user('usr_FidelityCrud');
    const created = await stripe.apps.secrets.create({ name: 'api key', payload: 'v1 with spaces & symbols=+', scope });
    assert.match(created.id, /^appsecret_/);
    assert.equal(created.object, 'apps.secret');
    assert.equal(created.payload, undefined);
    assert.deepEqual(created.scope, scope);

    const expiresAt = Math.floor(Date.now() / 1000) + 3600;
    const replaced = await stripe.apps.secrets.create({
      name: 'api key',
      payload: 'v2',
      scope,
      expires_at: expiresAt,
      expand: ['payload'],
    });
    assert.equal(replaced.payload, 'v2');
    assert.equal(replaced.expires_at, expiresAt);

    const hidden = await stripe.apps.secrets.find({ name: 'api key', scope });
    assert.equal(hidden.payload, undefined);
    assert.equal(hidden.id, replaced.id);
    const shown = await stripe.apps.secrets.find({ name: 'api key', scope, expand: ['payload'] });
    assert.equal(shown.payload, 'v2');

    const first = await stripe.apps.secrets.create({ name: 'special', payload: 'v1 with spaces & symbols=+', scope, expand: ['payload'] });
    assert.equal(first.payload, 'v1 with spaces & symbols=+');

    const deleted = await stripe.apps.secrets.deleteWhere({ name: 'api key', scope });
    assert.equal(deleted.deleted, true);
    assert.equal(deleted.id, replaced.id);
    const remaining = await stripe.apps.secrets.list({ scope });
    assert.deepEqual(
      remaining.data.map((s) => s.name),
      ['special'],
    );
  });

  describe('paging 10 secrets with limit 3', () => {
    const scope = user('usr_FidelityPaging');
    let newestFirst: string[];
    before(async () => {
      for (let i = 0; i < 10; i++) await stripe.apps.secrets.create({ name: `s${i}`, payload: 'v', scope });
      newestFirst = (await stripe.apps.secrets.list({ scope, limit: 100 })).data.map((s) => s.id);
      assert.equal(newestFirst.length, 10);
    });

    it('auto-paginates forward with for await', async () => {
      const before = emu.requests().length;
      const seen: string[] = [];
      for await (const secret of stripe.apps.secrets.list({ scope, limit: 3 })) seen.push(secret.id);
      assert.deepEqual(seen, newestFirst);
      assert.equal(emu.requests().length - before, 4);
    });

    it('auto-paginates backward with ending_before', async () => {
      const seen: string[] = [];
      for await (const secret of stripe.apps.secrets.list({ scope, limit: 3, ending_before: newestFirst[9] })) seen.push(secret.id);
      assert.deepEqual(seen, newestFirst.slice(0, 9).reverse());
    });

    it('pages by hand with starting_after and ending_before', async () => {
      const pages: string[][] = [];
      let page = await stripe.apps.secrets.list({ scope, limit: 3 });
      pages.push(page.data.map((s) => s.id));
      while (page.has_more) {
        page = await stripe.apps.secrets.list({ scope, limit: 3, starting_after: page.data[page.data.length - 1].id });
        pages.push(page.data.map((s) => s.id));
      }
      assert.deepEqual(
        pages.map((p) => p.length),
        [3, 3, 3, 1],
      );
      assert.deepEqual(pages.flat(), newestFirst);

      const back = await stripe.apps.secrets.list({ scope, limit: 3, ending_before: pages[2][0] });
      assert.deepEqual(
        back.data.map((s) => s.id),
        pages[1],
      );
      assert.equal(back.has_more, true);
    });
  });

  it('acts on another account with a per-request stripeAccount', async () => {
    const other = 'acct_1FidelityOther00';
    await stripe.apps.secrets.create({ name: 'connected', payload: 'theirs', scope: account }, { stripeAccount: other });
    const found = await stripe.apps.secrets.find({ name: 'connected', scope: account, expand: ['payload'] }, { stripeAccount: other });
    assert.equal(found.payload, 'theirs');
    await assert.rejects(stripe.apps.secrets.find({ name: 'connected', scope: account }), Stripe.errors.StripeInvalidRequestError);
    assert.equal(emu.requests().at(-2)?.stripeAccount, other);
  });

  describe('errors arrive as the right SDK class', () => {
    const requestId = /^req_/;

    it('404 -> StripeInvalidRequestError resource_missing', async () => {
      await assert.rejects(stripe.apps.secrets.find({ name: 'nope', scope: account }), (e: unknown) => {
        assert.ok(e instanceof Stripe.errors.StripeInvalidRequestError);
        assert.equal(e.statusCode, 404);
        assert.equal(e.code, 'resource_missing');
        assert.equal(e.message, "No such secret: 'nope'");
        assert.match(e.requestId ?? '', requestId);
        return true;
      });
      await assert.rejects(stripe.apps.secrets.deleteWhere({ name: 'nope', scope: account }), Stripe.errors.StripeInvalidRequestError);
    });

    it('401 -> StripeAuthenticationError', async () => {
      await assert.rejects(client('sk_test_bad-key-for-fidelity-1234').apps.secrets.list({ scope: account }), (e: unknown) => {
        assert.ok(e instanceof Stripe.errors.StripeAuthenticationError);
        assert.equal(e.statusCode, 401);
        assert.equal(e.message, 'Invalid API Key provided: sk_test_****1234');
        assert.match(e.requestId ?? '', requestId);
        return true;
      });
    });

    it('403 bad Stripe-Account -> StripePermissionError', async () => {
      await assert.rejects(stripe.apps.secrets.list({ scope: account }, { stripeAccount: 'not_an_account' }), (e: unknown) => {
        assert.ok(e instanceof Stripe.errors.StripePermissionError);
        assert.equal(e.code, 'account_invalid');
        return true;
      });
    });

    it('429 -> StripeRateLimitError, not retried by the SDK', async () => {
      const retrying = client(emu.testKey, { maxNetworkRetries: 2 });
      emu.injectFault({ kind: 'status', status: 429 });
      const before = emu.requests().length;
      await assert.rejects(retrying.apps.secrets.list({ scope: account }), (e: unknown) => {
        assert.ok(e instanceof Stripe.errors.StripeRateLimitError);
        assert.equal(e.statusCode, 429);
        assert.equal(e.code, 'rate_limit');
        assert.match(e.requestId ?? '', requestId);
        return true;
      });
      assert.equal(emu.requests().length - before, 1);

      emu.setRateLimit({ ratePerSecond: 0.001, burst: 1 });
      await stripe.apps.secrets.list({ scope: account });
      await assert.rejects(stripe.apps.secrets.list({ scope: account }), Stripe.errors.StripeRateLimitError);
    });

    it('400 parameter_unknown and parameter_missing -> StripeInvalidRequestError', async () => {
      const params = { scope: account, colour: 'red' } as unknown as Stripe.Apps.SecretListParams;
      await assert.rejects(stripe.apps.secrets.list(params), (e: unknown) => {
        assert.ok(e instanceof Stripe.errors.StripeInvalidRequestError);
        assert.equal(e.statusCode, 400);
        assert.equal(e.code, 'parameter_unknown');
        assert.equal(e.param, 'colour');
        return true;
      });
      const missing = { name: 'x', scope: account } as unknown as Stripe.Apps.SecretCreateParams;
      await assert.rejects(
        stripe.apps.secrets.create(missing),
        (e: unknown) => e instanceof Stripe.errors.StripeInvalidRequestError && e.code === 'parameter_missing' && e.param === 'payload',
      );
    });

    it('the 11th secret in a scope -> StripeInvalidRequestError', async () => {
      const scope = user('usr_FidelityFull');
      for (let i = 0; i < 10; i++) await stripe.apps.secrets.create({ name: `f${i}`, payload: 'v', scope });
      await assert.rejects(
        stripe.apps.secrets.create({ name: 'f10', payload: 'v', scope }),
        (e: unknown) => e instanceof Stripe.errors.StripeInvalidRequestError && e.statusCode === 400,
      );
      const replaced = await stripe.apps.secrets.create({ name: 'f0', payload: 'new', scope, expand: ['payload'] });
      assert.equal(replaced.payload, 'new');
    });

    it('same Idempotency-Key: replay with the same params, StripeIdempotencyError with others', async () => {
      const scope = user('usr_FidelityIdem');
      const first = await stripe.apps.secrets.create({ name: 'once', payload: 'v', scope }, { idempotencyKey: 'fidelity-idem' });
      const replay = await stripe.apps.secrets.create({ name: 'once', payload: 'v', scope }, { idempotencyKey: 'fidelity-idem' });
      // A replace would have issued a new id: the same id means the first response was replayed.
      assert.equal(replay.id, first.id);
      assert.deepEqual(
        emu
          .requests()
          .slice(-2)
          .map((r) => r.status),
        [200, 200],
      );
      await assert.rejects(
        stripe.apps.secrets.create({ name: 'once', payload: 'other', scope }, { idempotencyKey: 'fidelity-idem' }),
        (e: unknown) => {
          assert.ok(e instanceof Stripe.errors.StripeIdempotencyError);
          assert.equal(e.statusCode, 400);
          assert.match(e.requestId ?? '', requestId);
          return true;
        },
      );
    });

    it('500 on set is retried with the same Idempotency-Key and writes once', async () => {
      const scope = user('usr_FidelityRetry');
      const retrying = client(emu.testKey, { maxNetworkRetries: 1 });
      emu.injectFault({ kind: 'status', status: 500 });
      const before = emu.requests().length;
      const secret = await retrying.apps.secrets.create({ name: 'retried', payload: 'v', scope });
      const attempts = emu.requests().slice(before);
      assert.deepEqual(
        attempts.map((r) => r.status),
        [500, 200],
      );
      assert.ok(attempts[0].idempotencyKey);
      assert.equal(attempts[1].idempotencyKey, attempts[0].idempotencyKey);
      assert.deepEqual(
        emu
          .secrets('test')
          .filter((s) => s.scope.type === 'user' && s.scope.user === scope.user)
          .map((s) => s.id),
        [secret.id],
      );
    });

    it('500 on every try -> StripeAPIError after the SDK retries', async () => {
      const retrying = client(emu.testKey, { maxNetworkRetries: 1 });
      emu.injectFault({ kind: 'status', status: 500, count: 2 });
      const before = emu.requests().length;
      await assert.rejects(retrying.apps.secrets.list({ scope: account }), (e: unknown) => {
        assert.ok(e instanceof Stripe.errors.StripeAPIError);
        assert.equal(e.statusCode, 500);
        assert.match(e.requestId ?? '', requestId);
        return true;
      });
      assert.equal(emu.requests().length - before, 2);
    });

    it('a reset connection, a hang and a malformed body -> connection/API errors', async () => {
      // stripe-node retries a closed connection once even with maxNetworkRetries 0 (RequestSender._shouldRetry).
      emu.injectFault({ kind: 'reset' });
      await stripe.apps.secrets.list({ scope: account });
      emu.injectFault({ kind: 'reset', count: 2 });
      await assert.rejects(stripe.apps.secrets.list({ scope: account }), Stripe.errors.StripeConnectionError);
      emu.injectFault({ kind: 'hang' });
      await assert.rejects(stripe.apps.secrets.list({ scope: account }, { timeout: 200 }), Stripe.errors.StripeConnectionError);
      emu.injectFault({ kind: 'malformed' });
      await assert.rejects(stripe.apps.secrets.list({ scope: account }), Stripe.errors.StripeAPIError);
    });
  });
});
