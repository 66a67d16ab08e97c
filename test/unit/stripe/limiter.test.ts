import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConcurrencyLimiter } from '../../../src/stripe/limiter';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

test('never more than max tasks in flight, and every task runs', async () => {
  for (const max of [1, 3, 4]) {
    const limiter = new ConcurrencyLimiter(max);
    let inFlight = 0;
    let peak = 0;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        limiter.run(async () => {
          inFlight++;
          peak = Math.max(peak, inFlight);
          for (let k = 0; k < (i % 3) + 1; k++) await new Promise((r) => setImmediate(r));
          inFlight--;
          return i;
        }),
      ),
    );
    assert.deepEqual(
      results,
      Array.from({ length: 20 }, (_, i) => i),
    );
    assert.equal(peak, max, `max ${max}`);
    assert.equal(limiter.active, 0);
    assert.equal(limiter.waiting, 0);
  }
});

test('waiting tasks start in arrival order (FIFO)', async () => {
  const limiter = new ConcurrencyLimiter(1);
  const gate = deferred();
  const started: number[] = [];
  const first = limiter.run(async () => {
    started.push(0);
    await gate.promise;
  });
  const rest = [1, 2, 3, 4].map((i) => limiter.run(async () => void started.push(i)));
  assert.equal(limiter.waiting, 4);
  gate.resolve();
  await Promise.all([first, ...rest]);
  assert.deepEqual(started, [0, 1, 2, 3, 4]);
});

test('a failing task frees its slot', async () => {
  const limiter = new ConcurrencyLimiter(1);
  await assert.rejects(
    limiter.run(async () => {
      throw new Error('x');
    }),
    /x/,
  );
  assert.equal(await limiter.run(async () => 7), 7);
});

test('aborting a waiting task removes it from the queue without running it', async () => {
  const limiter = new ConcurrencyLimiter(1);
  const gate = deferred();
  const first = limiter.run(() => gate.promise);
  const controller = new AbortController();
  let ran = false;
  const waiting = limiter.run(async () => void (ran = true), controller.signal);
  const after = limiter.run(async () => 'after');
  controller.abort();
  await assert.rejects(waiting, { name: 'AbortError' });
  assert.equal(limiter.waiting, 1);
  gate.resolve();
  assert.equal(await after, 'after');
  await first;
  assert.equal(ran, false);
  await assert.rejects(
    limiter.run(async () => 1, controller.signal),
    { name: 'AbortError' },
  );
});

test('max must be a whole number of at least 1', () => {
  assert.throws(() => new ConcurrencyLimiter(0), RangeError);
  assert.throws(() => new ConcurrencyLimiter(1.5), RangeError);
});
