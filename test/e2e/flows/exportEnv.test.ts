/**
 * Export Scope as .env… and Import .env File into Scope… from the packaged extension through code-server's real save dialog (the
 * simple file dialog: a quick input that takes a path). The file it writes must parse back with
 * `dotenv.parse` to exactly what the emulator holds, be readable by its owner only, and no editor
 * may have held a value on the way. Writing into the workspace, which is no git repository, asks
 * first.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { parse as dotenvParse } from 'dotenv';
import { EMULATOR_TEST_KEY } from '../../../src/emulator';
import { screenshotPath } from '../lib/scenario';
import {
  MARKER_KEY,
  MARKER_VALUE,
  connectToEmulator,
  contextMenu,
  dialog,
  dismissNotifications,
  eventually,
  row,
  withFlow,
} from './support';

/** Values that the review found changed by the old export: quotes, backslashes, tabs, CR, a PEM key. */
const TRICKY: Record<string, string> = {
  MARKER: MARKER_VALUE,
  QUOTES: `it's a "quote" # not a comment $HOME \\ é\t`,
  ALL_QUOTES: `'"\`\r\nx\\`,
  PEM: `-----BEGIN PRIVATE KEY-----\n${MARKER_VALUE}\n-----END PRIVATE KEY-----\n`,
};

test('Export Scope as .env… writes through the save dialog a file dotenv reads back exactly', { timeout: 180_000 }, async () => {
  const flow = {
    emulator: { seed: 'demo' as const, apiKeys: [EMULATOR_TEST_KEY, MARKER_KEY] },
    markers: { apiKey: MARKER_KEY, value: MARKER_VALUE },
  };
  await withFlow('export-env', flow, async ({ wb, page, emulator, workspace }) => {
    const store = emulator.secrets('test');
    const account = () => store.filter((s) => s.scope.type === 'account');
    // Room for the four: the Account scope holds at most 10.
    for (const s of account().slice(0, Math.max(0, account().length - 6))) store.splice(store.indexOf(s), 1);
    for (const [name, payload] of Object.entries(TRICKY)) {
      store.push({
        id: `appsecret_e2e${name}`,
        name,
        scope: { type: 'account' },
        payload,
        created: Math.floor(Date.now() / 1000) - 60,
        expiresAt: null,
      });
    }
    const expected = Object.fromEntries(account().map((s) => [s.name, s.payload]));

    await connectToEmulator(wb, emulator, MARKER_KEY);
    await contextMenu(row(wb, 'Account'), 'Export Scope as .env…');

    // The simple file dialog opens on the default path; type where the file goes.
    const file = path.join(workspace, 'account.env');
    await wb.answerFileDialog('Export the account scope of My app (emulator) as .env', file, /account\.env$/);

    // Inside the workspace, which no git repository covers: a modal first.
    await dialog(
      page,
      /account\.env would hold secret values, and it is inside the workspace folder my-stripe-app, and the folder is not a git repository yet/,
    );
    await wb.answerDialog('Write Anyway');
    await wb.waitForNotification(
      /^Exported \d+ secrets of the account scope of My app \(emulator\) to .*account\.env \(readable by you only\)\. Do not commit it\./,
    );

    const text = await eventually(() => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined), 'the exported file');
    assert.deepEqual(dotenvParse(text), expected);
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
    assert.match(text, /^# Secrets of the account scope of My app \(emulator\) \(test mode\)/);

    // No editor tab opened, and no editor on screen shows a value.
    assert.equal(await page.locator('.tabs-container .tab').filter({ hasText: /\.env/ }).count(), 0);
    for (const lines of await page.locator('.monaco-editor .view-lines').allInnerTexts()) assert.ok(!lines.includes(MARKER_VALUE));

    // The leak check after the flow scans the workspace: the file did its job.
    fs.rmSync(file);
    await dismissNotifications(wb);

    // Import through the real open dialog: the skipped line comes first, in a list of its own with
    // its reason in full and no checkbox; the preview then leaves the ambiguous line unchecked with
    // its reason, says in its title what Enter does, and imports dotenv's value of what stays checked.
    const importFile = path.join(workspace, 'update.env');
    fs.writeFileSync(importFile, 'QUOTES=replaced-by-import # comment\nNEWNAME: x=y\nCLÉ=skipped\n');
    await contextMenu(row(wb, 'Account'), 'Import .env File into Scope…');
    await wb.answerFileDialog('Import .env File', importFile);
    const skipped = await wb.waitForQuickInput(/1 line is not imported, or noted: Enter goes on/);
    const list = page.locator('.quick-input-list');
    const skippedRow = list.locator('.monaco-list-row').filter({ hasText: 'line 3' });
    await skippedRow.waitFor();
    assert.match(
      (await skippedRow.getAttribute('aria-label')) ?? '',
      /line 3: dotenv skips this line: its name has characters dotenv does not read \(only A–Z, a–z, digits, _, \. and -\)/,
    );
    assert.equal(
      await list.locator('.monaco-list-row input[type="checkbox"]:visible, .monaco-list-row .monaco-checkbox:visible').count(),
      0,
      'no checkbox on a line that imports nothing',
    );
    assert.match(
      await page.locator('.quick-input-title').innerText(),
      /^Import from update\.env into the account scope of My app \(emulator\) \(Step 1 of 3\)$/,
    );
    await skipped.press('Enter');

    const preview = await wb.waitForQuickInput(/1 left unchecked, see why/);
    await eventually(async () => ((await list.innerText()).includes('NEWNAME') ? true : undefined), 'the names in the preview');
    const listed = await list.innerText();
    assert.match(listed, /line 2: NEWNAME is written NAME: value, which dotenv reads as NAME=value/);
    assert.ok(!listed.includes('CLÉ') && !listed.includes('replaced-by-import'), 'lines are named by number, values never shown');
    assert.ok(!listed.includes('line 3'), 'the skipped line is not a row of the preview');
    assert.equal(await page.locator('.quick-input-list .monaco-list-row[aria-checked="true"]').count(), 1);
    assert.equal(await page.locator('.quick-input-list .monaco-list-row').count(), 2);
    assert.match(
      await page.locator('.quick-input-title').innerText(),
      /^Import 1 secret from update\.env into the account scope of My app \(emulator\) \(Step 2 of 3\)$/,
    );
    await page.locator('.quick-input-titlebar .action-label[aria-label="Import 1 secret"]').waitFor();
    await wb.screenshot(screenshotPath('import-preview'));
    await preview.press('Enter');
    await wb.pick('Never', 'When does the secret expire?');
    await wb.answerDialog('Import');
    await eventually(
      () => (account().find((s) => s.name === 'QUOTES')?.payload === 'replaced-by-import' ? true : undefined),
      'the imported value',
    );
    assert.equal(
      account().some((s) => s.name === 'NEWNAME'),
      false,
    );
  });
});

test(
  'Export refuses a symbolic link, a dangling link and a hard link, and no file outside the chosen path changes',
  { timeout: 240_000 },
  async () => {
    const flow = {
      emulator: { seed: 'demo' as const, apiKeys: [EMULATOR_TEST_KEY, MARKER_KEY] },
      markers: { apiKey: MARKER_KEY, value: MARKER_VALUE },
    };
    await withFlow('export-links', flow, async ({ wb, page, emulator, workspace }) => {
      const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'sas-e2e-outside-'));
      try {
        const victim = path.join(outside, 'victim.txt');
        fs.writeFileSync(victim, 'precious\n');
        fs.chmodSync(victim, 0o644);
        const created = path.join(outside, 'created-by-export.env');
        fs.symlinkSync(victim, path.join(workspace, 'link.env'));
        fs.symlinkSync(created, path.join(workspace, 'dangling.env'));
        fs.linkSync(victim, path.join(workspace, 'hard.env'));
        const cases: Array<[string, RegExp]> = [
          [
            'link.env',
            /Nothing was exported: link\.env is a symbolic link to .*victim\.txt, so the values would be written to another file\. Choose a new file name, or remove the link first\./,
          ],
          ['dangling.env', /Nothing was exported: dangling\.env is a symbolic link to .*created-by-export\.env/],
          ['hard.env', /Nothing was exported: hard\.env has another hard link, so the values would also appear under another name/],
        ];

        await connectToEmulator(wb, emulator, MARKER_KEY);
        for (const [name, message] of cases) {
          await contextMenu(row(wb, 'Account'), 'Export Scope as .env…');
          await wb.answerFileDialog('Export the account scope of My app (emulator) as .env', path.join(workspace, name), /account\.env$/);
          // The save dialog asks before replacing a file that exists (through the link, for a link): say yes, as a person would.
          const overwrite = page
            .locator('.quick-input-widget')
            .filter({ hasText: /already exists\. Are you sure you want to overwrite it\?/ });
          await eventually(async () => {
            if (await overwrite.isVisible())
              await overwrite
                .getByRole('button', { name: 'OK' })
                .click()
                .catch(() => undefined);
            return (await wb.notifications()).some((n) => message.test(n)) ? true : undefined;
          }, `the refusal of ${name}`);
          await dismissNotifications(wb);
        }

        assert.equal(fs.readFileSync(victim, 'utf8'), 'precious\n');
        assert.equal(fs.statSync(victim).mode & 0o777, 0o644);
        assert.deepEqual(fs.readdirSync(outside), ['victim.txt'], 'nothing created outside the chosen path');
        assert.ok(fs.lstatSync(path.join(workspace, 'link.env')).isSymbolicLink());
        assert.ok(fs.lstatSync(path.join(workspace, 'dangling.env')).isSymbolicLink());
        assert.equal(fs.statSync(path.join(workspace, 'hard.env')).nlink, 2);
        assert.deepEqual(
          fs.readdirSync(workspace).filter((f) => f.endsWith('.tmp')),
          [],
        );
      } finally {
        fs.rmSync(outside, { recursive: true, force: true });
      }
    });
  },
);
