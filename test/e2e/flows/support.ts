/**
 * What the flow tests need beyond test/e2e/lib (the harness): tree rows by accessible name, modal
 * dialogs, polling of state outside the page, and the marker secrets of the leak check.
 */
import { randomBytes } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import type { Workbench } from '../lib/workbench';

export const TIMEOUT = 20_000;

/**
 * The row of the Secrets tree labelled `label`. By its visible label, since a row's accessible name
 * is its tooltip when the tooltip is plain text (scope and Users rows).
 */
export function row(wb: Workbench, label: string): Locator {
  const page = wb.page;
  return wb.view().getByRole('treeitem').filter({ has: page.locator('.label-name').getByText(label, { exact: true }) }).first();
}

/** The description shown next to a row's label ("6/10", "expires in 2 days", "expired"). */
export async function description(rowLocator: Locator): Promise<string> {
  const text = rowLocator.locator('.label-description');
  return (await text.count()) === 0 ? '' : (await text.innerText()).trim();
}

/** Expands a tree row unless it already is. */
export async function expand(rowLocator: Locator): Promise<void> {
  await rowLocator.waitFor();
  if ((await rowLocator.getAttribute('aria-expanded')) === 'false') await rowLocator.locator('.monaco-tl-twistie').click();
  await rowLocator.and(rowLocator.page().locator('[aria-expanded="true"]')).waitFor();
}

/** The open modal dialog once it shows `text`. */
export async function dialog(page: Page, text: string | RegExp): Promise<Locator> {
  const box = page.locator('.monaco-dialog-box').filter({ hasText: text });
  await box.waitFor();
  return box;
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Polls `read` until it returns something other than undefined (state outside the page: the emulator, the clipboard). */
export async function eventually<T>(read: () => T | undefined | Promise<T | undefined>, what: string, timeoutMs = TIMEOUT): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
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
