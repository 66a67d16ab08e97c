/**
 * Settings Sync, organization keys and sandboxes, from the packaged .vsix in a browser workbench:
 * - an organization key's connection (Stripe-Context asked for, LIVE from what Stripe listed) and a
 *   sandbox from the Stripe CLI, each saying what it is (the README's org-sandbox screenshot);
 * - a synced connection without its key: the profile keeps its globalState (the connection list)
 *   and loses its SecretStorage, as a second machine gets them from Settings Sync. The row says so,
 *   and Enter API Key… fixes it.
 */
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { EMULATOR_TEST_KEY, type StoredSecret } from '../../../src/emulator';
import { screenshotPath } from '../lib/scenario';
import { STARTUP_TIMEOUT } from '../lib/workbench';
import {
  description,
  dismissNotifications,
  eventually,
  expand,
  inlineAction,
  MARKER_KEY,
  row,
  waitForDescription,
  widenSidebar,
  withFlow,
  writeStripeCliConfig,
} from './support';

const ORG_KEY = `sk_org_live_LEAKMARKERORG${'0123456789abcdefABCDEF'}`;
const CONTEXT = 'acct_1AcmePlatform01/acct_1AcmeConnected1';
const ORG_LABEL = 'Acme organization';
const SYNCED_LABEL = 'From my laptop';
const SANDBOX_DAY = '2099-01-31';

/**
 * Runs in the page (a string: the tests compile without the DOM's types). The web workbench keeps
 * SecretStorage sealed in localStorage under `secrets.provider` (vs/code/browser/workbench
 * LocalStorageSecretStorageProvider) and globalState in IndexedDB: dropping the first leaves a
 * profile with the connection list and no key, which is what Settings Sync gives a second machine.
 */
const DROP_SECRETS = `(() => {
  const had = localStorage.getItem('secrets.provider') !== null;
  localStorage.removeItem('secrets.provider');
  return had;
})()`;

/**
 * Whether the workbench's state store (IndexedDB, where the extension's globalState lives) holds
 * `text`. A store update is written a moment after it is made, and a reload can cut that write off.
 */
function stateHolds(text: string): string {
  return `(async () => {
    const request = (r) => new Promise((resolve, reject) => { r.onsuccess = () => resolve(r.result); r.onerror = () => reject(r.error); });
    const names = (await indexedDB.databases()).map((d) => d.name).filter((n) => n && n.startsWith('vscode-web-state-db-'));
    for (const name of names) {
      const db = await request(indexedDB.open(name));
      try {
        if (!db.objectStoreNames.contains('ItemTable')) continue;
        const values = await request(db.transaction('ItemTable').objectStore('ItemTable').getAll());
        if (values.some((v) => typeof v === 'string' && v.includes(${JSON.stringify(text)}))) return true;
      } finally {
        db.close();
      }
    }
    return false;
  })()`;
}

function cliConfig(): string {
  return [
    '[default]',
    "account_id = 'acct_1AcmeSandbox0001'",
    "display_name = 'Acme sandbox'",
    `test_mode_api_key = '${MARKER_KEY}'`,
    `sandbox_expires_at = '${SANDBOX_DAY}'`,
    '',
  ].join('\n');
}

test(
  'organization key and sandbox rows; a synced connection without its key says so and Enter API Key… fixes it',
  {
    timeout: 480_000,
  },
  async () => {
    const exclude: string[] = [];
    const flow = {
      emulator: { seed: 'demo' as const, apiKeys: [EMULATOR_TEST_KEY, MARKER_KEY, ORG_KEY] },
      markers: { apiKey: MARKER_KEY, orgKey: ORG_KEY },
      exclude,
    };
    await withFlow('settings-sync', flow, async ({ wb, page, emulator, server }) => {
      const live: StoredSecret[] = emulator.secrets('live', 'acct_1AcmeConnected1');
      live.push({
        id: 'appsecret_e2eorg1',
        name: 'slack_bot_token',
        scope: { type: 'account' },
        payload: 'xoxb-live',
        created: Math.floor(Date.now() / 1000) - 60,
        expiresAt: null,
      });
      writeStripeCliConfig(server, cliConfig(), exclude);

      await wb.openStripeView();
      await widenSidebar(page);
      await page.mouse.move(900, 400);

      const step = (what: string) => console.error(`settingsSync: ${what} at ${new Date().toISOString()}`);
      step('start');
      // 1. A sandbox from the Stripe CLI: the row says so, with its expiry.
      await wb.runCommand('Add Connection…');
      await wb.pick('From a Stripe CLI profile', 'A Stripe CLI config was found');
      // The one profile is focused; Enter takes it (a click can land on a row tooltip left by the sidebar drag).
      await wb.waitForQuickInput(/Choose a Stripe CLI profile/);
      await page.keyboard.press('Enter');
      await wb.pick('Advanced', 'Save the connection');
      await wb.answerInput(emulator.url, 'The API base');
      await wb.waitForNotification('This is a sandbox');
      const sandboxRow = row(wb, 'Acme sandbox (Stripe CLI, sandbox)');
      await waitForDescription(sandboxRow, new RegExp(`^TEST · sandbox · expires ${SANDBOX_DAY}`));
      await page.locator('.statusbar-item', { hasText: 'TEST · sandbox' }).first().waitFor();

      step('organization key');
      // 2. An organization key: the Stripe-Context is asked for and checked as typed; LIVE comes from Stripe's listing.
      await wb.runCommand('Add Connection…');
      await wb.pick('Enter an API key', 'A Stripe CLI config was found');
      await wb.answerInput(ORG_LABEL, 'A name for this connection');
      await wb.answerInput(ORG_KEY, 'secret key');
      await wb.answerInput('acct_1AcmePlatform01/', 'Stripe-Context');
      // The message follows the typed value once the extension has checked it: read it when it has.
      let validation = '';
      await eventually(
        async () => (/an account id on each side of every \//.test((validation = (await wb.inputValidation()) ?? '')) ? true : undefined),
        'the Stripe-Context refused',
      ).catch(() => assert.fail(`The input's message is '${validation}', expected the refusal of a path ending in /`));
      await wb.answerInput(CONTEXT, 'Stripe-Context');
      await wb.pick('Advanced', 'Save the connection');
      await wb.answerInput(emulator.url, 'The API base');
      await wb.answerDialog('Make Active');
      await wb.waitForNotification(`Connected "${ORG_LABEL}"`);
      const orgRow = row(wb, ORG_LABEL);
      await waitForDescription(orgRow, new RegExp(`^LIVE · ${CONTEXT.replace('/', '\\/')}`));
      await page
        .locator('.statusbar-item', { hasText: `${ORG_LABEL} · LIVE` })
        .first()
        .waitFor();
      step('screenshot');
      // The picture: the organization's Account open, the sandbox folded, both descriptions in full.
      await sandboxRow.locator('.monaco-tl-twistie').click();
      await eventually(
        async () => ((await sandboxRow.getAttribute('aria-expanded')) === 'false' ? true : undefined),
        'the sandbox row folded',
      );
      await expand(orgRow);
      await expand(row(wb, 'Account'));
      await row(wb, 'slack_bot_token').waitFor();
      await widenSidebar(page, 640);
      await dismissNotifications(wb);
      await wb.screenshot(screenshotPath('org-sandbox'));

      step('connection to lose its key');
      // 3. A connection that will lose its key, as on a second machine.
      await wb.runCommand('Add Connection…');
      await wb.pick('Enter an API key', 'A Stripe CLI config was found');
      await wb.answerInput(SYNCED_LABEL, 'A name for this connection');
      await wb.answerInput(MARKER_KEY, 'secret key');
      await wb.answerInput('', 'Stripe-Account id');
      await wb.pick('Advanced', 'Save the connection');
      await wb.answerInput(emulator.url, 'The API base');
      await wb.waitForNotification(`Connected "${SYNCED_LABEL}"`);
      await row(wb, SYNCED_LABEL).waitFor();
      await eventually(async () => ((await page.evaluate(stateHolds(SYNCED_LABEL))) ? true : undefined), 'the connection list stored');

      assert.equal(await page.evaluate(DROP_SECRETS), true, "the workbench's SecretStorage was found and emptied");
      // A beforeunload prompt would hold the reload: accept it.
      // eslint-disable-next-line @typescript-eslint/no-floating-promises -- a page event handler: nothing can wait for it
      page.on('dialog', (d) => void d.accept());
      await wb.reload();

      step('after reload');
      // 4. Each connection says it has no key here; nothing is requested for them. The workbench
      // opens the Stripe Secrets container again by itself, after its activity bar entry is drawn:
      // a click on the entry then could close it. The rows come once the extension has started again.
      const synced = row(wb, SYNCED_LABEL);
      await synced.waitFor({ timeout: STARTUP_TIMEOUT });
      await waitForDescription(synced, /No API key on this machine/);
      await waitForDescription(row(wb, ORG_LABEL), /No API key on this machine/);
      assert.equal(await synced.getAttribute('aria-expanded'), null, 'a row without a key has nothing to expand');
      assert.match((await synced.getAttribute('aria-label')) ?? '', /No API key on this machine, press Enter to enter it/);
      await page.locator('.statusbar-item', { hasText: 'no API key' }).first().waitFor();
      const requestsBefore = emulator.requests().length;
      assert.equal(await page.locator('.notifications-toasts .notification-toast').count(), 0, 'no error toasts');

      step('enter key');
      // 5. Enter API Key… from the row's inline button; the row loads again.
      await inlineAction(synced, 'Enter API Key…');
      await wb.answerInput(MARKER_KEY, 'Settings Sync brought');
      await wb.waitForNotification(`"${SYNCED_LABEL}" works on this machine now`);
      await waitForDescription(synced, /^TEST/);
      assert.doesNotMatch(await description(synced), /No API key/);
      await expand(synced);
      assert.ok(emulator.requests().length > requestsBefore, 'the key was checked with a request');
    });
  },
);
