/**
 * What the flow tests need beyond test/e2e/lib (the harness): tree rows by accessible name, modal
 * dialogs, polling of state outside the page, and the marker secrets of the leak check.
 */
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { startEmulator, type EmulatorHandle, type EmulatorOptions } from '../../../src/emulator';
import { launchBrowser, type BrowserHandle } from '../lib/browser';
import { startCodeServer, type CodeServerHandle } from '../lib/codeServer';
import { addConnectionThroughUi, screenshotOnFailure } from '../lib/scenario';
import { VSIX_PATH } from '../lib/paths';
import { eventually, TIMEOUT } from '../lib/poll';
import { Workbench } from '../lib/workbench';
import { describeLeaks, findLeaks, snapshotDir } from './leakCheck';

export { eventually, TIMEOUT };

/**
 * The row of the Secrets tree labelled `label`. By its visible label, since a row's accessible name
 * is its tooltip when the tooltip is plain text (scope and Users rows).
 */
export function row(wb: Workbench, label: string): Locator {
  const page = wb.page;
  return wb
    .view()
    .getByRole('treeitem')
    .filter({ has: page.locator('.label-name').getByText(label, { exact: true }) })
    .first();
}

/** The description shown next to a row's label ("6/10", "expires in 2 days", "expired"). */
export async function description(rowLocator: Locator): Promise<string> {
  const text = rowLocator.locator('.label-description');
  return (await text.count()) === 0 ? '' : (await text.innerText()).trim();
}

/**
 * Expands a tree row unless it already is. The tree toggles a row while it handles the click on its
 * twistie, so a row that still reads collapsed once the click returned did not get it (a tree
 * refresh redrew the row under the pointer): only then is it clicked again.
 */
export async function expand(rowLocator: Locator, timeoutMs = TIMEOUT): Promise<void> {
  await rowLocator.waitFor({ timeout: timeoutMs });
  const deadline = Date.now() + timeoutMs;
  const collapsed = rowLocator.and(rowLocator.page().locator('[aria-expanded="false"]'));
  let state: string | null;
  while ((state = await rowLocator.getAttribute('aria-expanded')) !== 'true') {
    if (Date.now() > deadline) throw new Error(`The tree row never expanded: ${await rowLocator.innerText().catch(() => '?')}`);
    // A row drawn before its children are known has no twistie yet: wait until it reads collapsed.
    if (state === null) await collapsed.waitFor({ timeout: Math.max(1, deadline - Date.now()) });
    else await rowLocator.locator('.monaco-tl-twistie').click();
  }
}

/** The open modal dialog once it shows `text`. */
export async function dialog(page: Page, text: string | RegExp): Promise<Locator> {
  const box = page.locator('.monaco-dialog-box').filter({ hasText: text });
  await box.waitFor();
  return box;
}

/**
 * Waits until a row's description matches: rows re-render a moment after the change that caused
 * it, so an immediate read can see the previous text.
 */
export async function waitForDescription(rowLocator: Locator, expected: string | RegExp, timeoutMs = TIMEOUT): Promise<void> {
  let last = '';
  const matches = (text: string) => (typeof expected === 'string' ? text === expected : expected.test(text));
  try {
    await eventually(
      async () => (matches((last = await description(rowLocator))) ? true : undefined),
      `the description ${String(expected)}`,
      timeoutMs,
    );
  } catch {
    const wanted = typeof expected === 'string' ? `'${expected}'` : String(expected);
    // description() reads '' for a row not drawn at all: say which it was.
    if ((await rowLocator.count()) === 0) assert.fail(`The row is not shown, expected its description ${wanted}`);
    assert.fail(`The row's description is '${last}', expected ${wanted}`);
  }
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Asserts that no request since the `since`-th one fetched a secret's value (`/find`): listings and
 * comparisons show names and metadata only.
 */
export function assertNoValueFetched(emulator: EmulatorHandle, since: number, message: string): void {
  assert.equal(
    emulator
      .requests()
      .slice(since)
      .filter((r) => r.path.endsWith('/find')).length,
    0,
    message,
  );
}

/**
 * Returns once the window has drawn whatever the extension host sent it before now: the prompt of a
 * command run now travels after it on the same ordered channel. So a test can assert that nothing
 * (an error toast, an editor) followed a step, without a fixed wait. Needs a saved connection.
 */
export async function extensionHostCaughtUp(wb: Workbench): Promise<void> {
  await wb.runCommand('Switch Active Connection…');
  const input = await wb.waitForQuickInput('Switch the active Stripe connection');
  await input.press('Escape');
  await wb.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
}

function randomAlnum(length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return [...randomBytes(length)].map((b) => alphabet[b % alphabet.length]).join('');
}

/**
 * A well-formed test key and a secret value no file could contain by chance; the leak check looks
 * for both. The key is given to the emulator through `apiKeys`, so only it (and the emulator's own
 * test key) authenticates.
 */
export const MARKER_KEY = `sk_test_LEAKMARKERKEY${randomAlnum(24)}`;
export const MARKER_VALUE = `LEAKMARKERVALUE-${randomAlnum(24)}`;

export interface Flow {
  wb: Workbench;
  page: Page;
  emulator: EmulatorHandle;
  server: CodeServerHandle;
  browser: BrowserHandle;
  workspace: string;
}

export interface FlowOptions {
  emulator: EmulatorOptions;
  settings?: Record<string, unknown>;
  clipboard?: boolean;
  /** Extra environment for code-server (it reaches the extension host). */
  env?: Record<string, string>;
  /** Other .vsix files to install next to the extension (e.g. the document recorder fixture). */
  install?: string[];
  /** Secrets and keys the leak check looks for, by name, once everything has shut down. */
  markers: Record<string, string>;
  /** Files the leak check must not read: inputs the test wrote on purpose (a Stripe CLI config holding the key). Read after the flow, so the flow may add to it. */
  exclude?: string[];
}

/**
 * One flow in a fresh code-server (the packaged .vsix) and a fresh browser profile, like the
 * harness's withScenario, plus the leak check: after the browser and code-server have shut down
 * (so whatever they flush on exit is on disk), no file of the session's user-data, extensions,
 * XDG config and workspace folders, nor any temp entry created meanwhile, may hold a marker.
 */
export async function withFlow(name: string, options: FlowOptions, body: (flow: Flow) => Promise<void>): Promise<void> {
  if (!fs.existsSync(VSIX_PATH)) throw new Error(`${VSIX_PATH} is missing: run \`npm run package\` first.`);
  const tmpBefore = snapshotDir(os.tmpdir());
  // mtimes have coarse granularity on some file systems: step back so files of this second count.
  const since = Date.now() - 2000;
  const workspaceParent = fs.mkdtempSync(path.join(os.tmpdir(), 'sas-e2e-ws-'));
  // Named like a project, since the window title shows it in the screenshots.
  const workspace = path.join(workspaceParent, 'my-stripe-app');
  fs.mkdirSync(workspace);
  fs.writeFileSync(path.join(workspace, 'README.md'), '# my-stripe-app\n');
  let emulator: EmulatorHandle | undefined;
  let server: CodeServerHandle | undefined;
  let browser: BrowserHandle | undefined;
  try {
    emulator = await startEmulator(options.emulator);
    server = await startCodeServer({
      install: [VSIX_PATH, ...(options.install ?? [])],
      settings: options.settings,
      env: options.env,
      keepScratch: true,
    });
    browser = await launchBrowser({ clipboard: options.clipboard });
    const wb = await Workbench.open(browser.page, server.url, workspace);
    const opened = { wb, page: browser.page, emulator, server, browser, workspace };
    await screenshotOnFailure(browser.page, name, () => body(opened));
    const profileDir = browser.profileDir;
    await browser.context.close();
    await server.stop();
    const leaks = findLeaks({
      roots: [server.scratchDir, workspaceParent],
      tmpDir: os.tmpdir(),
      tmpBefore,
      since,
      // The web workbench keeps SecretStorage (the API key) in the browser profile by design: it IS
      // the secret store here, as the OS keychain is on desktop. Everything else must be clean.
      exclude: [profileDir, ...(options.exclude ?? [])],
      markers: options.markers,
    });
    assert.equal(leaks.length, 0, `A key or secret value was written to disk:\n${describeLeaks(leaks)}`);
  } finally {
    await browser?.close();
    await server?.stop();
    if (server) fs.rmSync(server.scratchDir, { recursive: true, force: true });
    await emulator?.close();
    fs.rmSync(workspaceParent, { recursive: true, force: true });
  }
}

/** Drags the sidebar's edge so tree descriptions ("expires in 2 days") are not cut off in the screenshots. */
export async function widenSidebar(page: Page, width = 450): Promise<void> {
  const box = await page.locator('.part.sidebar').boundingBox();
  if (!box || box.width >= width) return;
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width + 1, y);
  await page.mouse.down();
  await page.mouse.move(box.x + width + 1, y, { steps: 5 });
  await page.mouse.up();
}

/** Opens the view and adds a connection to the emulator through the palette (the Advanced API base step). */
export async function connectToEmulator(
  wb: Workbench,
  emulator: EmulatorHandle,
  apiKey: string,
  label = 'My app (emulator)',
): Promise<void> {
  await wb.openStripeView();
  await widenSidebar(wb.page);
  await addConnectionThroughUi(wb, { label, apiKey, apiBase: emulator.url });
  await wb.waitForNotification(`Connected "${label}"`);
}

/** Right-click on a row, then a click on the context menu entry. */
export async function contextMenu(rowLocator: Locator, entry: string): Promise<void> {
  await rowLocator.click({ button: 'right' });
  // A row action with a keybinding (Enter, F2, Delete) carries it in the entry's accessible name.
  const name = new RegExp(`^${entry.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:,? (?:Enter|F2|Delete|⌘⌫))?$`);
  const item = rowLocator.page().getByRole('menuitem', { name });
  // The menu ignores a click that lands right after it opened (a guard against the opening
  // right-click's mouse-up); hovering focuses the entry and Enter runs it.
  await item.hover();
  await rowLocator.page().locator('.monaco-menu .action-item.focused', { has: item }).waitFor();
  await rowLocator.page().keyboard.press('Enter');
}

/** One of the inline buttons a row shows on hover (Reveal Secret, Copy Secret Value). */
export async function inlineAction(rowLocator: Locator, action: string): Promise<void> {
  await rowLocator.hover();
  // A button whose command has a keybinding says it too: "Reveal Secret (Enter)".
  await rowLocator.locator(`.action-label[aria-label="${action}"], .action-label[aria-label^="${action} ("]`).first().click();
}

/** Clears the notifications, so a screenshot shows the step rather than older news. */
export async function dismissNotifications(wb: Workbench): Promise<void> {
  await wb.runCommand('Clear All Notifications', 'Notifications');
  await wb.page.locator('.notifications-toasts .notification-toast').first().waitFor({ state: 'detached' });
}

/**
 * The page of the value editor: a webview, so two iframes deep (VS Code's webview host frame, then
 * the extension's page in `#active-frame`). Only one value editor may be visible at a time.
 */
export function valueEditorPage(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
}

/** Quick Open; tried again when the file did not open (a notification or hover can take the keys). */
export async function quickOpen(wb: Workbench, file: string): Promise<void> {
  const active = wb.page.locator(`.tab.active[aria-label^="${path.basename(file)}"]`);
  for (let attempt = 1; ; attempt++) {
    await wb.page.keyboard.press('Control+P');
    const input = wb.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor();
    await input.fill(file);
    await wb.page
      .locator(`.quick-input-list .monaco-list-row[aria-label*="${path.basename(file)}"]`)
      .first()
      .waitFor();
    await input.press('Enter');
    try {
      await active.waitFor({ timeout: 10_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
      await wb.page.keyboard.press('Escape');
    }
  }
}

/**
 * Writes a Stripe CLI config.toml where the CLI would look, code-server's XDG_CONFIG_HOME (which the
 * extension host inherits), and lists it among the files the leak check skips: it holds a key on purpose.
 */
export function writeStripeCliConfig(server: CodeServerHandle, text: string, exclude: string[]): string {
  const configFile = path.join(server.scratchDir, 'xdg', 'stripe', 'config.toml');
  fs.mkdirSync(path.dirname(configFile), { recursive: true });
  fs.writeFileSync(configFile, text);
  exclude.push(configFile);
  return configFile;
}
