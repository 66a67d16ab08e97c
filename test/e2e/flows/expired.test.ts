/**
 * Scenario 8: a secret that expires while the person looks at the tree is marked expired. The
 * emulator (like Stripe) drops expired secrets on the next request, so the mark can only be seen on
 * the tree's cached listing: the secret is seeded to expire seconds after the scope is reloaded, and
 * the row must turn to "expired" by itself, without a reload.
 */
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { EMULATOR_TEST_KEY } from '../../../src/emulator';
import { screenshotPath } from '../lib/scenario';
import {
  MARKER_KEY,
  MARKER_VALUE,
  TIMEOUT,
  connectToEmulator,
  description,
  dismissNotifications,
  expand,
  row,
  waitForDescription,
  withFlow,
} from './support';

const NAME = 'short_lived_token';
const LIFETIME_S = 10;

test('a secret that expires while the tree shows it is marked expired', { timeout: 180_000 }, async () => {
  const flow = {
    emulator: { seed: 'demo' as const, apiKeys: [EMULATOR_TEST_KEY, MARKER_KEY] },
    markers: { apiKey: MARKER_KEY, value: MARKER_VALUE },
  };
  await withFlow('expired', flow, async ({ wb, emulator }) => {
    await connectToEmulator(wb, emulator, MARKER_KEY);
    const account = row(wb, 'Account');
    await expand(account);
    await waitForDescription(account, '6/10');
    // Seeded only now, and shown by a refresh, so its short life is not spent on starting up.
    const now = Math.floor(Date.now() / 1000);
    const expiresAt = now + LIFETIME_S;
    emulator
      .secrets('test')
      .push({ id: 'appsecret_e2eShortLived', name: NAME, scope: { type: 'account' }, payload: MARKER_VALUE, created: now, expiresAt });
    await wb.runCommand('Refresh');
    const secret = row(wb, NAME);
    await secret.waitFor();
    assert.ok(Date.now() < expiresAt * 1000, `the scope loaded within ${LIFETIME_S} s, before the secret expired`);
    await waitForDescription(secret, 'expires in less than a minute');
    await waitForDescription(account, '7/10');

    // The row turns at the expiry, which is up to LIFETIME_S away.
    await waitForDescription(secret, 'expired', expiresAt * 1000 - Date.now() + TIMEOUT);
    assert.equal(await description(account), '7/10', 'the account scope was not reloaded');
    assert.equal(await secret.locator('.codicon-error').count(), 1, 'the expired row has the error icon');
    await dismissNotifications(wb);
    await wb.screenshot(screenshotPath('expired'));
  });
});
