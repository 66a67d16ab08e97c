/**
 * From first key to go-live in the packaged extension: a Stripe CLI config in code-server's
 * XDG_CONFIG_HOME (what the extension host sees) is offered by Add Connection, its profile listed by
 * account without the key; a live connection is added; the expiry hint lists the expiring secret;
 * Compare Scopes lists what the live account is missing; Copy Missing Secrets (modal, then the
 * label typed) makes both sides equal. The leak check then finds neither key nor value on disk
 * outside SecretStorage (the CLI's own config file, the input, is the one file it skips).
 */
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import type { Locator } from 'playwright-core';
import type { StoredSecret } from '../../../src/emulator';
import { screenshotPath } from '../lib/scenario';
import type { Workbench } from '../lib/workbench';
import {
  MARKER_KEY,
  MARKER_VALUE,
  dialog,
  dismissNotifications,
  eventually,
  expand,
  row,
  widenSidebar,
  withFlow,
  writeStripeCliConfig,
  assertNoValueFetched,
} from './support';

const LIVE_KEY = `sk_live_LEAKMARKERKEY${randomBytes(18).toString('base64url').replace(/[-_]/g, 'x')}`;
const CLI_LABEL = 'Acme Test (Stripe CLI, test)';
const LIVE_LABEL = 'Acme Live';
const DAY = 86_400;

function cliConfig(): string {
  const expires = new Date(Date.now() + 80 * DAY * 1000).toISOString().slice(0, 10);
  return [
    'color = "auto"',
    '',
    '[default]',
    '  account_id = "acct_1AcmeTest000001"',
    '  device_name = "laptop"',
    '  display_name = "Acme Test"',
    '  live_mode_api_key = "sk_live_****************abcd"',
    `  test_mode_api_key = "${MARKER_KEY}"`,
    `  test_mode_key_expires_at = "${expires}"`,
    '',
  ].join('\n');
}

/** A pane of the Stripe Secrets container by its title ("Comparison"). */
function pane(wb: Workbench, title: string): Locator {
  return wb.page.locator('.pane').filter({ has: wb.page.locator(`.pane-header[aria-label^="${title}"]`) });
}

function paneRow(wb: Workbench, title: string, label: string | RegExp): Locator {
  return pane(wb, title)
    .getByRole('treeitem')
    .filter({ has: wb.page.locator('.label-name').getByText(label) })
    .first();
}

test('Stripe CLI onboarding, expiry hint, compare and copy into live, with no key or value on disk', { timeout: 300_000 }, async () => {
  const exclude: string[] = [];
  const flow = {
    emulator: { apiKeys: [MARKER_KEY, LIVE_KEY] },
    markers: { cliKey: MARKER_KEY, liveKey: LIVE_KEY, value: MARKER_VALUE },
    exclude,
  };
  await withFlow('golive', flow, async ({ wb, page, emulator, server }) => {
    const now = Math.floor(Date.now() / 1000);
    const seed = (store: StoredSecret[], name: string, payload: string, expiresAt: number | null = null) =>
      store.push({
        id: `appsecret_e2e${name.replace(/\W/g, '')}`,
        name,
        scope: { type: 'account' },
        payload,
        created: now - 60,
        expiresAt,
      });
    seed(emulator.secrets('test'), 'shared_config', 'not-secret-shared');
    seed(emulator.secrets('test'), 'webhook_secret', MARKER_VALUE);
    seed(emulator.secrets('test'), 'oauth_refresh_token', `${MARKER_VALUE}-oauth`, now + 2 * DAY);
    seed(emulator.secrets('live'), 'shared_config', 'not-secret-shared-live');

    writeStripeCliConfig(server, cliConfig(), exclude);

    await wb.openStripeView();
    await widenSidebar(page);

    // 1. Add Connection offers the CLI first; the profile is listed by name and account, never by key.
    await wb.runCommand('Add Connection…');
    await wb.pick('From a Stripe CLI profile', 'A Stripe CLI config was found');
    await wb.waitForQuickInput(/Choose a Stripe CLI profile/);
    const widget = page.locator('.quick-input-widget');
    await widget.getByText('acct_1AcmeTest000001', { exact: false }).first().waitFor();
    const shown = await widget.innerText();
    assert.match(shown, /Acme Test/);
    assert.match(shown, /live keys stay in the OS keychain, not read/);
    assert.ok(!shown.includes(MARKER_KEY.slice(8, 20)), 'the key is not shown');
    assert.ok(!(await page.content()).includes(MARKER_KEY), 'the key is nowhere in the page');
    await wb.screenshot(screenshotPath('cli-onboarding'));
    await wb.pick('Acme Test', /Choose a Stripe CLI profile/);
    await wb.pick('Advanced', 'Save the connection');
    await wb.answerInput(emulator.url, 'The API base');
    await wb.waitForNotification(`Connected "${CLI_LABEL}"`);
    // One verifying request before the save; the tree then lists the new connection's Account.
    assert.deepEqual(
      emulator.requests().filter((r) => r.method !== 'GET' || r.path !== '/v1/apps/secrets' || r.status !== 200),
      [],
      'only list requests, all accepted',
    );

    // 2. A live connection, with a key typed as usual.
    await wb.runCommand('Add Connection…');
    await wb.pick('Enter an API key', 'A Stripe CLI config was found');
    await wb.answerInput(LIVE_LABEL, 'A name for this connection');
    await wb.answerInput(LIVE_KEY, 'secret key');
    await wb.answerInput('', 'Stripe-Account id');
    await wb.pick('Advanced', 'Save the connection');
    await wb.answerInput(emulator.url, 'The API base');
    // A live connection over the active CLI one: making it active is asked, never a side effect.
    await dialog(page, `Make "${LIVE_LABEL}" (LIVE) the active connection?`);
    await wb.answerDialog('Make Active');
    await wb.waitForNotification(`Connected "${LIVE_LABEL}"`);
    await dismissNotifications(wb);

    // 3. Opening the CLI connection's Account loads its secrets: the status bar counts the expiring one.
    await expand(row(wb, CLI_LABEL));
    const account = row(wb, 'Account');
    await expand(account);
    await row(wb, 'oauth_refresh_token').waitFor();
    const hint = page.locator('.statusbar-item', { hasText: '1 expiring' });
    await hint.waitFor({ timeout: 15_000 });
    await hint.click();
    await wb.waitForQuickInput(/Secrets expiring within 7 days/);
    await widget.getByText('oauth_refresh_token').first().waitFor();
    await wb.screenshot(screenshotPath('expiring'));
    await page.keyboard.press('Escape');

    // 4. Compare the CLI's test account with the live account.
    const beforeCompare = emulator.requests().length;
    await wb.runCommand('Compare Scopes…');
    await wb.pick(CLI_LABEL, 'the connection of side A');
    await wb.pick('Account', 'the scope of side A');
    await wb.pick(LIVE_LABEL, 'the connection of side B');
    await wb.pick('Account', 'the scope of side B');
    const onlyA = paneRow(wb, 'Comparison', 'Only in A (2)');
    await onlyA.waitFor({ timeout: 15_000 });
    await paneRow(wb, 'Comparison', 'In both (1)').waitFor();
    await paneRow(wb, 'Comparison', 'webhook_secret').waitFor();
    await paneRow(wb, 'Comparison', 'oauth_refresh_token').waitFor();
    assertNoValueFetched(emulator, beforeCompare, 'no value fetched by the comparison');
    await wb.screenshot(screenshotPath('compare'));

    // 5. Copy what live is missing: a modal naming the destination, then the label typed.
    await wb.runCommand('Copy Missing Secrets…');
    const names = await wb.waitForQuickInput(/The names to copy/);
    await names.press('Enter');
    await dialog(page, `Copy 2 secrets from ${CLI_LABEL} · TEST · Account into ${LIVE_LABEL} · LIVE · Account?`);
    await wb.answerDialog('Copy');
    await wb.answerInput(LIVE_LABEL, `Type ${LIVE_LABEL} to confirm`);
    await wb.waitForNotification(`Copied 2 secrets into ${LIVE_LABEL}`);
    await paneRow(wb, 'Comparison', 'Only in A (0)').waitFor({ timeout: 15_000 });
    await paneRow(wb, 'Comparison', 'In both (3)').waitFor();
    const live = await eventually(
      () => (emulator.secrets('live').length === 3 ? emulator.secrets('live') : undefined),
      'three live secrets',
    );
    assert.ok(live.find((s) => s.name === 'webhook_secret')?.payload === MARKER_VALUE, 'the value arrived unchanged');
    assert.equal(live.find((s) => s.name === 'oauth_refresh_token')?.expiresAt, now + 2 * DAY, 'the expiry is copied as is');
  });
});
