import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { eventually } from './poll';

/** The manifest's category and view-container title, as the workbench shows them. */
export const CATEGORY = 'Stripe Secrets';
export const CONTAINER_TITLE = 'Stripe Secrets';

const INPUT = '.quick-input-widget input.input';

/** How long a workbench started again (a reload) may take on a loaded machine to draw what the extension contributes. */
export const STARTUP_TIMEOUT = 60_000;

/** A person's actions in the browser workbench (VS Code 1.99.3 selectors; see docs/real-vscode-testing.md). */
export class Workbench {
  constructor(readonly page: Page) {}

  /** Opens the workbench on `folder` and waits until it has rendered. */
  static async open(page: Page, serverUrl: string, folder: string): Promise<Workbench> {
    // A machine running several suites at once can take more than the default 30 s to load the workbench.
    await page.goto(`${serverUrl}/?folder=${encodeURIComponent(folder)}`, { timeout: 120_000 });
    const wb = new Workbench(page);
    await page.locator('.monaco-workbench').waitFor({ timeout: 30_000 });
    // Activity bar entries for extension containers appear once extensions are registered.
    await wb.activityBarEntry().waitFor({ timeout: 30_000 });
    return wb;
  }

  /**
   * Reloads the page and waits until the workbench is drawn again. Its activity bar comes back from
   * the workbench's cache before the extensions are registered, so it proves nothing about ours:
   * wait for what the extension draws, with STARTUP_TIMEOUT.
   */
  async reload(): Promise<void> {
    await this.page.reload({ timeout: 120_000 });
    await this.page.locator('.monaco-workbench').waitFor({ timeout: STARTUP_TIMEOUT });
  }

  activityBarEntry(): Locator {
    return this.page.locator(`.activitybar .action-item a[aria-label^="${CONTAINER_TITLE}"]`);
  }

  /** The Stripe Secrets view's pane (tree or welcome content). */
  view(): Locator {
    return this.page.locator('.pane').filter({ has: this.page.locator('.pane-header[aria-label^="Stripe Secrets"]') });
  }

  /** Shows the Stripe Secrets container (clicking the entry only when it is not already open). */
  async openStripeView(): Promise<Locator> {
    const entry = this.activityBarEntry();
    const item = this.page.locator('.activitybar .action-item').filter({ has: this.page.locator(`a[aria-label^="${CONTAINER_TITLE}"]`) });
    if ((await item.getAttribute('class'))?.split(/\s+/).includes('checked') !== true) await entry.click();
    const view = this.view();
    await view.waitFor({ timeout: 15_000 });
    return view;
  }

  /** Runs `Stripe Secrets: <title>` from the command palette (clicking the exact row; Enter may pick a "similar command"). */
  async runCommand(title: string, category = CATEGORY): Promise<void> {
    const full = `${category}: ${title}`;
    await this.page.keyboard.press('F1');
    const input = this.page.locator(INPUT);
    await input.waitFor();
    await input.fill(`>${full}`);
    await this.page
      .locator(`.quick-input-list .monaco-list-row[aria-label^="${cssString(full)}"]`)
      .first()
      .click();
  }

  /** Waits for an input box or quick pick whose prompt or placeholder matches, then types and presses Enter. */
  async answerInput(text: string, expectPrompt?: string | RegExp): Promise<void> {
    const input = await this.waitForQuickInput(expectPrompt);
    await input.fill(text);
    await input.press('Enter');
  }

  /** Picks the quick-pick row whose label starts with `label`. */
  async pick(label: string, expectPrompt?: string | RegExp): Promise<void> {
    await this.waitForQuickInput(expectPrompt);
    await this.page
      .locator(`.quick-input-list .monaco-list-row[aria-label^="${cssString(label)}"]`)
      .first()
      .click();
  }

  /** The visible quick input, once its text (title, prompt, placeholder) matches `expect`. */
  async waitForQuickInput(expect?: string | RegExp, timeout = 15_000): Promise<Locator> {
    const widget = this.page.locator('.quick-input-widget');
    const input = this.page.locator(INPUT);
    await widget.waitFor({ state: 'visible', timeout });
    if (expect === undefined) return input;
    let seen = '';
    const shows = async () => {
      seen = `${await widget.innerText().catch(() => '')} ${(await input.getAttribute('placeholder').catch(() => null)) ?? ''}`;
      return (typeof expect === 'string' ? seen.includes(expect) : expect.test(seen)) ? true : undefined;
    };
    await eventually(shows, `the quick input ${String(expect)}`, timeout).catch(() => {
      throw new Error(`The quick input never showed ${String(expect)}; it showed: ${seen.trim()}`);
    });
    return input;
  }

  /**
   * Types `file` into VS Code's simple file dialog (code-server's save and open dialogs) and accepts
   * it. The dialog fills in its default path a moment after it opens, and lists the typed folder
   * after a fill: typing during the first, or pressing Enter during the second, is lost. So it waits
   * for the default (which must match `expectDefault`), and after the fill for the typed folder's
   * entries, before Enter.
   */
  async answerFileDialog(title: string, file: string, expectDefault: RegExp = /\S/, timeout = 15_000): Promise<void> {
    const input = await this.waitForQuickInput(title, timeout);
    const rows = this.page.locator('.quick-input-list .monaco-list-row');
    let shown: string[] = [];
    const readRows = async () => (shown = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('aria-label') ?? '')));
    // The default path and its folder's listing: typing before that listing lands is merged into it.
    let value = '';
    await eventually(
      async () => (expectDefault.test((value = await input.inputValue())) && (await readRows()).includes('..') ? true : undefined),
      'the default path',
      timeout,
    ).catch(() => {
      throw new Error(`The file dialog's default path never matched ${String(expectDefault)} and was listed; it was: ${value}`);
    });
    // Then the typed folder's listing by exact labels, in full when it is short (an empty folder
    // shows only `..`): a prefix match once took the default folder's `.gitconfig` for the typed
    // folder's `.git`, and Enter before the typed folder is listed only moves the dialog there.
    const entries = fs
      .readdirSync(path.dirname(file))
      .filter((name) => name !== path.basename(file))
      .sort();
    const listed = (): boolean => {
      const names = shown.filter((name) => name !== '..' && name !== path.basename(file)).sort();
      return entries.length <= 8
        ? shown.includes('..') && names.join('\n') === entries.join('\n')
        : entries.slice(0, 8).every((name) => names.includes(name));
    };
    await input.fill(file);
    await eventually(
      async () => {
        await readRows();
        if (listed() && (value = await input.inputValue()) === file) return true;
        if (value !== file && value !== '') await input.fill(file);
        return undefined;
      },
      `the listing of ${path.dirname(file)}`,
      timeout,
    ).catch(() => {
      throw new Error(
        `The file dialog never listed ${path.dirname(file)} (${entries.join(', ')}) under ${file}; it listed ${shown.join(', ')} under ${value}`,
      );
    });
    await input.press('Enter');
    await this.page.locator('.quick-input-widget').filter({ hasText: title }).waitFor({ state: 'hidden', timeout });
  }

  /** The validation message under the quick input, if one is shown. */
  async inputValidation(): Promise<string | undefined> {
    const message = this.page.locator('.quick-input-widget .quick-input-message');
    return (await message.isVisible()) ? (await message.innerText()).trim() : undefined;
  }

  /** The texts of the notification toasts now on screen. */
  async notifications(): Promise<string[]> {
    return (await this.page.locator('.notifications-toasts .notification-toast .notification-list-item-message').allInnerTexts()).map((t) =>
      t.trim(),
    );
  }

  /** Waits for a toast whose message matches, and returns its locator (for its buttons). */
  async waitForNotification(match: string | RegExp, timeout = 15_000): Promise<Locator> {
    const toast = this.page.locator('.notifications-toasts .notification-toast').filter({ hasText: match }).first();
    await toast.waitFor({ timeout });
    return toast;
  }

  /** Clicks a button of the modal dialog (e.g. a delete confirmation). */
  async answerDialog(button: string): Promise<void> {
    const dialog = this.page.locator('.monaco-dialog-box');
    await dialog.waitFor();
    await dialog.getByRole('button', { name: button, exact: true }).click();
  }

  /** A row of the Secrets tree, by its accessible name (label and description). */
  treeItem(name: string | RegExp): Locator {
    return this.view().getByRole('treeitem', { name });
  }

  /** A button of the view's welcome content. */
  welcomeButton(name: string): Locator {
    return this.view().locator('.welcome-view-content').getByRole('button', { name });
  }

  /** Saves a screenshot of the whole window; `file` is a path (screenshotPath gives test-results/screenshots/NAME.png). */
  async screenshot(file: string): Promise<string> {
    const target = path.isAbsolute(file) ? file : path.join(process.cwd(), file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    // No hover tooltip in the picture (moving the mouse away hides it), and the last render painted
    // (two animation frames); the caret blink is hidden.
    await this.page.mouse.move(this.page.viewportSize()?.width ?? 1280, (this.page.viewportSize()?.height ?? 800) / 2);
    await this.page
      .locator('.monaco-hover:visible, .workbench-hover-container:visible')
      .first()
      .waitFor({ state: 'hidden', timeout: 5_000 })
      .catch(() => undefined);
    await this.page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          const window = globalThis as unknown as { requestAnimationFrame(cb: () => void): void };
          window.requestAnimationFrame(() => window.requestAnimationFrame(resolve));
        }),
    );
    await this.page.screenshot({ path: target, caret: 'hide', animations: 'disabled' });
    return target;
  }
}

/** Escapes a value for use inside a double-quoted CSS attribute selector. */
function cssString(value: string): string {
  return value.replace(/["\\]/g, '\\$&');
}
