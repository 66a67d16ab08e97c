import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ClientCache } from '../../../src/connections/clientCache';

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

test('concurrent gets share one build and one client', async () => {
  let builds = 0;
  const cache = new ClientCache(async (id) => ({ id, n: ++builds }));
  const [a, b] = await Promise.all([cache.get('c1'), cache.get('c1')]);
  assert.equal(a, b);
  assert.equal(builds, 1);
  assert.equal(await cache.get('c1'), a);
});

test('a key replaced while the client is built: the stale build never lands, the new key is used', async () => {
  let key = 'old';
  const reads: Array<ReturnType<typeof deferred<void>>> = [];
  const cache = new ClientCache(async () => {
    const read = key;
    const gate = deferred<void>();
    reads.push(gate);
    await gate.promise;
    return { key: read };
  });
  const pending = cache.get('c1');
  // replaceKey: invalidate, store, invalidate.
  cache.invalidate('c1');
  key = 'new';
  cache.invalidate('c1');
  reads[0].resolve();
  await new Promise((r) => setImmediate(r));
  reads[1].resolve();
  assert.deepEqual(await pending, { key: 'new' }, 'the caller gets a client with the new key');
  assert.deepEqual(await cache.get('c1'), { key: 'new' });
  assert.equal(reads.length, 2);
});

test('a failed build is not cached; invalidate and clear drop cached clients', async () => {
  let fail = true;
  let builds = 0;
  const cache = new ClientCache(async () => {
    builds++;
    if (fail) throw new Error('key missing');
    return { n: builds };
  });
  await assert.rejects(cache.get('c1'), /key missing/);
  fail = false;
  const first = await cache.get('c1');
  assert.deepEqual(first, { n: 2 });
  cache.invalidate('c1');
  const second = await cache.get('c1');
  assert.notEqual(second, first);
  cache.clear();
  assert.notEqual(await cache.get('c1'), second);
});
