/**
 * Scenario: a connection with the default API base (https://api.stripe.com) in a network that
 * reaches the internet only through a proxy. The user settings name a CONNECT proxy, with
 * strict SSL off for its self-signed stand-in; adding the connection and listing a scope must go
 * through the proxy. Then a Set Secret… and a Reveal on a slow answer are cancelled from their notifications.
 */
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { EMULATOR_TEST_KEY } from '../../../src/emulator';
import { addConnectionThroughUi } from '../lib/scenario';
import { startProxiedStripe } from '../lib/proxy';
import {
  MARKER_KEY,
  dismissNotifications,
  eventually,
  expand,
  extensionHostCaughtUp,
  row,
  waitForDescription,
  widenSidebar,
  withFlow,
} from './support';

test(
  'behind http.proxy, a connection to https://api.stripe.com is added and lists a scope through the proxy',
  { timeout: 180_000 },
  async () => {
    const stripe = await startProxiedStripe();
    try {
      const settings = { 'http.proxy': stripe.proxyUrl, 'http.proxyStrictSSL': false };
      await withFlow(
        'proxy',
        { emulator: { seed: 'demo', apiKeys: [EMULATOR_TEST_KEY, MARKER_KEY] }, settings, markers: { apiKey: MARKER_KEY } },
        async ({ wb, emulator }) => {
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

          await eventually(
            () =>
              stripe.requests.some(
                (r) => /^GET \/v1\/apps\/secrets\?.*scope\[type\]=account/.test(decodeURIComponent(r)) && !/limit=1(&|$)/.test(r),
              )
                ? true
                : undefined,
            'the list request at the stand-in',
          );
          assert.ok(
            stripe.connects.length > 0 && stripe.connects.every((c) => c === 'api.stripe.com:443'),
            `CONNECTs: ${stripe.connects.join(', ')}`,
          );

          // Set Secret… on a slow answer, cancelled from its progress notification: it stops at once
          // and says nothing more (a cancel is not an error).
          await dismissNotifications(wb);
          await wb.runCommand('Set Secret…');
          await wb.pick('Account', 'Choose a scope');
          await wb.answerInput('slow_token', 'The secret name');
          await wb.pick('Generate a random value', "The value of 'slow_token'");
          emulator.setLatency(15_000);
          await wb.pick('Never', 'When does the secret expire?');
          const saving = wb.page.locator('.notifications-toasts .notification-toast').filter({ hasText: "Saving 'slow_token'" });
          await saving.getByRole('button', { name: 'Cancel' }).click();
          await saving.waitFor({ state: 'detached', timeout: 5_000 });
          emulator.setLatency(0);
          // An error would have been sent with the end of the progress: drawn before the next prompt.
          await extensionHostCaughtUp(wb);
          assert.deepEqual(await wb.notifications(), [], 'no error after a cancel');

          // Reveal on a slow answer: after a second its notification offers Cancel, which stops it
          // without opening an editor or reporting an error.
          await wb.runCommand('Reveal Secret');
          await wb.pick('Account', 'Choose a scope');
          await wb.waitForQuickInput(/Choose a secret/);
          emulator.setLatency(15_000);
          await wb.pick('database_url');
          const fetching = wb.page
            .locator('.notifications-toasts .notification-toast')
            .filter({ hasText: "Fetching the value of 'database_url'" });
          await fetching.getByRole('button', { name: 'Cancel' }).click();
          await fetching.waitFor({ state: 'detached', timeout: 5_000 });
          emulator.setLatency(0);
          await extensionHostCaughtUp(wb);
          assert.deepEqual(await wb.notifications(), [], 'no error after a cancelled reveal');
          assert.equal(await wb.page.locator('.tabs-container .tab', { hasText: 'database_url' }).count(), 0, 'no editor opened');
        },
      );
    } finally {
      await stripe.close();
    }
  },
);
