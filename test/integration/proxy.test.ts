/** The client through an HTTP CONNECT proxy to a TLS stand-in for api.stripe.com (the default API base). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator } from '../../src/emulator/index';
import { SecretStoreClient } from '../../src/stripe/client';
import { isSecretStoreError } from '../../src/stripe/errors';
import { fetchThroughProxy, useProxyFor } from '../../src/stripe/proxyFetch';
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
  assert.deepEqual(stripe.connects.slice(0, 1), ['api.stripe.com:443']);
  assert.ok(stripe.requests.some((r) => r.startsWith('GET /v1/apps/secrets?')), stripe.requests.join('\n'));

  const strict = new SecretStoreClient({ apiKey: emu.testKey }, { fetch: fetchThroughProxy('https://api.stripe.com', { ...config, strictSSL: true }), maxNetworkRetries: 0 });
  await assert.rejects(strict.list({ type: 'account' }), (e: unknown) => isSecretStoreError(e) && e.kind === 'network' && /SELF_SIGNED/.test(e.message));
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
