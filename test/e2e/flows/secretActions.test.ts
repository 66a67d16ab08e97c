/**
 * Scenarios 2-6 in one session, in the order a person would take them: set a secret from the
 * palette, reveal it, edit it, copy it, delete it. Each step checks the screen and the emulator's
 * store. Assertions compare values with assert.ok, so a failure never prints a secret value.
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
  inlineAction,
  row,
  valueEditorPage,
  waitForDescription,
  withFlow,
} from './support';

const NAME = 'partner_api_token';
const EDITED = `${MARKER_VALUE}-rotated`;
const DAY = 24 * 3600;

/** The page's clipboard API (the tests compile without the DOM lib). */
interface BrowserGlobals {
  navigator: { clipboard: { readText(): Promise<string>; writeText(text: string): Promise<void> } };
}

function stored(emulator: EmulatorHandle): StoredSecret | undefined {
  return emulator.secrets('test').find((s) => s.name === NAME && s.scope.type === 'account');
}

test('set, reveal, edit, copy and delete a secret as a person does', { timeout: 240_000 }, async () => {
  const flow = {
    emulator: { seed: 'demo' as const, apiKeys: [EMULATOR_TEST_KEY, MARKER_KEY] },
    // The web workbench's default auto-save (after a delay) stays on: the value editor saves only on Ctrl+S.
    settings: { 'stripeSecrets.clipboardClearSeconds': 2 },
    clipboard: true,
    markers: { apiKey: MARKER_KEY, value: MARKER_VALUE },
  };
  await withFlow('secret-actions', flow, async ({ wb, page, emulator }) => {
    await connectToEmulator(wb, emulator, MARKER_KEY);
    await dismissNotifications(wb);

    // 2. Set Secret… from the palette (the Account scope not yet expanded: the extension reveals
    // the new row itself): scope, name, a typed value, 7 days.
    await wb.runCommand('Set Secret…');
    await wb.pick('Account', 'Choose a scope');
    await wb.answerInput(NAME, 'The secret name');
    await wb.pick('Enter a value', `The value of '${NAME}'`);
    await wb.answerInput(MARKER_VALUE, 'The secret value (hidden)');
    await wb.waitForQuickInput('When does the secret expire?');
    await wb.screenshot(screenshotPath('set-secret'));
    const before = Math.floor(Date.now() / 1000);
    await wb.pick('7 days', 'When does the secret expire?');
    const secretRow = row(wb, NAME);
    await secretRow.waitFor();
    const after = Math.ceil(Date.now() / 1000);
    await waitForDescription(secretRow, 'expires in 7 days');
    await waitForDescription(row(wb, 'Account'), '7/10');
    const created = await eventually(() => stored(emulator), `'${NAME}' in the emulator`);
    assert.ok(created.payload === MARKER_VALUE, 'the emulator stores the typed value');
    assert.ok(
      created.expiresAt !== null && created.expiresAt >= before + 7 * DAY && created.expiresAt <= after + 7 * DAY,
      'expires in 7 days',
    );
    const expiresAt = created.expiresAt;

    // 3. Reveal (the row's inline eye): the value editor, read-only and masked until Show.
    await inlineAction(secretRow, 'Reveal Secret');
    const editorPage = valueEditorPage(page);
    await page.locator('.tabs-container .tab', { hasText: NAME }).waitFor();
    const show = editorPage.getByRole('button', { name: 'Show' });
    await show.waitFor();
    assert.ok(!(await editorPage.locator('body').innerHTML()).includes(MARKER_VALUE), 'the masked editor holds no value');
    await wb.screenshot(screenshotPath('reveal'));
    await show.click();
    const value = editorPage.getByRole('textbox', { name: 'Value' });
    await eventually(
      async () => ((await value.inputValue().catch(() => undefined)) === MARKER_VALUE ? true : undefined),
      'the value in the editor',
    );
    await value.press('End');
    await page.keyboard.type('typed');
    assert.ok((await value.inputValue()) === MARKER_VALUE, 'the revealed value cannot be changed');
    await wb.runCommand('Close All Editors', 'View');

    // 4. Edit (context menu), change the text, Ctrl+S: the emulator holds the new value, same expiry.
    await contextMenu(secretRow, 'Edit Secret');
    await page.locator('.tabs-container .tab', { hasText: NAME }).waitFor();
    await editorPage.getByRole('button', { name: 'Show' }).click();
    await eventually(
      async () => ((await value.inputValue().catch(() => undefined)) === MARKER_VALUE ? true : undefined),
      'the value in the editor',
    );
    await value.fill(EDITED);
    await page.locator('.tabs-container .tab.dirty', { hasText: NAME }).waitFor();
    await wb.screenshot(screenshotPath('edit'));
    await value.press('Control+S');
    await page.locator('.tabs-container .tab.dirty').waitFor({ state: 'detached' });
    const edited = await eventually(
      () => (stored(emulator)?.payload === EDITED ? stored(emulator) : undefined),
      'the edited value in the emulator',
    );
    assert.equal(edited.expiresAt, expiresAt, 'saving keeps the expiry');
    assert.equal(emulator.secrets('test').filter((s) => s.name === NAME).length, 1);
    await wb.runCommand('Close All Editors', 'View');

    // 5. Copy (the row's inline button): the clipboard holds the value, and 2 s later it is cleared.
    const clipboard = () => page.evaluate(() => (globalThis as unknown as BrowserGlobals).navigator.clipboard.readText());
    // The clipboard API needs the page focused; the closed editor's webview had the focus.
    await secretRow.click();
    await page.evaluate(() => (globalThis as unknown as BrowserGlobals).navigator.clipboard.writeText('something else'));
    await inlineAction(secretRow, 'Copy Secret Value');
    await eventually(async () => ((await clipboard()) === EDITED ? true : undefined), 'the value on the clipboard');
    await page.locator('.statusbar', { hasText: `Copied '${NAME}'; clipboard clears in 2 s` }).waitFor();
    await wb.screenshot(screenshotPath('copy'));
    await eventually(async () => ((await clipboard()) === '' ? true : undefined), 'the clipboard cleared', 10_000);

    // 6. Delete (context menu) with the modal confirmation: the row goes, and so does the secret.
    await contextMenu(secretRow, 'Delete Secret…');
    await dialog(page, NAME);
    await wb.screenshot(screenshotPath('delete-confirm'));
    await wb.answerDialog('Delete');
    await secretRow.waitFor({ state: 'detached' });
    assert.equal(stored(emulator), undefined, 'the emulator no longer has the secret');
    await waitForDescription(row(wb, 'Account'), '6/10');
  });
});
