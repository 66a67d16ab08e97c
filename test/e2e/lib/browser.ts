import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export interface BrowserOptions {
  /** Default 1280x800, the size of the screenshots in docs/. */
  viewport?: { width: number; height: number };
  /** Grant clipboard access (for copy/paste flows). */
  clipboard?: boolean;
  /** Show the window (needs a display, e.g. xvfb-run). */
  headed?: boolean;
}

export interface BrowserHandle {
  context: BrowserContext;
  page: Page;
  profileDir: string;
  close(): Promise<void>;
}

/** Flags that keep Debian's Chromium quiet and offline in a container. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];
  const found = candidates.find((c): c is string => !!c && fs.existsSync(c));
  if (!found) throw new Error('No Chromium found: run `npm run setup` (Debian) or set CHROMIUM_PATH to a Chrome/Chromium binary.');
  return found;
}

/**
 * A browser with a fresh profile. SecretStorage of the web workbench lives in the browser profile,
 * so a fresh profile is also a clean secret store.
 */
export async function launchBrowser(options: BrowserOptions = {}): Promise<BrowserHandle> {
  const profileDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sas-chromium-'));
  let context: BrowserContext;
  try {
    context = await chromium.launchPersistentContext(profileDir, {
      executablePath: chromiumPath(),
      headless: !options.headed,
      args: CHROMIUM_ARGS,
      viewport: options.viewport ?? { width: 1280, height: 800 },
      permissions: options.clipboard ? ['clipboard-read', 'clipboard-write'] : [],
    });
  } catch (err) {
    fs.rmSync(profileDir, { recursive: true, force: true });
    throw err;
  }
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    profileDir,
    async close() {
      await context.close().catch(() => undefined);
      fs.rmSync(profileDir, { recursive: true, force: true });
    },
  };
}
