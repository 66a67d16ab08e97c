/**
 * Secrets in the app's code, in the packaged extension: a workspace with a Node and a Python
 * backend and a manifest without secret_write. The Problems panel lists the missing names and the
 * manifest, not the present names; a hover tells what the store holds; the quick fix Set Secret
 * creates the missing secret and its warning goes; Move to Stripe Secret Store… takes a hard-coded
 * key out of the code. Screenshots for the README: hover, problems, move-to-store.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type { Locator } from 'playwright-core';
import { EMULATOR_TEST_KEY } from '../../../src/emulator';
import { screenshotPath } from '../lib/scenario';
import type { Workbench } from '../lib/workbench';
import { MARKER_KEY, connectToEmulator, dismissNotifications, eventually, quickOpen, withFlow } from './support';

// Built at run time so that the repository holds no credential-shaped literal.
const SLACK_KEY = ['xoxb', '739104826351', '8820473615290', 'QwErTyUiOpAsDfGhJkLzXcVb'].join('-');

const FILES: Record<string, string> = {
  'stripe-app.json': `{
  "id": "com.example.crm-sync",
  "version": "0.0.1",
  "name": "CRM Sync",
  "permissions": [
    { "permission": "customer_read", "purpose": "Show the CRM contact of a customer" }
  ]
}
`,
  'backend/node/secrets.js': `const Stripe = require('stripe');
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY);

async function clients(accountId) {
  const slack = await stripe.apps.secrets.find(
    { scope: { type: 'account' }, name: 'slack_bot_token' },
    { stripeAccount: accountId },
  );
  const quickbooks = await stripe.apps.secrets.find({
    scope: { type: 'account' },
    name: 'quickbooks_client_secret',
    expand: ['payload'],
  }, { stripeAccount: accountId });
  return { slack, quickbooks };
}

module.exports = { clients };
`,
  'backend/python/mailer.py': `import stripe


def keys(account_id):
    hubspot = stripe.apps.Secret.find(name="hubspot_client_secret", scope={"type": "account"}, stripe_account=account_id)
    zendesk = stripe.apps.Secret.find(
        name="zendesk_api_token",
        scope={"type": "account"},
        stripe_account=account_id,
    )
    return hubspot, zendesk
`,
  'backend/node/config.js': `const SLACK_TOKEN = '${SLACK_KEY}';\n\nmodule.exports = { SLACK_TOKEN };\n`,
};

function problemRows(wb: Workbench): Locator {
  return wb.page.locator('.markers-panel .monaco-list-row');
}

async function problemTexts(wb: Workbench): Promise<string[]> {
  return (await problemRows(wb).allInnerTexts()).map((t) => t.replace(/\s+/g, ' '));
}

/** Opens the lightbulb menu (Ctrl+.) at the cursor and focuses the action titled `title` (keyboard only). */
async function focusQuickFix(wb: Workbench, title: string): Promise<void> {
  const item = wb.page.locator('.action-widget .monaco-list-row').filter({ hasText: title }).first();
  // Ctrl+. answers "No code actions available" until the editor knows the actions at the cursor,
  // which it shows with the lightbulb: asked once that is there.
  await wb.page.locator('.monaco-editor .lightBulbWidget').first().waitFor({ state: 'visible', timeout: 20_000 });
  await wb.page.keyboard.press('Control+.');
  await item.waitFor({ timeout: 5_000 }).catch(() => assert.fail(`No quick fix "${title}" at the cursor`));
  for (let i = 0; i < 12; i++) {
    if ((await wb.page.locator('.action-widget .monaco-list-row.focused').filter({ hasText: title }).count()) > 0) return;
    await wb.page.keyboard.press('ArrowDown');
  }
  throw new Error(`The quick fix "${title}" never got the focus`);
}

test(
  'secret names and keys in code: Problems, hover, Set Secret quick fix, Move to Stripe Secret Store',
  { timeout: 240_000 },
  async () => {
    const flow = { emulator: { seed: 'demo' as const, apiKeys: [EMULATOR_TEST_KEY, MARKER_KEY] }, markers: { apiKey: MARKER_KEY } };
    await withFlow('code-insight', flow, async ({ wb, page, emulator, workspace }) => {
      for (const [file, text] of Object.entries(FILES)) {
        fs.mkdirSync(path.dirname(path.join(workspace, file)), { recursive: true });
        fs.writeFileSync(path.join(workspace, file), text);
      }
      await connectToEmulator(wb, emulator, MARKER_KEY);
      await dismissNotifications(wb);
      await page.getByText('Stripe App: CRM Sync (com.example.crm-sync)').first().waitFor({ timeout: 15_000 });

      await quickOpen(wb, 'backend/node/config.js');
      await quickOpen(wb, 'backend/python/mailer.py');
      await quickOpen(wb, 'backend/node/secrets.js');

      // Problems: the missing names and the manifest, not the present names.
      await page.keyboard.press('Control+Shift+M');
      await problemRows(wb).first().waitFor();
      const problems = await eventually(
        async () => {
          const texts = await problemTexts(wb);
          const all = texts.join('\n');
          return /quickbooks_client_secret/.test(all) &&
            /zendesk_api_token/.test(all) &&
            /secret_write/.test(all) &&
            /Hard-coded Slack token/.test(all)
            ? texts
            : undefined;
        },
        'the Problems panel to list the missing names, the manifest and the hard-coded key',
        30_000,
      );
      const all = problems.join('\n');
      assert.match(all, /Secret 'quickbooks_client_secret' is not in the Account scope of My app \(emulator\)/);
      // Present names get no problem of their own; one may appear only as the manifest warning's pointer to a call.
      const ownProblems = problems.filter((t) => !t.includes("The app's code calls the Secret Store here")).join('\n');
      assert.doesNotMatch(ownProblems, /slack_bot_token|hubspot_client_secret/);
      assert.match(all, /The app's code calls the Secret Store here/, 'the manifest warning points at a call');
      assert.doesNotMatch(all, new RegExp(SLACK_KEY.slice(5, -4)), 'the key is masked');
      await wb.screenshot(screenshotPath('problems'));

      // Hover on a present name: scope, presence, expiry, links; never the value.
      const slackName = page
        .locator('.monaco-editor .view-line span')
        .filter({ hasText: /^'slack_bot_token'$/ })
        .first();
      await slackName.hover();
      const hover = page.locator('.monaco-hover').filter({ hasText: 'Stripe secret' }).first();
      await hover.waitFor({ timeout: 15_000 });
      const hoverText = await hover.innerText();
      assert.match(hoverText, /In the Account scope of My app \(emulator\)/);
      assert.match(hoverText, /Reveal/);
      assert.doesNotMatch(hoverText, /demo-slack-bot-token/);
      await page.screenshot({ path: screenshotPath('hover'), caret: 'hide', animations: 'disabled' });
      await page.keyboard.press('Escape');

      // Quick fix from the Problems panel: Set Secret 'quickbooks_client_secret' in Account scope…
      await problemRows(wb).filter({ hasText: 'quickbooks_client_secret' }).first().click();
      await page
        .locator('.monaco-editor .view-line')
        .filter({ hasText: "name: 'quickbooks_client_secret'" })
        .first()
        .locator('span')
        .filter({ hasText: /quickbooks/ })
        .first()
        .click();
      await focusQuickFix(wb, "Set Secret 'quickbooks_client_secret' in Account scope…");
      await page.keyboard.press('Enter');
      const nameBox = await wb.waitForQuickInput('The secret name');
      assert.equal(await nameBox.inputValue(), 'quickbooks_client_secret', 'the name is filled in');
      await nameBox.press('Enter');
      await wb.pick('Enter a value…', "The value of 'quickbooks_client_secret'");
      await wb.answerInput('qb-demo-value', 'The secret value');
      await wb.pick('Never', 'When does the secret expire?');
      await eventually(() => emulator.secrets('test').find((s) => s.name === 'quickbooks_client_secret'), 'the secret in the emulator');
      await eventually(
        async () => ((await problemTexts(wb)).some((t) => t.includes('quickbooks_client_secret')) ? undefined : true),
        'its warning to go',
        20_000,
      );
      assert.ok(
        (await problemTexts(wb)).some((t) => t.includes('zendesk_api_token')),
        'the other missing name stays',
      );

      // Move to Stripe Secret Store… on the hard-coded key.
      await dismissNotifications(wb).catch(() => undefined);
      // Its tab is open from the start: a click brings it back (Quick Open raced the quick fix's focus).
      await page.locator('.tab[aria-label^="config.js"]').first().click();
      await page.locator('.tab.active[aria-label^="config.js"]').waitFor();
      // A tab-title hover left by the mouse can cover the line; park the mouse and let it fade.
      await page.mouse.move(2, 2);
      await page
        .locator('.context-view .hover-contents')
        .waitFor({ state: 'hidden', timeout: 5_000 })
        .catch(() => undefined);
      await page
        .locator('.monaco-editor .view-line')
        .filter({ hasText: 'SLACK_TOKEN =' })
        .first()
        .locator('span')
        .filter({ hasText: /xoxb/ })
        .first()
        .click();
      await focusQuickFix(wb, 'Move to Stripe Secret Store…');
      await page.screenshot({ path: screenshotPath('move-to-store'), caret: 'hide', animations: 'disabled' });
      await page.keyboard.press('Enter');
      await wb.pick('Account', 'The scope to store the value in');
      const moveName = await wb.waitForQuickInput('The secret name');
      assert.equal(await moveName.inputValue(), 'slack_token', "the name comes from the variable, in the app's snake_case");
      await moveName.press('Enter');
      await wb.waitForNotification(/old value is still in your git history/);
      assert.equal(emulator.secrets('test').find((s) => s.name === 'slack_token')?.payload, SLACK_KEY);
      await page.locator('.monaco-editor .view-line').filter({ hasText: "name: 'slack_token'" }).first().waitFor();
      assert.equal(
        await page.locator('.monaco-editor .view-line').filter({ hasText: 'xoxb-' }).count(),
        0,
        'the literal is gone from the editor',
      );
    });
  },
);
