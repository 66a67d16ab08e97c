/**
 * The whole app's code in the packaged extension: a workspace with two apps, one whose backend
 * calls the Secret Store and one that does not, and backend files nobody opens. The view marks the
 * stored secret no code reads and lists the name the live account lacks; Find All References on a
 * name finds its use in a closed file; only the app that calls the store gets the manifest warning;
 * Check Go-Live Readiness… against the live connection lists what is missing, and copying it from
 * the test connection makes it ready. Screenshots for the README: workspace-index, golive-readiness.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type { StoredSecret } from '../../../src/emulator';
import { addConnectionThroughUi, screenshotPath } from '../lib/scenario';
import {
  MARKER_KEY,
  MARKER_VALUE,
  connectToEmulator,
  description,
  dialog,
  dismissNotifications,
  eventually,
  expand,
  quickOpen,
  row,
  withFlow,
  assertNoValueFetched,
} from './support';

const LIVE_KEY = `sk_live_LEAKMARKERKEY${MARKER_KEY.slice(-24)}`;
const TEST_LABEL = 'CRM Sync (test)';
const LIVE_LABEL = 'CRM Sync Live';

const manifest = (id: string, name: string) => `{
  "id": "${id}",
  "version": "0.0.1",
  "name": "${name}",
  "permissions": [
    { "permission": "customer_read", "purpose": "Show the CRM contact of a customer" }
  ]
}
`;

const FILES: Record<string, string> = {
  'apps/crm-sync/stripe-app.json': manifest('com.example.crm-sync', 'CRM Sync'),
  'apps/crm-sync/backend/clients.js': `const Stripe = require('stripe');
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY);

exports.clients = async (accountId) => ({
  slack: await stripe.apps.secrets.find({
    name: 'slack_bot_token',
    scope: { type: 'account' },
    expand: ['payload'],
  }, { stripeAccount: accountId }),
  hubspot: await stripe.apps.secrets.find({
    name: 'hubspot_client_secret',
    scope: { type: 'account' },
    expand: ['payload'],
  }, { stripeAccount: accountId }),
});
`,
  'apps/crm-sync/backend/jobs/nightly.py': `import stripe


def nightly(account_id):
    return stripe.apps.Secret.find(name="slack_bot_token", scope={"type": "account"}, stripe_account=account_id)
`,
  'apps/invoice-notes/stripe-app.json': manifest('com.example.invoice-notes', 'Invoice Notes'),
  'apps/invoice-notes/src/views/Notes.tsx': 'export const Notes = () => null;\n',
};

test(
  'workspace index: unused and missing names, references in closed files, one manifest warning, go-live readiness',
  { timeout: 480_000 },
  async () => {
    await withFlow(
      'workspace-index',
      { emulator: { apiKeys: [MARKER_KEY, LIVE_KEY] }, markers: { testKey: MARKER_KEY, liveKey: LIVE_KEY, value: MARKER_VALUE } },
      async ({ wb, page, emulator, workspace }) => {
        const now = Math.floor(Date.now() / 1000);
        const seed = (store: StoredSecret[], name: string, payload: string) =>
          store.push({
            id: `appsecret_e2e${name.replace(/\W/g, '')}`,
            name,
            scope: { type: 'account' },
            payload,
            created: now - 60,
            expiresAt: null,
          });
        seed(emulator.secrets('test'), 'slack_bot_token', 'test-slack');
        seed(emulator.secrets('test'), 'hubspot_client_secret', MARKER_VALUE);
        seed(emulator.secrets('test'), 'legacy_zendesk_token', 'test-zendesk');
        seed(emulator.secrets('live'), 'slack_bot_token', 'live-slack');
        for (const [file, text] of Object.entries(FILES)) {
          fs.mkdirSync(path.dirname(path.join(workspace, file)), { recursive: true });
          fs.writeFileSync(path.join(workspace, file), text);
        }

        await connectToEmulator(wb, emulator, MARKER_KEY, TEST_LABEL);
        await addConnectionThroughUi(wb, { label: LIVE_LABEL, apiKey: LIVE_KEY, apiBase: emulator.url });
        await dialog(page, `Make "${LIVE_LABEL}" (LIVE) the active connection?`);
        await wb.answerDialog(`Keep '${TEST_LABEL}'`);
        await wb.waitForNotification(`Connected "${LIVE_LABEL}"`);
        await dismissNotifications(wb);

        // The view: the test account's secret no code reads, the name the live account lacks.
        const accountRows = wb
          .view()
          .getByRole('treeitem')
          .filter({ has: page.locator('.label-name').getByText('Account', { exact: true }) });
        await expand(row(wb, TEST_LABEL));
        await expand(accountRows.first());
        const unused = row(wb, 'legacy_zendesk_token');
        await eventually(
          async () => (/not read by code/.test(await description(unused)) ? true : undefined),
          'legacy_zendesk_token marked as not read by code',
          30_000,
        );
        await expand(row(wb, LIVE_LABEL));
        await expand(accountRows.nth(1));
        const missing = wb
          .view()
          .getByRole('treeitem')
          .filter({ hasText: 'hubspot_client_secret' })
          .filter({ hasText: 'used in code, not set' });
        await missing.first().waitFor({ timeout: 30_000 });
        for (const name of ['slack_bot_token', 'hubspot_client_secret']) {
          for (const r of await wb
            .view()
            .getByRole('treeitem')
            .filter({ has: page.locator('.label-name').getByText(name, { exact: true }) })
            .all()) {
            assert.doesNotMatch(await description(r), /not read by code/, `${name} is read by code`);
          }
        }
        await wb.screenshot(screenshotPath('workspace-index'));

        // Only the app whose code calls the Secret Store gets the manifest warning (no file opened).
        await page.keyboard.press('Control+Shift+M');
        const problems = page.locator('.markers-panel');
        await eventually(
          async () => (/secret_write/.test(await problems.innerText()) ? true : undefined),
          'the manifest warning in Problems',
          30_000,
        );
        const text = await problems.innerText();
        assert.match(text, /apps\/crm-sync/);
        assert.doesNotMatch(text, /invoice-notes/);
        assert.equal(text.match(/does not request the secret_write permission/g)?.length, 1, text);

        // Find All References from clients.js finds the use in nightly.py, which stays closed.
        await quickOpen(wb, 'apps/crm-sync/backend/clients.js');
        await page.mouse.move(2, 2);
        await page
          .locator('.monaco-editor .view-line')
          .filter({ hasText: "name: 'slack_bot_token'" })
          .first()
          .locator('span')
          .filter({ hasText: /slack_bot_token/ })
          .first()
          .click();
        await page.keyboard.press('Shift+F12');
        const peek = page.locator('.peekview-widget');
        // The peek waits for every reference provider, the TypeScript server's too (slow to start on a loaded machine).
        await peek.getByText('nightly.py').first().waitFor({ timeout: 120_000 });
        assert.match(await peek.innerText(), /clients\.js/);
        assert.equal(await page.locator('.tab[aria-label^="nightly.py"]').count(), 0, 'nightly.py was not opened');
        await page.keyboard.press('Escape');

        // Check Go-Live Readiness… against the live connection; copying from the test one makes it ready.
        const beforeCheck = emulator.requests().length;
        await wb.runCommand('Check Go-Live Readiness…');
        await wb.pick(LIVE_LABEL, /Check go-live readiness against which connection/);
        const readiness = await wb.waitForQuickInput(/Go-live readiness of/);
        const widget = page.locator('.quick-input-widget');
        await widget.getByText('hubspot_client_secret').first().waitFor();
        const listed = await widget.innerText();
        assert.match(listed, /1 of 2 not ready/);
        assert.match(listed, /missing/);
        assert.match(listed, /apps\/crm-sync\/stripe-app\.json/);
        await wb.screenshot(screenshotPath('golive-readiness'));
        assertNoValueFetched(emulator, beforeCheck, 'the check fetched no value');
        await readiness.fill('Copy the missing names');
        await readiness.press('Enter');
        const names = await wb.waitForQuickInput(/The names to copy/);
        await names.press('Enter');
        await dialog(
          page,
          new RegExp(`Copy 1 secret from ${TEST_LABEL.replace(/[()]/g, '\\$&')} · TEST · Account into ${LIVE_LABEL} · LIVE · Account\\?`),
        );
        await wb.answerDialog('Copy');
        await wb.answerInput(LIVE_LABEL, `Type ${LIVE_LABEL} to confirm`);
        await wb.waitForQuickInput(/Go-live readiness of .*: ready/, 30_000);
        assert.equal(
          emulator.secrets('live').find((s) => s.name === 'hubspot_client_secret')?.payload,
          MARKER_VALUE,
          'the value arrived unchanged',
        );
        await page.keyboard.press('Escape');
      },
    );
  },
);
