/**
 * Guards inside a real VS Code: settings come from the user only (a workspace's settings.json is
 * ignored, values are clamped), every tree row has a screen-reader label saying what it shows, and
 * the demo hook adds an in-memory connection only when it is allowed to.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { demoTokenFileContent } from '../../../src/connections/connectionList';
import { DemoHook, SETTINGS_SECTION, SettingDefaults, StorageKeys, type Settings } from '../../../src/constants';
import { DEMO_USER_IDS, startEmulator, type EmulatorHandle } from '../../../src/emulator';
import { addDemoConnection, DEMO_CONNECTION_LABEL } from '../../../src/extension';
import type { ConnectionInfo, Log, MessageNode, ScopeNode, Services, TreeNode } from '../../../src/services';
import { extensionServices, removeAllConnections, testApi } from './helpers/extension';
import { until } from './helpers/until';
import { userSection } from '../../../src/ui/settings';
import { ACCOUNT, nowSeconds } from './helpers/fixtures';

const WEAKEST: Partial<Settings> = {
  confirmRevealInLiveMode: false,
  deleteConfirmation: 'modal',
  clipboardClearSeconds: 0,
  autoRefreshSeconds: 1,
};

describe('Guards', function () {
  this.timeout(30_000);
  let services: Services;

  before(async () => {
    services = await extensionServices();
    await removeAllConnections(services);
  });
  after(() => removeAllConnections(services));

  describe('settings', () => {
    const config = () => vscode.workspace.getConfiguration(SETTINGS_SECTION);
    const settingsFile = () => path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, '.vscode', 'settings.json');

    afterEach(async () => {
      fs.rmSync(path.dirname(settingsFile()), { recursive: true, force: true });
      for (const key of Object.keys(WEAKEST)) await config().update(key, undefined, vscode.ConfigurationTarget.Global);
    });

    it("ignores a workspace's .vscode/settings.json that weakens every guard", async () => {
      fs.mkdirSync(path.dirname(settingsFile()), { recursive: true });
      // A window-scoped setting next to ours shows when VS Code has read the file.
      const file = {
        'editor.rulers': [91],
        ...Object.fromEntries(Object.entries(WEAKEST).map(([k, v]) => [`${SETTINGS_SECTION}.${k}`, v])),
      };
      fs.writeFileSync(settingsFile(), JSON.stringify(file));
      await until(
        'the workspace settings to load',
        () => JSON.stringify(vscode.workspace.getConfiguration('editor').inspect('rulers')?.workspaceValue) === '[91]',
        10_000,
      );
      assert.deepEqual(services.settings(), SettingDefaults);
    });

    it('reads settings by a path that takes the user value where get() would take the workspace value', async () => {
      // Our settings are application-scoped, so VS Code drops their workspace values even for get();
      // the read path is checked on window-scoped settings, where get() does return them.
      fs.mkdirSync(path.dirname(settingsFile()), { recursive: true });
      fs.writeFileSync(settingsFile(), JSON.stringify({ 'editor.rulers': [91], 'editor.tabSize': 7 }));
      const editor = () => vscode.workspace.getConfiguration('editor');
      await editor().update('tabSize', 3, vscode.ConfigurationTarget.Global);
      try {
        await until(
          'get() to return the workspace values',
          () => JSON.stringify(editor().get('rulers')) === '[91]' && editor().get('tabSize') === 7,
          10_000,
        );
        const user = userSection('editor');
        assert.equal(user.rulers, undefined, 'the workspace value is not the user value');
        assert.equal(user.tabSize, 3, 'the user value wins over the workspace value');
      } finally {
        await editor().update('tabSize', undefined, vscode.ConfigurationTarget.Global);
      }
    });

    it('takes the user value, clamped, over any workspace value', async () => {
      await config().update('autoRefreshSeconds', 1, vscode.ConfigurationTarget.Global);
      await config().update('clipboardClearSeconds', 100_000, vscode.ConfigurationTarget.Global);
      await config().update('deleteConfirmation', 'typeNameAlways', vscode.ConfigurationTarget.Global);
      assert.equal(services.settings().autoRefreshSeconds, 30, 'below 30 s counts as 30 s');
      assert.equal(services.settings().clipboardClearSeconds, 3600);
      assert.equal(services.settings().deleteConfirmation, 'typeNameAlways');
      await assert.rejects(
        Promise.resolve(config().update('confirmRevealInLiveMode', false, vscode.ConfigurationTarget.Workspace)),
        /application|workspace/i,
        'VS Code itself refuses to write a guard into workspace settings',
      );
    });
  });

  describe('screen-reader labels', () => {
    let emulator: EmulatorHandle;
    let connection: ConnectionInfo;
    let provider: vscode.TreeDataProvider<TreeNode>;
    const label = async (node: TreeNode) => (await provider.getTreeItem(node)).accessibilityInformation;

    before(async () => {
      provider = testApi().tree;
      emulator = await startEmulator({ apiKeys: ['sk_live_' + 'A11yLiveKey0123456789abcd'] });
      const now = nowSeconds();
      const store = emulator.secrets('live');
      store.push({ id: 'appsecret_a', name: 'lasting', scope: ACCOUNT, payload: 'v1', created: now, expiresAt: null });
      store.push({
        id: 'appsecret_b',
        name: ' padded\u200b',
        scope: ACCOUNT,
        payload: 'v2',
        created: now,
        expiresAt: now + 2 * 86400 + 3600,
      });
      connection = await services.connections.add({
        label: 'A11y',
        apiKey: 'sk_live_' + 'A11yLiveKey0123456789abcd',
        apiBase: emulator.url,
        userIds: ['usr_a', 'usr_b', 'usr_c'],
      });
      await services.connections.setActive(connection.id);
    });
    after(async () => {
      await removeAllConnections(services);
      await emulator?.close();
    });

    it('every row says what a sighted person reads there', async () => {
      const [conn] = (await provider.getChildren())!.filter((n) => n.connectionId === connection.id);
      assert.deepEqual(await label(conn), {
        role: 'treeitem',
        label: `A11y, LIVE mode connection, active, secret key ending ${connection.keyLast4}`,
      });
      const [account, users] = (await provider.getChildren(conn))!;
      assert.equal((await label(account))?.label, 'Account scope, 2 of 10 secrets');
      assert.equal((await label(users))?.label, 'Users, 3 user scopes');
      const userScopes = (await provider.getChildren(users))! as ScopeNode[];
      assert.equal((await label(userScopes[0]))?.label, 'User scope usr_a, 0 of 10 secrets');
      const empty = (await provider.getChildren(userScopes[0]))![0] as MessageNode;
      assert.equal((await label(empty))?.label, 'No secrets. Set one… Press Enter to set secret.');

      const secrets = (await provider.getChildren(account))!;
      const labels = await Promise.all(secrets.map(async (s) => (await label(s))?.label));
      assert.deepEqual(labels.sort(), ['Secret lasting, never expires', 'Secret ␣padded\\u200b, expires in 2 days, expiring soon']);
      const padded = await provider.getTreeItem(secrets.find((s) => s.kind === 'secret' && s.secret.name.startsWith(' '))!);
      assert.equal(padded.label, '␣padded\\u200b', 'the row shows the hidden characters');

      emulator.injectFault({ kind: 'status', status: 400, count: 5, code: 'parameter_invalid_string', message: 'Injected' });
      services.tree.refreshScope(connection.id, { type: 'user', user: 'usr_b' });
      const [error] = (await provider.getChildren(userScopes[1]))!;
      emulator.clearFaults();
      assert.match((await label(error))?.label ?? '', /^Error: Couldn't load: .* Press Enter to try again\.$/);
    });
  });

  describe('the demo hook', () => {
    const URL_ = 'http://127.0.0.1:12999';
    const TOKEN = 'f'.repeat(64);
    let folder: string;
    const logged: string[] = [];
    const log = { info: (m: string) => logged.push(m), error: (m: string) => logged.push(m), request() {}, show() {} } as Log;
    const manager = () => testApi().connections;
    const context = (mode: vscode.ExtensionMode) => ({
      extensionMode: mode,
      extensionPath: folder,
      globalState: services.context.globalState,
      subscriptions: [] as vscode.Disposable[],
    });
    const demo = () => services.connections.list().filter((c) => c.label === DEMO_CONNECTION_LABEL);

    beforeEach(async () => {
      folder = fs.mkdtempSync(path.join(os.tmpdir(), 'sas-demo-ext-'));
      process.env[DemoHook.urlEnv] = URL_;
      process.env[DemoHook.tokenEnv] = TOKEN;
      await services.context.globalState.update(StorageKeys.demoDismissed, undefined);
      logged.length = 0;
    });
    afterEach(async () => {
      delete process.env[DemoHook.urlEnv];
      delete process.env[DemoHook.tokenEnv];
      fs.rmSync(folder, { recursive: true, force: true });
      await removeAllConnections(services);
      await services.context.globalState.update(StorageKeys.demoDismissed, undefined);
    });

    it('an installed extension ignores the variables without the token file the demo writes', () => {
      addDemoConnection(context(vscode.ExtensionMode.Production), manager(), log);
      assert.deepEqual(demo(), []);
      fs.writeFileSync(path.join(folder, DemoHook.tokenFile), demoTokenFileContent('another run'));
      addDemoConnection(context(vscode.ExtensionMode.Production), manager(), log);
      assert.deepEqual(demo(), []);
      assert.match(logged.join('\n'), /is ignored/);
    });

    it('with the token: an in-memory connection, not stored, not made active over an existing one, gone for good once removed', async () => {
      const existing = await services.connections.add({ label: 'Mine', apiKey: 'sk_test_' + 'Existing0Connection0Key0123' });
      fs.writeFileSync(path.join(folder, DemoHook.tokenFile), demoTokenFileContent(TOKEN));
      const ctx = context(vscode.ExtensionMode.Production);
      addDemoConnection(ctx, manager(), log);
      const [added] = demo();
      assert.ok(added, 'the demo connection is listed');
      assert.equal(added.ephemeral, true);
      assert.deepEqual(added.userIds, [...DEMO_USER_IDS]);
      assert.equal(services.connections.active()?.id, existing.id, 'the existing connection stays active');
      const stored = services.context.globalState.get<ConnectionInfo[]>(StorageKeys.connections) ?? [];
      assert.deepEqual(
        stored.map((c) => c.id),
        [existing.id],
        'globalState holds only the stored connection',
      );
      assert.equal(await services.context.secrets.get(StorageKeys.apiKeyPrefix + added.id), undefined, 'no key in SecretStorage');

      await services.connections.addUserId(added.id, 'usr_DemoExtra');
      assert.deepEqual(
        (services.context.globalState.get<ConnectionInfo[]>(StorageKeys.connections) ?? []).map((c) => c.id),
        [existing.id],
        'an edit stores nothing either',
      );
      assert.ok(services.connections.get(added.id)?.userIds.includes('usr_DemoExtra'));

      await services.connections.remove(added.id);
      assert.deepEqual(demo(), []);
      addDemoConnection(context(vscode.ExtensionMode.Production), manager(), log);
      assert.deepEqual(demo(), [], 'a removed demo connection does not come back for the same run');
      for (const d of ctx.subscriptions) d.dispose();
    });

    it('in a test run the token is not needed; alone it becomes active', () => {
      addDemoConnection(context(vscode.ExtensionMode.Test), manager(), log);
      const [added] = demo();
      assert.ok(added);
      assert.equal(services.connections.active()?.id, added.id, 'the only connection is the active one');
    });
  });
});
