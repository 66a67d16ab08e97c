/**
 * Import .env File into Scope and Export Scope as .env inside a real VS Code, against an emulator
 * started in this process, with scripted prompts (the save dialog included). The open dialog is
 * the one prompt the Prompts seam does not cover, so the tests answer it by replacing
 * `vscode.window.showOpenDialog` (the extension and this suite share one API object) for the
 * length of a test.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse as dotenvParse } from 'dotenv';
import * as vscode from 'vscode';
import { Commands, EXTENSION_ID } from '../../../src/constants';
import { startEmulator, type EmulatorHandle, type StoredSecret } from '../../../src/emulator';
import type { ConnectionInfo, Prompts, ScopeNode, Services } from '../../../src/services';
import type { TestApi } from '../../../src/testApi';
import { scriptPrompts, type Answer, type PromptScript } from './helpers/fakePrompts';
import { usePrompts } from './helpers/extension';
import { ACCOUNT, DAY, afterNextList, nowSeconds, seedSecret } from './helpers/fixtures';

describe('Env files (import and export)', function () {
  this.timeout(30_000);
  let emulator: EmulatorHandle;
  let services: Services;
  let connection: ConnectionInfo;
  let script: PromptScript | undefined;
  let tempDir: string;
  let restoreDialog: (() => void) | undefined;

  const store = () => emulator.secrets('test');
  const find = (name: string) => store().find((s) => s.name === name);
  const writes = () => emulator.requests().filter((r) => r.method === 'POST').length;
  const finds = () => emulator.requests().filter((r) => r.path.includes('/find')).length;
  const scopeNode = (c: ConnectionInfo = connection): ScopeNode => ({ kind: 'scope', connectionId: c.id, scope: ACCOUNT });

  function seed(name: string, payload: string, expiresAt: number | null = null, target: StoredSecret[] = store()): void {
    seedSecret(target, name, payload, expiresAt);
  }

  function prompts(...answers: Answer[]): PromptScript {
    script = scriptPrompts(services, answers);
    return script;
  }

  /** The items (with descriptions and details) of every pick of one kind, which the script records by label only. */
  function recordItems(kind: 'quickPick' | 'quickPickMany'): Array<readonly vscode.QuickPickItem[]> {
    const seen: Array<readonly vscode.QuickPickItem[]> = [];
    const scripted = services.prompts;
    const recording =
      <T, O>(show: (items: readonly T[] | Thenable<readonly T[]>, options: O) => unknown) =>
      async (items: readonly T[] | Thenable<readonly T[]>, options: O) => {
        seen.push((await items) as readonly vscode.QuickPickItem[]);
        return show(items, options);
      };
    usePrompts({ ...scripted, [kind]: recording(scripted[kind].bind(scripted)) } as Prompts);
    return seen;
  }
  const recordManyPicks = () => recordItems('quickPickMany');
  const recordPicks = () => recordItems('quickPick');

  /** Runs `action` when the modal confirmation is asked, before it is answered. */
  function onConfirm(action: () => void): void {
    const scripted = services.prompts;
    usePrompts({
      ...scripted,
      warning: (message, options, ...items) => {
        if (options.modal) action();
        return scripted.warning(message, options, ...items);
      },
    });
  }

  function dialogAnswers(uri: vscode.Uri | undefined): { calls: number } {
    const window = vscode.window as { showOpenDialog: typeof vscode.window.showOpenDialog };
    const original = window.showOpenDialog;
    const record = { calls: 0 };
    window.showOpenDialog = async () => {
      record.calls++;
      return uri && [uri];
    };
    restoreDialog = () => {
      window.showOpenDialog = original;
    };
    return record;
  }

  function envFile(name: string, text: string): vscode.Uri {
    const file = path.join(tempDir, name);
    fs.writeFileSync(file, text);
    return vscode.Uri.file(file);
  }

  async function closeEditors(): Promise<void> {
    for (let i = 0; i < 5 && vscode.window.activeTextEditor; i++)
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  }

  before(async () => {
    const api = await vscode.extensions.getExtension<TestApi>(EXTENSION_ID)!.activate();
    services = api.services;
    emulator = await startEmulator();
    connection = await services.connections.add({ label: 'Env files test', apiBase: emulator.url, apiKey: emulator.testKey });
    tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sas-env-'));
  });

  after(async () => {
    await services.connections.remove(connection.id);
    await emulator.close();
    fs.rmSync(tempDir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    store().splice(0);
    emulator.clearFaults();
    await closeEditors();
  });

  afterEach(async () => {
    script?.restore();
    script = undefined;
    restoreDialog?.();
    restoreDialog = undefined;
    await closeEditors();
  });

  describe('Import .env File into Scope', () => {
    it('imports a chosen file: the preview marks new and replaced names, one expiry for all, a modal first', async () => {
      seed('EXISTING', 'old-value');
      const uri = envFile(
        'app.env',
        '# app settings\nexport NEW_ONE=plain\nEXISTING="replaced value"\nPEM="-----BEGIN-----\nMIIB==\n-----END-----"\n',
      );
      const dialog = dialogAnswers(uri);
      const p = prompts(
        { pick: ['NEW_ONE', 'EXISTING', 'PEM'] },
        { pick: 'Never' },
        {
          button: 'Import',
          expect:
            /^Import 3 secrets into the account scope of Env files test\? 1 of them replaces the existing value of 'EXISTING'; history keeps the old value for 30 days\. They never expire\.$/,
        },
      );
      const previews = recordManyPicks();
      await vscode.commands.executeCommand(Commands.importEnvFile, scopeNode());
      p.assertDone();
      assert.equal(dialog.calls, 1);
      assert.deepEqual(
        previews[0].map((i) => [i.label, i.description, i.picked]),
        [
          ['NEW_ONE', 'new', true],
          ['EXISTING', 'replaces existing', true],
          ['PEM', 'new', true],
        ],
      );
      // The title and the accept button say what Enter does, for the names checked.
      const preview = p.calls.find((c) => c.kind === 'quickPickMany')!;
      assert.equal(preview.title, 'Import 3 secrets from app.env into the account scope of Env files test (Step 1 of 2)');
      assert.equal(preview.acceptLabel, 'Import 3 secrets');
      assert.equal(
        p.calls.find((c) => c.kind === 'quickPick')?.title,
        'Import 3 secrets from app.env into the account scope of Env files test (Step 2 of 2)',
      );
      assert.equal(find('NEW_ONE')?.payload, 'plain');
      assert.equal(find('EXISTING')?.payload, 'replaced value');
      assert.equal(find('PEM')?.payload, '-----BEGIN-----\nMIIB==\n-----END-----');
      assert.ok(store().every((s) => s.expiresAt === null));
      const done = p.calls.find(
        (c) =>
          c.kind === 'info' && c.text === 'Imported 3 secrets into the account scope of Env files test (Undo puts back the 1 replaced).',
      );
      assert.deepEqual(done?.items, ['Undo']);
      assert.ok(!JSON.stringify(p.calls).includes('replaced value'));
      assert.ok(!JSON.stringify(p.calls).includes('old-value'));
    });

    it('offers the active .env editor first, imports its unsaved text, and only the picked names', async () => {
      const uri = envFile('.env.local', 'A=saved-a\nB=saved-b\n');
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
      await editor.edit((b) => b.insert(new vscode.Position(2, 0), 'C=unsaved-c\n'));
      const dialog = dialogAnswers(undefined);
      const p = prompts(
        { pick: 'Use the active editor (.env.local)' },
        { pick: ['A', 'C'] },
        { pick: '7 days' },
        { button: 'Import', expect: /^Import 2 secrets into the account scope of Env files test\? They expire / },
      );
      await vscode.commands.executeCommand(Commands.importEnvFile, scopeNode());
      p.assertDone();
      assert.equal(dialog.calls, 0);
      assert.deepEqual(
        store()
          .map((s) => [s.name, s.payload])
          .sort(),
        [
          ['A', 'saved-a'],
          ['C', 'unsaved-c'],
        ],
      );
      for (const s of store()) assert.ok(s.expiresAt !== null && Math.abs(s.expiresAt - (nowSeconds() + 7 * DAY)) < 120);
    });

    it('goes to the open dialog from the palette when the active editor is no .env file, and a cancelled dialog does nothing', async () => {
      await vscode.window.showTextDocument(
        await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'A=not-a-dotenv-editor' }),
      );
      const dialog = dialogAnswers(undefined);
      const answers: Answer[] = services.connections.list().length > 1 ? [{ pick: connection.label }] : [];
      const before = emulator.requests().length;
      const p = prompts(...answers, { pick: 'Account' });
      await vscode.commands.executeCommand(Commands.importEnvFile);
      p.assertDone();
      assert.equal(dialog.calls, 1);
      assert.equal(emulator.requests().length, before);
    });

    it('refuses picks that would pass 10 in the scope before any write, naming how many to leave out', async () => {
      for (let i = 0; i < 8; i++) seed(`S${i}`, `v${i}`);
      dialogAnswers(envFile('four.env', 'N1=1\nN2=2\nN3=3\nS0=replaced\n'));
      const before = writes();
      const p = prompts({ pick: ['N1', 'N2', 'N3', 'S0'] });
      await vscode.commands.executeCommand(Commands.importEnvFile, scopeNode());
      p.assertDone();
      assert.equal(p.errors().length, 1);
      assert.match(
        p.errors()[0],
        /^The account scope holds 8 secrets and 3 of the picked names are new: that makes 11, more than the 10 Stripe allows\. Leave out 1 of the new names/,
      );
      assert.equal(writes(), before);
      assert.equal(store().length, 8);

      // Leaving one out fits: 8 + 2 new, and a replace does not count.
      p.push({ pick: ['N1', 'N2', 'S0'] }, { pick: 'Never' }, { button: 'Import' });
      await vscode.commands.executeCommand(Commands.importEnvFile, scopeNode());
      p.assertDone();
      assert.equal(store().length, 10);
      assert.equal(find('S0')?.payload, 'replaced');
    });

    it('writes nothing when the confirmation is declined', async () => {
      dialogAnswers(envFile('declined.env', 'A=1\n'));
      const before = writes();
      const p = prompts({ pick: ['A'] }, { pick: 'Never' }, { button: undefined, expect: /^Import 1 secret into .* It never expires\.$/ });
      await vscode.commands.executeCommand(Commands.importEnvFile, scopeNode());
      p.assertDone();
      assert.equal(writes(), before);
      assert.deepEqual(store(), []);
    });

    it('reports the lines it skipped by number, without their values, and imports the rest', async () => {
      dialogAnswers(envFile('broken.env', 'GOOD=fine\nno-equals-sk_live_leaked\nEMPTY=\nGOOD=again\n'));
      const p = prompts({ pick: 'Go on to the preview (1 secret)' }, { pick: ['GOOD'] }, { pick: 'Never' }, { button: 'Import' });
      const previews = recordManyPicks();
      const lists = recordPicks();
      await vscode.commands.executeCommand(Commands.importEnvFile, scopeNode());
      p.assertDone();
      const problems = [
        'line 1: GOOD is set again on line 4; dotenv keeps the last one, so line 1 is not imported',
        "line 2 has no '=' (expected NAME=value), so dotenv skips it",
        'line 3: EMPTY has an empty value, and a secret cannot be empty',
      ];
      // Listed once, before the preview, in a list of their own with each reason in full: no
      // checkbox on a row that imports nothing, and no notification repeating them.
      assert.equal(
        p.calls.find((c) => c.kind === 'warning' && !c.modal),
        undefined,
        'no toast repeats the problems',
      );
      const list = p.calls.find((c) => c.kind === 'quickPick')!;
      assert.equal(list.title, 'Import from broken.env into the account scope of Env files test (Step 1 of 3)');
      assert.match(list.text, /3 lines are not imported, or noted: Enter goes on$/);
      assert.deepEqual(list.items, [
        '$(arrow-right) Go on to the preview (1 secret)',
        'Not imported, and notes',
        ...problems.map((m) => `$(circle-slash) ${m.replace(/^(line \d+).*/, '$1')}`),
      ]);
      assert.deepEqual(
        lists[0].slice(2).map((i) => i.detail),
        problems,
      );
      assert.deepEqual(
        previews[0].map((i) => [i.label, i.detail, i.picked]),
        [['GOOD', 'line 4', true]],
      );
      assert.equal(p.calls.find((c) => c.kind === 'quickPickMany')?.canGoBack, true);
      assert.ok(!JSON.stringify(p.calls).includes('sk_live_leaked'));
      assert.equal(find('GOOD')?.payload, 'again');
    });

    it("leaves lines dotenv may read otherwise than meant unchecked, with the reason, and imports dotenv's value when picked", async () => {
      const text = 'A: b=c\nB=value#frag\nOK="fine"\nCLÉ=secret-cle\nPEM=-----BEGIN KEY-----\nMIIBsecretline==\n-----END KEY-----\n';
      dialogAnswers(envFile('ambiguous.env', text));
      const p = prompts({ pick: 'Go on to the preview (3 secrets)' }, { pick: ['OK', 'B'] }, { pick: 'Never' }, { button: 'Import' });
      const previews = recordManyPicks();
      await vscode.commands.executeCommand(Commands.importEnvFile, scopeNode());
      p.assertDone();
      const items = previews[0];
      assert.deepEqual(
        items.map((i) => [i.label, i.picked]),
        [
          ['A', false],
          ['B', false],
          ['OK', true],
        ],
      );
      assert.deepEqual(
        p.calls.find((c) => c.kind === 'quickPick')!.items.slice(2),
        [4, 5, 6, 7].map((line) => `$(circle-slash) line ${line}`),
      );
      assert.match(items[1].detail!, /^\$\(warning\) line 2: dotenv cuts the value of B at a # with no space before it/);
      assert.match(p.calls.find((c) => c.kind === 'quickPickMany')!.text, /2 left unchecked, see why$/);
      // The title follows the checks: what Enter does with the two picked.
      assert.equal(
        p.calls.find((c) => c.kind === 'quickPickMany')!.acceptedTitle,
        'Import 2 secrets from ambiguous.env into the account scope of Env files test (Step 2 of 3)',
      );
      const loaded = dotenvParse(text);
      assert.deepEqual(
        store()
          .map((s) => [s.name, s.payload])
          .sort(),
        [
          ['B', loaded.B],
          ['OK', loaded.OK],
        ],
      );
      assert.equal(loaded.B, 'value');
      for (const secret of ['secret-cle', 'MIIBsecretline', 'frag'])
        assert.ok(!JSON.stringify(p.calls).includes(secret) && !JSON.stringify(items).includes(secret), secret);
    });

    it('stops with the problems when nothing valid remains, before any request', async () => {
      dialogAnswers(envFile('nothing.env', 'just words\nX=\n'));
      const before = emulator.requests().length;
      const p = prompts();
      await vscode.commands.executeCommand(Commands.importEnvFile, scopeNode());
      p.assertDone();
      assert.deepEqual(p.errors(), [
        "Nothing to import from nothing.env: line 1 has no '=' (expected NAME=value), so dotenv skips it; line 2: X has an empty value, and a secret cannot be empty",
      ]);
      // Only the import's own requests count: the tree may still be reloading a scope an earlier test changed.
      const own = emulator
        .requests()
        .slice(before)
        .filter((r) => !(r.method === 'GET' && r.path === '/v1/apps/secrets'));
      assert.deepEqual(own, []);
    });

    it('titles every step LIVE · <connection> for a live scope, and Back returns to the step before', async () => {
      const live = await services.connections.add({
        label: 'Live import test',
        apiBase: emulator.url,
        apiKey: 'sk_live_emulatorEnvImportKey0000000000000000',
      });
      try {
        emulator.secrets('live').splice(0);
        dialogAnswers(envFile('live.env', 'A=1\nB=2\nnot a line\n'));
        const p = prompts(
          { pick: 'Go on to the preview (2 secrets)' },
          { back: true },
          { pick: 'Go on to the preview (2 secrets)' },
          { pick: ['A'] },
          { pick: 'Never' },
          { button: undefined, expect: /^Import 1 secret into the account scope of Live import test\?/ },
        );
        await vscode.commands.executeCommand(Commands.importEnvFile, scopeNode(live));
        p.assertDone();
        const steps = p.calls.filter((c) => c.kind === 'quickPick' || c.kind === 'quickPickMany');
        assert.deepEqual(
          steps.map((c) => c.title),
          [
            'LIVE · Live import test · Import from live.env into the account scope of Live import test (Step 1 of 3)',
            'LIVE · Live import test · Import 2 secrets from live.env into the account scope of Live import test (Step 2 of 3)',
            'LIVE · Live import test · Import from live.env into the account scope of Live import test (Step 1 of 3)',
            'LIVE · Live import test · Import 2 secrets from live.env into the account scope of Live import test (Step 2 of 3)',
            'LIVE · Live import test · Import 1 secret from live.env into the account scope of Live import test (Step 3 of 3)',
          ],
        );
        assert.deepEqual(
          steps.map((c) => c.canGoBack),
          [false, true, false, true, true],
        );
        assert.deepEqual(emulator.secrets('live'), [], 'declined: nothing written');
      } finally {
        await services.connections.remove(live.id);
      }
    });

    it('names each secret that failed, and keeps the others imported', async () => {
      dialogAnswers(envFile('partial.env', 'P1=a\nP2=b\nP3=c\n'));
      const p = prompts({ pick: ['P1', 'P2', 'P3'] }, { pick: 'Never' }, { button: 'Import' });
      // After the re-listing that follows the modal, so the fault meets one of the writes.
      let confirmed = false;
      onConfirm(() => (confirmed = true));
      const unwrap = afterNextList(
        services,
        connection.id,
        () => confirmed,
        () => emulator.injectFault({ kind: 'status', status: 403, count: 1 }),
      );
      try {
        await vscode.commands.executeCommand(Commands.importEnvFile, scopeNode());
      } finally {
        unwrap();
      }
      p.assertDone();
      assert.equal(store().length, 2);
      const missing = ['P1', 'P2', 'P3'].find((n) => !find(n));
      assert.equal(p.errors().length, 1);
      assert.match(
        p.errors()[0],
        new RegExp(
          `^Imported 2 of 3 secrets into the account scope of Env files test; not imported: '${missing}' \\(.*may not manage app secrets`,
        ),
      );
    });
  });

  describe('Export Scope as .env', () => {
    const workspaceDir = () => vscode.workspace.workspaceFolders![0].uri.fsPath;
    const mode = (file: string) => fs.statSync(file).mode & 0o777;
    const noDocumentHolds = (values: readonly string[]) => {
      for (const d of vscode.workspace.textDocuments)
        for (const v of values) assert.ok(!d.getText().includes(v), `${d.uri.toString()} holds a value`);
    };

    afterEach(() => {
      for (const name of ['.git', '.gitignore', 'account.env', 'tracked.env'])
        fs.rmSync(path.join(workspaceDir(), name), { recursive: true, force: true });
    });

    it('writes every value dotenv can read back to the picked file, owner-only, after naming what it leaves out', async () => {
      const values: Array<[string, string]> = [
        ['API_TOKEN', 'sk_test_abc'],
        ['MULTI', 'line one\nline "two"\n'],
        ['PEM', '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\n-----END PRIVATE KEY-----\n'],
        ['QUOTES', `it's a "quote" # not a comment = $HOME \\ é 🔑\t`],
        ['ALL_QUOTES', `'"\`\r\nx\\`],
        ['SPACES', '  padded  '],
      ];
      for (const [name, value] of values) seed(name, value, name === 'API_TOKEN' ? nowSeconds() + 3 * DAY : null);
      seed('a=b', 'cannot-be-a-env-name');
      seed('REFUSED', ' ends in a backslash\\');
      const file = path.join(tempDir, 'account.env');
      const p = prompts(
        {
          button: 'Export the Others',
          expect:
            /^2 secrets of the account scope cannot be written to a \.env file that dotenv reads back: 'a=b' \(its name: dotenv reads only names .*\); 'REFUSED' \(its value: dotenv has no way to read this value back exactly.*\)\. Export the other 6 secrets\?$/,
        },
        // Proposed outside the workspace: the home folder.
        {
          save: file,
          expect: new RegExp(
            `^Export the account scope of Env files test as \\.env \\| ${os.homedir().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/account\\.env$`,
          ),
        },
      );
      await vscode.commands.executeCommand(Commands.exportScopeToEnv, scopeNode());
      p.assertDone();
      const text = fs.readFileSync(file, 'utf8');
      assert.deepEqual(dotenvParse(text), Object.fromEntries(values));
      assert.equal(mode(file), 0o600);
      assert.match(
        text,
        /^# Secrets of the account scope of Env files test \(test mode\), exported \d{4}-\d\d-\d\dT[\d:.]+Z by Stripe App Secrets\.\n# These are secret values: do not commit this file/,
      );
      assert.match(text, /# A \.env file has no expiry dates: API_TOKEN expires /);
      assert.ok(!text.includes('cannot-be-a-env-name') && !text.includes('ends in a backslash'));
      assert.ok(
        p.calls.some(
          (c) =>
            c.kind === 'info' &&
            c.text === `Exported 6 secrets of the account scope of Env files test to ${file} (readable by you only). Do not commit it.`,
        ),
      );
      const shown = JSON.stringify(p.calls);
      for (const [, value] of values) assert.ok(!shown.includes(JSON.stringify(value).slice(1, -1)));
      noDocumentHolds(['sk_test_abc', 'MIIEvQIBADANBgkq', 'line one']);
      assert.equal(vscode.window.activeTextEditor, undefined, 'nothing opens in an editor');
    });

    it('writes nothing when the save dialog is cancelled', async () => {
      seed('A', 'value-a');
      const files = () => [...fs.readdirSync(tempDir), ...fs.readdirSync(workspaceDir())].sort();
      const before = files();
      const p = prompts({ cancel: true });
      await vscode.commands.executeCommand(Commands.exportScopeToEnv, scopeNode());
      p.assertDone();
      assert.deepEqual(files(), before);
      assert.ok(!p.calls.some((c) => c.kind === 'info'));
    });

    it('warns before writing inside the workspace where git would not ignore the file, and not where it would', async () => {
      seed('A', 'value-a');
      const file = path.join(workspaceDir(), 'account.env');
      execFileSync('git', ['init', '-q'], { cwd: workspaceDir() });
      const p = prompts(
        { save: file },
        {
          button: undefined,
          expect:
            /^account\.env would hold secret values, and it is inside the workspace folder .*, and git does not ignore it, so it could be committed\. Choose a path outside the workspace, or add it to \.gitignore\.$/,
        },
      );
      await vscode.commands.executeCommand(Commands.exportScopeToEnv, scopeNode());
      p.assertDone();
      assert.equal(fs.existsSync(file), false, 'declined: nothing written');
      // The first button has the default focus: choosing another place, the safe answer.
      assert.deepEqual(p.calls.find((c) => c.modal)?.items, ['Choose Another Location…', 'Add to .gitignore', 'Write Anyway']);

      // Choose Another Location…: the save dialog again, proposing the home folder.
      p.push({ save: file }, { button: 'Choose Another Location…' }, { cancel: true });
      await vscode.commands.executeCommand(Commands.exportScopeToEnv, scopeNode());
      p.assertDone();
      assert.equal(p.calls.at(-1)?.kind, 'saveDialog');
      assert.equal(p.calls.at(-1)?.text, `Export the account scope of Env files test as .env | ${path.join(os.homedir(), 'account.env')}`);
      assert.equal(fs.existsSync(file), false);

      // Add to .gitignore: one anchored line appended (the existing content kept), then written.
      const gitignore = path.join(workspaceDir(), '.gitignore');
      fs.writeFileSync(gitignore, 'node_modules');
      p.push({ save: file }, { button: 'Add to .gitignore' });
      await vscode.commands.executeCommand(Commands.exportScopeToEnv, scopeNode());
      p.assertDone();
      assert.equal(
        fs.readFileSync(gitignore, 'utf8'),
        'node_modules\n# A .env export of Stripe secret values (Stripe App Secrets)\n/account.env\n',
      );
      assert.deepEqual(dotenvParse(fs.readFileSync(file)), { A: 'value-a' });
      fs.rmSync(file);
      fs.rmSync(gitignore);

      // Write Anyway over a file that existed world-readable: it ends owner-only.
      fs.writeFileSync(file, 'OLD=1\n', { mode: 0o644 });
      p.push({ save: file }, { button: 'Write Anyway' });
      await vscode.commands.executeCommand(Commands.exportScopeToEnv, scopeNode());
      p.assertDone();
      assert.deepEqual(dotenvParse(fs.readFileSync(file)), { A: 'value-a' });
      assert.equal(mode(file), 0o600);

      // Ignored by git: written without asking.
      fs.rmSync(file);
      fs.writeFileSync(path.join(workspaceDir(), '.gitignore'), '*.env\n');
      p.push({ save: file });
      await vscode.commands.executeCommand(Commands.exportScopeToEnv, scopeNode());
      p.assertDone();
      assert.deepEqual(dotenvParse(fs.readFileSync(file)), { A: 'value-a' });
      assert.ok(!p.calls.slice(-3).some((c) => c.modal));
    });

    it('warns inside a workspace folder that is no git repository', async () => {
      seed('A', 'value-a');
      const file = path.join(workspaceDir(), 'account.env');
      const p = prompts({ save: file }, { button: undefined, expect: /the folder is not a git repository yet, so nothing ignores it/ });
      await vscode.commands.executeCommand(Commands.exportScopeToEnv, scopeNode());
      p.assertDone();
      assert.equal(fs.existsSync(file), false);
    });

    it('says so for an empty scope and asks for no file', async () => {
      const p = prompts();
      await vscode.commands.executeCommand(Commands.exportScopeToEnv, scopeNode());
      p.assertDone();
      assert.ok(
        p.calls.some((c) => c.kind === 'info' && c.text === 'There are no secrets in the account scope of Env files test to export.'),
      );
    });

    it('refuses, naming each, when no value can be read back, and asks for no file', async () => {
      seed('ONLY', '#ends\\');
      const p = prompts();
      await vscode.commands.executeCommand(Commands.exportScopeToEnv, scopeNode());
      p.assertDone();
      assert.deepEqual(p.errors(), [
        `Nothing from the account scope of Env files test can be written to a .env file that dotenv reads back: 'ONLY' (its value: dotenv has no way to read this value back exactly (see ".env rules" in the README)).`,
      ]);
    });

    describe('in live mode', () => {
      const LIVE_KEY = 'sk_live_emulatorEnvExportKey0000000000000000';
      let live: ConnectionInfo;

      before(async () => {
        live = await services.connections.add({ label: 'Live env test', apiBase: emulator.url, apiKey: LIVE_KEY });
      });
      after(() => services.connections.remove(live.id));
      beforeEach(() => emulator.secrets('live').splice(0));

      it('asks first; declined, it reveals nothing; accepted, it writes the values', async () => {
        seed('LIVE_A', 'live-a', null, emulator.secrets('live'));
        seed('LIVE_B', 'live-b', null, emulator.secrets('live'));
        const before = finds();
        const p = prompts({
          button: undefined,
          expect: /^Write the live values of 2 secrets from the account scope of Live env test to a \.env file\?$/,
        });
        await vscode.commands.executeCommand(Commands.exportScopeToEnv, scopeNode(live));
        p.assertDone();
        assert.equal(finds(), before);

        const file = path.join(tempDir, 'live.env');
        p.push({ button: 'Export' }, { save: file });
        await vscode.commands.executeCommand(Commands.exportScopeToEnv, scopeNode(live));
        p.assertDone();
        const text = fs.readFileSync(file, 'utf8');
        assert.deepEqual(dotenvParse(text), { LIVE_A: 'live-a', LIVE_B: 'live-b' });
        assert.match(text, /\(live mode\)/);
        noDocumentHolds(['live-a', 'live-b']);
      });
    });
  });
});
