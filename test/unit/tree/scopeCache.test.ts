import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cacheKey, ScopeCache } from '../../../src/tree/scopeCache';
import type { SecretMeta, SecretScope } from '../../../src/model/types';

const account: SecretScope = { type: 'account' };
const user: SecretScope = { type: 'user', user: 'usr_1' };

function meta(name: string): SecretMeta {
  return { id: `appsecret_${name}`, name, scope: account, created: 1, expiresAt: null, livemode: false };
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

test('loads once, then serves the cache until invalidated', async () => {
  let clock = 1000;
  const cache = new ScopeCache(() => clock);
  let calls = 0;
  const list = async () => {
    calls++;
    return [meta('a')];
  };
  const first = await cache.ensure('c1', account, list);
  assert.equal(first.state, 'loaded');
  await cache.ensure('c1', account, list);
  assert.equal(calls, 1);
  assert.deepEqual(
    cache.fresh('c1', account)?.map((s) => s.name),
    ['a'],
  );
  clock = 2000;
  assert.equal(cache.invalidate('c1', account), 1);
  assert.equal(cache.fresh('c1', account), undefined);
  const again = await cache.ensure('c1', account, list);
  assert.equal(calls, 2);
  assert.equal(again.loadedAt, 2000);
});

test('concurrent loads share one request', async () => {
  const cache = new ScopeCache();
  const gate = deferred<SecretMeta[]>();
  let calls = 0;
  const list = () => {
    calls++;
    return gate.promise;
  };
  const a = cache.ensure('c1', account, list);
  const b = cache.ensure('c1', account, list);
  gate.resolve([meta('x')]);
  assert.equal(await a, await b);
  assert.equal(calls, 1);
});

test('a load that started before an invalidation is kept but stale, and the next ensure reloads', async () => {
  const cache = new ScopeCache();
  const gate = deferred<SecretMeta[]>();
  const pending = cache.ensure('c1', account, () => gate.promise);
  cache.invalidate('c1');
  const newer = cache.ensure('c1', account, async () => [meta('new')]);
  gate.resolve([meta('old')]);
  const old = await pending;
  assert.ok(old.stale);
  const fresh = await newer;
  assert.equal(fresh.state === 'loaded' && fresh.secrets[0].name, 'new');
});

test('a failed load is an entry with its error; invalidateFailed marks only those', async () => {
  const cache = new ScopeCache();
  const failure = new Error('down');
  const entry = await cache.ensure('c1', user, async () => {
    throw failure;
  });
  assert.equal(entry.state === 'failed' && entry.error, failure);
  await cache.ensure('c1', account, async () => []);
  cache.invalidateFailed();
  assert.ok(cache.get('c1', user)?.stale);
  assert.ok(!cache.get('c1', account)?.stale);
});

test('invalidate is per connection and scope; prune drops removed scopes', async () => {
  const cache = new ScopeCache();
  await cache.ensure('c1', account, async () => []);
  await cache.ensure('c1', user, async () => []);
  await cache.ensure('c2', account, async () => []);
  assert.equal(cache.invalidate('c1', user), 1);
  assert.equal(cache.invalidate('c2'), 1);
  assert.ok(!cache.get('c1', account)?.stale);
  cache.prune((connectionId, scope) => connectionId === 'c1' && scope.type === 'account');
  assert.deepEqual(
    cache.all().map((e) => e.connectionId),
    ['c1'],
  );
});

test('olderThan lists only fresh loaded entries past the age, among the given keys', async () => {
  let clock = 0;
  const cache = new ScopeCache(() => clock);
  await cache.ensure('c1', account, async () => []);
  clock = 50;
  await cache.ensure('c1', user, async () => []);
  clock = 100;
  const keys = [cacheKey('c1', account), cacheKey('c1', user)];
  assert.deepEqual(
    cache.olderThan(80, keys).map((e) => e.scope.type),
    ['account'],
  );
  assert.deepEqual(cache.olderThan(80, [cacheKey('c1', user)]), []);
  cache.invalidate('c1', account);
  assert.deepEqual(cache.olderThan(80, keys), []);
});

test('the own account and an added one are cached apart; a connection-wide invalidate reaches both', async () => {
  const cache = new ScopeCache(() => 1000);
  const scope = { type: 'account' } as const;
  await cache.ensure('c1', scope, async () => []);
  await cache.ensure('c1', scope, async () => [{ id: 's', name: 'x', scope, created: 1, expiresAt: null, livemode: false }], 'acct_2');
  assert.equal(cache.fresh('c1', scope)?.length, 0);
  assert.equal(cache.fresh('c1', scope, 'acct_2')?.length, 1);
  assert.equal(cache.invalidate('c1', scope, 'acct_2'), 1);
  assert.equal(cache.fresh('c1', scope, 'acct_2'), undefined);
  assert.equal(cache.fresh('c1', scope)?.length, 0, 'the own account stays fresh');
  assert.equal(cacheKey('c1', scope), JSON.stringify(['c1', 'account']), 'own keys are as before accounts');
  assert.equal(cache.invalidate('c1'), 2);
  cache.prune((_c, _s, account) => account === undefined);
  assert.deepEqual(
    cache.all().map((e) => e.account),
    [undefined],
  );
});
