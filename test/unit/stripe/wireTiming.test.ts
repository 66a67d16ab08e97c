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

/** `account` goes out in `header` (Stripe-Account unless named). */
function get(url: string, account?: string, header = 'Stripe-Account'): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false, headers: account ? { [header]: account } : {} }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      })
      .on('error', reject);
  });
}

function asks(url: string, account = '') {
  const { hostname, pathname, search } = new URL(url);
  return { method: 'GET', host: hostname, path: pathname + search, account };
}

test(
  'the hook runs once its request is written, before its answer, and not for requests that ask for something else',
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
    // Started first, alike but for the account and the path: neither may take the hook.
    const otherAccount = get(`${url}v1/apps/secrets?a=1`, 'acct_other');
    const otherPath = get(`${url}v1/apps/secrets?a=2`, 'acct_1');
    const mine = whenWritten(
      () => {
        events.push('written');
        written();
      },
      asks(`${url}v1/apps/secrets?a=1`, 'acct_1'),
      () => get(`${url}v1/apps/secrets?a=1`, 'acct_1'),
    );
    // Written while its answer is still held (the test's timeout fails it if the hook never runs).
    await firstWrite;
    events.push('answer released');
    release();
    assert.equal(await mine, 200);
    assert.equal(await otherAccount, 200);
    assert.equal(await otherPath, 200);
    assert.deepEqual(events, ['written', 'answer released']);
  },
);

test('nested and side by side: each request calls its own hook', async (t) => {
  const url = await server(t, (res) => res.end('ok'));
  const seen: string[] = [];
  await whenWritten(
    () => seen.push('outer'),
    asks(`${url}outer`),
    async () => {
      await get(`${url}outer`);
      await Promise.all([
        whenWritten(
          () => seen.push('a'),
          asks(`${url}a`),
          () => get(`${url}a`),
        ),
        whenWritten(
          () => seen.push('b'),
          asks(`${url}b`),
          () => get(`${url}b`),
        ),
      ]);
    },
  );
  assert.deepEqual(seen.slice(0, 1), ['outer']);
  assert.deepEqual(seen.slice(1).sort(), ['a', 'b']);
});

test('a hook whose send ends without its request starting is forgotten, not handed to a later request', async (t) => {
  const url = await server(t, (res) => res.end('ok'));
  const seen: string[] = [];
  await assert.rejects(
    whenWritten(
      () => seen.push('never sent'),
      asks(`${url}x`),
      () => Promise.reject(new Error('no request')),
    ),
    /no request/,
  );
  await whenWritten(
    () => seen.push('sent'),
    asks(`${url}x`),
    () => get(`${url}x`),
  );
  // Another caller's request alike in everything, with no hook waiting: nothing to call.
  await get(`${url}x`);
  assert.deepEqual(seen, ['sent']);
});

test('an IPv6 host in brackets meets the request Node knows without them', async (t) => {
  const srv = http.createServer((req, res) => {
    req.resume();
    res.end('ok');
  });
  const listening = await new Promise<boolean>((resolve) => {
    srv.once('error', () => resolve(false));
    srv.listen(0, '::1', () => resolve(true));
  });
  if (!listening) return t.skip('no IPv6 loopback here');
  t.after(() => srv.close());
  const url = `http://[::1]:${(srv.address() as AddressInfo).port}/v6`;
  let calls = 0;
  await whenWritten(
    () => calls++,
    asks(url),
    () => get(url),
  );
  assert.equal(calls, 1);
});

test('a request that asks for another path, account or method never calls the hook', async (t) => {
  const url = await server(t, (res) => res.end('ok'));
  let calls = 0;
  const hook = () => calls++;
  await whenWritten(hook, asks(`${url}wanted`), () => get(`${url}other`));
  await whenWritten(hook, asks(`${url}wanted`, 'acct_1'), () => get(`${url}wanted`, 'acct_2'));
  await whenWritten(hook, { ...asks(`${url}wanted`), method: 'POST' }, () => get(`${url}wanted`));
  assert.equal(calls, 0);
});

test('a Stripe-Context request is known by its context', async (t) => {
  const url = await server(t, (res) => res.end('ok'));
  let calls = 0;
  await whenWritten(
    () => calls++,
    asks(`${url}ctx`, 'acct_p/acct_c'),
    () => get(`${url}ctx`, 'acct_p/acct_c', 'Stripe-Context'),
  );
  assert.equal(calls, 1);
});

test("a hook used up before its send ends leaves the others' waiting hooks in place", async (t) => {
  const url = await server(t, (res) => res.end('ok'));
  const seen: string[] = [];
  let go: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (go = resolve));
  // b waits to start its request until a has been sent, answered and put away.
  const b = whenWritten(
    () => seen.push('b'),
    asks(`${url}b`),
    async () => {
      await gate;
      return get(`${url}b`);
    },
  );
  await whenWritten(
    () => seen.push('a'),
    asks(`${url}a`),
    () => get(`${url}a`),
  );
  go();
  await b;
  assert.deepEqual(seen, ['a', 'b']);
});
