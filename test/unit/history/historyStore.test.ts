import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { HISTORY_STORAGE_KEY, HistoryStore, hashValue, type KeepInput, type KeyValueStorage } from '../../../src/history/historyStore';

/** A SecretStorage stand-in: a map, with switches for a store that is full or refuses. */
class FakeSecretStorage implements KeyValueStorage {
  readonly map = new Map<string, string>();
  refuse: Error | undefined;
  capacity = Infinity;
  async get(key: string) {
    return this.map.get(key);
  }
  async store(key: string, value: string) {
    if (this.refuse) throw this.refuse;
    if (value.length > this.capacity) throw new Error('quota exceeded');
    this.map.set(key, value);
  }
  async delete(key: string) {
    this.map.delete(key);
  }
}

const DAY = 24 * 3600 * 1000;

function input(name: string, payload: string, extra: Partial<KeepInput> = {}): KeepInput {
  return {
    connectionId: 'c1',
    connectionLabel: 'Shop',
    livemode: false,
    scope: { type: 'account' },
    name,
    reason: 'overwrite',
    payload,
    expiresAt: null,
    replacedBy: hashValue(`${payload}-new`),
    ...extra,
  };
}

function setup(options: { days?: number; perSecret?: number; bytes?: number } = {}) {
  const storage = new FakeSecretStorage();
  let now = 1_000_000_000_000;
  let days = options.days ?? 30;
  const store = new HistoryStore({
    storage,
    retentionDays: () => days,
    now: () => now,
    maxEntriesPerSecret: options.perSecret,
    maxTotalBytes: options.bytes,
  });
  return { storage, store, tick: (ms: number) => (now += ms), setDays: (d: number) => (days = d) };
}

describe('HistoryStore', () => {
  it('keeps a replaced value with its expiry and lists newest first', async () => {
    const { store, tick } = setup();
    await store.keep(input('a', 'v1', { expiresAt: 1_900_000_000 }));
    tick(1000);
    await store.keep(input('a', 'v2'));
    tick(1000);
    await store.keep(input('b', 'w1', { scope: { type: 'user', user: 'usr_1' } }));
    const all = await store.list();
    assert.deepEqual(
      all.map((e) => e.payload),
      ['w1', 'v2', 'v1'],
    );
    assert.equal(all[2].expiresAt, 1_900_000_000);
    assert.deepEqual(
      (await store.list({ connectionId: 'c1', scope: { type: 'account' }, name: 'a' })).map((e) => e.payload),
      ['v2', 'v1'],
    );
    assert.deepEqual(
      (await store.list({ connectionId: 'c1', scope: { type: 'user', user: 'usr_1' } })).map((e) => e.payload),
      ['w1'],
    );
  });

  it('separates connections and accounts (Stripe-Account)', async () => {
    const { store } = setup();
    await store.keep(input('a', 'own'));
    await store.keep(input('a', 'connected', { account: 'acct_1' }));
    await store.keep(input('a', 'other', { connectionId: 'c2' }));
    assert.deepEqual(
      (await store.list({ connectionId: 'c1' })).map((e) => e.payload),
      ['own'],
    );
    assert.deepEqual(
      (await store.list({ connectionId: 'c1', account: 'acct_1' })).map((e) => e.payload),
      ['connected'],
    );
  });

  it('drops what is past retention, at read and at prune', async () => {
    const { store, storage, tick } = setup({ days: 2 });
    await store.keep(input('a', 'old'));
    tick(DAY);
    await store.keep(input('a', 'newer'));
    tick(DAY + 1);
    assert.deepEqual(
      (await store.list()).map((e) => e.payload),
      ['newer'],
    );
    await store.prune();
    assert.doesNotMatch(storage.map.get(HISTORY_STORAGE_KEY)!, /"old"/);
  });

  it('with retention 0 keeps nothing and prune deletes what was kept', async () => {
    const { store, storage, setDays } = setup();
    await store.keep(input('a', 'v1'));
    setDays(0);
    assert.equal(store.enabled, false);
    assert.deepEqual(await store.list(), []);
    const kept = await store.keep(input('a', 'v2'));
    assert.equal(kept.ok, false);
    await store.prune();
    assert.equal(storage.map.has(HISTORY_STORAGE_KEY), false);
  });

  it('bounds the entries per secret, dropping the oldest', async () => {
    const { store, tick } = setup({ perSecret: 3 });
    for (let i = 0; i < 5; i++) {
      await store.keep(input('a', `v${i}`));
      tick(10);
    }
    await store.keep(input('b', 'only'));
    assert.deepEqual(
      (await store.list({ connectionId: 'c1', scope: { type: 'account' }, name: 'a' })).map((e) => e.payload),
      ['v4', 'v3', 'v2'],
    );
    assert.equal((await store.list({ connectionId: 'c1', scope: { type: 'account' }, name: 'b' })).length, 1);
  });

  it('bounds the total bytes, dropping the oldest across secrets', async () => {
    const { store, storage, tick } = setup({ bytes: 3000 });
    for (let i = 0; i < 6; i++) {
      await store.keep(input(`s${i}`, 'x'.repeat(500)));
      tick(10);
    }
    assert.ok(storage.map.get(HISTORY_STORAGE_KEY)!.length <= 3000);
    const names = (await store.list()).map((e) => e.name);
    assert.equal(names[0], 's5');
    assert.ok(!names.includes('s0'), 'the oldest went first');
    const huge = await store.keep(input('big', 'y'.repeat(4000)));
    assert.equal(huge.ok, false);
    assert.match(huge.ok ? '' : huge.reason, /larger than/);
  });

  it('says so, and throws nothing, when SecretStorage refuses or is full; what was kept stays', async () => {
    const { store, storage } = setup();
    await store.keep(input('a', 'v1'));
    storage.refuse = new Error('The secret store is locked');
    const refused = await store.keep(input('a', 'v2'));
    assert.deepEqual(refused, { ok: false, reason: 'The secret store is locked' });
    storage.refuse = undefined;
    storage.capacity = storage.map.get(HISTORY_STORAGE_KEY)!.length + 10;
    const full = await store.keep(input('a', 'v3'));
    assert.equal(full.ok, false);
    assert.match(full.ok ? '' : full.reason, /quota/);
    assert.deepEqual(
      (await store.list()).map((e) => e.payload),
      ['v1'],
    );
  });

  it('serialises concurrent keeps so none is lost', async () => {
    const { store } = setup();
    await Promise.all(Array.from({ length: 8 }, (_, i) => store.keep(input(`n${i}`, `v${i}`))));
    assert.equal((await store.list()).length, 8);
  });

  it('removes one entry and clears all', async () => {
    const { store, storage } = setup();
    const a = await store.keep(input('a', 'v1'));
    await store.keep(input('b', 'w1'));
    assert.ok(a.ok);
    await store.remove(a.entry.id);
    assert.deepEqual(
      (await store.list()).map((e) => e.name),
      ['b'],
    );
    await store.clear();
    assert.equal(storage.map.size, 0);
  });

  it('ignores a stored blob it cannot read instead of failing the write', async () => {
    const { store, storage } = setup();
    storage.map.set(HISTORY_STORAGE_KEY, '{not json');
    assert.deepEqual(await store.list(), []);
    assert.equal((await store.keep(input('a', 'v1'))).ok, true);
  });
});
