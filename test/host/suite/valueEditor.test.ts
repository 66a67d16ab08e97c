/**
 * The value editor inside a real VS Code: Reveal and Edit open the webview custom editor, the test
 * acts as its page (the messages the page sends), and checks what VS Code sees (tabs, dirty state,
 * text documents, backups) and what the emulator stores. Values are compared with assert.ok, so a
 * failure never prints one.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands, SECRET_URI_SCHEME, VALUE_EDITOR_VIEW_TYPE } from '../../../src/constants';
import type { EmulatorHandle, StoredSecret } from '../../../src/emulator';
import type { SecretLocation, ValueEditorMode } from '../../../src/model/secretValue';
import type { ConnectionInfo, SecretNode, Services } from '../../../src/services';
import type { TestApi } from '../../../src/testApi';
import type { SecretValueDocument } from '../../../src/valueEditor/valueDocument';
import { valueEditorUri } from '../../../src/valueEditor/valueEditorProvider';
import { findLeaks } from '../../e2e/flows/leakCheck';
import { scriptPrompts, type Answer, type PromptScript } from './helpers/fakePrompts';
import { testApi, usePrompts } from './helpers/extension';
import { until } from './helpers/until';
import { ACCOUNT, DAY, nowSeconds, seedSecret, useEmulatorConnection } from './helpers/fixtures';

describe('Value editor', function () {
  this.timeout(30_000);
  const fixture = useEmulatorConnection('Value editor test');
  let emulator: EmulatorHandle;
  let api: TestApi;
  let services: Services;
  let connection: ConnectionInfo;
  let script: PromptScript | undefined;

  before(() => ({ api, services, emulator, connection } = fixture));

  const store = () => emulator.secrets('test');
  const find = (name: string) => store().find((s) => s.name === name);
  const sets = () => emulator.requests().filter((r) => r.method === 'POST' && r.path === '/v1/apps/secrets');
  const editors = () => api.valueEditors;

  function prompts(...answers: Answer[]): PromptScript {
    script?.restore();
    script = scriptPrompts(services, answers);
    return script;
  }

  function secretNode(secret: StoredSecret): SecretNode {
    const { payload: _payload, ...meta } = secret;
    return { kind: 'secret', connectionId: connection.id, scope: secret.scope, secret: { ...meta, livemode: false } };
  }

  const location = (name: string): SecretLocation => ({ connectionId: connection.id, scope: ACCOUNT, name });

  /** Runs Reveal or Edit from the secret's row and waits until its editor is the active one. */
  async function open(secret: StoredSecret, mode: ValueEditorMode): Promise<SecretValueDocument> {
    await vscode.commands.executeCommand(mode === 'edit' ? Commands.editSecret : Commands.revealSecret, secretNode(secret));
    const document = await until(`the ${mode} editor of ${secret.name}`, () => editors().document(location(secret.name), mode), 10_000);
    await until('the editor to be active', () => (document.panel?.active ? true : undefined), 10_000);
    return document;
  }

  function activeTab(): vscode.Tab | undefined {
    return vscode.window.tabGroups.activeTabGroup.activeTab;
  }

  async function type(document: SecretValueDocument, text: string): Promise<void> {
    await editors().receive(document, { type: 'edit', text });
    await until('the tab to show unsaved changes', () => (activeTab()?.isDirty ? true : undefined), 10_000);
  }

  /** Ctrl+S: the save command the keybinding runs in the value editor. */
  async function save(): Promise<void> {
    await vscode.commands.executeCommand(Commands.saveSecretValue);
  }

  /** Every open text document holding `value`, or with our scheme. */
  function textDocumentsWith(value: string): string[] {
    return vscode.workspace.textDocuments
      .filter((d) => d.uri.scheme === SECRET_URI_SCHEME || d.getText().includes(value))
      .map((d) => d.uri.toString());
  }

  afterEach(async () => {
    script?.restore();
    script = undefined;
    emulator.clearFaults();
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('reveals read-only and masked; the value reaches the page only on Show, and no text document', async () => {
    const secret = seedSecret(store(), 'REVEALED', 'reveal-marker-1\nline two');
    prompts();
    const document = await open(secret, 'reveal');
    const tab = activeTab();
    assert.ok(tab?.input instanceof vscode.TabInputCustom);
    assert.equal(tab.input.viewType, VALUE_EDITOR_VIEW_TYPE);
    assert.equal(tab.input.uri.toString(), valueEditorUri(location('REVEALED'), 'reveal').toString());
    assert.equal(tab.label, 'REVEALED');

    await editors().receive(document, { type: 'ready' });
    assert.ok(document.posted.length > 0 && document.posted.every((m) => !m.carriesValue), 'nothing posted carries the value while masked');
    await editors().receive(document, { type: 'show' });
    assert.equal(document.posted.at(-1)?.carriesValue, true);
    assert.equal(document.viewState(Date.now()).value, 'reveal-marker-1\nline two');

    // Typing in a read-only editor changes nothing, and nothing becomes dirty.
    await editors().receive(document, { type: 'edit', text: 'typed' });
    assert.ok(document.draft === 'reveal-marker-1\nline two');
    assert.equal(activeTab()?.isDirty, false);
    await editors().receive(document, { type: 'hide' });
    assert.equal(document.posted.at(-2)?.carriesValue, false);
    assert.deepEqual(textDocumentsWith('reveal-marker-1'), []);
    await assert.rejects(Promise.resolve(vscode.workspace.fs.readFile(tab.input.uri)), 'no file system serves the scheme');
    await assert.rejects(Promise.resolve(vscode.workspace.openTextDocument(tab.input.uri)), 'no text document can be opened for it');
    script!.assertDone();
  });

  it('saves an edit with Ctrl+S, keeping the expiry; undo and redo move the draft', async () => {
    const expiresAt = nowSeconds() + 3 * DAY;
    const secret = seedSecret(store(), 'EDITED', 'before', expiresAt);
    prompts();
    const document = await open(secret, 'edit');
    await type(document, 'after');
    await vscode.commands.executeCommand('undo');
    await until('the undo', () => (document.draft === 'before' ? true : undefined), 10_000);
    await vscode.commands.executeCommand('redo');
    await until('the redo', () => (document.draft === 'after' ? true : undefined), 10_000);
    await save();
    await until('the tab to be saved', () => (activeTab()?.isDirty === false ? true : undefined), 10_000);
    assert.ok(find('EDITED')?.payload === 'after');
    assert.equal(find('EDITED')?.expiresAt, expiresAt);
    assert.ok(document.base === 'after');
    assert.deepEqual(textDocumentsWith('after'), []);
    script!.assertDone();
  });

  /** The texts the editor announced (the status line next to its buttons), oldest first. */
  const announced = (document: SecretValueDocument) => document.posted.flatMap((m) => (m.text === undefined ? [] : [m.text]));

  /** Waits until `document` has announced `text` at least `times` times since `from` announcements. */
  async function announcement(document: SecretValueDocument, text: string, from = 0, times = 1): Promise<void> {
    await until(
      `the editor to say '${text}'`,
      () =>
        announced(document)
          .slice(from)
          .filter((t) => t === text).length >= times
          ? true
          : undefined,
      10_000,
    );
  }

  /**
   * Runs `save`, a save that writes nothing, and waits until the tab shows unsaved changes again
   * after it: VS Code marks the tab clean when the save resolves, then the editor marks it dirty.
   */
  async function staysDirty(save: () => Thenable<unknown>): Promise<void> {
    let cleaned = false;
    const ours = (tab: vscode.Tab) => tab.input instanceof vscode.TabInputCustom && tab.input.viewType === VALUE_EDITOR_VIEW_TYPE;
    const watch = vscode.window.tabGroups.onDidChangeTabs((e) => (cleaned ||= e.changed.some((tab) => ours(tab) && !tab.isDirty)));
    try {
      await save();
      await until('VS Code to mark the tab saved', () => (cleaned ? true : undefined), 10_000);
      await until('the tab to be dirty again', () => (activeTab()?.isDirty ? true : undefined), 10_000);
    } finally {
      watch.dispose();
    }
  }

  const hints = (p: PromptScript) =>
    p.calls.filter(
      (c) => c.kind === 'info' && /^'[A-Z_]+' was not written to Stripe: a secret value is saved only when you press Ctrl\+S/.test(c.text),
    ).length;

  it('writes nothing on any save but the person’s own, fails none of them, keeps the tab dirty and says so once', async () => {
    const secret = seedSecret(store(), 'OTHER_SAVES', 'kept');
    const p = prompts();
    const document = await open(secret, 'edit');
    const before = sets().length;
    await type(document, 'half-typed');
    // Another extension's saveAll, a save of the document by URI, and File: Save All.
    await staysDirty(async () => assert.equal(await vscode.workspace.saveAll(), true, 'saveAll succeeds'));
    await staysDirty(async () => assert.ok(await vscode.workspace.save(document.uri), 'a save by URI succeeds'));
    await staysDirty(() => vscode.commands.executeCommand('workbench.action.files.saveAll'));
    assert.equal(sets().length, before, 'no write');
    assert.ok(find('OTHER_SAVES')?.payload === 'kept' && document.draft === 'half-typed');
    assert.equal(hints(p), 1, 'said once for this editor');
    assert.deepEqual(p.errors(), []);
    await save();
    await until('the person’s own save', () => (find('OTHER_SAVES')?.payload === 'half-typed' ? true : undefined), 10_000);
    await until('the tab to be saved', () => (activeTab()?.isDirty === false ? true : undefined), 10_000);
  });

  it('lets a task run while a secret edit is unsaved, with auto-save after a delay, and writes nothing', async function () {
    // The first task of a session starts the terminal's pty host: slow on a busy machine.
    this.timeout(90_000);
    const files = vscode.workspace.getConfiguration('files');
    await files.update('autoSave', 'afterDelay', vscode.ConfigurationTarget.Global);
    await files.update('autoSaveDelay', 200, vscode.ConfigurationTarget.Global);
    try {
      const secret = seedSecret(store(), 'TASK_RUN', 'kept');
      const p = prompts();
      const document = await open(secret, 'edit');
      const before = sets().length;
      await type(document, 'half-typed');
      // Auto-save comes and goes: nothing is written, the edit stays.
      await until('an auto-save, which is told how to save', () => (hints(p) === 1 ? true : undefined), 10_000);
      const folder = vscode.workspace.workspaceFolders![0];
      const task = new vscode.Task({ type: 'shell' }, folder, 'sas-echo', 'test', new vscode.ShellExecution('echo task-ran'));
      const ended = new Promise<number | undefined>((resolve) => {
        const sub = vscode.tasks.onDidEndTaskProcess((e) => {
          if (e.execution.task.name !== 'sas-echo') return;
          sub.dispose();
          resolve(e.exitCode);
        });
      });
      await staysDirty(async () => {
        await vscode.tasks.executeTask(task);
        assert.equal(await ended, 0, 'the task ran');
      });
      assert.equal(sets().length, before, 'no write');
      assert.ok(find('TASK_RUN')?.payload === 'kept' && document.draft === 'half-typed');
      assert.equal(hints(p), 1);
      assert.deepEqual(p.errors(), []);
      await save();
      await until('the explicit save', () => (find('TASK_RUN')?.payload === 'half-typed' ? true : undefined), 10_000);
    } finally {
      await files.update('autoSave', undefined, vscode.ConfigurationTarget.Global);
      await files.update('autoSaveDelay', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  it('starts a fresh undo history at every load: undo after a re-fetch brings back no older value', async () => {
    const secret = seedSecret(store(), 'UNDO_REFETCH', 'A');
    const p = prompts();
    const document = await open(secret, 'edit');
    await type(document, 'B');
    await save();
    await until(
      'the save of B',
      () => (find('UNDO_REFETCH')?.payload === 'B' && activeTab()?.isDirty === false ? true : undefined),
      10_000,
    );
    // Replaced elsewhere (a teammate's rotation, through Set Secret here).
    p.push({ pick: 'Enter a value…' }, { input: 'C' }, { pick: 'Never' }, { button: 'Replace' });
    await vscode.commands.executeCommand(Commands.setSecret, secretNode(find('UNDO_REFETCH')!));
    assert.equal(document.status, 'empty');
    await editors().receive(document, { type: 'fetch' });
    assert.ok(document.draft === 'C' && document.base === 'C');
    assert.equal(document.edits.size, 0, 'no undo step holds an older value');
    const before = sets().length;
    const said = announced(document).length;
    await vscode.commands.executeCommand('undo');
    await vscode.commands.executeCommand('undo');
    await announcement(document, 'Nothing to undo or redo from before the value was last fetched.', said);
    assert.ok(document.draft === 'C', 'undo did not bring back A or B');
    await save();
    await announcement(document, 'Nothing to save: the value has not changed.', said);
    assert.equal(sets().length, before, 'nothing written');
    assert.ok(find('UNDO_REFETCH')?.payload === 'C');
    await until('the tab clean: nothing is unsaved', () => (activeTab()?.isDirty === false ? true : undefined), 10_000);
    p.assertDone();
  });

  it('asks again when the connection turned live during the edit, and writes nothing on Cancel', async () => {
    const secret = seedSecret(store(), 'TURNED_LIVE', 'test-value');
    const p = prompts();
    const document = await open(secret, 'edit');
    await type(document, 'mine');
    const liveKey = `sk_live_${'9'.repeat(20)}LV42`;
    const live = () => emulator.secrets('live');
    live().splice(0);
    seedSecret(live(), 'TURNED_LIVE', 'live-value');
    await services.connections.replaceKey(connection.id, liveKey);
    try {
      const before = sets().length;
      p.push({
        button: undefined,
        expect:
          /^LIVE · The connection Value editor test changed since you opened 'TURNED_LIVE': it is now in LIVE mode, its key now ends in LV42\. Save your edit to the LIVE value in the account scope of Value editor test\?/,
      });
      await save();
      assert.equal(sets().length, before, 'no write');
      assert.ok(live().find((s) => s.name === 'TURNED_LIVE')?.payload === 'live-value' && find('TURNED_LIVE')?.payload === 'test-value');
      assert.equal(activeTab()?.isDirty, true);
      assert.equal(p.calls.find((c) => c.kind === 'warning')?.items.join(), 'Keep Unsaved,Save to LIVE');
      p.assertDone();
    } finally {
      await services.connections.replaceKey(connection.id, emulator.testKey);
      live().splice(0);
    }
  });

  it('keeps text typed during a slow save as an unsaved edit VS Code knows about', async () => {
    const secret = seedSecret(store(), 'SLOW_SAVE', 'first');
    prompts();
    const document = await open(secret, 'edit');
    await type(document, 'second');
    // The write waits until the test lets it go.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let writing = false;
    const slowWrites = testApi().wrapClients((real) =>
      Object.assign(Object.create(real) as typeof real, {
        set: async (...args: Parameters<typeof real.set>) => {
          writing = true;
          await gate;
          return real.set(...args);
        },
      }),
    );
    try {
      const saving = save();
      await until('the write to start', () => (writing ? true : undefined), 10_000);
      await editors().receive(document, { type: 'edit', text: 'second and third' });
      release();
      await saving;
      assert.ok(find('SLOW_SAVE')?.payload === 'second', 'Stripe got what was there when Save was pressed');
      assert.ok(document.base === 'second' && document.draft === 'second and third');
      await announcement(document, 'Saved. What you typed during the save is not saved yet.');
      assert.equal(activeTab()?.isDirty, true, 'the later text is an unsaved edit');
      await save();
      await until(
        'the second save',
        () => (find('SLOW_SAVE')?.payload === 'second and third' && activeTab()?.isDirty === false ? true : undefined),
        10_000,
      );
    } finally {
      slowWrites.dispose();
    }
  });

  it('refuses a value over 5,000 characters before anything is sent, and warns about JSON that does not parse', async () => {
    const secret = seedSecret(store(), 'LIMITS', 'short');
    const p = prompts();
    const document = await open(secret, 'edit');
    await type(document, '{"a": 1,');
    assert.equal(document.check()?.lengthText, '8 / 5,000 characters');
    assert.match(String(document.check()?.warning), /looks like JSON but does not parse/);
    await type(document, 'x'.repeat(5001));
    assert.equal(document.check()?.tooLong, true);
    const before = emulator.requests().length;
    await save();
    assert.equal(emulator.requests().length, before, 'nothing sent, not even a read');
    assert.equal(activeTab()?.isDirty, true);
    assert.deepEqual(p.errors(), []);
  });

  describe('a value changed elsewhere since it was opened', () => {
    async function conflict(name: string): Promise<SecretValueDocument> {
      const secret = seedSecret(store(), name, 'as-opened', nowSeconds() + DAY);
      prompts();
      const document = await open(secret, 'edit');
      await type(document, 'mine');
      find(name)!.payload = 'theirs';
      return document;
    }

    it('Overwrite writes mine', async () => {
      const document = await conflict('CONFLICT_OVERWRITE');
      script!.push({
        button: 'Overwrite',
        expect: /^The value of 'CONFLICT_OVERWRITE' in the account scope of Value editor test changed since you opened it/,
      });
      await save();
      await until('the overwrite', () => (find('CONFLICT_OVERWRITE')?.payload === 'mine' ? true : undefined), 10_000);
      await until('the tab to be saved', () => (activeTab()?.isDirty === false ? true : undefined), 10_000);
      assert.ok(document.base === 'mine');
      script!.assertDone();
    });

    it('Show Theirs keeps my edit unsaved and shows theirs; Use Their Value then saves without a write', async () => {
      const document = await conflict('CONFLICT_THEIRS');
      const before = sets().length;
      script!.push({ button: 'Show Theirs' });
      await save();
      await until('their value', () => (document.theirs !== undefined ? true : undefined), 10_000);
      assert.ok(document.theirs === 'theirs' && document.draft === 'mine');
      assert.equal(document.viewState(Date.now()).theirs, 'theirs', 'shown at the person’s request');
      assert.equal(activeTab()?.isDirty, true);
      assert.ok(find('CONFLICT_THEIRS')?.payload === 'theirs');
      await editors().receive(document, { type: 'useTheirs' });
      assert.ok(String(document.draft) === 'theirs');
      await save();
      await until('the tab to be saved', () => (activeTab()?.isDirty === false ? true : undefined), 10_000);
      assert.equal(sets().length, before, 'Stripe already held that value: nothing was sent');
      script!.assertDone();
    });

    it('asks again when Stripe’s value changed once more during the Overwrite question, and writes nothing on Cancel', async () => {
      const document = await conflict('CONFLICT_AGAIN');
      const before = sets().length;
      script!.push({ button: 'Overwrite' }, { button: undefined, expect: /^The value of 'CONFLICT_AGAIN' .* changed since you opened it/ });
      // While the first question is open, a teammate changes the value again.
      const scripted = services.prompts;
      let asked = 0;
      const asking = usePrompts({
        ...scripted,
        warning: (message, options, ...items) => {
          if (++asked === 1) find('CONFLICT_AGAIN')!.payload = 'theirs-again';
          return scripted.warning(message, options, ...items);
        },
      });
      try {
        await save();
      } finally {
        asking.dispose();
      }
      assert.equal(asked, 2, 'asked again after the value changed during the question');
      assert.equal(sets().length, before, 'no write');
      assert.ok(find('CONFLICT_AGAIN')?.payload === 'theirs-again' && document.draft === 'mine');
      assert.equal(activeTab()?.isDirty, true);
      script!.assertDone();
    });

    it('Revert after the conflict drops the stale value and offers to fetch Stripe’s', async () => {
      const document = await conflict('CONFLICT_REVERT');
      script!.push({ button: 'Show Theirs' });
      await save();
      await editors().receive(document, { type: 'dismissTheirs' });
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await until('the revert', () => (activeTab()?.isDirty === false ? true : undefined), 10_000);
      assert.equal(document.status, 'empty', 'the value as opened is not shown as current');
      assert.equal(document.base, undefined);
      assert.match(document.message, /changed in Stripe after you opened it: fetch it again/);
      await editors().receive(document, { type: 'fetch' });
      assert.ok(document.base === 'theirs' && document.draft === 'theirs');
      script!.assertDone();
    });

    it('Cancel writes nothing and keeps the edit', async () => {
      const document = await conflict('CONFLICT_CANCEL');
      const before = sets().length;
      script!.push({ button: undefined });
      const said = announced(document).length;
      await save();
      await announcement(document, 'Not saved.', said);
      assert.equal(sets().length, before);
      assert.ok(find('CONFLICT_CANCEL')?.payload === 'theirs' && document.draft === 'mine');
      assert.equal(activeTab()?.isDirty, true);
      assert.deepEqual(script!.errors(), []);
      script!.assertDone();
    });
  });

  it('offers to create again a secret deleted elsewhere, keeping its expiry', async () => {
    const expiresAt = nowSeconds() + 5 * DAY;
    const secret = seedSecret(store(), 'GONE', 'first', expiresAt);
    prompts();
    const document = await open(secret, 'edit');
    await type(document, 'second');
    store().splice(store().indexOf(secret), 1);
    script!.push({
      button: 'Create Again',
      expect: /^Secret 'GONE' no longer exists in the account scope of Value editor test\. Create it again\?/,
    });
    await save();
    await until('the secret created again', () => (find('GONE') ? true : undefined), 10_000);
    assert.ok(find('GONE')?.payload === 'second');
    assert.equal(find('GONE')?.expiresAt, expiresAt);
    await until('the tab to be saved', () => (activeTab()?.isDirty === false ? true : undefined), 10_000);
    script!.assertDone();
  });

  it('keeps a failed save dirty and says why, with the Request-Id, through the error funnel', async () => {
    const secret = seedSecret(store(), 'FAILING', 'kept');
    const p = prompts();
    const document = await open(secret, 'edit');
    await type(document, 'lost?');
    emulator.injectFault({ kind: 'status', status: 403, count: 100 });
    await save();
    await until('the error', () => (p.errors().length > 0 ? true : undefined), 10_000);
    emulator.clearFaults();
    assert.match(p.errors()[0], /may not manage app secrets.*\(Request-Id req_\w+\)$/);
    assert.equal(p.errors().length, 1, 'said once');
    assert.equal(activeTab()?.isDirty, true);
    assert.ok(document.draft === 'lost?' && find('FAILING')?.payload === 'kept');
  });

  it('reverts to the value as opened', async () => {
    const secret = seedSecret(store(), 'REVERTED', 'original');
    prompts();
    const document = await open(secret, 'edit');
    await type(document, 'changed');
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await until('the revert', () => (activeTab()?.isDirty === false ? true : undefined), 10_000);
    assert.ok(document.draft === 'original');
  });

  it('backs up no value: a backup restores nothing and no file of the profile holds the edit', async () => {
    const secret = seedSecret(store(), 'BACKED_UP', 'backup-original');
    prompts();
    const document = await open(secret, 'edit');
    const marker = `BACKUPMARKER${Date.now()}`;
    await type(document, marker);
    const backup = await editors().backupCustomDocument(document);
    // What VS Code would do with that backup after a reload: the editor opens with nothing in it.
    const restored = await editors().openCustomDocument(valueEditorUri(location('BACKED_UP_RESTORED'), 'edit'), {
      backupId: backup.id,
      untitledDocumentData: undefined,
    });
    try {
      assert.equal(restored.status, 'empty');
      assert.ok(restored.draft === undefined && restored.base === undefined, 'nothing restored from the backup');
      assert.match(restored.message, /^Unsaved changes made before the window reloaded were not kept/);
    } finally {
      restored.dispose();
    }
    // Desktop VS Code backs a dirty editor up a moment after a change: the scan waits for that backup
    // (the one above was the test's own). The web workbench (code-server) makes none of this editor.
    if (vscode.env.uiKind === vscode.UIKind.Desktop)
      await until('the workbench to back the editor up', () => (document.backups >= 2 ? true : undefined), 10_000);
    const userData = path.resolve(api.services.context.globalStorageUri.fsPath, '..', '..', '..');
    // The scan finds a marker where there is one (so an empty result means something).
    const control = path.join(api.services.context.globalStorageUri.fsPath, '..', `leak-control-${Date.now()}.txt`);
    fs.mkdirSync(path.dirname(control), { recursive: true });
    fs.writeFileSync(control, marker);
    try {
      assert.equal(findLeaks({ roots: [userData], exclude: [], markers: { edit: marker } }).length, 1, 'the scan sees the control file');
    } finally {
      fs.rmSync(control);
    }
    const leaks = findLeaks({ roots: [userData], exclude: [], markers: { edit: marker } });
    assert.deepEqual(leaks, [], `the unsaved edit was written under ${userData}`);
  });

  it('copies through the clipboard auto-clear, and an editor without changes follows a Set and a Delete made elsewhere', async () => {
    const secret = seedSecret(store(), 'FOLLOWED', 'followed-1');
    const p = prompts();
    const document = await open(secret, 'reveal');
    await editors().receive(document, { type: 'copy' });
    assert.ok((await vscode.env.clipboard.readText()) === 'followed-1');

    p.push({ pick: 'Enter a value…' }, { input: 'followed-2' }, { pick: 'Never' }, { button: 'Replace' });
    await vscode.commands.executeCommand(Commands.setSecret, secretNode(secret));
    assert.equal(document.status, 'empty');
    assert.match(document.message, /replaced in Stripe/);
    assert.equal(document.base, undefined, 'the old value is dropped');

    p.push({ button: 'Delete' });
    await vscode.commands.executeCommand(Commands.deleteSecret, secretNode(secret));
    assert.equal(document.status, 'missing');
    assert.match(document.message, /'FOLLOWED' was deleted from the account scope/);
    p.assertDone();
  });

  describe('on another connection', () => {
    let other: ConnectionInfo | undefined;
    afterEach(async () => {
      if (other && services.connections.get(other.id)) await services.connections.remove(other.id);
      other = undefined;
    });

    const nodeOn = (on: ConnectionInfo, secret: StoredSecret): SecretNode => ({ ...secretNode(secret), connectionId: on.id });

    it('opens a live Reveal the person confirmed already shown: one deliberate act', async () => {
      other = await services.connections.add({ label: 'Live editor test', apiBase: emulator.url, apiKey: `sk_live_${'7'.repeat(20)}RV01` });
      emulator.secrets('live').splice(0);
      const secret = seedSecret(emulator.secrets('live'), 'LIVE_SHOWN', 'live-shown-value');
      const p = prompts({ button: 'Reveal', expect: /^Show the live value of 'LIVE_SHOWN'/ });
      await vscode.commands.executeCommand(Commands.revealSecret, nodeOn(other, secret));
      const document = await until(
        'the editor',
        () => editors().document({ connectionId: other!.id, scope: ACCOUNT, name: 'LIVE_SHOWN' }, 'reveal'),
        10_000,
      );
      // The real page sends 'ready' once its webview has loaded, which takes seconds on a busy machine.
      await until('the value shown without a second act', () => (document.shown ? true : undefined), 30_000);
      assert.equal(document.posted.filter((m) => m.carriesValue).length > 0, true);
      p.assertDone();
      emulator.secrets('live').splice(0);
    });

    it('explains an editor whose connection was removed, and offers nothing that cannot work', async () => {
      other = await services.connections.add({ label: 'Removed editor test', apiBase: emulator.url, apiKey: emulator.testKey });
      const secret = seedSecret(store(), 'ORPHANED', 'orphaned-value');
      prompts();
      await vscode.commands.executeCommand(Commands.editSecret, nodeOn(other, secret));
      const document = await until(
        'the editor',
        () => editors().document({ connectionId: other!.id, scope: ACCOUNT, name: 'ORPHANED' }, 'edit'),
        10_000,
      );
      await type(document, 'unsaveable');
      const requests = emulator.requests().length;
      await services.connections.remove(other.id);
      await until('the editor to know', () => (document.status === 'gone' ? true : undefined), 10_000);
      assert.ok(document.draft === undefined && document.base === undefined, 'the values are dropped');
      assert.match(document.message, /connection this secret belongs to was removed/);
      await until('nothing left to save', () => (activeTab()?.isDirty === false ? true : undefined), 10_000);
      await editors().receive(document, { type: 'fetch' });
      await save();
      assert.equal(document.status, 'gone');
      assert.equal(emulator.requests().length, requests, 'nothing fetched or written');
    });
  });

  it('opens a secret not opened through Reveal or Edit (a restored tab) empty, and fetches on request', async () => {
    seedSecret(store(), 'RESTORED', 'restored-value');
    prompts();
    const requests = () =>
      emulator.requests().filter((r) => r.path.startsWith('/v1/apps/secrets/find') || r.path === '/v1/apps/secrets').length;
    const before = requests();
    const uri = valueEditorUri(location('RESTORED'), 'edit');
    await vscode.commands.executeCommand('vscode.openWith', uri, VALUE_EDITOR_VIEW_TYPE);
    const document = await until('the editor', () => editors().document(location('RESTORED'), 'edit'), 10_000);
    assert.equal(document.status, 'empty');
    assert.equal(document.draft, undefined);
    assert.match(document.message, /fetch it again/);
    // Saving an editor with nothing loaded writes nothing.
    await save();
    assert.equal(requests(), before, 'nothing fetched unasked, nothing written');
    await editors().receive(document, { type: 'show' });
    await editors().receive(document, { type: 'fetch' });
    assert.equal(document.status, 'ready');
    assert.ok(document.base === 'restored-value');
    assert.equal(document.viewState(Date.now()).value, undefined, 'a fetched value starts hidden, even after a Show pressed before');
    script!.assertDone();
  });
});
