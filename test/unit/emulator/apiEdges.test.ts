/**
 * Edges of the emulator's store logic and parameter parsing that a Stripe client would notice: the overall
 * caps at their bounds, list cursors, expand on every endpoint, integer and string checks, and the
 * fingerprint idempotency compares.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  MAX_ACCOUNTS_PER_MODE,
  MAX_BYTES_TOTAL,
  MAX_SECRETS_TOTAL,
  MAX_USER_SCOPES_PER_STORE,
  SECRETS_PATH,
  SecretStores,
  findRoute,
} from '../../../src/emulator/api';
import { ApiError } from '../../../src/emulator/errors';
import { ParamSyntaxError, canonicalParams, parseParams } from '../../../src/emulator/params';
import type { StoredSecret } from '../../../src/emulator/types';
import { NOW, behaviour, failure, run } from './endpoint';

const ACCOUNT = 'scope[type]=account';

function secret(i: number, scope: StoredSecret['scope'] = { type: 'account' }): StoredSecret {
  return { id: `appsecret_${i}`, name: `s${i}`, scope, payload: `v${i}`, created: NOW - 100 + i, expiresAt: null };
}

function roomError(stores: SecretStores, addSecrets: number, addBytes: number): ApiError | undefined {
  try {
    stores.checkRoom(addSecrets, addBytes);
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  return undefined;
}

describe('emulator overall cap, by default', () => {
  it(`allows exactly ${MAX_SECRETS_TOTAL} secrets and ${MAX_BYTES_TOTAL} bytes, and answers emulator_store_limit past either`, () => {
    const stores = new SecretStores(() => NOW * 1000);
    assert.equal(roomError(stores, MAX_SECRETS_TOTAL, 0), undefined);
    assert.equal(roomError(stores, 0, MAX_BYTES_TOTAL), undefined, 'exactly the byte cap fits');
    for (const [secrets, bytes] of [
      [MAX_SECRETS_TOTAL + 1, 0],
      [0, MAX_BYTES_TOTAL + 1],
    ]) {
      const error = roomError(stores, secrets, bytes);
      assert.ok(error, `${secrets} secrets, ${bytes} bytes`);
      assert.equal(error.body.code, 'emulator_store_limit');
      assert.equal(error.body.doc_url, 'https://stripe.com/docs/error-codes/emulator-store-limit');
    }
  });
});

describe('emulator account cap', () => {
  it(`does not count the key's own account among the ${MAX_ACCOUNTS_PER_MODE} Stripe-Account values`, () => {
    const stores = new SecretStores(() => NOW * 1000);
    stores.get('test');
    for (let i = 0; i < MAX_ACCOUNTS_PER_MODE; i++) stores.get('test', `acct_${i}`);
    assert.throws(() => stores.get('test', 'acct_over'), /at most 100 Stripe-Account values per mode/);
  });
});

describe('emulator user-scope cap', () => {
  it(`counts only user scopes toward ${MAX_USER_SCOPES_PER_STORE}, not account-scoped secrets`, () => {
    const store = Array.from({ length: MAX_USER_SCOPES_PER_STORE - 1 }, (_, i) => secret(i, { type: 'user', user: `usr_${i}` }));
    store.push(secret(MAX_USER_SCOPES_PER_STORE));
    const added = run('POST', SECRETS_PATH, 'name=a&payload=v&scope[type]=user&scope[user]=usr_last', store);
    assert.deepEqual(added.scope, { type: 'user', user: 'usr_last' });
    const over = failure('POST', SECRETS_PATH, 'name=a&payload=v&scope[type]=user&scope[user]=usr_over', store);
    assert.deepEqual([over.body.code, over.body.param], ['emulator_user_scope_limit', 'scope[user]']);
  });
});

describe('emulator routes', () => {
  it('routes POST only to the secrets path, /delete, and nothing else', () => {
    for (const path of [`${SECRETS_PATH}/other`, `${SECRETS_PATH}/find`, '/v1/apps/secret', '/v1/customers']) {
      assert.equal(findRoute('POST', path), undefined, path);
    }
    assert.ok(findRoute('POST', `${SECRETS_PATH}/delete`));
  });
});

describe('emulator list cursors', () => {
  it('says has_more after starting_after while older secrets are left, and not on the last page', () => {
    const store = [secret(1), secret(2), secret(3), secret(4)];
    const first = run('GET', SECRETS_PATH, `${ACCOUNT}&limit=1&starting_after=appsecret_4`, store);
    assert.deepEqual(
      first.data.map((s: { id: string }) => s.id),
      ['appsecret_3'],
    );
    assert.equal(first.has_more, true);
    const last = run('GET', SECRETS_PATH, `${ACCOUNT}&limit=2&starting_after=appsecret_3`, store);
    assert.deepEqual(
      last.data.map((s: { id: string }) => s.id),
      ['appsecret_2', 'appsecret_1'],
    );
    assert.equal(last.has_more, false);
  });

  it('reports both cursors as parameters_exclusive on ending_before', () => {
    const store = [secret(1), secret(2)];
    const error = failure('GET', SECRETS_PATH, `${ACCOUNT}&starting_after=appsecret_1&ending_before=appsecret_2`, store);
    assert.deepEqual([error.body.code, error.body.param], ['parameters_exclusive', 'ending_before']);
  });
});

describe('emulator expand', () => {
  // Any text that names no expandable property, including free text a client might send by mistake.
  const unknownProperties = ['payload', 'name', 'data', 'free text', 'x'];

  it('refuses every expansion on delete, whose answer never holds a payload, naming the property', () => {
    for (const property of unknownProperties) {
      const store = [secret(1)];
      const error = failure('POST', `${SECRETS_PATH}/delete`, `name=s1&${ACCOUNT}&expand[]=${encodeURIComponent(property)}`, store);
      assert.deepEqual([error.message, error.body.param], [`This property cannot be expanded (${property}).`, 'expand'], property);
      assert.equal(store.length, 1, 'nothing deleted');
    }
    const deleted = run('POST', `${SECRETS_PATH}/delete`, `name=s1&${ACCOUNT}&expand=`, [secret(1)]);
    assert.equal(deleted.deleted, true, 'an empty expand asks for nothing');
  });

  it('refuses every expansion on list when list payload expansion is off', () => {
    const off = { behaviour: { ...behaviour, allowListPayloadExpand: false } };
    for (const property of [...unknownProperties, 'data.payload']) {
      const error = failure('GET', SECRETS_PATH, `${ACCOUNT}&expand[]=${encodeURIComponent(property)}`, [secret(1)], off);
      assert.equal(error.message, `This property cannot be expanded (${property}).`, property);
    }
  });

  it('wants expand as an array: a plain value is an Invalid array', () => {
    const error = failure('GET', `${SECRETS_PATH}/find`, `name=s1&${ACCOUNT}&expand=payload`, [secret(1)]);
    assert.deepEqual([error.message, error.body.param], ['Invalid array', 'expand']);
  });
});

describe('emulator parameter checks', () => {
  it('refuses an array where an integer is wanted, as it does a hash', () => {
    const limit = failure('GET', SECRETS_PATH, `${ACCOUNT}&limit[]=5`, [secret(1)]);
    assert.deepEqual([limit.message, limit.body.code, limit.body.param], ['Invalid integer: a hash', 'parameter_invalid_integer', 'limit']);
    const expiry = failure('POST', SECRETS_PATH, `name=a&payload=v&${ACCOUNT}&expires_at[0]=${NOW + 60}`);
    assert.deepEqual([expiry.message, expiry.body.param], ['Invalid integer: a hash', 'expires_at']);
  });

  it('names the parameter and its limit when a name or payload is too long, counting characters', () => {
    const name = failure('POST', SECRETS_PATH, `name=${'n'.repeat(5001)}&payload=v&${ACCOUNT}`);
    assert.deepEqual([name.message, name.body.param], ['Invalid name: must be at most 5000 characters', 'name']);
    const payload = failure('POST', SECRETS_PATH, `name=a&payload=${encodeURIComponent('😀'.repeat(5001))}&${ACCOUNT}`);
    assert.deepEqual([payload.message, payload.body.param], ['Invalid payload: must be at most 5000 characters', 'payload']);
    const fits = run('POST', SECRETS_PATH, `name=a&payload=${encodeURIComponent('😀'.repeat(5000))}&${ACCOUNT}&expand[]=payload`);
    assert.equal(fits.payload, '😀'.repeat(5000), '5000 characters of two UTF-16 units each fit');
  });
});

describe('emulator form parsing', () => {
  it('says what is wrong with bad percent-encoding', () => {
    assert.throws(
      () => parseParams('name=%ZZ'),
      (e: unknown) => e instanceof ParamSyntaxError && e.message === 'Invalid request: the parameters are not valid URL encoding.',
    );
  });

  it('reads a zero-padded index as the same array element', () => {
    const parsed = JSON.parse(JSON.stringify(parseParams('a[1][b]=1&a[01][c]=2')));
    assert.deepEqual(parsed, { a: [null, { b: '1', c: '2' }] });
  });

  it('fingerprints arrays by their elements, in order', () => {
    const fingerprint = (query: string) => canonicalParams(parseParams(query));
    assert.equal(fingerprint('expand[]=a&expand[]=b'), '{"expand":["a","b"]}');
    assert.equal(fingerprint('expand[2]=b&expand[0]=a'), '{"expand":["a","b"]}', 'gaps are skipped');
    assert.notEqual(fingerprint('expand[]=payload'), fingerprint('expand[]=name'));
    assert.notEqual(fingerprint('expand[]=a&expand[]=b'), fingerprint('expand[]=b&expand[]=a'));
  });
});
