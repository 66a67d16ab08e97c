/**
 * A hostile workspace, the keyboard and a high-contrast theme, in one code-server start.
 *
 * The workspace's .vscode/settings.json (written before the page opens) sets every guard to its
 * weakest. Against a LIVE emulator connection: a reveal still asks, a delete still wants the name
 * typed, a copied value is still cleared (after the user's 3 s), and the view lists no more often
 * than the user's 30 s allow (nothing in the 3 s the clipboard clear took). Then, from the keyboard alone, a secret row's context menu opens with
 * Shift+F10 and runs Copy Secret Name. Last, the Default High Contrast theme: the row icons take
 * colours that theme defines, and the high-contrast.png screenshot is taken.
 */
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import type { Locator, Page } from 'playwright-core';
import type { EmulatorHandle } from '../../../src/emulator';
import { screenshotPath, withScenario } from '../lib/scenario';
import {
  MARKER_VALUE,
  connectToEmulator,
  contextMenu,
  dialog,
  dismissNotifications,
  eventually,
  expand,
  inlineAction,
  row,
} from './support';

const LABEL = 'Live app (emulator)';
const LIVE_KEY = `sk_live_GUARDS${randomBytes(18).toString('base64url').replace(/[-_]/g, 'x')}`;
const NAME = 'live_webhook_token';
const SOON = 'oauth_refresh_token';
const PADDED = 'legacy key ';
const USER_SETTINGS = { 'stripeSecrets.clipboardClearSeconds': 3, 'stripeSecrets.autoRefreshSeconds': 30 };
const WORKSPACE_SETTINGS = {
  'stripeSecrets.confirmRevealInLiveMode': false,
  'stripeSecrets.deleteConfirmation': 'modal',
  'stripeSecrets.clipboardClearSeconds': 0,
  'stripeSecrets.autoRefreshSeconds': 1,
};

interface BrowserGlobals {
  navigator: { clipboard: { readText(): Promise<string>; writeText(text: string): Promise<void> } };
  document: {
    querySelector(selector: string): { appendChild(e: unknown): void } | null;
    createElement(tag: string): { style: { color: string }; remove(): void };
  };
  getComputedStyle(element: unknown): { color: string };
}

const clipboard = (page: Page) => page.evaluate(() => (globalThis as unknown as BrowserGlobals).navigator.clipboard.readText());
const listRequests = (emulator: EmulatorHandle) =>
  emulator.requests().filter((r) => r.method === 'GET' && r.path === '/v1/apps/secrets').length;

/** The colour a theme variable resolves to in the workbench (e.g. `--vscode-problemsWarningIcon-foreground`). */
function themeColour(page: Page, variable: string): Promise<string> {
  return page.evaluate((name) => {
    const g = globalThis as unknown as BrowserGlobals;
    const probe = g.document.createElement('span');
    probe.style.color = `var(${name})`;
    g.document.querySelector('.monaco-workbench')!.appendChild(probe);
    const colour = g.getComputedStyle(probe).color;
    probe.remove();
    return colour;
  }, variable);
}

async function iconColour(rowLocator: Locator, icon: string): Promise<string> {
  return rowLocator
    .locator(`.codicon-${icon}`)
    .first()
    .evaluate((el) => (globalThis as unknown as BrowserGlobals).getComputedStyle(el).color);
}

/** The label of the focused row of the Secrets tree. */
async function focusedRow(page: Page): Promise<string> {
  const focused = page.locator('.pane .monaco-list-row.focused .label-name').first();
  return (await focused.count()) === 0 ? '' : (await focused.innerText()).trim();
}

test('a workspace cannot weaken the guards; the tree works from the keyboard and in high contrast', { timeout: 240_000 }, async () => {
  const options = {
    emulator: { apiKeys: [LIVE_KEY] },
    settings: USER_SETTINGS,
    clipboard: true,
    files: { '.vscode/settings.json': JSON.stringify(WORKSPACE_SETTINGS, null, 2), 'README.md': '# my-stripe-app\n' },
  };
  await withScenario('guards', options, async ({ wb, emulator }) => {
    const page = wb.page;
    assert.ok(emulator);
    const now = Math.floor(Date.now() / 1000);
    const store = emulator.secrets('live');
    store.push({ id: 'appsecret_guardsA', name: NAME, scope: { type: 'account' }, payload: MARKER_VALUE, created: now, expiresAt: null });
    store.push({
      id: 'appsecret_guardsB',
      name: SOON,
      scope: { type: 'account' },
      payload: 'soon-value',
      created: now,
      expiresAt: now + 2 * 86400 + 3600,
    });
    store.push({
      id: 'appsecret_guardsC',
      name: PADDED,
      scope: { type: 'account' },
      payload: 'padded-value',
      created: now,
      expiresAt: null,
    });
    await connectToEmulator(wb, emulator, LIVE_KEY, LABEL);
    await dismissNotifications(wb);
    const account = row(wb, 'Account');
    await expand(account);
    const secretRow = row(wb, NAME);
    await secretRow.waitFor();
    await row(wb, 'legacy key␣').waitFor();
    const listsBefore = listRequests(emulator);

    // 1. Reveal still asks (the workspace's confirmRevealInLiveMode: false is ignored).
    await contextMenu(secretRow, 'Reveal Secret');
    await dialog(page, `Show the live value of '${NAME}' from the account scope of ${LABEL}?`);
    await wb.answerDialog('Cancel');
    await page.locator('.monaco-dialog-box').waitFor({ state: 'detached' });

    // 2. Delete still wants the name typed (not the workspace's plain modal).
    await contextMenu(secretRow, 'Delete Secret…');
    const input = await wb.waitForQuickInput(new RegExp(`Type ${NAME} to confirm`));
    await input.press('Escape');
    await input.waitFor({ state: 'hidden' });
    assert.equal(await page.locator('.monaco-dialog-box').count(), 0, 'no plain modal instead');

    // 3. The copied value is cleared after the user's 3 s (not kept, as the workspace's 0 would).
    await page.evaluate(() => (globalThis as unknown as BrowserGlobals).navigator.clipboard.writeText('before'));
    await inlineAction(secretRow, 'Copy Secret Value');
    await dialog(page, `Copy the live value of '${NAME}' from the account scope of ${LABEL}?`);
    await wb.answerDialog('Copy');
    await page.locator('.statusbar', { hasText: `Copied '${NAME}'; clipboard clears in 3 s` }).waitFor();
    await eventually(async () => ((await clipboard(page)) === MARKER_VALUE ? true : undefined), 'the value on the clipboard');
    await eventually(async () => ((await clipboard(page)) === '' ? true : undefined), 'the clipboard cleared', 10_000);

    // 4. The view listed nothing on its own: the user's 30 s apply, not the workspace's 1 s. The
    // clipboard was cleared by a 3 s timer of the same extension host, started after the count
    // above: a 1 s refresh timer would have fired at least twice before it, each tick listing the
    // expanded Account scope.
    assert.equal(listRequests(emulator) - listsBefore, 0, "no list request before the clipboard's 3 s were up");
    assert.deepEqual(
      emulator.requests().filter((r) => r.method === 'POST'),
      [],
      'nothing was written or deleted',
    );

    // 5. Keyboard only: focus the view from the palette, arrow to the row, Shift+F10, run Copy Secret Name.
    await page.keyboard.press('F1');
    await page.keyboard.type('>Stripe Secrets: Focus on Stripe Secrets View');
    await page.locator('.quick-input-list .monaco-list-row.focused[aria-label^="Stripe Secrets: Focus on Stripe Secrets View"]').waitFor();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Home');
    await eventually(async () => {
      if ((await focusedRow(page)) === NAME) return true;
      await page.keyboard.press('ArrowDown');
      return undefined;
    }, `the keyboard focus on ${NAME}`);
    await page.keyboard.press('Shift+F10');
    const menu = page.locator('.monaco-menu');
    await menu.waitFor();
    await eventually(async () => {
      const focused = menu.locator('.action-item.focused .action-label');
      if ((await focused.count()) > 0 && (await focused.first().innerText()).trim() === 'Copy Secret Name') return true;
      await page.keyboard.press('ArrowDown');
      return undefined;
    }, 'the keyboard focus on Copy Secret Name');
    await page.keyboard.press('Enter');
    await eventually(async () => ((await clipboard(page)) === NAME ? true : undefined), 'the name copied from the keyboard');

    // 6. High contrast: the workbench switches, and the rows' icons keep colours the theme defines.
    // Default High Contrast is labelled "Dark High Contrast" in the theme picker.
    await wb.runCommand('Color Theme', 'Preferences');
    await (await wb.waitForQuickInput(/theme/i)).fill('High Contrast');
    await wb.pick('Dark High Contrast');
    await page.locator('.monaco-workbench.hc-black').waitFor({ timeout: 15_000 });
    const soonRow = row(wb, SOON);
    const warning = await themeColour(page, '--vscode-problemsWarningIcon-foreground');
    assert.match(warning, /^rgb\(/, `the high-contrast theme defines the warning icon colour (${warning})`);
    assert.equal(await iconColour(soonRow, 'warning'), warning, 'the expiring-soon icon is drawn in it');
    const connection = row(wb, LABEL);
    const orange = await themeColour(page, '--vscode-charts-orange');
    assert.match(orange, /^rgb\(/, `the high-contrast theme defines charts.orange (${orange})`);
    assert.equal(await iconColour(connection, 'plug'), orange, 'the live connection icon is drawn in it');
    await page.mouse.move(0, 0);
    await page
      .locator('.statusbar-item', { hasText: 'Activating Extensions' })
      .waitFor({ state: 'detached', timeout: 10_000 })
      .catch(() => undefined);
    await wb.screenshot(screenshotPath('high-contrast'));
  });
});
