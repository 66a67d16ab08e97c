/** First run: the packaged extension in a fresh profile shows the welcome content of its view. */
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { screenshotPath, withScenario } from './lib/scenario';

test('a fresh profile shows the welcome view with Add Connection and Try the Local Emulator', { timeout: 120_000 }, async () => {
  await withScenario('welcome', {}, async ({ wb }) => {
    const view = await wb.openStripeView();
    await wb.welcomeButton('Add Connection').waitFor();
    await wb.welcomeButton('Try the Local Emulator').waitFor();
    assert.match(await view.locator('.welcome-view-content').innerText(), /Browse and manage the secrets of your Stripe Apps/);
    assert.equal(await wb.treeItem(/.*/).count(), 0, 'no tree rows without connections');
    await wb.screenshot(screenshotPath('welcome'));
  });
});
