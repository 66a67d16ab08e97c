/** Scenario 7: a well-formed key the account does not accept is refused with a way to re-enter just the key. */
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { EMULATOR_TEST_KEY } from '../../../src/emulator';
import { addConnectionThroughUi, screenshotPath } from '../lib/scenario';
import { MARKER_KEY, row, waitForDescription, widenSidebar, withFlow } from './support';

// Well-formed (sk_test_ + alphanumerics) but not among the emulator's apiKeys, so it answers 401.
const REJECTED_KEY = `sk_test_LEAKMARKERREJECTED${randomBytes(12).toString('hex')}`;

test(
  'an API key Stripe refuses: an error with Re-enter API Key, nothing saved, and the re-entered key connects',
  { timeout: 180_000 },
  async () => {
    const flow = {
      emulator: { seed: 'demo' as const, apiKeys: [EMULATOR_TEST_KEY, MARKER_KEY] },
      markers: { apiKey: MARKER_KEY, rejectedKey: REJECTED_KEY },
    };
    await withFlow('invalid-key', flow, async ({ wb, page, emulator }) => {
      await wb.openStripeView();
      await widenSidebar(page);
      await addConnectionThroughUi(wb, { label: 'My app (emulator)', apiKey: REJECTED_KEY, apiBase: emulator.url });

      const toast = await wb.waitForNotification('Nothing was saved.');
      assert.match(await toast.innerText(), /did not accept this API key/);
      const reEnter = toast.getByRole('button', { name: 'Re-enter API Key' });
      await reEnter.waitFor();
      assert.equal(await wb.treeItem(/.*/).count(), 0, 'no connection was saved');
      assert.ok(!(await toast.innerText()).includes(REJECTED_KEY.slice(8)), 'the message does not show the key');
      await page.locator('.notifications-toasts .notification-toast', { hasText: 'Checking the API key' }).waitFor({ state: 'detached' });
      await wb.screenshot(screenshotPath('invalid-key'));

      await reEnter.click();
      await wb.answerInput(MARKER_KEY, 'secret key');
      await wb.waitForNotification('Connected "My app (emulator)"');
      const connection = row(wb, 'My app (emulator)');
      await connection.waitFor();
      await waitForDescription(connection, /· active$/);
      assert.ok(
        emulator.requests().some((r) => r.status === 401),
        'the emulator refused the first key',
      );
    });
  },
);
