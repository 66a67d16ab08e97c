/**
 * The endpoints of src/emulator/api.ts called directly (no HTTP): parameter checks at their bounds,
 * paging defaults, and the messages Stripe-shaped errors carry.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_ACCOUNTS_PER_MODE, SECRETS_PATH, SecretStores, type ApiContext } from '../../../src/emulator/api';
import type { StoredSecret } from '../../../src/emulator/types';
import { MAX_EXPIRY_SECONDS_AHEAD } from '../../../src/model/types';
import { NOW, behaviour, failure, run } from './endpoint';

const ACCOUNT = 'scope[type]=account';

const set = (query: string, store?: StoredSecret[], extra?: Partial<ApiContext>) => run('POST', SECRETS_PATH, query, store, extra);
const list = (query: string, store?: StoredSecret[]) => run('GET', SECRETS_PATH, query, store);

function secret(i: number, scope: StoredSecret['scope'] = { type: 'account' }): StoredSecret {
  return { id: `appsecret_${i}`, name: `s${i}`, scope, payload: `v${i}`, created: NOW - 100 + i, expiresAt: null };
}

describe('emulator api: set', () => {
  it('works without an overall cap (checkRoom is optional), for a new name and a replace', () => {
    const store: StoredSecret[] = [];
    set(`name=a&payload=v1&${ACCOUNT}`, store);
    const replaced = set(`name=a&payload=v2&${ACCOUNT}&expand[]=payload`, store);
    assert.equal(replaced.payload, 'v2');
    assert.equal(store.length, 1);
  });

  it('keepIdOnReplace takes a new expiry given with the replace', () => {
    const store: StoredSecret[] = [];
    const first = set(`name=a&payload=v1&${ACCOUNT}&expires_at=${NOW + 60}`, store);
    const second = set(`name=a&payload=v2&${ACCOUNT}&expires_at=${NOW + 120}`, store, {
      behaviour: { ...behaviour, keepIdOnReplace: true },
    });
    assert.equal(second.id, first.id);
    assert.equal(second.expires_at, NOW + 120);
    assert.equal(store[0].expiresAt, NOW + 120);
  });

  it('refuses an 11th name with a message naming the limit and the name, as an executed request', () => {
    const store = Array.from({ length: 10 }, (_, i) => secret(i));
    const error = failure('POST', SECRETS_PATH, `name=eleventh&payload=v&${ACCOUNT}`, store);
    assert.equal(error.message, "This scope already holds the maximum of 10 secrets. Delete a secret before adding 'eleventh'.");
    assert.equal(error.executed, true, 'saved for an idempotent replay');
  });

  it('accepts expires_at up to exactly 100 years ahead, and not a second more', () => {
    const limit = NOW + MAX_EXPIRY_SECONDS_AHEAD;
    assert.equal(set(`name=a&payload=v&${ACCOUNT}&expires_at=${limit}`).expires_at, limit);
    const over = failure('POST', SECRETS_PATH, `name=a&payload=v&${ACCOUNT}&expires_at=${limit + 1}`);
    assert.equal(over.message, 'Invalid expires_at: must be at most 100 years in the future');
    const past = failure('POST', SECRETS_PATH, `name=a&payload=v&${ACCOUNT}&expires_at=${NOW}`);
    assert.equal(past.message, 'Invalid expires_at: must be in the future');
    const negative = failure('POST', SECRETS_PATH, `name=a&payload=v&${ACCOUNT}&expires_at=-5`);
    assert.equal(negative.message, 'Invalid expires_at: must be in the future', 'a negative integer is an integer');
  });

  it('reads an integer of up to 15 digits, and names what it refused', () => {
    const cases: Array<[string, string]> = [
      ['abc', 'Invalid integer: abc'],
      ['x5', 'Invalid integer: x5'],
      ['9999999999999999', 'Invalid integer: 9999999999999999'],
      [`${'1'.repeat(101)}`, `Invalid integer: ${'1'.repeat(100)}...`],
    ];
    for (const [value, message] of cases) {
      const error = failure('POST', SECRETS_PATH, `name=a&payload=v&${ACCOUNT}&expires_at=${value}`);
      assert.equal(error.message, message, value);
      assert.deepEqual([error.body.code, error.body.param], ['parameter_invalid_integer', 'expires_at']);
    }
    const hash = failure('POST', SECRETS_PATH, `name=a&payload=v&${ACCOUNT}&expires_at[x]=1`);
    assert.equal(hash.message, 'Invalid integer: a hash');
    assert.equal(failure('POST', SECRETS_PATH, `name=a&payload=v&${ACCOUNT}&expires_at=999999999999999`).body.code, undefined, '15 digits');
  });

  it('wants name and payload as strings, not hashes', () => {
    const error = failure('POST', SECRETS_PATH, `name[a]=b&payload=v&${ACCOUNT}`);
    assert.equal(error.message, 'Invalid name: must be a string');
    assert.equal(error.body.param, 'name');
  });

  it('reveals the value only for expand[]=payload, also when the array has a gap', () => {
    assert.equal(set(`name=a&payload=v&${ACCOUNT}&expand[1]=payload`).payload, 'v');
    assert.equal('payload' in set(`name=a&payload=v&${ACCOUNT}&expand=`), false, 'an empty expand asks for nothing');
    const hash = failure('POST', SECRETS_PATH, `name=a&payload=v&${ACCOUNT}&expand[0][x]=payload`);
    assert.deepEqual([hash.message, hash.body.param], ['Invalid array', 'expand']);
    const other = failure('POST', SECRETS_PATH, `name=a&payload=v&${ACCOUNT}&expand[]=name`);
    assert.equal(other.message, 'This property cannot be expanded (name).');
  });
});

describe('emulator api: scope', () => {
  const cases: Array<[string, string, string | undefined, string]> = [
    ['scope=', "You passed an empty string for 'scope'.", 'parameter_invalid_empty', 'scope'],
    ['scope[type]=', "You passed an empty string for 'scope[type]'.", 'parameter_invalid_empty', 'scope[type]'],
    ['scope[type]=user&scope[user]=', "You passed an empty string for 'scope[user]'.", 'parameter_invalid_empty', 'scope[user]'],
    ['scope[]=account', 'Invalid scope: must be a hash with type (and user).', undefined, 'scope'],
    ['scope[type]=user&scope[user][id]=usr_1', 'Invalid scope[user]: must be a string', undefined, 'scope[user]'],
    ['scope[type]=team', 'Invalid scope[type]: must be one of account or user', undefined, 'scope[type]'],
    [
      'scope[type]=account&scope[user]=usr_1',
      'Received unknown parameter: scope[user]. scope[user] may only be set when scope[type] is user.',
      'parameter_unknown',
      'scope[user]',
    ],
  ];
  for (const [query, message, code, param] of cases) {
    it(`${query}: ${message}`, () => {
      const error = failure('GET', SECRETS_PATH, query);
      assert.ok(error.message.startsWith(message), error.message);
      assert.deepEqual([error.status, error.body.code, error.body.param], [400, code, param]);
    });
  }
});

describe('emulator api: list', () => {
  it('defaults to 10 per page, also for an empty limit, even when more are stored', () => {
    const store = Array.from({ length: 11 }, (_, i) => secret(i));
    for (const query of [ACCOUNT, `${ACCOUNT}&limit=`]) {
      const page = list(query, store);
      assert.equal(page.data.length, 10, query);
      assert.equal(page.has_more, true, query);
      assert.equal(page.data[0].name, 's10', 'newest first');
    }
  });

  it('refuses a limit out of 1-100 with its bounds, a negative one included', () => {
    const error = failure('GET', SECRETS_PATH, `${ACCOUNT}&limit=-1`);
    assert.equal(error.message, 'Invalid limit: must be between 1 and 100');
    assert.equal(error.body.code, undefined);
  });

  it('takes an empty cursor as none, and wants a cursor as a string', () => {
    const store = [secret(1), secret(2)];
    assert.equal(list(`${ACCOUNT}&starting_after=&ending_before=`, store).data.length, 2);
    const hash = failure('GET', SECRETS_PATH, `${ACCOUNT}&starting_after[id]=appsecret_1`, store);
    assert.deepEqual([hash.message, hash.body.param], ['Invalid starting_after: must be a string', 'starting_after']);
  });

  it('says which cursors exclude each other', () => {
    const store = [secret(1), secret(2)];
    const error = failure('GET', SECRETS_PATH, `${ACCOUNT}&starting_after=appsecret_1&ending_before=appsecret_2`, store);
    assert.equal(error.message, 'You may only specify one of these parameters: ending_before, starting_after.');
  });

  it('names an unknown cursor, cut to 100 characters', () => {
    const long = `appsecret_${'x'.repeat(120)}`;
    const error = failure('GET', SECRETS_PATH, `${ACCOUNT}&starting_after=${long}`);
    assert.equal(error.message, `No such secret: '${long.slice(0, 100)}...'`);
  });
});

describe('emulator api: find and delete', () => {
  it('names a missing secret whole up to 100 characters, and cut after', () => {
    const hundred = 'n'.repeat(100);
    assert.equal(failure('GET', `${SECRETS_PATH}/find`, `name=${hundred}&${ACCOUNT}`).message, `No such secret: '${hundred}'`);
    assert.equal(failure('POST', `${SECRETS_PATH}/delete`, `name=${hundred}x&${ACCOUNT}`).message, `No such secret: '${hundred}...'`);
  });

  it('deletes the first secret of a store too', () => {
    const store = [secret(1), secret(2)];
    const deleted = run('POST', `${SECRETS_PATH}/delete`, `name=s1&${ACCOUNT}`, store);
    assert.equal(deleted.id, 'appsecret_1');
    assert.deepEqual(
      store.map((s) => s.id),
      ['appsecret_2'],
    );
  });
});

describe('emulator api: stores', () => {
  it(`caps the accounts of each mode apart: ${MAX_ACCOUNTS_PER_MODE} in test mode leave live mode free`, () => {
    const stores = new SecretStores(() => NOW * 1000);
    for (let i = 0; i < MAX_ACCOUNTS_PER_MODE; i++) stores.get('test', `acct_${i}`);
    assert.throws(() => stores.get('test', 'acct_over'), /at most 100 Stripe-Account values per mode/);
    assert.deepEqual(stores.get('live', 'acct_live'), []);
    assert.deepEqual(stores.get('test'), [], "the key's own account is not one of them");
  });

  it('removes every expired secret, the oldest included, and keeps the rest', () => {
    const stores = new SecretStores(() => NOW * 1000);
    const store = stores.get('test');
    store.push({ ...secret(1), expiresAt: NOW }, secret(2), { ...secret(3), expiresAt: NOW + 1 });
    assert.deepEqual(
      stores.get('test').map((s) => s.id),
      ['appsecret_2', 'appsecret_3'],
    );
  });
});
