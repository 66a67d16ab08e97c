/**
 * What a person sees where they look, in the packaged extension: the Comparison's *Different expiry*
 * row with both dates in full and the difference in days (and a tooltip that explains the row), a
 * full scope shown as 10/10 in Set's scope picker and refused the moment it is picked (with what to
 * do, before any name is typed), and the export warning's choices (Choose Another Location…, Add to
 * .gitignore), the save dialog proposing a path outside the workspace.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import type { Locator } from 'playwright-core';
import { EMULATOR_TEST_KEY, type StoredSecret } from '../../../src/emulator';
import { dayAndTime, expiryDifference } from '../../../src/ui/labels';
import type { Workbench } from '../lib/workbench';
import {
  MARKER_KEY,
  MARKER_VALUE,
  connectToEmulator,
  contextMenu,
  description,
  dialog,
  dismissNotifications,
  escapeRegExp,
  eventually,
  row,
  withFlow,
} from './support';

const DAY = 86_400;
const USER = 'usr_FeedbackUser01';
const SHARED = 'shared_token';

function pane(wb: Workbench, title: string): Locator {
  return wb.page.locator('.pane').filter({ has: wb.page.locator(`.pane-header[aria-label^="${title}"]`) });
}

function paneRow(wb: Workbench, title: string, label: string): Locator {
  return pane(wb, title)
    .getByRole('treeitem')
    .filter({ has: wb.page.locator('.label-name').getByText(label, { exact: true }) })
    .first();
}

test('the comparison dates, a full scope refused at the picker, and the export warning choices', { timeout: 300_000 }, async () => {
  const flow = {
    emulator: { seed: 'demo' as const, apiKeys: [EMULATOR_TEST_KEY, MARKER_KEY] },
    markers: { apiKey: MARKER_KEY, value: MARKER_VALUE },
  };
  await withFlow('feedback', flow, async ({ wb, page, emulator, workspace }) => {
    // Whole seconds at a minute: the row shows minutes, and the difference is a whole number of days.
    const now = Math.floor(Date.now() / 60_000) * 60;
    const aExpires = now + 10 * DAY;
    const bExpires = now + 40 * DAY;
    const store = emulator.secrets('test');
    const put = (name: string, scope: StoredSecret['scope'], expiresAt: number | null) =>
      store.push({ id: `appsecret_fb${store.length}`, name, scope, payload: `value-of-${name}`, created: now - 60, expiresAt });
    // The Account scope full: the demo's 6, the shared name, and 3 more.
    put(SHARED, { type: 'account' }, aExpires);
    for (const n of ['fill_one', 'fill_two', 'fill_three']) put(n, { type: 'account' }, null);
    put(SHARED, { type: 'user', user: USER }, bExpires);
    assert.equal(store.filter((s) => s.scope.type === 'account').length, 10);

    await connectToEmulator(wb, emulator, MARKER_KEY);
    await dismissNotifications(wb);

    // 1. Comparison: Account (A) with the user scope (B). The row shows both dates and the days between.
    await wb.runCommand('Compare Scopes…');
    await wb.pick('Account', 'the scope of side A');
    await wb.pick('Another user id…', 'the scope of side B');
    await wb.answerInput(USER, 'The id of the user');
    const different = paneRow(wb, 'Comparison', SHARED);
    await different.waitFor({ timeout: 15_000 });
    const expected = expiryDifference(aExpires, bExpires);
    assert.equal(expected, `A ${dayAndTime(aExpires)} · B ${dayAndTime(bExpires)}: B 30 days later`);
    await eventually(async () => ((await description(different)) === expected ? true : undefined), `the row's description ${expected}`);
    // The tooltip explains the row: each side by name, each date in full with its time zone, the difference.
    await different.hover();
    const hover = page.locator('.monaco-hover, .workbench-hover').filter({ hasText: 'different expiry dates' }).first();
    await hover.waitFor({ timeout: 15_000 });
    const tip = await hover.innerText();
    assert.match(tip, new RegExp(`'${SHARED}' exists on both sides with different expiry dates`));
    assert.match(
      tip,
      new RegExp(
        `A \\(My app \\(emulator\\) · TEST · Account\\): expires \\w{3} ${escapeRegExp(dayAndTime(aExpires))} .*\\(UTC[+-]\\d\\d:\\d\\d\\)`,
      ),
    );
    assert.match(
      tip,
      new RegExp(`B \\(My app \\(emulator\\) · TEST · user ${USER}\\): expires \\w{3} ${escapeRegExp(dayAndTime(bExpires))}`),
    );
    assert.match(tip, /B 30 days later\. Values are not compared\./);
    await page.keyboard.press('Escape');

    // 2. Set Secret… from the palette: the scope picker shows 10/10, and picking it refuses it at once,
    // saying what to do; the picker stays for another scope, and no name was asked.
    await wb.runCommand('Set Secret…');
    await wb.waitForQuickInput(/Set Secret \(Step 1 of 4\)/);
    const accountRow = page.locator('.quick-input-list .monaco-list-row').filter({ hasText: 'Account' }).first();
    await eventually(
      async () => (/10\/10 full/.test((await accountRow.getAttribute('aria-label')) ?? '') ? true : undefined),
      'Account shown as 10/10 full',
    );
    await accountRow.click();
    await wb.waitForNotification(
      /^The account scope is full \(10\/10, the most Stripe allows\)\. Delete one of its secrets \(.*'shared_token'.*\), or keep related values together in one JSON secret/,
    );
    await wb.waitForQuickInput(/Set Secret \(Step 1 of 4\)/);
    assert.equal(
      await page
        .locator('.quick-input-widget')
        .getByText(/A name for the secret|Step 2 of 4/)
        .count(),
      0,
      'no name was asked',
    );
    await page.keyboard.press('Escape');
    await dismissNotifications(wb);

    // 3. Export into the workspace (a git repository that does not ignore the file): the save dialog
    // proposes a path outside the workspace; the warning offers another location first, then .gitignore.
    execFileSync('git', ['init', '-q'], { cwd: workspace });
    const file = path.join(workspace, 'account.env');
    const outside = new RegExp(`^(?!${escapeRegExp(workspace)}).*/account\\.env$`);
    const title = 'Export the account scope of My app (emulator) as .env';
    await contextMenu(row(wb, 'Account'), 'Export Scope as .env…');
    await wb.answerFileDialog(title, file, outside);
    const warning = await dialog(
      page,
      /account\.env would hold secret values, and it is inside the workspace folder my-stripe-app, and git does not ignore it.* Choose a path outside the workspace, or add it to \.gitignore\./,
    );
    const buttons = (await warning.locator('.monaco-button').allInnerTexts()).map((t) => t.trim());
    for (const choice of ['Choose Another Location…', 'Add to .gitignore', 'Write Anyway'])
      assert.ok(buttons.includes(choice), `the warning offers ${choice} (it offers ${buttons.join(', ')})`);
    assert.equal(
      (await warning.locator('.monaco-button:focus').innerText()).trim(),
      'Choose Another Location…',
      'the safe choice takes Enter',
    );

    // Choose Another Location…: the save dialog again, proposing the path outside the workspace.
    await wb.answerDialog('Choose Another Location…');
    await wb.answerFileDialog(title, file, outside);

    // Add to .gitignore: one line for the file, then it is written.
    await dialog(page, /account\.env would hold secret values/);
    await wb.answerDialog('Add to .gitignore');
    await wb.waitForNotification(
      /^Exported 10 secrets of the account scope of My app \(emulator\) to .*account\.env \(readable by you only\)\./,
    );
    assert.match(fs.readFileSync(path.join(workspace, '.gitignore'), 'utf8'), /^\/account\.env$/m);
    assert.equal(execFileSync('git', ['check-ignore', 'account.env'], { cwd: workspace, encoding: 'utf8' }).trim(), 'account.env');
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    fs.rmSync(file);
  });
});
