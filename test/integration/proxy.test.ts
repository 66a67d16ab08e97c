/** The client through an HTTP CONNECT proxy to a TLS stand-in for api.stripe.com (the default API base). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator } from '../../src/emulator/index';
import { SecretStoreClient } from '../../src/stripe/client';
import { isSecretStoreError } from '../../src/stripe/errors';
import { fetchThroughProxy, proxyConfigFrom, useProxyFor } from '../../src/stripe/proxyFetch';
import { startProxiedStripe } from '../e2e/lib/proxy';

test('with the default API base, requests go through the proxy tunnel; strict SSL refuses a self-signed stand-in', async (t) => {
  const emu = await startEmulator({ seed: 'demo' });
  const stripe = await startProxiedStripe();
  t.after(async () => {
    await stripe.close();
    await emu.close();
  });
  stripe.setUpstreamPort(emu.port);
  const config = { url: stripe.proxyUrl, strictSSL: false, noProxy: [] };
  const fetch = fetchThroughProxy('https://api.stripe.com', config);
  assert.ok(fetch);
  const client = new SecretStoreClient({ apiKey: emu.testKey }, { fetch });
  const listed = await client.list({ type: 'account' });
  assert.equal(listed.length, 6);
  await client.set({ name: 'through proxy', scope: { type: 'account' }, payload: 'v' }).catch(() => undefined);
  assert.ok(stripe.connects.length >= 2);
  assert.deepEqual(new Set(stripe.connects), new Set(['api.stripe.com:443']), 'every CONNECT asks for the API host');
  assert.equal(stripe.tunnelled.length, stripe.requests.length);
  for (const inside of stripe.tunnelled)
    assert.deepEqual(inside, { servername: 'api.stripe.com', host: 'api.stripe.com' }, 'TLS and Host inside the tunnel name the API host');
  assert.ok(
    stripe.requests.some((r) => r.startsWith('GET /v1/apps/secrets?')),
    stripe.requests.join('\n'),
  );

  const strict = new SecretStoreClient(
    { apiKey: emu.testKey },
    { fetch: fetchThroughProxy('https://api.stripe.com', { ...config, strictSSL: true }), maxNetworkRetries: 0 },
  );
  await assert.rejects(
    strict.list({ type: 'account' }),
    (e: unknown) => isSecretStoreError(e) && e.kind === 'network' && /SELF_SIGNED/.test(e.message),
  );
});

test('loopback bases, noProxy hosts and non-http proxies are not tunnelled', () => {
  const config = { url: 'http://proxy.corp:3128', strictSSL: true, noProxy: ['.internal.corp', 'api.example.com'] };
  assert.equal(fetchThroughProxy('http://127.0.0.1:12111', config), undefined);
  assert.equal(fetchThroughProxy('https://localhost:8443', config), undefined);
  assert.equal(fetchThroughProxy('https://api.example.com', config), undefined);
  assert.equal(fetchThroughProxy('https://api.stripe.com', { ...config, url: 'socks5://proxy:1080' }), undefined);
  assert.equal(typeof fetchThroughProxy('https://api.stripe.com', config), 'function');
  assert.equal(useProxyFor('stripe.internal.corp', config.noProxy), false);
  assert.equal(useProxyFor('internal.corp', config.noProxy), false);
  assert.equal(useProxyFor('api.stripe.com', config.noProxy), true);
  assert.equal(useProxyFor('api.stripe.com', ['*']), false);
  assert.equal(useProxyFor('api.stripe.com', ['*.stripe.com']), false);
});

test('NO_PROXY matches as curl does: domains cover subdomains, leading dots and *., ports, IP addresses and CIDR ranges', () => {
  const cases: Array<[string, string[], boolean, number?]> = [
    ['api.stripe.com', ['stripe.com'], false],
    ['stripe.com', ['stripe.com'], false],
    ['notstripe.com', ['stripe.com'], true],
    ['api.stripe.com', ['.stripe.com'], false],
    ['stripe.com', ['.stripe.com'], false],
    ['api.stripe.com', ['*.stripe.com'], false],
    ['api.stripe.com', ['STRIPE.COM.'], false],
    ['api.stripe.com', ['*'], false],
    ['api.stripe.com', [' stripe.com '], false],
    ['api.stripe.com', ['stripe.com:443'], false],
    ['api.stripe.com', ['stripe.com:8443'], true],
    ['api.stripe.com', ['stripe.com:8443'], false, 8443],
    ['api.stripe.com', ['com.stripe', 'example.com'], true],
    ['10.1.2.3', ['10.0.0.0/8'], false],
    ['11.1.2.3', ['10.0.0.0/8'], true],
    ['192.168.1.5', ['192.168.1.5'], false],
    ['[fd00::1]', ['fd00::/8'], false],
    ['[fe80::1]', ['fd00::/8'], true],
    ['[::1]', ['[::1]:443'], false],
    ['api.stripe.com', ['10.0.0.0/8'], true],
  ];
  for (const [host, noProxy, proxied, port] of cases)
    assert.equal(useProxyFor(host, noProxy, port), proxied, `${host} with ${noProxy.join(',')}`);
});

test('a malformed proxy address or %-escape fails at once with what to fix, never an uncaught URIError or a hanging request', async () => {
  for (const url of ['http://us%er:pa%ZZss@proxy.corp:3128', 'http://user:%E0%A4%A@proxy.corp:3128', 'http://[not-a-host', 'http://']) {
    const started = Date.now();
    assert.throws(
      () => fetchThroughProxy('https://api.stripe.com', { url, strictSSL: true, noProxy: [] }),
      (e: unknown) => isSecretStoreError(e) && e.kind === 'validation' && /proxy/i.test(e.message) && !e.message.includes('pa%ZZss'),
      url,
    );
    assert.ok(Date.now() - started < 1000);
  }
  // The direct hosts stay direct whatever the proxy address says.
  assert.equal(
    fetchThroughProxy('https://api.stripe.com', { url: 'http://us%er@proxy', strictSSL: true, noProxy: ['stripe.com'] }),
    undefined,
  );
});

test('http.proxySupport off in user settings means no proxy at all; otherwise settings come before the environment', () => {
  const env = { HTTPS_PROXY: 'http://env-proxy:3128', NO_PROXY: 'internal.corp' };
  assert.equal(proxyConfigFrom({ proxy: 'http://settings-proxy:3128', proxySupport: 'off' }, env), undefined);
  assert.equal(proxyConfigFrom({ proxySupport: 'off' }, env), undefined);
  assert.deepEqual(proxyConfigFrom({ proxy: 'http://settings-proxy:3128', proxySupport: 'override', noProxy: ['a.corp'] }, env), {
    url: 'http://settings-proxy:3128',
    strictSSL: true,
    noProxy: ['a.corp', 'internal.corp'],
  });
  assert.deepEqual(proxyConfigFrom({}, env), { url: 'http://env-proxy:3128', strictSSL: true, noProxy: ['internal.corp'] });
  assert.equal(proxyConfigFrom({}, {}), undefined);
});
