/**
 * Scenario: a connection with the default API base (https://api.stripe.com) in a network that
 * reaches the internet only through a proxy. The user settings name a CONNECT proxy, with
 * strict SSL off for its self-signed stand-in; adding the connection and listing a scope must go
 * through the proxy.
 */
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { EMULATOR_TEST_KEY } from '../../../src/emulator';
import { addConnectionThroughUi } from '../lib/scenario';
import { startProxiedStripe } from '../lib/proxy';
import { MARKER_KEY, eventually, expand, row, waitForDescription, widenSidebar, withFlow } from './support';

test('behind http.proxy, a connection to https://api.stripe.com is added and lists a scope through the proxy', { timeout: 180_000 }, async () => {
  const stripe = await startProxiedStripe();
  try {
    const settings = { 'http.proxy': stripe.proxyUrl, 'http.proxyStrictSSL': false };
    await withFlow('proxy', { emulator: { seed: 'demo', apiKeys: [EMULATOR_TEST_KEY, MARKER_KEY] }, settings, markers: { apiKey: MARKER_KEY } }, async ({ wb, emulator }) => {
      stripe.setUpstreamPort(emulator.port);
      await wb.openStripeView();
      await widenSidebar(wb.page);
      await addConnectionThroughUi(wb, { label: 'Production app', apiKey: MARKER_KEY });
      await wb.waitForNotification('Connected "Production app"');
      const connection = row(wb, 'Production app');
      await connection.waitFor();
      await waitForDescription(connection, /^TEST · active$/);
      const account = row(wb, 'Account');
      await expand(account);
      await waitForDescription(account, '6/10');
      await row(wb, 'database_url').waitFor();

      await eventually(() => (stripe.requests.some((r) => /^GET \/v1\/apps\/secrets\?.*scope\[type\]=account/.test(decodeURIComponent(r)) && !/limit=1(&|$)/.test(r)) ? true : undefined), 'the list request at the stand-in');
      assert.ok(stripe.connects.length > 0 && stripe.connects.every((c) => c === 'api.stripe.com:443'), `CONNECTs: ${stripe.connects.join(', ')}`);
    });
  } finally {
    await stripe.close();
  }
});
