/**
 * The value editor inside a real VS Code: Reveal and Edit open the webview custom editor, the test
 * acts as its page (the messages the page sends), and checks what VS Code sees (tabs, dirty state,
 * text documents, backups) and what the emulator stores. Values are compared with assert.ok, so a
 * failure never prints one.
 */
import * as assert from 'node:assert/strict';
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

  async function until<T>(read: () => T | undefined, what: string, timeoutMs = 10_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = read();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Runs Reveal or Edit from the secret's row and waits until its editor is the active one. */
  async function open(secret: StoredSecret, mode: ValueEditorMode): Promise<SecretValueDocument> {
    await vscode.commands.executeCommand(mode === 'edit' ? Commands.editSecret : Commands.revealSecret, secretNode(secret));
    const document = await until(() => editors().document(location(secret.name), mode), `the ${mode} editor of ${secret.name}`);
    await until(() => (document.panel?.active ? true : undefined), 'the editor to be active');
    return document;
  }

  function activeTab(): vscode.Tab | undefined {
    return vscode.window.tabGroups.activeTabGroup.activeTab;
  }

  async function type(document: SecretValueDocument, text: string): Promise<void> {
    await editors().receive(document, { type: 'edit', text });
    await until(() => (activeTab()?.isDirty ? true : undefined), 'the tab to show unsaved changes');
  }

  /** Ctrl+S: the save command the keybinding runs in the value editor. */
  async function save(): Promise<void> {
    await vscode.commands.executeCommand(Commands.saveSecretValue);
  }

  /** Every open text document holding `value`, or with our scheme. */
  function textDocumentsWith(value: string): string[] {
    return vscode.workspace.textDocuments.filter((d) => d.uri.scheme === SECRET_URI_SCHEME || d.getText().includes(value)).map((d) => d.uri.toString());
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
    await until(() => (document.draft === 'before' ? true : undefined), 'the undo');
    await vscode.commands.executeCommand('redo');
    await until(() => (document.draft === 'after' ? true : undefined), 'the redo');
    await save();
    await until(() => (activeTab()?.isDirty === false ? true : undefined), 'the tab to be saved');
    assert.ok(find('EDITED')?.payload === 'after');
    assert.equal(find('EDITED')?.expiresAt, expiresAt);
    assert.ok(document.base === 'after');
    assert.deepEqual(textDocumentsWith('after'), []);
    script!.assertDone();
  });

  it('never writes on an auto-save or a plain save while auto-save is on', async () => {
    const files = vscode.workspace.getConfiguration('files');
    await files.update('autoSave', 'afterDelay', vscode.ConfigurationTarget.Global);
    await files.update('autoSaveDelay', 200, vscode.ConfigurationTarget.Global);
    try {
      const secret = seedSecret(store(), 'AUTOSAVED', 'kept');
      prompts();
      const document = await open(secret, 'edit');
      const before = sets().length;
      await type(document, 'half-typed');
      await new Promise((r) => setTimeout(r, 1500));
      await assert.rejects(Promise.resolve(vscode.workspace.save(document.uri)), 'a save that is not Ctrl+S fails');
      assert.equal(script!.calls.filter((c) => c.kind === 'info' && /^Auto-save does not save secret values/.test(c.text)).length, 1, 'said once');
      assert.equal(sets().length, before, 'no write');
      assert.ok(find('AUTOSAVED')?.payload === 'kept');
      assert.equal(activeTab()?.isDirty, true);
      await save();
      await until(() => (find('AUTOSAVED')?.payload === 'half-typed' ? true : undefined), 'the explicit save');
    } finally {
      await files.update('autoSave', undefined, vscode.ConfigurationTarget.Global);
      await files.update('autoSaveDelay', undefined, vscode.ConfigurationTarget.Global);
    }
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
      script!.push({ button: 'Overwrite', expect: /^The value of 'CONFLICT_OVERWRITE' in the account scope of Value editor test changed since you opened it/ });
      await save();
      await until(() => (find('CONFLICT_OVERWRITE')?.payload === 'mine' ? true : undefined), 'the overwrite');
      await until(() => (activeTab()?.isDirty === false ? true : undefined), 'the tab to be saved');
      assert.ok(document.base === 'mine');
      script!.assertDone();
    });

    it('Show Theirs keeps my edit unsaved and shows theirs; Use Their Value then saves without a write', async () => {
      const document = await conflict('CONFLICT_THEIRS');
      const before = sets().length;
      script!.push({ button: 'Show Theirs' });
      await save();
      await until(() => (document.theirs !== undefined ? true : undefined), 'their value');
      assert.ok(document.theirs === 'theirs' && document.draft === 'mine');
      assert.equal(document.viewState(Date.now()).theirs, 'theirs', 'shown at the person’s request');
      assert.equal(activeTab()?.isDirty, true);
      assert.ok(find('CONFLICT_THEIRS')?.payload === 'theirs');
      await editors().receive(document, { type: 'useTheirs' });
      assert.ok(String(document.draft) === 'theirs');
      await save();
      await until(() => (activeTab()?.isDirty === false ? true : undefined), 'the tab to be saved');
      assert.equal(sets().length, before, 'Stripe already held that value: nothing was sent');
      script!.assertDone();
    });

    it('Cancel writes nothing and keeps the edit', async () => {
      const document = await conflict('CONFLICT_CANCEL');
      const before = sets().length;
      script!.push({ button: undefined });
      await save();
      await new Promise((r) => setTimeout(r, 300));
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
    script!.push({ button: 'Create Again', expect: /^Secret 'GONE' no longer exists in the account scope of Value editor test\. Create it again\?/ });
    await save();
    await until(() => (find('GONE') ? true : undefined), 'the secret created again');
    assert.ok(find('GONE')?.payload === 'second');
    assert.equal(find('GONE')?.expiresAt, expiresAt);
    await until(() => (activeTab()?.isDirty === false ? true : undefined), 'the tab to be saved');
    script!.assertDone();
  });

  it('keeps a failed save dirty and says why, with the Request-Id, through the error funnel', async () => {
    const secret = seedSecret(store(), 'FAILING', 'kept');
    const p = prompts();
    const document = await open(secret, 'edit');
    await type(document, 'lost?');
    emulator.injectFault({ kind: 'status', status: 403, count: 100 });
    await save();
    await until(() => (p.errors().length > 0 ? true : undefined), 'the error');
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
    await until(() => (activeTab()?.isDirty === false ? true : undefined), 'the revert');
    assert.ok(document.draft === 'original');
  });

  it('backs up no value: the backup is empty and no file of the profile holds the edit', async () => {
    const secret = seedSecret(store(), 'BACKED_UP', 'backup-original');
    prompts();
    const document = await open(secret, 'edit');
    const marker = `BACKUPMARKER${Date.now()}`;
    await type(document, marker);
    const backup = await editors().backupCustomDocument(document);
    assert.ok(!backup.id.includes(marker));
    // The workbench backs dirty editors up a moment after a change.
    await new Promise((r) => setTimeout(r, 2500));
    const userData = path.resolve(api.services.context.globalStorageUri.fsPath, '..', '..', '..');
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

  it('opens a secret not opened through Reveal or Edit (a restored tab) empty, and fetches on request', async () => {
    seedSecret(store(), 'RESTORED', 'restored-value');
    prompts();
    const requests = () => emulator.requests().filter((r) => r.path.startsWith('/v1/apps/secrets/find') || r.path === '/v1/apps/secrets').length;
    const before = requests();
    const uri = valueEditorUri(location('RESTORED'), 'edit');
    await vscode.commands.executeCommand('vscode.openWith', uri, VALUE_EDITOR_VIEW_TYPE);
    const document = await until(() => editors().document(location('RESTORED'), 'edit'), 'the editor');
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
