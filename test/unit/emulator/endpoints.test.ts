import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { SECRET_LIMIT_CODE, startEmulator } from '../../../src/emulator';
import type { EmulatorHandle } from '../../../src/emulator';
import { ACCOUNT, call, manualClock, SECRETS, setSecret, userScope } from './helpers';

describe('emulator endpoints', () => {
  let emu: EmulatorHandle;
  const clock = manualClock();

  before(async () => {
    emu = await startEmulator({ now: clock.now });
  });
  after(() => emu.close());
  beforeEach(() => {
    emu.secrets('test').length = 0;
  });

  it('creates a secret and answers the Stripe object without payload', async () => {
    const res = await setSecret(emu, 'slack token', 'v1');
    assert.equal(res.status, 200);
    assert.match(res.json.id, /^appsecret_[A-Za-z0-9]{20,}$/);
    assert.deepEqual(
      { ...res.json, id: 'x' },
      {
        id: 'x',
        object: 'apps.secret',
        created: clock.seconds(),
        expires_at: null,
        livemode: false,
        name: 'slack token',
        scope: { type: 'account' },
      },
    );
    assert.equal('payload' in res.json, false);
    assert.match(res.headers.get('request-id') ?? '', /^req_[A-Za-z0-9]+$/);
  });

  it('reveals the payload with expand[]=payload on set and find', async () => {
    const set = await setSecret(emu, 'k', 'secret value', `${ACCOUNT}&expand[]=payload`);
    assert.equal(set.json.payload, 'secret value');
    const found = await call(emu, 'GET', `${SECRETS}/find`, { params: `name=k&${ACCOUNT}&expand[0]=payload` });
    assert.equal(found.status, 200);
    assert.equal(found.json.payload, 'secret value');
    const hidden = await call(emu, 'GET', `${SECRETS}/find`, { params: `name=k&${ACCOUNT}` });
    assert.equal('payload' in hidden.json, false);
  });

  it('replaces on (name, scope): new id and created, new payload; an omitted expires_at keeps the expiry, an empty one clears it', async () => {
    const expiry = clock.seconds() + 3600;
    const first = await setSecret(emu, 'k', 'old', `${ACCOUNT}&expires_at=${expiry}`);
    clock.advance(5000);
    const second = await setSecret(emu, 'k', 'new', `${ACCOUNT}&expand[]=payload`);
    assert.notEqual(second.json.id, first.json.id);
    assert.equal(second.json.created, clock.seconds());
    assert.equal(second.json.expires_at, expiry);
    assert.equal(second.json.payload, 'new');
    const third = await setSecret(emu, 'k', 'newer', `${ACCOUNT}&expires_at=`);
    assert.equal(third.json.expires_at, null);
    assert.equal(emu.secrets('test').length, 1);
  });

  it('keeps the same name in different scopes apart', async () => {
    await setSecret(emu, 'token', 'a');
    await setSecret(emu, 'token', 'b', userScope('usr_1'));
    await setSecret(emu, 'token', 'c', userScope('usr_2'));
    const found = await call(emu, 'GET', `${SECRETS}/find`, { params: `name=token&${userScope('usr_2')}&expand[]=payload` });
    assert.equal(found.json.payload, 'c');
    assert.deepEqual(found.json.scope, { type: 'user', user: 'usr_2' });
    const list = await call(emu, 'GET', SECRETS, { params: userScope('usr_1') });
    assert.deepEqual(
      list.json.data.map((s: { name: string }) => s.name),
      ['token'],
    );
  });

  it('lists one scope as a Stripe list, newest first', async () => {
    for (const name of ['a', 'b', 'c']) {
      await setSecret(emu, name, 'v');
      clock.advance(1000);
    }
    await setSecret(emu, 'other', 'v', userScope('usr_1'));
    const res = await call(emu, 'GET', SECRETS, { params: ACCOUNT });
    assert.equal(res.status, 200);
    assert.equal(res.json.object, 'list');
    assert.equal(res.json.url, SECRETS);
    assert.equal(res.json.has_more, false);
    assert.deepEqual(
      res.json.data.map((s: { name: string }) => s.name),
      ['c', 'b', 'a'],
    );
    assert.equal(
      res.json.data.some((s: object) => 'payload' in s),
      false,
    );
    const revealed = await call(emu, 'GET', SECRETS, { params: `${ACCOUNT}&expand[]=data.payload` });
    assert.deepEqual(
      revealed.json.data.map((s: { payload: string }) => s.payload),
      ['v', 'v', 'v'],
    );
  });

  it('deletes by name and scope, answering deleted: true, then 404', async () => {
    const created = await setSecret(emu, 'gone', 'v');
    const res = await call(emu, 'POST', `${SECRETS}/delete`, { params: `name=gone&${ACCOUNT}` });
    assert.equal(res.status, 200);
    assert.equal(res.json.id, created.json.id);
    assert.equal(res.json.object, 'apps.secret');
    assert.equal(res.json.deleted, true);
    assert.equal('payload' in res.json, false);
    const again = await call(emu, 'POST', `${SECRETS}/delete`, { params: `name=gone&${ACCOUNT}` });
    assert.equal(again.status, 404);
    assert.deepEqual(again.json.error.code, 'resource_missing');
    assert.equal(again.json.error.message, "No such secret: 'gone'");
  });

  it('answers 404 resource_missing on find of a missing secret, with a Request-Id', async () => {
    const res = await call(emu, 'GET', `${SECRETS}/find`, { params: `name=nope&${ACCOUNT}` });
    assert.equal(res.status, 404);
    assert.deepEqual(res.json.error, {
      type: 'invalid_request_error',
      code: 'resource_missing',
      message: "No such secret: 'nope'",
      doc_url: 'https://stripe.com/docs/error-codes/resource-missing',
    });
    assert.match(res.headers.get('request-id') ?? '', /^req_/);
  });

  describe('the 10-per-scope limit', () => {
    it('refuses the 11th name with a Stripe-shaped 400, but replaces at the limit', async () => {
      for (let i = 0; i < 10; i++) assert.equal((await setSecret(emu, `s${i}`, 'v')).status, 200);
      const eleventh = await setSecret(emu, 's10', 'v');
      assert.equal(eleventh.status, 400);
      assert.equal(eleventh.json.error.type, 'invalid_request_error');
      assert.equal(eleventh.json.error.code, SECRET_LIMIT_CODE);
      assert.equal(eleventh.json.error.param, 'name');
      assert.equal((await setSecret(emu, 's3', 'replaced')).status, 200);
      assert.equal((await setSecret(emu, 's10', 'v', userScope('usr_1'))).status, 200, 'other scopes have their own 10');
      await call(emu, 'POST', `${SECRETS}/delete`, { params: `name=s0&${ACCOUNT}` });
      assert.equal((await setSecret(emu, 's10', 'v')).status, 200);
    });
  });

  describe('expiry', () => {
    it('validates expires_at: integer, future, at most 100 years ahead', async () => {
      const now = clock.seconds();
      const cases: Array<[string, string | undefined]> = [
        ['abc', 'parameter_invalid_integer'],
        ['1.5', 'parameter_invalid_integer'],
        [String(now - 1), undefined],
        [String(now), undefined],
        [String(now + 101 * 365 * 86400), undefined],
      ];
      for (const [value, code] of cases) {
        const res = await setSecret(emu, 'k', 'v', `${ACCOUNT}&expires_at=${value}`);
        assert.equal(res.status, 400, value);
        assert.equal(res.json.error.param, 'expires_at');
        assert.equal(res.json.error.code, code);
      }
      assert.equal((await setSecret(emu, 'k', 'v', `${ACCOUNT}&expires_at=${now + 99 * 365 * 86400}`)).status, 200);
      assert.equal((await setSecret(emu, 'k2', 'v', `${ACCOUNT}&expires_at=`)).json.expires_at, null);
    });

    it('makes a secret vanish once its expiry passes, on every access', async () => {
      const at = clock.seconds() + 60;
      await setSecret(emu, 'short', 'v', `${ACCOUNT}&expires_at=${at}`);
      clock.advance(59_000);
      assert.equal((await call(emu, 'GET', `${SECRETS}/find`, { params: `name=short&${ACCOUNT}` })).status, 200);
      clock.advance(1_000);
      assert.equal((await call(emu, 'GET', `${SECRETS}/find`, { params: `name=short&${ACCOUNT}` })).status, 404);
      assert.equal((await call(emu, 'GET', SECRETS, { params: ACCOUNT })).json.data.length, 0);
      assert.equal(emu.secrets('test').length, 0);
    });

    it('frees the slot of an expired secret for the 10 limit', async () => {
      for (let i = 0; i < 9; i++) await setSecret(emu, `s${i}`, 'v');
      await setSecret(emu, 'temp', 'v', `${ACCOUNT}&expires_at=${clock.seconds() + 10}`);
      assert.equal((await setSecret(emu, 'new', 'v')).status, 400);
      clock.advance(10_000);
      assert.equal((await setSecret(emu, 'new', 'v')).status, 200);
    });
  });

  describe('paging', () => {
    let ids: string[];
    beforeEach(async () => {
      for (let i = 0; i < 10; i++) {
        await setSecret(emu, `s${i}`, 'v');
        clock.advance(1000);
      }
      // Newest first: s9 ... s0.
      ids = (await call(emu, 'GET', SECRETS, { params: `${ACCOUNT}&limit=100` })).json.data.map((s: { id: string }) => s.id);
      assert.equal(ids.length, 10);
    });
    const names = (res: { json: { data: Array<{ name: string }> } }) => res.json.data.map((s) => s.name);

    it('defaults to 10 and pages forward with starting_after', async () => {
      const all = await call(emu, 'GET', SECRETS, { params: ACCOUNT });
      assert.equal(all.json.data.length, 10);
      assert.equal(all.json.has_more, false);
      const p1 = await call(emu, 'GET', SECRETS, { params: `${ACCOUNT}&limit=3` });
      assert.deepEqual(names(p1), ['s9', 's8', 's7']);
      assert.equal(p1.json.has_more, true);
      const p4 = await call(emu, 'GET', SECRETS, { params: `${ACCOUNT}&limit=3&starting_after=${ids[8]}` });
      assert.deepEqual(names(p4), ['s0']);
      assert.equal(p4.json.has_more, false);
      const exact = await call(emu, 'GET', SECRETS, { params: `${ACCOUNT}&limit=3&starting_after=${ids[6]}` });
      assert.deepEqual(names(exact), ['s2', 's1', 's0']);
      assert.equal(exact.json.has_more, false);
    });

    it('pages backward with ending_before, keeping newest-first order', async () => {
      const p = await call(emu, 'GET', SECRETS, { params: `${ACCOUNT}&limit=3&ending_before=${ids[9]}` });
      assert.deepEqual(names(p), ['s3', 's2', 's1']);
      assert.equal(p.json.has_more, true);
      const top = await call(emu, 'GET', SECRETS, { params: `${ACCOUNT}&limit=3&ending_before=${ids[3]}` });
      assert.deepEqual(names(top), ['s9', 's8', 's7']);
      assert.equal(top.json.has_more, false);
      const none = await call(emu, 'GET', SECRETS, { params: `${ACCOUNT}&ending_before=${ids[0]}` });
      assert.deepEqual(names(none), []);
    });

    it('rejects a bad limit, an unknown cursor and both cursors', async () => {
      for (const limit of ['0', '101', '-1']) {
        const res = await call(emu, 'GET', SECRETS, { params: `${ACCOUNT}&limit=${limit}` });
        assert.equal(res.status, 400, limit);
        assert.equal(res.json.error.param, 'limit');
      }
      assert.equal((await call(emu, 'GET', SECRETS, { params: `${ACCOUNT}&limit=ten` })).json.error.code, 'parameter_invalid_integer');
      const unknown = await call(emu, 'GET', SECRETS, { params: `${ACCOUNT}&starting_after=appsecret_nope` });
      assert.equal(unknown.status, 400);
      assert.equal(unknown.json.error.code, 'resource_missing');
      assert.equal(unknown.json.error.param, 'starting_after');
      const otherScope = await call(emu, 'GET', SECRETS, { params: `${userScope('usr_1')}&ending_before=${ids[0]}` });
      assert.equal(otherScope.json.error.param, 'ending_before');
      const both = await call(emu, 'GET', SECRETS, { params: `${ACCOUNT}&starting_after=${ids[0]}&ending_before=${ids[1]}` });
      assert.equal(both.json.error.code, 'parameters_exclusive');
    });
  });

  describe('parameter errors', () => {
    const cases: Array<[string, 'GET' | 'POST', string, number, string | undefined, string]> = [
      ['unknown param on set', 'POST', `name=a&payload=v&${ACCOUNT}&colour=red`, 400, 'parameter_unknown', 'colour'],
      ['unknown scope key', 'GET', `scope[type]=account&scope[team]=x`, 400, 'parameter_unknown', 'scope[team]'],
      ['user with account scope', 'GET', `scope[type]=account&scope[user]=usr_1`, 400, 'parameter_unknown', 'scope[user]'],
      ['missing scope on list', 'GET', 'limit=3', 400, 'parameter_missing', 'scope'],
      ['missing scope[type]', 'GET', 'scope[user]=usr_1', 400, 'parameter_missing', 'scope[type]'],
      ['missing scope[user]', 'GET', 'scope[type]=user', 400, 'parameter_missing', 'scope[user]'],
      ['bad scope[type]', 'GET', 'scope[type]=team', 400, undefined, 'scope[type]'],
      ['scope as a string', 'GET', 'scope=account', 400, undefined, 'scope'],
      ['missing name on set', 'POST', `payload=v&${ACCOUNT}`, 400, 'parameter_missing', 'name'],
      ['missing payload on set', 'POST', `name=a&${ACCOUNT}`, 400, 'parameter_missing', 'payload'],
      ['empty payload on set', 'POST', `name=a&payload=&${ACCOUNT}`, 400, 'parameter_invalid_empty', 'payload'],
      ['expand a non-expandable field', 'GET', `${ACCOUNT}&expand[]=payload`, 400, undefined, 'expand'],
      ['expand not an array', 'POST', `name=a&payload=v&${ACCOUNT}&expand=payload`, 400, undefined, 'expand'],
    ];
    for (const [title, method, params, status, code, param] of cases) {
      it(title, async () => {
        const res = await call(emu, method, SECRETS, { params });
        assert.equal(res.status, status);
        assert.equal(res.json.error.type, 'invalid_request_error');
        assert.equal(res.json.error.code, code);
        assert.equal(res.json.error.param, param);
        assert.match(res.headers.get('request-id') ?? '', /^req_/);
      });
    }

    it('requires name on find and delete', async () => {
      assert.equal((await call(emu, 'GET', `${SECRETS}/find`, { params: ACCOUNT })).json.error.code, 'parameter_missing');
      assert.equal((await call(emu, 'POST', `${SECRETS}/delete`, { params: ACCOUNT })).json.error.code, 'parameter_missing');
      assert.equal(
        (await call(emu, 'POST', `${SECRETS}/delete`, { params: `name=a&${ACCOUNT}&expand[]=payload` })).json.error.param,
        'expand',
      );
    });

    it('limits name and payload to 5000 characters, without echoing the value', async () => {
      const long = 'x'.repeat(5001);
      const name = await setSecret(emu, long, 'v');
      assert.equal(name.status, 400);
      assert.equal(name.json.error.param, 'name');
      const payload = await setSecret(emu, 'k', `S3CRET${'y'.repeat(4995)}`);
      assert.equal(payload.status, 400);
      assert.equal(payload.json.error.param, 'payload');
      assert.equal(payload.text.includes('S3CRET'), false);
      assert.equal((await setSecret(emu, 'x'.repeat(5000), 'y'.repeat(5000))).status, 200);
      assert.equal((await setSecret(emu, 'emoji', '😀'.repeat(5000))).status, 200, 'counted in characters');
    });

    it('rejects JSON bodies and bad URL encoding', async () => {
      const json = await call(emu, 'POST', SECRETS, { params: '{"name":"a"}', headers: { 'Content-Type': 'application/json' } });
      assert.equal(json.status, 400);
      const bad = await call(emu, 'GET', SECRETS, { params: 'scope[type]=%E0%A4%A' });
      assert.equal(bad.status, 400);
    });

    it('answers an unknown path or method with Unrecognized request URL', async () => {
      for (const [method, path] of [
        ['GET', '/v1/customers'],
        ['DELETE', SECRETS],
        ['GET', `${SECRETS}/delete`],
        ['POST', `${SECRETS}/find`],
      ] as const) {
        const res = await call(emu, method, path);
        assert.equal(res.status, 404, `${method} ${path}`);
        assert.equal(res.json.error.message.startsWith(`Unrecognized request URL (${method}: ${path})`), true);
        assert.match(res.headers.get('request-id') ?? '', /^req_/);
      }
    });
  });
});

describe('emulator behaviour switches', () => {
  it('keepIdOnReplace and keepExpiryOnReplace keep the old id, created and expiry', async () => {
    const clock = manualClock();
    const emu = await startEmulator({ now: clock.now, behaviour: { keepIdOnReplace: true, keepExpiryOnReplace: true } });
    try {
      const expiry = clock.seconds() + 3600;
      const first = await setSecret(emu, 'k', 'old', `${ACCOUNT}&expires_at=${expiry}`);
      clock.advance(5000);
      const second = await setSecret(emu, 'k', 'new', `${ACCOUNT}&expand[]=payload`);
      assert.equal(second.json.id, first.json.id);
      assert.equal(second.json.created, first.json.created);
      assert.equal(second.json.expires_at, expiry);
      assert.equal(second.json.payload, 'new');
    } finally {
      await emu.close();
    }
  });

  it('allowListPayloadExpand: false refuses expand[]=data.payload on list', async () => {
    const emu = await startEmulator({ behaviour: { allowListPayloadExpand: false } });
    try {
      const res = await call(emu, 'GET', SECRETS, { params: `${ACCOUNT}&expand[]=data.payload` });
      assert.equal(res.status, 400);
      assert.equal(res.json.error.param, 'expand');
    } finally {
      await emu.close();
    }
  });
});
