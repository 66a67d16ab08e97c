import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startEmulator } from '../../../src/emulator';
import type { EmulatorHandle, EmulatorOptions } from '../../../src/emulator';
import { launchBrowser, type BrowserHandle } from './browser';
import { startCodeServer, type CodeServerHandle } from './codeServer';
import { REPO_ROOT, SCREENSHOTS_DIR, VSIX_PATH } from './paths';
import type { Page } from 'playwright-core';
import { Workbench } from './workbench';

export interface ScenarioOptions {
  /** Start an emulator in this process (the extension is told nothing: the test connects through the UI). */
  emulator?: boolean | EmulatorOptions;
  /** Extra user settings. */
  settings?: Record<string, unknown>;
  /** Extra environment for code-server (reaches the extension host). */
  env?: Record<string, string>;
  clipboard?: boolean;
  /** Files to put into the opened workspace folder, relative path -> content. */
  files?: Record<string, string>;
}

export interface Scenario {
  server: CodeServerHandle;
  browser: BrowserHandle;
  wb: Workbench;
  workspace: string;
  emulator: EmulatorHandle | undefined;
}

/** Where a failing scenario's last screen goes (ignored by git). */
export const FAILURE_DIR = path.join(REPO_ROOT, 'test-results');

export function screenshotPath(name: string): string {
  return path.join(SCREENSHOTS_DIR, `${name}.png`);
}

/**
 * Runs `body` against a fresh code-server + browser profile with the packaged .vsix installed,
 * then tears everything down. On failure the screen is saved to test-results/<name>.png.
 */
export async function withScenario(name: string, options: ScenarioOptions, body: (s: Scenario) => Promise<void>): Promise<void> {
  if (!fs.existsSync(VSIX_PATH)) throw new Error(`${VSIX_PATH} is missing: run \`npm run package\` first.`);
  // A stable folder name: it shows in the window title of the screenshots.
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'sas-e2e-ws-'));
  const workspace = path.join(scratch, 'my-stripe-app');
  fs.mkdirSync(workspace);
  for (const [file, content] of Object.entries(options.files ?? {})) {
    fs.mkdirSync(path.dirname(path.join(workspace, file)), { recursive: true });
    fs.writeFileSync(path.join(workspace, file), content);
  }
  let emulator: EmulatorHandle | undefined;
  let server: CodeServerHandle | undefined;
  let browser: BrowserHandle | undefined;
  try {
    if (options.emulator) emulator = await startEmulator(options.emulator === true ? {} : options.emulator);
    server = await startCodeServer({ install: [VSIX_PATH], settings: options.settings, env: options.env });
    browser = await launchBrowser({ clipboard: options.clipboard });
    const wb = await Workbench.open(browser.page, server.url, workspace);
    const opened = { server, browser, wb, workspace, emulator };
    await screenshotOnFailure(browser.page, name, () => body(opened));
  } finally {
    await browser?.close();
    await server?.stop();
    await emulator?.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

export interface UiConnection {
  label: string;
  apiKey: string;
  stripeAccount?: string;
  /** e.g. the emulator's url; given: the Advanced step sets it. */
  apiBase?: string;
}

/** Adds a connection the way a person does: the palette command, then each prompt in turn. */
export async function addConnectionThroughUi(wb: Workbench, c: UiConnection): Promise<void> {
  await wb.runCommand('Add Connection…');
  await wb.answerInput(c.label, 'A name for this connection');
  await wb.answerInput(c.apiKey, 'secret key');
  await wb.answerInput(c.stripeAccount ?? '', 'Stripe-Account id');
  if (c.apiBase) {
    await wb.pick('Advanced', 'Save the connection');
    await wb.answerInput(c.apiBase, 'The API base');
  } else {
    await wb.pick('Save', 'Save the connection');
  }
}

/** Runs `body`; when it throws, saves the screen to test-results/NAME.png and names it in the error. */
export async function screenshotOnFailure(page: Page, name: string, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } catch (err) {
    fs.mkdirSync(FAILURE_DIR, { recursive: true });
    const shot = path.join(FAILURE_DIR, `${name}.png`);
    await page.screenshot({ path: shot }).catch(() => undefined);
    if (err instanceof Error) err.message += `\n(screen at failure: ${shot})`;
    throw err;
  }
}
