/**
 * Import .env File into Scope and Export Scope as .env inside a real VS Code, against an emulator
 * started in this process, with scripted prompts. The open dialog is the one prompt the Prompts
 * seam does not cover, so the tests answer it by replacing `vscode.window.showOpenDialog` (the
 * extension and this suite share one API object) for the length of a test.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands, EXPORT_URI_SCHEME, EXTENSION_ID, SECRET_LANGUAGE_ID } from '../../../src/constants';
import { startEmulator, type EmulatorHandle, type StoredSecret } from '../../../src/emulator';
import { parseDotenv } from '../../../src/model/dotenv';
import type { ConnectionInfo, Prompts, ScopeNode, Services, TestApi } from '../../../src/services';
import { scriptPrompts, type Answer, type PromptScript } from './helpers/fakePrompts';
import { ACCOUNT, DAY, nowSeconds, seedSecret } from './helpers/fixtures';

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

  /** The items (with descriptions) of every multi-select pick, which the script records by label only. */
  function recordManyPicks(): Array<readonly vscode.QuickPickItem[]> {
    const seen: Array<readonly vscode.QuickPickItem[]> = [];
    const scripted = services.prompts;
    const quickPickMany: Prompts['quickPickMany'] = async (items, options) => {
      seen.push(await items);
      return scripted.quickPickMany(items, options);
    };
    services.prompts = { ...scripted, quickPickMany };
    return seen;
  }

  /** Runs `action` when the modal confirmation is asked, before it is answered. */
  function onConfirm(action: () => void): void {
    const scripted = services.prompts;
    services.prompts = {
      ...scripted,
      warning: (message, options, ...items) => {
        if (options.modal) action();
        return scripted.warning(message, options, ...items);
      },
    };
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
    for (let i = 0; i < 5 && vscode.window.activeTextEditor; i++) await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
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
      const uri = envFile('app.env', '# app settings\nexport NEW_ONE=plain\nEXISTING="replaced value"\nPEM="-----BEGIN-----\nMIIB==\n-----END-----"\n');
      const dialog = dialogAnswers(uri);
      const p = prompts(
        { pick: ['NEW_ONE', 'EXISTING', 'PEM'] },
        { pick: 'Never' },
        { button: 'Import', expect: /^Import 3 secrets into the account scope of Env files test\? 1 of them replaces an existing value, which cannot be recovered\. They never expire\.$/ },
      );
      const previews = recordManyPicks();
      await vscode.commands.executeCommand(Commands.importEnvFile, scopeNode());
      p.assertDone();
      assert.equal(dialog.calls, 1);
      assert.deepEqual(previews[0].map((i) => [i.label, i.description, i.picked]), [
        ['NEW_ONE', 'new', true],
        ['EXISTING', 'replaces existing', true],
        ['PEM', 'new', true],
      ]);
      assert.equal(find('NEW_ONE')?.payload, 'plain');
      assert.equal(find('EXISTING')?.payload, 'replaced value');
      assert.equal(find('PEM')?.payload, '-----BEGIN-----\nMIIB==\n-----END-----');
      assert.ok(store().every((s) => s.expiresAt === null));
      assert.ok(p.calls.some((c) => c.kind === 'info' && c.text === 'Imported 3 secrets into the account scope of Env files test.'));
      assert.ok(!JSON.stringify(p.calls).includes('replaced value'));
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
      assert.deepEqual(store().map((s) => [s.name, s.payload]).sort(), [['A', 'saved-a'], ['C', 'unsaved-c']]);
      for (const s of store()) assert.ok(s.expiresAt !== null && Math.abs(s.expiresAt - (nowSeconds() + 7 * DAY)) < 120);
    });

    it('goes to the open dialog from the palette when the active editor is no .env file, and a cancelled dialog does nothing', async () => {
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'A=not-a-dotenv-editor' }));
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
      assert.match(p.errors()[0], /^The account scope holds 8 secrets and 3 of the picked names are new: that makes 11, more than the 10 Stripe allows\. Leave out 1 of the new names/);
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
      const p = prompts({ pick: ['GOOD'] }, { pick: 'Never' }, { button: 'Import' });
      await vscode.commands.executeCommand(Commands.importEnvFile, scopeNode());
      p.assertDone();
      const warning = p.calls.find((c) => c.kind === 'warning' && !c.modal);
      assert.ok(warning, 'a warning lists the problems');
      assert.match(warning.text, /^broken\.env: 3 lines were skipped: line 2 has no '='.*; line 3: EMPTY has an empty value.*; line 4: GOOD was already set on line 1; the later value is used\.$/);
      assert.ok(!warning.text.includes('sk_live_leaked'));
      assert.equal(find('GOOD')?.payload, 'again');
    });

    it('stops with the problems when nothing valid remains, before any request', async () => {
      dialogAnswers(envFile('nothing.env', 'just words\nX=\n'));
      const before = emulator.requests().length;
      const p = prompts();
      await vscode.commands.executeCommand(Commands.importEnvFile, scopeNode());
      p.assertDone();
      assert.deepEqual(p.errors(), ["Nothing to import from nothing.env: line 1 has no '=' (expected NAME=value); line 2: X has an empty value, and a secret cannot be empty"]);
      assert.equal(emulator.requests().length, before);
    });

    it('names each secret that failed, and keeps the others imported', async () => {
      dialogAnswers(envFile('partial.env', 'P1=a\nP2=b\nP3=c\n'));
      const p = prompts({ pick: ['P1', 'P2', 'P3'] }, { pick: 'Never' }, { button: 'Import' });
      onConfirm(() => emulator.injectFault({ kind: 'status', status: 403, count: 1 }));
      await vscode.commands.executeCommand(Commands.importEnvFile, scopeNode());
      p.assertDone();
      assert.equal(store().length, 2);
      const missing = ['P1', 'P2', 'P3'].find((n) => !find(n));
      assert.equal(p.errors().length, 1);
      assert.match(p.errors()[0], new RegExp(`^Imported 2 of 3 secrets into the account scope of Env files test; not imported: '${missing}' \\(.*may not manage app secrets`));
    });
  });

  describe('Export Scope as .env', () => {
    it('opens a read-only document, never dirty, whose text parses back to the scope, with a warning header', async () => {
      const values: Array<[string, string]> = [
        ['API_TOKEN', 'sk_test_abc'],
        ['MULTI', 'line one\nline "two"\n'],
        ['QUOTES', `it's a "quote" # not a comment = $HOME \\ é 🔑`],
        ['SPACES', '  padded  '],
      ];
      for (const [name, value] of values) seed(name, value, name === 'API_TOKEN' ? nowSeconds() + 3 * DAY : null);
      seed('a=b', 'cannot be a .env name');
      const p = prompts();
      await vscode.commands.executeCommand(Commands.exportScopeToEnv, scopeNode());
      p.assertDone();
      const document = vscode.window.activeTextEditor?.document;
      assert.ok(document);
      assert.equal(document.uri.scheme, EXPORT_URI_SCHEME);
      assert.equal(document.isDirty, false, 'a dirty document would be backed up to disk');
      assert.equal(document.languageId, SECRET_LANGUAGE_ID);
      const text = document.getText();
      const parsed = parseDotenv(text);
      assert.deepEqual(parsed.problems, []);
      assert.deepEqual(parsed.entries.map((e) => [e.name, e.value]), values);
      assert.match(text, /^# Secrets of the account scope of Env files test \(test mode\), exported \d{4}-\d\d-\d\dT[\d:.]+Z by Stripe App Secrets\.\n# These are secret values: do not commit this file\./);
      assert.match(text, /# A \.env file has no expiry dates: API_TOKEN expires /);
      assert.ok(!text.includes('cannot be a .env name'));
      assert.ok(p.calls.some((c) => c.kind === 'warning' && /Left out of the export.*'a=b' \(a \.env name cannot contain =\)/.test(c.text)));
      assert.ok(!JSON.stringify(p.calls).includes('sk_test_abc'));
    });

    it('says so for an empty scope and opens nothing', async () => {
      const p = prompts();
      await vscode.commands.executeCommand(Commands.exportScopeToEnv, scopeNode());
      p.assertDone();
      assert.ok(p.calls.some((c) => c.kind === 'info' && c.text === 'There are no secrets in the account scope of Env files test to export.'));
      assert.notEqual(vscode.window.activeTextEditor?.document.uri.scheme, EXPORT_URI_SCHEME);
    });

    describe('in live mode', () => {
      const LIVE_KEY = 'sk_live_emulatorEnvExportKey0000000000000000';
      let live: ConnectionInfo;

      before(async () => {
        live = await services.connections.add({ label: 'Live env test', apiBase: emulator.url, apiKey: LIVE_KEY });
      });
      after(() => services.connections.remove(live.id));
      beforeEach(() => emulator.secrets('live').splice(0));

      it('asks first; declined, it reveals nothing; accepted, it opens the values', async () => {
        seed('LIVE_A', 'live-a', null, emulator.secrets('live'));
        seed('LIVE_B', 'live-b', null, emulator.secrets('live'));
        const before = finds();
        const p = prompts({ button: undefined, expect: /^Show the live values of 2 secrets from the account scope of Live env test in a read-only document\?$/ });
        await vscode.commands.executeCommand(Commands.exportScopeToEnv, scopeNode(live));
        p.assertDone();
        assert.equal(finds(), before);
        assert.notEqual(vscode.window.activeTextEditor?.document.uri.scheme, EXPORT_URI_SCHEME);

        p.push({ button: 'Export' });
        await vscode.commands.executeCommand(Commands.exportScopeToEnv, scopeNode(live));
        p.assertDone();
        const document = vscode.window.activeTextEditor?.document;
        assert.equal(document?.uri.scheme, EXPORT_URI_SCHEME);
        assert.deepEqual(parseDotenv(document.getText()).entries.map((e) => [e.name, e.value]), [['LIVE_A', 'live-a'], ['LIVE_B', 'live-b']]);
        assert.match(document.getText(), /\(live mode\)/);
      });
    });
  });
});
