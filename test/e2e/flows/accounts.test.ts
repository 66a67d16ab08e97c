/**
 * Accounts under one connection, from the packaged .vsix: one key to the emulator, two accounts
 * added (three in all), a secret set in the second one from the palette, then Find Secret Across
 * Accounts says which accounts hold the name. The emulator keeps one store per account.
 */
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { EMULATOR_TEST_KEY } from '../../../src/emulator';
import { screenshotPath } from '../lib/scenario';
import { MARKER_KEY, connectToEmulator, dismissNotifications, eventually, expand, row, withFlow } from './support';

test('three accounts under one connection: set in the second, find the name across all', { timeout: 180_000 }, async () => {
  const flow = { emulator: { apiKeys: [EMULATOR_TEST_KEY, MARKER_KEY] }, markers: { apiKey: MARKER_KEY } };
  await withFlow('accounts', flow, async ({ wb, emulator }) => {
    await connectToEmulator(wb, emulator, MARKER_KEY);

    await wb.runCommand('Add Account…');
    await wb.answerInput('acct_Shop1, acct_Clinic2', /An account this connection's key reaches/);
    await wb.waitForNotification(/Added 2 accounts/);
    await row(wb, 'acct_Shop1').waitFor();
    await row(wb, 'acct_Clinic2').waitFor();

    await wb.runCommand('Set Secret…');
    await wb.pick('acct_Shop1', /Choose an account/);
    await wb.pick('Account', /Choose a scope/);
    await wb.answerInput('slack_bot_token', /secret name/i);
    await wb.pick('Generate a random value');
    await wb.pick('Never');
    await eventually(() => emulator.secrets('test', 'acct_Shop1').find((s) => s.name === 'slack_bot_token'), 'the secret in acct_Shop1');
    assert.equal(
      emulator.secrets('test').find((s) => s.name === 'slack_bot_token'),
      undefined,
      'the own account holds nothing',
    );

    await expand(row(wb, 'acct_Shop1'));
    await dismissNotifications(wb);
    await wb.runCommand('Find Secret Across Accounts…');
    await wb.pick('Another name…', /secret name to look for/);
    await wb.answerInput('slack_bot_token', /exact secret name/);
    await wb.waitForQuickInput(/1 of 3 accounts hold 'slack_bot_token'/);
    const rows = wb.page.locator('.quick-input-list .monaco-list-row');
    await eventually(async () => ((await rows.count()) === 3 ? true : undefined), 'one row per account');
    const labels = await rows.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    assert.match(labels[1], /^acct_Shop1.*holds it.*Account scope: set, never expires/);
    assert.match(labels[0], /does not hold it/);
    await wb.screenshot(screenshotPath('accounts'));
    await wb.page.keyboard.press('Escape');
  });
});
