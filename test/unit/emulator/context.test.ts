import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startEmulator } from '../../../src/emulator';
import type { EmulatorHandle } from '../../../src/emulator';
import { SlidingWindow, TokenBucket } from '../../../src/emulator/rateLimiter';
import { ACCOUNT, call, KEY, SECRETS, setSecret } from './helpers';

const ORG_KEY = 'sk_org_test_' + 'emulatorUnitOrgKey0000000001';
const ORG_LIVE_KEY = 'sk_org_live_' + 'emulatorUnitOrgKey0000000002';

describe('emulator: Stripe-Context and organization keys', () => {
  let emu: EmulatorHandle;
  before(async () => {
    emu = await startEmulator();
  });
  after(() => emu.close());

  const findIn = (key: string, headers: Record<string, string>) =>
    call(emu, 'GET', `${SECRETS}/find`, { key, params: `name=shared&${ACCOUNT}&expand[]=payload`, headers });

  it('an organization key without Stripe-Context is refused with a Stripe-shaped 400 that masks the key', async () => {
    const res = await call(emu, 'GET', SECRETS, { key: ORG_KEY, params: ACCOUNT });
    assert.equal(res.status, 400);
    assert.equal(res.json.error.type, 'invalid_request_error');
    assert.equal(res.json.error.code, 'stripe_context_required');
    assert.match(res.json.error.message, /organization API key \(sk_org_\*\*\*\*0001\) must include the Stripe-Context header/);
    assert.equal(res.text.includes('emulatorUnitOrgKey'), false);
    assert.match(res.headers.get('request-id') ?? '', /^req_/);
    // Stripe-Account is not enough: the context is what names the account.
    assert.equal(
      (await call(emu, 'GET', SECRETS, { key: ORG_KEY, params: ACCOUNT, headers: { 'Stripe-Account': 'acct_1AAAAAAAAAAAAAAA' } })).status,
      400,
    );
  });

  it('a Stripe-Context path acts on its last account, each with its own store, shared with Stripe-Account for that account', async () => {
    await setSecret(emu, 'shared', 'for b', ACCOUNT, {
      key: ORG_KEY,
      headers: { 'Stripe-Context': 'acct_1Platform000000/acct_1BBBBBBBBBBBBBBB' },
    });
    await setSecret(emu, 'shared', 'for c', ACCOUNT, { key: ORG_KEY, headers: { 'Stripe-Context': 'acct_1CCCCCCCCCCCCCCC' } });
    assert.equal((await findIn(ORG_KEY, { 'Stripe-Context': 'acct_1BBBBBBBBBBBBBBB' })).json.payload, 'for b');
    assert.equal((await findIn(ORG_KEY, { 'Stripe-Context': 'acct_1CCCCCCCCCCCCCCC' })).json.payload, 'for c');
    assert.equal((await findIn(KEY, { 'Stripe-Account': 'acct_1BBBBBBBBBBBBBBB' })).json.payload, 'for b');
    assert.equal((await findIn(KEY, {})).status, 404, "the key's own account has nothing");
    assert.equal(emu.secrets('test', 'acct_1BBBBBBBBBBBBBBB').length, 1);
  });

  it('Stripe-Context supersedes Stripe-Account', async () => {
    const res = await findIn(KEY, { 'Stripe-Context': 'acct_1CCCCCCCCCCCCCCC', 'Stripe-Account': 'acct_1BBBBBBBBBBBBBBB' });
    assert.equal(res.json.payload, 'for c');
  });

  it('a context the key cannot reach (not an account path, or too deep) is a 403 account_invalid that never echoes a key', async () => {
    for (const context of ['cus_123', 'acct_1A/', 'acct_1A//acct_1B', 'acct_1A/acct_1B/acct_1C/acct_1D', KEY]) {
      const res = await findIn(ORG_KEY, { 'Stripe-Context': context });
      assert.equal(res.status, 403, context);
      assert.equal(res.json.error.code, 'account_invalid');
      assert.equal(res.text.includes('emulatorUnitOrgKey'), false);
      assert.equal(res.text.includes(KEY.slice(8)), false);
    }
  });

  it("an organization key's mode is the emulator's to say: sk_org_live_ acts in live mode", async () => {
    await setSecret(emu, 'shared', 'live b', ACCOUNT, { key: ORG_LIVE_KEY, headers: { 'Stripe-Context': 'acct_1BBBBBBBBBBBBBBB' } });
    assert.equal(emu.secrets('live', 'acct_1BBBBBBBBBBBBBBB').length, 1);
    const res = await findIn(ORG_LIVE_KEY, { 'Stripe-Context': 'acct_1BBBBBBBBBBBBBBB' });
    assert.equal(res.json.livemode, true);
  });
});

describe('emulator: the accounts one key reaches', () => {
  const A = 'acct_1AAAAAAAAAAAAAAA';
  const B = 'acct_1BBBBBBBBBBBBBBB';
  const PLATFORM = 'acct_1Platform000000';
  const OUTSIDE = 'acct_1ZZZZZZZZZZZZZZZ';
  let emu: EmulatorHandle;
  before(async () => {
    emu = await startEmulator({ reachableAccounts: [A, B, PLATFORM] });
  });
  after(() => emu.close());

  it('each account reached, through Stripe-Account with an account key or Stripe-Context with an organization key, has its own store', async () => {
    assert.equal((await setSecret(emu, 'token', 'a by account', ACCOUNT, { headers: { 'Stripe-Account': A } })).status, 200);
    assert.equal(
      (await setSecret(emu, 'token', 'b by context', ACCOUNT, { key: ORG_KEY, headers: { 'Stripe-Context': `${PLATFORM}/${B}` } })).status,
      200,
    );
    const payloadIn = async (key: string, headers: Record<string, string>) =>
      (await call(emu, 'GET', `${SECRETS}/find`, { key, params: `name=token&${ACCOUNT}&expand[]=payload`, headers })).json.payload;
    assert.equal(await payloadIn(ORG_KEY, { 'Stripe-Context': A }), 'a by account');
    assert.equal(await payloadIn(KEY, { 'Stripe-Account': B }), 'b by context');
    assert.equal(emu.secrets('test', A).length, 1);
    assert.equal(emu.secrets('test', B).length, 1);
    assert.equal(emu.secrets('test', PLATFORM).length, 0, 'a context acts on its last account only');
  });

  it('an account the key does not reach is a Stripe-shaped 403 account_invalid, by either header and anywhere in a path', async () => {
    const cases: Array<[string, Record<string, string>]> = [
      [KEY, { 'Stripe-Account': OUTSIDE }],
      [ORG_KEY, { 'Stripe-Context': OUTSIDE }],
      [ORG_KEY, { 'Stripe-Context': `${OUTSIDE}/${B}` }],
      [KEY, { 'Stripe-Context': `${PLATFORM}/${OUTSIDE}` }],
    ];
    for (const [key, headers] of cases) {
      const res = await call(emu, 'GET', SECRETS, { key, params: ACCOUNT, headers });
      assert.equal(res.status, 403, JSON.stringify(headers));
      assert.equal(res.json.error.type, 'invalid_request_error');
      assert.equal(res.json.error.code, 'account_invalid');
      assert.match(res.json.error.message, /does not have access to account/);
      assert.match(res.headers.get('request-id') ?? '', /^req_/);
      assert.equal(res.text.includes('emulatorUnitOrgKey'), false);
    }
  });

  it("every secret listed carries the organization key's mode, so a client reads the mode from what Stripe returns", async () => {
    await setSecret(emu, 'mode', 'live', ACCOUNT, { key: ORG_LIVE_KEY, headers: { 'Stripe-Context': A } });
    const live = await call(emu, 'GET', SECRETS, { key: ORG_LIVE_KEY, params: ACCOUNT, headers: { 'Stripe-Context': A } });
    assert.ok(live.json.data.length > 0);
    assert.ok(live.json.data.every((s: { livemode: boolean }) => s.livemode === true));
    const test = await call(emu, 'GET', SECRETS, { key: ORG_KEY, params: ACCOUNT, headers: { 'Stripe-Context': A } });
    assert.ok(test.json.data.length > 0);
    assert.ok(test.json.data.every((s: { livemode: boolean }) => s.livemode === false));
  });
});

describe('emulator: rate limit counted per account acted on', () => {
  it('a sliding window refuses the request over the rate within any second, per account, and frees as requests leave it', async () => {
    let now = 1_000_000;
    const emu = await startEmulator({ now: () => now, rateLimit: { kind: 'sliding-window', ratePerSecond: 2 } });
    try {
      const list = (headers: Record<string, string>) => call(emu, 'GET', SECRETS, { params: ACCOUNT, headers });
      const a = { 'Stripe-Context': 'acct_1AAAAAAAAAAAAAAA' };
      const b = { 'Stripe-Account': 'acct_1BBBBBBBBBBBBBBB' };
      assert.equal((await list(a)).status, 200);
      now += 600;
      assert.equal((await list(a)).status, 200);
      assert.equal((await list(a)).status, 429);
      assert.equal((await list(b)).status, 200, 'another account has its own window');
      assert.equal(
        (await list({ 'Stripe-Account': 'acct_1AAAAAAAAAAAAAAA' })).status,
        429,
        'the same account through Stripe-Account shares it',
      );
      now += 400;
      assert.equal((await list(a)).status, 200, 'the first request left the window');
      assert.equal((await list(a)).status, 429);
    } finally {
      await emu.close();
    }
  });
});

describe('rate limiter shapes (injected clock)', () => {
  it('a token bucket lets a burst through at once and then the rate; a sliding window lets the whole rate through at once, then nothing for a second', () => {
    let now = 0;
    const bucket = new TokenBucket(10, 2, () => now);
    const window = new SlidingWindow(10, () => now);
    const taken = (l: { tryTake(): boolean }, n: number) => Array.from({ length: n }, () => l.tryTake()).filter(Boolean).length;
    assert.equal(taken(bucket, 10), 2);
    assert.equal(taken(window, 10), 10);
    now = 500;
    assert.equal(taken(bucket, 10), 2, 'refilled to its burst, not more');
    assert.equal(taken(window, 10), 0, 'still ten within the last second');
    now = 1000;
    assert.equal(taken(window, 11), 10);
  });

  it('a sliding window needs a whole rate of at least one', () => {
    assert.throws(() => new SlidingWindow(0, () => 0), RangeError);
    assert.throws(() => new SlidingWindow(2.5, () => 0), RangeError);
  });
});
