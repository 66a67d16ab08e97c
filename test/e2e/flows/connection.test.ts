/** Scenario 1: a person connects to the emulator through the palette and browses the account and a user scope. */
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { DEMO_USER_IDS, EMULATOR_TEST_KEY } from '../../../src/emulator';
import { addConnectionThroughUi, screenshotPath } from '../lib/scenario';
import {
  MARKER_KEY,
  connectToEmulator,
  description,
  dialog,
  dismissNotifications,
  expand,
  row,
  waitForDescription,
  withFlow,
} from './support';

test(
  'add a connection to the emulator from the palette: the account scope shows its fill and the expiring secret, then a user scope its secrets',
  { timeout: 180_000 },
  async () => {
    await withFlow(
      'connection',
      { emulator: { seed: 'demo', apiKeys: [EMULATOR_TEST_KEY, MARKER_KEY] }, markers: { apiKey: MARKER_KEY } },
      async ({ wb, emulator }) => {
        await connectToEmulator(wb, emulator, MARKER_KEY);

        const connection = row(wb, 'My app (emulator)');
        await connection.waitFor();
        await waitForDescription(connection, /^TEST · active$/);

        const account = row(wb, 'Account');
        await expand(account);
        const seeded = emulator.secrets('test').filter((s) => s.scope.type === 'account');
        for (const s of seeded) await row(wb, s.name).waitFor();
        assert.equal(seeded.length, 6);
        await waitForDescription(account, '6/10');
        await waitForDescription(row(wb, 'sendgrid_api_key'), 'expires in 2 days');
        assert.equal(await description(row(wb, 'database_url')), '');

        const user = DEMO_USER_IDS[0];
        await wb.runCommand('Add User Scope…');
        await wb.answerInput(user, 'The id of a user of your app');
        await expand(row(wb, 'Users'));
        await waitForDescription(row(wb, 'Users'), '1');
        await expand(row(wb, user));
        const userSecrets = emulator.secrets('test').filter((s) => s.scope.type === 'user' && s.scope.user === user);
        for (const s of userSecrets) await row(wb, s.name).waitFor();
        await waitForDescription(row(wb, user), `${userSecrets.length}/10`);
        await waitForDescription(row(wb, 'google_oauth_access_token'), /^expires in \d+ minutes$/);

        await dismissNotifications(wb);
        await wb.screenshot(screenshotPath('tree'));
      },
    );
  },
);

test(
  'a live connection added over an active one asks first: Keep is the default button and leaves the active one; Make Active switches',
  { timeout: 180_000 },
  async () => {
    const liveKey = `sk_live_SWITCH${randomBytes(18).toString('base64url').replace(/[-_]/g, 'x')}`;
    await withFlow(
      'connection-live-switch',
      { emulator: { apiKeys: [MARKER_KEY, liveKey] }, markers: { apiKey: MARKER_KEY, liveKey } },
      async ({ wb, page, emulator }) => {
        await connectToEmulator(wb, emulator, MARKER_KEY);
        const mine = row(wb, 'My app (emulator)');
        await waitForDescription(mine, /· active$/);

        await addConnectionThroughUi(wb, { label: 'Prod', apiKey: liveKey, apiBase: emulator.url });
        const box = await dialog(page, 'Make "Prod" (LIVE) the active connection?');
        await box.locator('.monaco-button:focus', { hasText: "Keep 'My app (emulator)'" }).waitFor();
        await page.keyboard.press('Enter');
        await wb.waitForNotification('Connected "Prod"');
        await waitForDescription(row(wb, 'Prod'), /^LIVE$/);
        await waitForDescription(mine, /· active$/);

        await addConnectionThroughUi(wb, { label: 'Prod 2', apiKey: liveKey, apiBase: emulator.url });
        await dialog(page, 'Make "Prod 2" (LIVE) the active connection?');
        await wb.answerDialog('Make Active');
        await waitForDescription(row(wb, 'Prod 2'), /^LIVE · active$/);
        await waitForDescription(mine, /^TEST$/);
      },
    );
  },
);
