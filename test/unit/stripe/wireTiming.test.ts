import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { whenWritten } from '../../../src/stripe/wireTiming';

async function server(t: import('node:test').TestContext, answer: (res: http.ServerResponse) => void): Promise<string> {
  const srv = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => answer(res));
  });
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  t.after(() => srv.close());
  return `http://127.0.0.1:${(srv.address() as AddressInfo).port}/`;
}

function get(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      })
      .on('error', reject);
  });
}

test(
  'the hook runs once the request is written, before its answer, and only for requests started in its context',
  { timeout: 10_000 },
  async (t) => {
    let release: () => void = () => undefined;
    const answerHeld = new Promise<void>((resolve) => (release = resolve));
    // Released on the way out too, or a failed test would leave the server waiting on this answer.
    t.after(() => release());
    const url = await server(t, (res) => {
      answerHeld.then(() => res.end('ok')).catch(() => undefined);
    });
    const events: string[] = [];
    let written: () => void = () => undefined;
    const firstWrite = new Promise<void>((resolve) => (written = resolve));
    const mine = whenWritten(
      () => {
        events.push('written');
        written();
      },
      () => get(url),
    );
    const other = get(url);
    // Written while its answer is still held (the test's timeout fails it if the hook never runs).
    await firstWrite;
    events.push('answer released');
    release();
    assert.equal(await mine, 200);
    assert.equal(await other, 200);
    assert.deepEqual(events, ['written', 'answer released']);
  },
);

test('nested contexts: each request calls the hook it started under', async (t) => {
  const url = await server(t, (res) => res.end('ok'));
  const seen: string[] = [];
  await whenWritten(
    () => seen.push('outer'),
    async () => {
      await get(url);
      await whenWritten(
        () => seen.push('inner'),
        () => get(url),
      );
    },
  );
  assert.deepEqual(seen, ['outer', 'inner']);
});
