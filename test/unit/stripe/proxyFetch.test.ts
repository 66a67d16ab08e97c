/**
 * The CONNECT tunnel of proxyFetch.ts against loopback stand-ins: the e2e proxy in front of a TLS
 * stand-in for api.stripe.com, an upstream that echoes what it got, and a relay before the proxy
 * that can slow, record or replace the proxy's answer. The matching rules (NO_PROXY, settings) are
 * in test/integration/proxy.test.ts; the cases here are the edges those leave open.
 */
import { after, before, test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import * as http from 'node:http';
import * as net from 'node:net';
import { isSecretStoreError } from '../../../src/stripe/errors';
import {
  fetchThroughProxy,
  parseProxyUrl,
  proxiedFetch,
  proxyConfigFrom,
  proxyUrlProblem,
  useProxyFor,
} from '../../../src/stripe/proxyFetch';
import { startProxiedStripe, type ProxiedStripe } from '../../e2e/lib/proxy';

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port)));
}

/** An upstream that answers with what it received, and a few set headers. */
async function echoUpstream(): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.url === '/empty') return void res.writeHead(204, { 'x-kind': 'empty' }).end();
      if (req.url === '/partial') return void res.writeHead(200, { 'content-length': '100' }).write('part');
      res.setHeader('set-cookie', ['a=1', 'b=2']);
      res.writeHead(req.url?.startsWith('/missing') ? 404 : 200, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ method: req.method, url: req.url, auth: req.headers.authorization, body: Buffer.concat(chunks).toString() }),
      );
    });
  });
  await listen(server);
  return server;
}

interface Relay {
  url: string;
  /** What clients sent before the proxy's answer, per connection. */
  heads: string[];
  /** Drops every connection, as a proxy that goes away does. */
  cut(): void;
}

/**
 * A TCP relay to `target` (the e2e proxy) that hands the proxy's answer back one byte a turn, or
 * answers `reply` itself without reaching the proxy.
 */
async function relay(t: TestContext, target: number, reply?: string): Promise<Relay> {
  const heads: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    let head = '';
    client.on('error', () => undefined);
    if (reply !== undefined) {
      client.once('data', (c: Buffer) => {
        heads.push(c.toString('latin1'));
        client.write(reply);
      });
      return;
    }
    const up = net.connect(target, '127.0.0.1');
    sockets.add(up);
    up.on('error', () => client.destroy());
    let trickled = false;
    client.on('data', (c: Buffer) => {
      if (!trickled) head += c.toString('latin1');
      up.write(c);
    });
    up.on('data', (c: Buffer) => {
      if (trickled) return void client.write(c);
      trickled = true;
      heads.push(head);
      up.pause();
      const bytes = [...c];
      const next = () => {
        const b = bytes.shift();
        if (b === undefined) return void up.resume();
        client.write(Buffer.from([b]));
        setImmediate(next);
      };
      next();
    });
  });
  const port = await listen(server);
  t.after(() => {
    for (const s of sockets) s.destroy();
    return new Promise((r) => server.close(r));
  });
  return { url: `http://127.0.0.1:${port}`, heads, cut: () => sockets.forEach((s) => s.destroy()) };
}

// One stand-in for the file: its certificate takes openssl a while to make.
let shared: ProxiedStripe;
let upstream: http.Server;
before(async () => {
  shared = await startProxiedStripe();
  upstream = await echoUpstream();
  shared.setUpstreamPort((upstream.address() as net.AddressInfo).port);
});
after(async () => {
  await shared.close();
  // The partial answers are still open.
  upstream.closeAllConnections();
  await new Promise((r) => upstream.close(r));
});

/** The stand-in, with what it saw so far forgotten. */
function proxied(): ProxiedStripe {
  for (const seen of [shared.connects, shared.requests, shared.tunnelled]) seen.length = 0;
  return shared;
}

const portOf = (url: string) => Number(new URL(url).port);

test('a request goes through the tunnel with its method, path, query, headers and body, and comes back whole', async (t) => {
  const stripe = proxied();
  const front = await relay(t, portOf(stripe.proxyUrl));
  const fetch = proxiedFetch({ url: front.url.replace('//', '//us%3Aer:p%40ss@'), strictSSL: false, noProxy: [] });
  const res = await fetch('https://api.stripe.com/v1/apps/secrets?limit=2&scope[type]=account', {
    method: 'POST',
    headers: new Headers({ Authorization: 'Bearer sk_test_x' }),
    body: 'name=a',
  });
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), {
    method: 'POST',
    url: '/v1/apps/secrets?limit=2&scope[type]=account',
    auth: 'Bearer sk_test_x',
    body: 'name=a',
  });
  assert.equal(res.headers.get('content-type'), 'application/json');
  assert.deepEqual(res.headers.getSetCookie(), ['a=1', 'b=2'], 'a repeated header keeps every value');
  assert.deepEqual(stripe.connects, ['api.stripe.com:443']);
  assert.deepEqual(stripe.tunnelled, [{ servername: 'api.stripe.com', host: 'api.stripe.com' }]);
  const basic = Buffer.from('us:er:p@ss').toString('base64');
  assert.equal(
    front.heads[0],
    `CONNECT api.stripe.com:443 HTTP/1.1\r\nHost: api.stripe.com:443\r\nProxy-Authorization: Basic ${basic}\r\n\r\n`,
  );
});

test('without credentials no Proxy-Authorization is sent; a GET by default; a port in the URL is the one tunnelled to', async (t) => {
  const stripe = proxied();
  const front = await relay(t, portOf(stripe.proxyUrl));
  const fetch = proxiedFetch({ url: front.url, strictSSL: false, noProxy: [] });
  const res = await fetch('https://api.stripe.com:8443/missing');
  assert.equal(res.status, 404);
  assert.equal(((await res.json()) as { method: string }).method, 'GET');
  assert.equal(front.heads[0], 'CONNECT api.stripe.com:8443 HTTP/1.1\r\nHost: api.stripe.com:8443\r\n\r\n');
  const empty = await fetch('https://api.stripe.com/empty', { headers: { 'x-a': '1' }, body: null, signal: null });
  assert.equal(empty.status, 204);
  assert.equal(empty.headers.get('x-kind'), 'empty');
  assert.equal(await empty.text(), '');
});

/** Waits until the stand-in has received `count` requests. */
async function requestsReach(stripe: ProxiedStripe, count: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (stripe.requests.length < count) {
    assert.ok(Date.now() < deadline, 'the request never reached the stand-in');
    await new Promise((r) => setTimeout(r, 5));
  }
}

test('a request aborted while it waits for the answer, or whose tunnel drops mid-body, rejects', async (t) => {
  const stripe = proxied();
  const fetch = proxiedFetch({ url: stripe.proxyUrl, strictSSL: false, noProxy: [] });
  const controller = new AbortController();
  const hanging = fetch('https://api.stripe.com/partial', { signal: controller.signal });
  await requestsReach(stripe, 1);
  controller.abort();
  await assert.rejects(hanging, { name: 'AbortError' });

  const front = await relay(t, portOf(stripe.proxyUrl));
  const dropped = proxiedFetch({ url: front.url, strictSSL: false, noProxy: [] })('https://api.stripe.com/partial');
  await requestsReach(stripe, 2);
  front.cut();
  await assert.rejects(dropped, { code: 'ECONNRESET' });
});

test('strict SSL refuses the self-signed stand-in', async () => {
  const stripe = proxied();
  const fetch = proxiedFetch({ url: stripe.proxyUrl, strictSSL: true, noProxy: [] });
  await assert.rejects(fetch('https://api.stripe.com/v1/x'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
  assert.equal(stripe.requests.length, 0);
});

test('a proxy that refuses the tunnel, or answers no HTTP, fails the request as a refused connection', async (t) => {
  for (const [reply, status] of [
    ['HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 0\r\n\r\n', '407'],
    ['HTTP/1.0 403 Forbidden\r\n\r\n', '403'],
    ['SSH-2.0-OpenSSH\r\n\r\n', '?'],
    ['xHTTP/1.1 200 OK\r\n\r\n', '?'],
  ]) {
    const front = await relay(t, 0, reply);
    const fetch = proxiedFetch({ url: front.url, strictSSL: false, noProxy: [] });
    await assert.rejects(fetch('https://api.stripe.com/v1/x'), {
      code: 'ECONNREFUSED',
      message: `The proxy refused the tunnel to api.stripe.com:443 (HTTP ${status}).`,
    });
  }
});

test('an answer to CONNECT that starts with its blank line is no HTTP', async (t) => {
  const front = await relay(t, 0, '\r\n\r\nHTTP/1.1 200 OK\r\n\r\n');
  const fetch = proxiedFetch({ url: front.url, strictSSL: false, noProxy: [] });
  await assert.rejects(fetch('https://api.stripe.com/v1/x'), { message: 'The proxy refused the tunnel to api.stripe.com:443 (HTTP ?).' });
});

test('an endless answer to CONNECT is cut off past 16 KiB', async (t) => {
  const front = await relay(t, 0, `HTTP/1.1 200 OK\r\nX: ${'a'.repeat(16_384)}`);
  const fetch = proxiedFetch({ url: front.url, strictSSL: false, noProxy: [] });
  await assert.rejects(fetch('https://api.stripe.com/v1/x'), { message: 'The proxy sent an oversized answer to CONNECT.' });
});

test('a proxy that cannot be reached, or a request aborted while its tunnel opens, rejects', async (t) => {
  const closed = net.createServer();
  const port = await listen(closed);
  await new Promise((r) => closed.close(r));
  await assert.rejects(proxiedFetch({ url: `http://127.0.0.1:${port}`, strictSSL: false, noProxy: [] })('https://api.stripe.com/'), {
    code: 'ECONNREFUSED',
  });

  const held = new Set<net.Socket>();
  const silent = net.createServer((s) => held.add(s.on('error', () => undefined)));
  const silentPort = await listen(silent);
  t.after(() => {
    for (const s of held) s.destroy();
    return new Promise((r) => silent.close(r));
  });
  const fetch = proxiedFetch({ url: `http://127.0.0.1:${silentPort}`, strictSSL: false, noProxy: [] });
  const controller = new AbortController();
  const reason = new Error('stop now');
  const pending = fetch('https://api.stripe.com/v1/x', { signal: controller.signal });
  controller.abort(reason);
  await assert.rejects(pending, (e: unknown) => e === reason || (e as Error).name === 'AbortError');
});

test('only an http:// proxy is tunnelled; every problem with its address is one sentence without the password', () => {
  assert.throws(() => proxiedFetch({ url: 'https://proxy.corp:3128', strictSSL: true, noProxy: [] }), {
    name: 'RangeError',
    message: 'Only http:// proxies can be tunnelled.',
  });
  assert.equal(parseProxyUrl('socks5://proxy:1080'), undefined);
  assert.equal(parseProxyUrl('http://proxy:3128')?.host, 'proxy:3128');
  assert.equal(parseProxyUrl('not a url'), undefined);
  assert.match(proxyUrlProblem('http://proxy corp:3128') ?? '', /^The proxy address in http\.proxy \(or HTTPS_PROXY\) is not a valid URL;/);
  assert.match(proxyUrlProblem('http://') ?? '', /is not a valid URL/);
  assert.match(proxyUrlProblem('http://u:%ZZ@proxy') ?? '', /^The user name or password in the proxy address .* holds a broken %-escape/);
  assert.match(proxyUrlProblem('http://%E0%A4@proxy') ?? '', /broken %-escape/);
  assert.equal(proxyUrlProblem('http://u:p%25@proxy:1'), undefined);
  assert.equal(proxyUrlProblem('socks5://u:%ZZ@proxy'), undefined, 'not ours to judge');
});

test('fetchThroughProxy goes direct without a proxy, for http:// and loopback bases, and for noProxy hosts on their port', () => {
  const config = { url: 'http://proxy.corp:3128', strictSSL: true, noProxy: ['api.example.com:8443'] };
  assert.equal(fetchThroughProxy('https://api.stripe.com', undefined), undefined);
  assert.equal(fetchThroughProxy('http://api.stripe.com', config), undefined);
  assert.equal(fetchThroughProxy('https://127.0.0.1:12111', config), undefined);
  assert.equal(fetchThroughProxy('https://[::1]:12111', config), undefined);
  assert.equal(fetchThroughProxy('https://localhost', config), undefined);
  assert.equal(fetchThroughProxy('https://api.example.com:8443', config), undefined);
  assert.equal(typeof fetchThroughProxy('https://api.example.com', config), 'function', 'another port is proxied');
  assert.equal(typeof fetchThroughProxy('https://localhost.example.com', config), 'function');
  assert.throws(
    () => fetchThroughProxy('https://api.stripe.com', { ...config, url: 'http://us%er@proxy.corp:3128' }),
    (e: unknown) => isSecretStoreError(e) && e.kind === 'validation' && /broken %-escape/.test(e.message),
  );
});

test('useProxyFor: hosts are compared without case, brackets or a final dot; blank and malformed entries match nothing', () => {
  const cases: Array<[string, string[], boolean, number?]> = [
    ['API.Stripe.COM.', ['stripe.com'], false],
    ['api.stripe.com', ['', '  ', ',', '.', '*.'], true],
    ['api.stripe.com', ['..stripe.com'], false],
    ['api.stripe.com', ['stripe.com.'], false],
    ['xstripe.com', ['stripe.com'], true],
    ['stripe.com', ['api.stripe.com'], true],
    ['[::1]', ['::1'], false],
    ['[::1]', ['[::1]'], false],
    ['[::1]', ['[::1]:8443'], true],
    ['[::1]', ['[::1]:8443'], false, 8443],
    ['[::2]', ['[::1]'], true],
    ['10.0.0.1', ['10.0.0.1:443'], false],
    ['10.0.0.1', ['10.0.0.1:80'], true],
    ['10.0.0.1', ['stripe.com'], true],
    ['10.0.0.1', ['10.0.0.0/33'], true],
    ['10.0.0.1', ['10.0.0.0/x'], true],
    ['10.0.0.1', ['10.0.0.0/1234'], true],
    ['10.0.0.1', ['10.0.0.0/32'], true],
    ['10.0.0.0', ['10.0.0.0/32'], false],
    ['10.0.0.1', ['10.0.0.0/31'], false],
    ['[fd00::1]', ['fd00::/128'], true],
    ['[fd00::]', ['fd00::/128'], false],
    ['[fd00::1]', ['fd00::/129'], true],
    ['[fd00::1]', ['fd00::/64'], false],
    ['a.b:c', ['a.b:c'], false],
    ['api.stripe.com', ['*'], false],
    ['api.stripe.com', ['other.com', ' stripe.com '], false],
    ['10.0.0.1', ['10.0.0.0/8.0'], true],
    ['10.0.0.1', ['10.0.0.0/+8'], true],
    ['[::1]', ['x[::1]'], true],
    ['[::1]', ['[::1]:443x'], true],
    ['[fd00:1a::1]', ['fd00:1a::1:443'], true],
  ];
  for (const [host, noProxy, proxied, port] of cases)
    assert.equal(useProxyFor(host, noProxy, port), proxied, `${host} with ${JSON.stringify(noProxy)} on ${port ?? 443}`);
});

test('proxyConfigFrom: the setting trimmed, then HTTPS_PROXY or https_proxy; NO_PROXY or no_proxy, blank entries dropped', () => {
  assert.deepEqual(proxyConfigFrom({ proxy: '  http://p:1  ', proxyStrictSSL: false }, { NO_PROXY: 'a, ,b,' }), {
    url: 'http://p:1',
    strictSSL: false,
    noProxy: ['a', 'b'],
  });
  assert.deepEqual(proxyConfigFrom({ proxy: '   ' }, { https_proxy: 'http://low:2', no_proxy: 'c' }), {
    url: 'http://low:2',
    strictSSL: true,
    noProxy: ['c'],
  });
  assert.equal(proxyConfigFrom({ proxy: '' }, { HTTP_PROXY: 'http://plain:3' }), undefined, 'HTTP_PROXY is for http:// targets');
  assert.equal(proxyConfigFrom({ proxy: 'http://p:1', proxySupport: 'off' }, { HTTPS_PROXY: 'http://p:2' }), undefined);
  assert.deepEqual(proxyConfigFrom({ proxySupport: 'on' }, { HTTPS_PROXY: 'http://p:1' })?.noProxy, []);
});
