/**
 * History in the packaged extension, as a person uses it: delete a secret and Undo from the
 * notification; overwrite it and Restore from Show History…; Extend Expiry… changes only the
 * expiry. The emulator's store is what Stripe holds. withFlow's leak scan then finds neither value
 * anywhere outside SecretStorage (the browser profile). Values are compared with assert.ok, so a
 * failure never prints one.
 */
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { EMULATOR_TEST_KEY, type EmulatorHandle, type StoredSecret } from '../../../src/emulator';
import { screenshotPath } from '../lib/scenario';
import {
  MARKER_KEY,
  MARKER_VALUE,
  connectToEmulator,
  contextMenu,
  dialog,
  dismissNotifications,
  eventually,
  expand,
  row,
  withFlow,
} from './support';

const NAME = 'history_token';
const OVERWRITE = `${MARKER_VALUE}-overwritten`;
const DAY = 24 * 3600;

function stored(emulator: EmulatorHandle): StoredSecret | undefined {
  return emulator.secrets('test').find((s) => s.name === NAME && s.scope.type === 'account');
}

test('undo a delete, restore an overwrite from Show History, extend an expiry', { timeout: 240_000 }, async () => {
  const flow = {
    emulator: { seed: 'demo' as const, apiKeys: [EMULATOR_TEST_KEY, MARKER_KEY] },
    markers: { apiKey: MARKER_KEY, value: MARKER_VALUE, overwrite: OVERWRITE },
  };
  await withFlow('history', flow, async ({ wb, page, emulator }) => {
    const expiresAt = Math.floor(Date.now() / 1000) + 5 * DAY;
    emulator.secrets('test').push({
      id: 'appsecret_e2eHistory',
      name: NAME,
      scope: { type: 'account' },
      payload: MARKER_VALUE,
      created: expiresAt - 6 * DAY,
      expiresAt,
    });
    await connectToEmulator(wb, emulator, MARKER_KEY);
    await dismissNotifications(wb);
    await expand(row(wb, 'Account'));
    const secretRow = row(wb, NAME);
    await secretRow.waitFor();

    // Delete, then Undo in the notification that reports it: value and expiry are back.
    await contextMenu(secretRow, 'Delete Secret…');
    await dialog(page, NAME);
    await wb.answerDialog('Delete');
    const deleted = await wb.waitForNotification(`Deleted '${NAME}' from the account scope of`);
    assert.equal(stored(emulator), undefined, 'deleted in the emulator');
    await wb.screenshot(screenshotPath('history-undo'));
    await deleted.getByRole('button', { name: 'Undo' }).click();
    const back = await eventually(() => stored(emulator), `'${NAME}' written back`);
    assert.ok(back.payload === MARKER_VALUE, 'the old value is back');
    assert.equal(back.expiresAt, expiresAt, 'with its expiry');
    await dismissNotifications(wb);

    // Overwrite with Set Secret…, then Restore from Show History… on the row.
    await secretRow.waitFor();
    await contextMenu(secretRow, 'Set Secret…');
    await wb.pick('Enter a value', `The value of '${NAME}'`);
    await wb.answerInput(OVERWRITE, 'The secret value (hidden)');
    await wb.pick('Never', 'When does the secret expire?');
    await wb.answerDialog('Replace');
    await eventually(() => (stored(emulator)?.payload === OVERWRITE ? true : undefined), 'the overwrite in the emulator');
    // The report offers Undo too; waiting for it also lets the closing dialog hand back the focus.
    const replaced = await wb.waitForNotification(`Replaced '${NAME}' in the account scope of`);
    assert.equal(await replaced.getByRole('button', { name: 'Undo' }).count(), 1);
    await dismissNotifications(wb);
    await contextMenu(secretRow, 'Show History…');
    await wb.waitForQuickInput(`History of '${NAME}'`);
    assert.ok(!(await page.locator('.quick-input-widget').innerText()).includes(MARKER_VALUE), 'the history list shows no value');
    await wb.screenshot(screenshotPath('history-show'));
    await wb.pick(NAME, `History of '${NAME}'`);
    await wb.pick('Restore', 'Restore or reveal this value?');
    await eventually(() => (stored(emulator)?.payload === MARKER_VALUE ? true : undefined), 'the restored value in the emulator');
    assert.equal(stored(emulator)!.expiresAt, expiresAt, 'the restore brings back the kept expiry');
    await dismissNotifications(wb);

    // Extend Expiry…: only expires_at changes; the value is never typed nor shown.
    const before = emulator.requests().length;
    await contextMenu(secretRow, 'Extend Expiry…');
    const asked = Math.floor(Date.now() / 1000);
    await wb.pick('30 days', 'When does the secret expire?');
    const extended = await eventually(
      () => (stored(emulator)?.expiresAt !== expiresAt ? stored(emulator) : undefined),
      'the new expiry in the emulator',
    );
    assert.ok(extended.payload === MARKER_VALUE, 'the value is unchanged, byte for byte');
    assert.ok(extended.expiresAt! >= asked + 30 * DAY && extended.expiresAt! <= asked + 30 * DAY + 120, 'expires in 30 days');
    const writes = emulator
      .requests()
      .slice(before)
      .filter((r) => r.method === 'POST');
    assert.equal(writes.length, 1, 'one set');
    await wb.waitForNotification(`'${NAME}' in the account scope of`);
    await wb.screenshot(screenshotPath('history-extend'));
  });
});
