/**
 * Scenario 8: a secret that expires while the person looks at the tree is marked expired. The
 * emulator (like Stripe) drops expired secrets on the next request, so the mark can only be seen on
 * the tree's cached listing: the secret is seeded to expire seconds after the scope is loaded.
 */
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { EMULATOR_TEST_KEY } from '../../../src/emulator';
import { screenshotPath } from '../lib/scenario';
import { MARKER_KEY, MARKER_VALUE, connectToEmulator, description, dismissNotifications, expand, row, waitForDescription, withFlow } from './support';

const NAME = 'short_lived_token';
const LIFETIME_S = 10;

test('a secret that expires while the tree shows it is marked expired', { timeout: 180_000 }, async () => {
  const flow = {
    emulator: { seed: 'demo' as const, apiKeys: [EMULATOR_TEST_KEY, MARKER_KEY] },
    markers: { apiKey: MARKER_KEY, value: MARKER_VALUE },
  };
  await withFlow('expired', flow, async ({ wb, page, emulator }) => {
    await connectToEmulator(wb, emulator, MARKER_KEY);
    // Seeded only now, so its short life is spent on loading the scope, not on starting up.
    const now = Math.floor(Date.now() / 1000);
    const expiresAt = now + LIFETIME_S;
    emulator.secrets('test').push({ id: 'appsecret_e2eShortLived', name: NAME, scope: { type: 'account' }, payload: MARKER_VALUE, created: now, expiresAt });
    const account = row(wb, 'Account');
    await expand(account);
    const secret = row(wb, NAME);
    await secret.waitFor();
    assert.ok(Date.now() < expiresAt * 1000, `the scope loaded within ${LIFETIME_S} s, before the secret expired`);
    await waitForDescription(secret, 'expires in less than a minute');
    await waitForDescription(account, '7/10');

    await page.waitForTimeout(expiresAt * 1000 - Date.now() + 500);
    // Collapsing and expanding the scope shows VS Code's cached rows, and nothing re-renders a row
    // when its expiry passes, so the person does something that redraws the tree without reloading
    // the account scope: adding a user scope. (A reload would drop the secret, as Stripe does.)
    await wb.runCommand('Add User Scope…');
    await wb.answerInput('usr_DemoAdaLovelace', 'The id of a user of your app');
    await row(wb, 'Users').filter({ hasText: '1' }).waitFor();
    await waitForDescription(secret, 'expired');
    assert.equal(await description(account), '7/10', 'the account scope was not reloaded');
    assert.equal(await secret.locator('.codicon-error').count(), 1, 'the expired row has the error icon');
    await dismissNotifications(wb);
    await wb.screenshot(screenshotPath('expired'));
  });
});
