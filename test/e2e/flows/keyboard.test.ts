/**
 * Every step of the README's main tasks from the keyboard alone, in the packaged extension: add a
 * connection, open the view and a scope, set a secret, reveal it, edit and save it, copy it, delete
 * it. No mouse event reaches the page (counted, and asserted zero); after each step the test checks
 * where the keyboard focus is, since that is where the next key goes.
 */
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { EMULATOR_TEST_KEY, type EmulatorHandle } from '../../../src/emulator';
import type { Workbench } from '../lib/workbench';
import { MARKER_KEY, MARKER_VALUE, escapeRegExp, eventually, row, valueEditorPage, withFlow } from './support';

const NAME = 'kb_token';
const EDITED = `${MARKER_VALUE}-kb`;

/** What the page's scripts see (the tests compile without the DOM lib). */
interface PageGlobals {
  __mouseEvents: number;
  addEventListener(type: string, listener: (e: { isTrusted: boolean }) => void, capture: boolean): void;
  document: { activeElement: { closest(selector: string): unknown } | null };
  navigator: { clipboard: { readText(): Promise<string> } };
}

/** Counts every real pointer press on the page (a key's Enter on a button makes a click, but no pointerdown). */
async function countMouse(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = globalThis as unknown as PageGlobals;
    w.__mouseEvents = 0;
    for (const type of ['pointerdown', 'mousedown', 'contextmenu', 'wheel']) {
      w.addEventListener(
        type,
        (e) => {
          if (e.isTrusted) w.__mouseEvents++;
        },
        true,
      );
    }
  });
}

/** F1, the command's full title, Enter once the first row is that command. */
async function runByKeys(wb: Workbench, title: string, category = 'Stripe Secrets'): Promise<void> {
  const full = `${category}: ${title}`;
  await wb.page.keyboard.press('F1');
  const input = await wb.waitForQuickInput();
  await input.fill(`>${full}`);
  const first = wb.page.locator('.quick-input-list .monaco-list-row').first();
  await eventually(async () => ((await first.getAttribute('aria-label'))?.startsWith(full) ? true : undefined), `the palette row ${full}`);
  await wb.page.keyboard.press('Enter');
}

/** Types a filter into the open quick pick and takes its first row with Enter. */
async function pickByKeys(wb: Workbench, label: string, expectPrompt: string | RegExp): Promise<void> {
  const input = await wb.waitForQuickInput(expectPrompt);
  await input.fill(label);
  const first = wb.page.locator('.quick-input-list .monaco-list-row').first();
  await eventually(async () => ((await first.getAttribute('aria-label'))?.startsWith(label) ? true : undefined), `the pick row ${label}`);
  await wb.page.keyboard.press('Enter');
}

/**
 * Focus on Stripe Secrets View by its palette command, once the palette has closed: a key pressed
 * while it is still closing goes to the palette, not to the tree.
 */
async function focusView(wb: Workbench): Promise<void> {
  await runByKeys(wb, 'Focus on Stripe Secrets View');
  await wb.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  await eventually(() => treeHasFocus(wb).then((yes) => yes || undefined), 'the tree to take the focus');
}

function treeHasFocus(wb: Workbench): Promise<boolean> {
  return wb.page.evaluate(() => {
    const active = (globalThis as unknown as PageGlobals).document.activeElement;
    return active !== null && active.closest('.pane-body .monaco-list') !== null;
  });
}

/** The tree row with keyboard focus (its label), once the tree itself has DOM focus. */
async function focusedRow(wb: Workbench): Promise<string | undefined> {
  if (!(await treeHasFocus(wb))) return undefined;
  const focused = wb.view().locator('.monaco-list-row.focused .label-name');
  return (await focused.count()) === 1 ? (await focused.innerText()).trim() : undefined;
}

async function expectFocusOn(wb: Workbench, label: string, step: string): Promise<void> {
  let seen: string | undefined;
  try {
    await eventually(async () => ((seen = await focusedRow(wb)) === label ? true : undefined), `focus on '${label}' ${step}`);
  } catch {
    assert.fail(`${step}: the focused row is ${seen === undefined ? `none (${await focusReport(wb)})` : `'${seen}'`}, expected '${label}'`);
  }
}

/** Where the focus is, for a failure's message. */
function focusReport(wb: Workbench): Promise<string> {
  return wb.page.evaluate(() => {
    const d = (
      globalThis as unknown as {
        document: {
          activeElement: { tagName: string; className: string; getAttribute(n: string): string | null } | null;
          querySelectorAll(s: string): ArrayLike<{ className: string; getAttribute(n: string): string | null }>;
        };
      }
    ).document;
    const a = d.activeElement;
    const rows = Array.from(d.querySelectorAll('.monaco-list-row.focused')).map((r) => `${r.className} [${r.getAttribute('aria-label')}]`);
    return `active element: ${a ? `${a.tagName}.${a.className} [${a.getAttribute('aria-label')}]` : 'none'}; focused rows: ${rows.join(' | ') || 'none'}`;
  });
}

/** Where the focus is inside the value editor's page: the id of its active element, or why there is none. */
async function valueEditorFocus(wb: Workbench): Promise<string> {
  const top = await wb.page.evaluate(() => {
    const active = (globalThis as unknown as PageGlobals).document.activeElement as { tagName?: string; className?: string } | null;
    return `${active?.tagName ?? 'none'}.${active?.className ?? ''}`;
  });
  if (!/^IFRAME\..*\bwebview\b/.test(top)) return `the workbench's focus is on ${top}`;
  const inner = await valueEditorPage(wb.page)
    .locator('body')
    .evaluate(() => {
      const d = (globalThis as unknown as { document: { activeElement: { id: string; tagName: string } | null } }).document;
      return d.activeElement ? d.activeElement.id || d.activeElement.tagName : 'none';
    })
    .catch((error: Error) => `unreadable (${error.message.split('\n')[0]})`);
  return inner;
}

/**
 * Waits until the keyboard is on the value editor's value field: the workbench's focus on the
 * webview (drawn over the editor area, outside the editor group's DOM) and, inside it, on the
 * field (`masked` while the value is hidden, `value` once shown).
 */
async function expectValueFieldFocus(wb: Workbench, step: string, field: 'masked' | 'value' = 'masked'): Promise<void> {
  let seen = '';
  try {
    await eventually(async () => ((seen = await valueEditorFocus(wb)) === field ? true : undefined), `focus on the value field ${step}`);
  } catch {
    assert.fail(`${step}: the focus is on ${seen}, expected the value field (#${field})`);
  }
}

function stored(emulator: EmulatorHandle, name = NAME) {
  return emulator.secrets('test').find((s) => s.name === name && s.scope.type === 'account');
}

/** Presses `key` in the value editor's page until the element matching `selector` has focus. */
async function tabTo(wb: Workbench, selector: string, key = 'Tab'): Promise<void> {
  const frame = valueEditorPage(wb.page);
  for (let i = 0; i < 12; i++) {
    if (await frame.locator(`${selector}:focus`).count()) return;
    await wb.page.keyboard.press(key);
  }
  assert.fail(`${key} never reached ${selector} in the value editor`);
}

/** Moves through the open modal's buttons with Tab until `name` has focus. */
async function focusDialogButton(wb: Workbench, name: string): Promise<void> {
  const box = wb.page.locator('.monaco-dialog-box');
  for (let i = 0; i < 8; i++) {
    if (
      await box
        .locator('.monaco-button:focus')
        .filter({ hasText: new RegExp(`^${escapeRegExp(name)}$`) })
        .count()
    )
      return;
    await wb.page.keyboard.press('Tab');
  }
  assert.fail(`Tab never reached the dialog's ${name} button`);
}

test('every task from the keyboard alone, with the focus where the next key goes', { timeout: 300_000 }, async () => {
  const flow = {
    emulator: { seed: 'demo' as const, apiKeys: [EMULATOR_TEST_KEY, MARKER_KEY] },
    settings: { 'stripeSecrets.clipboardClearSeconds': 60 },
    clipboard: true,
    markers: { apiKey: MARKER_KEY, value: MARKER_VALUE },
  };
  await withFlow('keyboard', flow, async ({ wb, page, emulator }) => {
    await countMouse(page);

    // Add Connection…: each step by typing and Enter.
    await runByKeys(wb, 'Add Connection…');
    // The first command activates the extension, which a busy machine can take a while to do.
    await wb.waitForQuickInput('A name for this connection', 90_000);
    await wb.answerInput('Keyboard app', 'A name for this connection');
    await wb.answerInput(MARKER_KEY, 'secret key');
    await wb.answerInput('', 'Stripe-Account id');
    await pickByKeys(wb, 'Advanced', 'Save the connection');
    await wb.answerInput(emulator.url, 'The API base');
    await wb.waitForNotification('Connected "Keyboard app"');

    // The view by its Focus command; Down to the Account scope, Right to expand it.
    await focusView(wb);
    // Home lands once the workbench routes keys to the tree it just focused: a few hundred ms on a
    // busy machine, during which a key is lost. Pressed again until a row has the focus.
    await eventually(async () => {
      if ((await focusedRow(wb)) !== undefined) return true;
      await page.keyboard.press('Home');
      return undefined;
    }, 'a row focused by Home');
    await expectFocusOn(wb, 'Keyboard app', 'after focusing the view');
    await page.keyboard.press('ArrowDown');
    await expectFocusOn(wb, 'Account', 'after ArrowDown');
    await page.keyboard.press('ArrowRight');
    await row(wb, 'database_url').waitFor();
    await expectFocusOn(wb, 'Account', 'after expanding the scope');

    // Set Secret… from the palette, each step by keys; the step count and Back are on screen.
    await runByKeys(wb, 'Set Secret…');
    await pickByKeys(wb, 'Account', /Set Secret \(Step 1 of 4\)/);
    await wb.answerInput(NAME, /Set Secret \(Step 2 of 4\)/);
    await pickByKeys(wb, 'Enter a value', /Set Secret \(Step 3 of 4\)/);
    await wb.answerInput(MARKER_VALUE, 'The secret value (hidden)');
    await pickByKeys(wb, '7 days', /Set Secret \(Step 4 of 4\)/);
    await eventually(() => stored(emulator), `'${NAME}' in the emulator`);
    await row(wb, NAME).waitFor();
    // Run from the palette while the tree had focus: the keyboard is back in the tree, on the new row.
    await expectFocusOn(wb, NAME, 'after Set Secret…');

    // Enter on the row: Reveal, in the value editor.
    await page.keyboard.press('Enter');
    await page.locator('.tabs-container .tab', { hasText: NAME }).waitFor();
    await expectValueFieldFocus(wb, 'after Enter on the row');
    await valueEditorPage(page).getByRole('button', { name: 'Show' }).waitFor();
    await runByKeys(wb, 'Close All Editors', 'View');
    await focusView(wb);
    await expectFocusOn(wb, NAME, 'back in the view after closing the editor');

    // F2: Edit. Tab to Show, Enter; Tab to the value, type, Ctrl+S saves.
    await page.keyboard.press('F2');
    await page.locator('.tabs-container .tab', { hasText: NAME }).waitFor();
    await expectValueFieldFocus(wb, 'after F2 on the row');
    const frame = valueEditorPage(page);
    await frame.getByRole('button', { name: 'Show' }).waitFor();
    await tabTo(wb, '#show');
    await page.keyboard.press('Enter');
    await eventually(async () => ((await frame.locator('#value').inputValue()) === MARKER_VALUE ? true : undefined), 'the value shown');
    await tabTo(wb, '#value', 'Shift+Tab');
    await page.keyboard.press('Control+A');
    // The webview hands Ctrl+A to the workbench, whose Select All comes back to the page later: keys
    // typed before it lands are selected with the rest and replaced by the next one.
    const field = frame.locator('#value');
    await eventually(
      () =>
        field
          .evaluate((el) => {
            const area = el as unknown as { selectionStart: number; selectionEnd: number; value: string };
            return area.selectionStart === 0 && area.selectionEnd === area.value.length;
          })
          .then((all) => all || undefined),
      'Ctrl+A to select the whole value',
    );
    await page.keyboard.type(EDITED);
    await eventually(async () => ((await field.inputValue()) === EDITED ? true : undefined), 'the typed value in the field');
    await page.locator('.tabs-container .tab.dirty', { hasText: NAME }).waitFor();
    await page.keyboard.press('Control+S');
    await eventually(() => (stored(emulator)?.payload === EDITED ? true : undefined), 'the edited value at the emulator');
    await runByKeys(wb, 'Close All Editors', 'View');
    await focusView(wb);
    await expectFocusOn(wb, NAME, 'back in the view after saving');

    // Copy Secret Value from the row's context menu, opened with Shift+F10.
    await page.keyboard.press('Shift+F10');
    const menu = page.locator('.monaco-menu');
    await menu.waitFor();
    for (let i = 0; i < 20 && !(await menu.locator('.action-item.focused').filter({ hasText: 'Copy Secret Value' }).count()); i++)
      await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await eventually(
      async () =>
        (await page.evaluate(() => (globalThis as unknown as PageGlobals).navigator.clipboard.readText())) === EDITED ? true : undefined,
      'the value on the clipboard',
    );
    await expectFocusOn(wb, NAME, 'after Copy Secret Value');

    // Delete: Enter on the modal keeps the secret (the safe button has the focus)...
    await page.keyboard.press('Delete');
    await wb.page
      .locator('.monaco-dialog-box')
      .filter({ hasText: `Delete secret '${NAME}'` })
      .waitFor();
    await page.keyboard.press('Enter');
    await wb.page.locator('.monaco-dialog-box').waitFor({ state: 'detached' });
    assert.ok(stored(emulator), 'Enter on the delete modal keeps the secret');
    await expectFocusOn(wb, NAME, 'after keeping the secret');

    // ...Tab to Delete and Enter deletes it; the next row has the focus.
    const next = emulator
      .secrets('test')
      .filter((s) => s.scope.type === 'account')
      .map((s) => s.name)
      .sort((a, b) => a.localeCompare(b))
      .find((n) => n.localeCompare(NAME) > 0);
    assert.ok(next, 'the demo seed has a row after the new one');
    await page.keyboard.press('Delete');
    await wb.page
      .locator('.monaco-dialog-box')
      .filter({ hasText: `Delete secret '${NAME}'` })
      .waitFor();
    await focusDialogButton(wb, 'Delete');
    await page.keyboard.press('Enter');
    await eventually(() => (stored(emulator) === undefined ? true : undefined), `'${NAME}' gone from the emulator`);
    await row(wb, NAME).waitFor({ state: 'detached' });
    await expectFocusOn(wb, next, 'after the delete');
    await page.keyboard.press('ArrowUp');
    assert.notEqual(await focusedRow(wb), undefined, "ArrowUp moves within the tree, from the row that took the deleted one's place");

    const mouse = await page.evaluate(() => (globalThis as unknown as PageGlobals).__mouseEvents);
    assert.equal(mouse, 0, 'no mouse event reached the page');
  });
});
