/**
 * Every secret command on an ADDED account of a connection, inside a real VS Code: each runs once
 * from a row of the Secrets tree (the row carries the account) and once from the palette (the
 * account is asked), and each test reads the emulator's stores directly: the added account's holds
 * the change, the connection's own account (and the other added one) does not. One account is an
 * `acct_…` id (Stripe-Account), one a Stripe-Context path; a second suite uses an organization key.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse as dotenvParse } from 'dotenv';
import * as vscode from 'vscode';
import {
  CODE_DIAGNOSTICS_SETTING,
  Commands,
  DIAGNOSTIC_SOURCE,
  DiagnosticCodes,
  EXTENSION_ID,
  SETTINGS_SECTION,
} from '../../../src/constants';
import { startEmulator, type EmulatorHandle, type StoredSecret } from '../../../src/emulator';
import type { SecretLocation } from '../../../src/model/secretValue';
import type { ConnectionInfo, ScopeNode, SecretNode, SecretsViewNode, Services, TreeNode } from '../../../src/services';
import { testApi } from './helpers/extension';
import type { TestApi } from '../../../src/testApi';
import { scriptPrompts, type Answer, type PromptScript } from './helpers/fakePrompts';
import { ACCOUNT, DAY, nowSeconds, seedSecret, useEmulatorConnection } from './helpers/fixtures';
import { until } from './helpers/until';

const SHOP = 'acct_1HostShop';
const SHOP_PICK = `Shop (${SHOP})`;
const PLATFORM = 'acct_1HostPlatform';
const CONNECTED = 'acct_1HostConnected';
/** A Stripe-Context path added under a plain secret key: its store is the path's last account. */
const CONTEXT = `${PLATFORM}/${CONNECTED}`;
// Assembled at run time: no credential-shaped literal in the repository.
const SLACK_KEY = ['xoxb', '204918273645', '5519283746501', 'AcCoUnTsMoVeDhErE0123456'].join('-');

/** The Secrets tree as VS Code calls it. */
function children(node?: TreeNode): Promise<TreeNode[]> {
  return testApi().tree.getChildren(node as SecretsViewNode | undefined);
}

/** Walks the real tree, as a click would: connection → the account's row → its Account scope. */
async function accountScopeRow(connectionId: string, account: string | undefined): Promise<ScopeNode> {
  const accounts = await children({ kind: 'connection', connectionId });
  const row = accounts.find((n) => n.kind === 'account' && n.account === account);
  assert.ok(row, `the tree has a row for ${account ?? 'the own account'}`);
  const scope = (await children(row)).find((n): n is ScopeNode => n.kind === 'scope' && n.scope.type === 'account');
  assert.ok(scope, 'the account has an Account scope row');
  assert.equal(scope.account, account, 'the scope row carries its account');
  return scope;
}

/** The row after a refresh, so that it lists what the test put in the emulator. */
function scopeRow(services: Services, connectionId: string, account: string | undefined): Promise<ScopeNode> {
  services.tree.refresh(connectionId);
  return accountScopeRow(connectionId, account);
}

async function secretRow(services: Services, connectionId: string, account: string | undefined, name: string): Promise<SecretNode> {
  const rows = await children(await scopeRow(services, connectionId, account));
  const row = rows.find((n): n is SecretNode => n.kind === 'secret' && n.secret.name === name);
  assert.ok(row, `the tree lists '${name}' under ${account ?? 'the own account'}`);
  assert.equal(row.account, account, 'the secret row carries its account');
  return row;
}

async function closeEditors(): Promise<void> {
  for (let i = 0; i < 5 && vscode.window.activeTextEditor; i++)
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

/** A webview editor takes seconds to open on a loaded machine. */
const EDITOR_MS = 20_000;

/** Opens the value editor's Edit of `location`, types `text` and saves it with the save command (Ctrl+S). */
async function editAndSave(api: TestApi, location: SecretLocation, text: string): Promise<void> {
  const document = await until(
    `the edit editor of ${location.name} in ${location.account ?? 'the own account'}`,
    () => api.valueEditors.document(location, 'edit'),
    EDITOR_MS,
  );
  await until('the editor to be active', () => document.panel?.active, EDITOR_MS);
  await until('the value to load', () => document.status === 'ready', EDITOR_MS);
  await api.valueEditors.receive(document, { type: 'edit', text });
  await until('the tab to show unsaved changes', () => vscode.window.tabGroups.activeTabGroup.activeTab?.isDirty, EDITOR_MS);
  await vscode.commands.executeCommand(Commands.saveSecretValue);
  await until('the tab to be saved', () => vscode.window.tabGroups.activeTabGroup.activeTab?.isDirty === false, EDITOR_MS);
}

describe('Account commands (Stripe-Account and Stripe-Context)', function () {
  this.timeout(60_000);
  const fixture = useEmulatorConnection('Account commands test');
  let emulator: EmulatorHandle;
  let services: Services;
  let connection: ConnectionInfo;
  let api: TestApi;
  let script: PromptScript | undefined;
  let tempDir: string;

  /** The emulator's store of an account (undefined: the key's own). */
  const store = (account?: string) => emulator.secrets('test', account);
  const find = (name: string, account?: string) => store(account).find((s) => s.name === name);
  /** Where else a write must not land: the own account, and the other added one. */
  const nowhereBut = (account: string | undefined, name: string) => {
    for (const other of [undefined, SHOP, CONNECTED].filter((a) => a !== account))
      assert.equal(find(name, other), undefined, `'${name}' is not in ${other ?? 'the own account'}`);
  };
  const prompts = (...answers: Answer[]) => (script = scriptPrompts(services, answers));
  /** The connection pick, asked only while other suites' connections exist too. */
  const connectionPick = (): Answer[] => (services.connections.list().length > 1 ? [{ pick: connection.label }] : []);
  /** The palette's first questions: the connection (when several), then the account, then the scope. */
  const paletteTo = (accountPick: string): Answer[] => [
    ...connectionPick(),
    { pick: accountPick, expect: /Choose an account of Account commands test/ },
    { pick: 'Account' },
  ];
  const accountWasAsked = (p: PromptScript) =>
    assert.ok(
      p.calls.some(
        (c) => c.kind === 'quickPick' && c.items.includes('Own account') && c.items.includes(SHOP_PICK) && c.items.includes(CONTEXT),
      ),
      'the palette asked for the account, offering each',
    );
  /** Runs `command` from the palette with these answers after the account's, and checks the account was asked. */
  async function fromPalette(command: string, accountPick: string, ...answers: Answer[]): Promise<PromptScript> {
    const p = prompts(...paletteTo(accountPick), ...answers);
    await vscode.commands.executeCommand(command);
    p.assertDone();
    accountWasAsked(p);
    return p;
  }
  const noAccountPick = (p: PromptScript) =>
    assert.ok(!p.calls.some((c) => c.items.includes(SHOP_PICK)), 'a row names its account: none is asked');
  const seed = (account: string | undefined, name: string, payload: string, expiresAt: number | null = null): StoredSecret =>
    seedSecret(store(account), name, payload, expiresAt);

  before(async () => {
    ({ api, services, emulator, connection } = fixture);
    await services.connections.addAccounts(connection.id, [SHOP, CONTEXT]);
    await services.connections.labelAccount(connection.id, SHOP, 'Shop');
    tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sas-accounts-'));
  });
  after(() => fs.rmSync(tempDir, { recursive: true, force: true }));
  beforeEach(async () => {
    store(SHOP).splice(0);
    store(CONNECTED).splice(0);
    await closeEditors();
  });
  afterEach(async () => {
    script?.restore();
    script = undefined;
    await closeEditors();
  });

  describe('Set', () => {
    it("Set Secret from an added account's scope row writes there without asking for the account", async () => {
      const p = prompts({ input: 'row_token' }, { pick: 'Enter a value…' }, { input: 'in-shop' }, { pick: 'Never' });
      await vscode.commands.executeCommand(Commands.setSecret, await scopeRow(services, connection.id, SHOP));
      p.assertDone();
      noAccountPick(p);
      assert.equal(find('row_token', SHOP)?.payload, 'in-shop');
      nowhereBut(SHOP, 'row_token');
    });

    it('Set Secret from the palette into the Stripe-Context account writes through its path', async () => {
      await fromPalette(
        Commands.setSecret,
        CONTEXT,
        { input: 'ctx_token' },
        { pick: 'Enter a value…' },
        { input: 'in-ctx' },
        { pick: 'Never' },
      );
      assert.equal(find('ctx_token', CONNECTED)?.payload, 'in-ctx');
      nowhereBut(CONNECTED, 'ctx_token');
    });
  });

  describe('Edit', () => {
    it("Edit from an added account's secret row saves the value editor into that account only", async () => {
      const expiresAt = nowSeconds() + 3 * DAY;
      seed(SHOP, 'edited', 'shop-before', expiresAt);
      seed(undefined, 'edited', 'own-before');
      prompts();
      await vscode.commands.executeCommand(Commands.editSecret, await secretRow(services, connection.id, SHOP, 'edited'));
      await editAndSave(api, { connectionId: connection.id, account: SHOP, scope: ACCOUNT, name: 'edited' }, 'shop-after');
      script!.assertDone();
      assert.ok(find('edited', SHOP)?.payload === 'shop-after', 'the added account holds the edit');
      assert.equal(find('edited', SHOP)?.expiresAt, expiresAt, 'its expiry kept');
      assert.ok(find('edited')?.payload === 'own-before', "the own account's value is untouched");
    });

    it('Edit from the palette asks for the account and saves into the Stripe-Context one', async () => {
      seed(CONNECTED, 'edited', 'ctx-before');
      seed(undefined, 'edited', 'own-before');
      await fromPalette(Commands.editSecret, CONTEXT, { pick: 'edited' });
      await editAndSave(api, { connectionId: connection.id, account: CONTEXT, scope: ACCOUNT, name: 'edited' }, 'ctx-after');
      assert.ok(find('edited', CONNECTED)?.payload === 'ctx-after');
      assert.ok(find('edited')?.payload === 'own-before');
      assert.equal(find('edited', SHOP), undefined);
    });
  });

  describe('Reveal, Copy and Delete from the palette', () => {
    it('Reveal from the palette opens the added account’s value, not the own one', async () => {
      seed(SHOP, 'shared_name', 'shop-value');
      seed(undefined, 'shared_name', 'own-value');
      await fromPalette(Commands.revealSecret, SHOP_PICK, { pick: 'shared_name' });
      const location = { connectionId: connection.id, account: SHOP, scope: ACCOUNT, name: 'shared_name' };
      const document = await until('the reveal editor of the Shop account', () => api.valueEditors.document(location, 'reveal'), EDITOR_MS);
      await until('the value to load', () => document.status === 'ready', EDITOR_MS);
      assert.ok(document.draft === 'shop-value');
      assert.equal(api.valueEditors.document({ ...location, account: undefined }, 'reveal'), undefined);
    });

    it('Copy Secret Value from the palette copies the Stripe-Context account’s value', async () => {
      seed(CONNECTED, 'shared_name', 'ctx-value');
      seed(undefined, 'shared_name', 'own-value');
      await fromPalette(Commands.copySecretValue, CONTEXT, { pick: 'shared_name' });
      assert.ok((await vscode.env.clipboard.readText()) === 'ctx-value');
      await vscode.env.clipboard.writeText('');
    });

    it('Delete from the palette deletes in the added account only', async () => {
      seed(SHOP, 'shared_name', 'shop-value');
      seed(CONNECTED, 'shared_name', 'ctx-value');
      seed(undefined, 'shared_name', 'own-value');
      await fromPalette(
        Commands.deleteSecret,
        SHOP_PICK,
        { pick: ['shared_name'] },
        { button: 'Delete', expect: new RegExp(`'shared_name'.*${SHOP}`) },
      );
      assert.equal(find('shared_name', SHOP), undefined);
      assert.ok(find('shared_name', CONNECTED) && find('shared_name'), 'the others keep theirs');
    });
  });

  describe('Export', () => {
    it("Export from an added account's scope row writes that account's values only", async () => {
      seed(SHOP, 'SHOP_KEY', 'shop-export');
      seed(undefined, 'OWN_KEY', 'own-export');
      const file = path.join(tempDir, 'shop.env');
      const p = prompts({ save: file });
      await vscode.commands.executeCommand(Commands.exportScopeToEnv, await scopeRow(services, connection.id, SHOP));
      p.assertDone();
      noAccountPick(p);
      assert.deepEqual(dotenvParse(fs.readFileSync(file, 'utf8')), { SHOP_KEY: 'shop-export' });
    });

    it('Export from the palette asks for the account and writes the Stripe-Context account’s values', async () => {
      seed(CONNECTED, 'CTX_KEY', 'ctx-export');
      seed(SHOP, 'SHOP_KEY', 'shop-export');
      seed(undefined, 'OWN_KEY', 'own-export');
      const file = path.join(tempDir, 'ctx.env');
      await fromPalette(Commands.exportScopeToEnv, CONTEXT, { save: file });
      assert.deepEqual(dotenvParse(fs.readFileSync(file, 'utf8')), { CTX_KEY: 'ctx-export' });
    });
  });

  describe('Import', () => {
    /** A .env file shown in the editor: Import offers the active editor, so no open dialog is needed. */
    async function showEnvFile(name: string, text: string): Promise<string> {
      const file = path.join(tempDir, name);
      fs.writeFileSync(file, text);
      await vscode.window.showTextDocument(vscode.Uri.file(file));
      return `Use the active editor (${name})`;
    }

    it("Import from an added account's scope row sets the values there only", async () => {
      const useActive = await showEnvFile('shop-import.env', 'IMPORTED_A=a-value\nIMPORTED_B=b-value\n');
      const p = prompts(
        { pick: useActive },
        { pick: ['IMPORTED_A', 'IMPORTED_B'] },
        { pick: 'Never' },
        { button: 'Import', expect: /into the account scope of Account commands test · Shop/ },
      );
      await vscode.commands.executeCommand(Commands.importEnvFile, await scopeRow(services, connection.id, SHOP));
      p.assertDone();
      noAccountPick(p);
      assert.deepEqual(
        store(SHOP)
          .map((s) => [s.name, s.payload])
          .sort(),
        [
          ['IMPORTED_A', 'a-value'],
          ['IMPORTED_B', 'b-value'],
        ],
      );
      nowhereBut(SHOP, 'IMPORTED_A');
      nowhereBut(SHOP, 'IMPORTED_B');
    });

    it('Import from the palette asks for the account and sets the values in the Stripe-Context one', async () => {
      const useActive = await showEnvFile('ctx-import.env', 'IMPORTED_C=c-value\n');
      await fromPalette(
        Commands.importEnvFile,
        CONTEXT,
        { pick: useActive },
        { pick: ['IMPORTED_C'] },
        { pick: 'Never' },
        { button: 'Import' },
      );
      assert.equal(find('IMPORTED_C', CONNECTED)?.payload, 'c-value');
      nowhereBut(CONNECTED, 'IMPORTED_C');
    });
  });

  describe('Extend Expiry', () => {
    it("Extend Expiry from an added account's secret row changes that account's expiry only", async () => {
      const old = nowSeconds() + DAY;
      seed(SHOP, 'token', 'shop-token', old);
      seed(undefined, 'token', 'own-token', old);
      const p = prompts({ pick: '30 days' });
      await vscode.commands.executeCommand(Commands.extendExpiry, await secretRow(services, connection.id, SHOP, 'token'));
      p.assertDone();
      noAccountPick(p);
      assert.ok(Math.abs(find('token', SHOP)!.expiresAt! - (nowSeconds() + 30 * DAY)) < 60, 'about 30 days ahead');
      assert.ok(find('token', SHOP)!.payload === 'shop-token', 'the value stays');
      assert.equal(find('token')!.expiresAt, old, "the own account's expiry is untouched");
    });

    it('Extend Expiry from the palette asks for the account and changes the Stripe-Context one', async () => {
      const old = nowSeconds() + DAY;
      seed(CONNECTED, 'token', 'ctx-token', old);
      seed(SHOP, 'token', 'shop-token', old);
      seed(undefined, 'token', 'own-token', old);
      await fromPalette(Commands.extendExpiry, CONTEXT, { pick: ['token'] }, { pick: 'Never' });
      assert.equal(find('token', CONNECTED)!.expiresAt, null);
      assert.equal(find('token', SHOP)!.expiresAt, old);
      assert.equal(find('token')!.expiresAt, old);
    });
  });

  describe('Compare and Copy Missing', () => {
    it('Compare Scopes from an added account’s row against the Stripe-Context one, then Copy Missing copies into it only', async () => {
      seed(SHOP, 'only_in_shop', 'shop-only', nowSeconds() + 7 * DAY);
      seed(SHOP, 'in_both', 'shop-both');
      seed(CONNECTED, 'in_both', 'ctx-both');
      const c = prompts(...paletteTo(CONTEXT));
      await vscode.commands.executeCommand(Commands.compareScopes, await scopeRow(services, connection.id, SHOP));
      c.assertDone();
      const current = api.comparison!.current()!;
      assert.deepEqual([current.a.account, current.b.account], [SHOP, CONTEXT]);
      assert.deepEqual(
        current.result.onlyA.map((s) => s.name),
        ['only_in_shop'],
      );
      script!.restore();

      const p = prompts({ pick: ['only_in_shop'] }, { button: 'Copy' });
      await vscode.commands.executeCommand(Commands.copyMissingSecrets);
      p.assertDone();
      const copied = find('only_in_shop', CONNECTED);
      assert.ok(copied?.payload === 'shop-only', 'the value arrived in the Stripe-Context account');
      assert.equal(copied.expiresAt, find('only_in_shop', SHOP)!.expiresAt);
      assert.equal(find('only_in_shop'), undefined, 'nothing copied into the own account');
      assert.ok(find('in_both', CONNECTED)?.payload === 'ctx-both', 'a name it held is left as it was');
      assert.deepEqual(api.comparison!.current()!.result.onlyA, [], 'the comparison was listed again');
      await vscode.commands.executeCommand(Commands.closeComparison);
    });
  });

  describe('Find Secret Across Accounts', () => {
    it('from the palette, a typed name: one row per account, answered from the view with no request once it listed every account', async () => {
      seed(SHOP, 'webhook_secret', 'w1', nowSeconds() + 2 * DAY);
      seed(CONNECTED, 'webhook_secret', 'w2');
      seed(undefined, 'other', 'o');
      // What expanding each account's Account scope in the view loads.
      services.tree.refresh(connection.id);
      for (const account of [undefined, SHOP, CONTEXT]) await children(await accountScopeRow(connection.id, account));
      const before = emulator.requests().length;
      const p = prompts(...connectionPick(), { pick: 'Another name…' }, { input: 'webhook_secret' }, { cancel: true });
      await vscode.commands.executeCommand(Commands.findSecretAcrossAccounts);
      p.assertDone();
      const table = p.calls.find((c) => c.kind === 'quickPick' && c.items.includes(SHOP_PICK))!;
      assert.match(table.text, /2 of 3 accounts hold 'webhook_secret'/);
      assert.deepEqual(table.items, ['Own account', SHOP_PICK, CONTEXT]);
      assert.deepEqual(emulator.requests().slice(before), [], 'every scope was answered from the view');
    });
  });

  describe('Move to Stripe Secret Store…', function () {
    // Diagnostics, the code action, the editor and the snippet: slow on a loaded machine.
    this.timeout(90_000);
    let diagnosticsBefore: boolean | undefined;
    before(async () => {
      const settings = vscode.workspace.getConfiguration(SETTINGS_SECTION);
      diagnosticsBefore = settings.inspect<boolean>(CODE_DIAGNOSTICS_SETTING)?.globalValue;
      await settings.update(CODE_DIAGNOSTICS_SETTING, true, vscode.ConfigurationTarget.Global);
      await services.connections.setActive(connection.id);
    });
    after(async () => {
      await vscode.workspace
        .getConfiguration(SETTINGS_SECTION)
        .update(CODE_DIAGNOSTICS_SETTING, diagnosticsBefore, vscode.ConfigurationTarget.Global);
    });

    it('the quick fix on a hard-coded key asks for the account and stores the value in the chosen added one only', async () => {
      // Python: no built-in extension answers code actions there, so VS Code waits on no language server.
      const file = path.join(tempDir, 'config.py');
      fs.writeFileSync(file, `SLACK_TOKEN = "${SLACK_KEY}"\n`);
      const doc = await vscode.workspace.openTextDocument(file);
      await vscode.window.showTextDocument(doc);
      const diagnostic = await until(
        'the hard-coded key warning',
        () =>
          vscode.languages.getDiagnostics(doc.uri).find((d) => d.source === DIAGNOSTIC_SOURCE && d.code === DiagnosticCodes.hardcodedKey),
        30_000,
      );
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
        'vscode.executeCodeActionProvider',
        doc.uri,
        diagnostic.range,
      );
      const move = actions.find((a) => a.title === 'Move to Stripe Secret Store…');
      assert.ok(move?.command);
      const p = prompts({ pick: SHOP_PICK, expect: /Store the value in which account\?/ }, { pick: 'Account' }, { input: 'slack_token' });
      await vscode.commands.executeCommand(move.command.command, ...(move.command.arguments ?? []));
      p.assertDone();
      assert.ok(find('slack_token', SHOP)?.payload === SLACK_KEY, 'stored in the chosen account');
      nowhereBut(SHOP, 'slack_token');
      assert.ok(!doc.getText().includes(SLACK_KEY), 'the literal is gone');
      assert.match(doc.getText(), /name="slack_token"/, 'the literal now reads the secret');
      assert.ok(p.calls.some((c) => c.kind === 'info' && c.text.includes(`Account commands test · Shop`)));
    });
  });
});

const ORG_KEY = 'sk_org_test_' + 'HostAccountCommands000001';

describe('Account commands (organization key)', function () {
  this.timeout(60_000);
  let emulator: EmulatorHandle;
  let services: Services;
  let api: TestApi;
  let connection: ConnectionInfo;
  let script: PromptScript | undefined;
  const store = (account: string) => emulator.secrets('test', account);
  const prompts = (...answers: Answer[]) => (script = scriptPrompts(services, answers));

  before(async () => {
    api = await vscode.extensions.getExtension<TestApi>(EXTENSION_ID)!.activate();
    services = api.services;
    emulator = await startEmulator({ apiKeys: [ORG_KEY], reachableAccounts: [PLATFORM, CONNECTED] });
    connection = await services.connections.add({
      label: 'Org account commands',
      apiBase: emulator.url,
      apiKey: ORG_KEY,
      stripeContext: PLATFORM,
      mode: 'test',
    });
    await services.connections.addAccounts(connection.id, [CONTEXT]);
  });
  after(async () => {
    await services.connections.remove(connection.id);
    await emulator.close();
  });
  afterEach(async () => {
    script?.restore();
    script = undefined;
    await closeEditors();
  });

  it('Set from the palette and Edit from the row act through the added Stripe-Context path, not the platform', async () => {
    const p = prompts(
      ...(services.connections.list().length > 1 ? [{ pick: connection.label }] : []),
      { pick: CONTEXT },
      { pick: 'Account' },
      { input: 'org_token' },
      { pick: 'Enter a value…' },
      { input: 'org-before' },
      { pick: 'Never' },
    );
    await vscode.commands.executeCommand(Commands.setSecret);
    p.assertDone();
    assert.ok(store(CONNECTED).find((s) => s.name === 'org_token')?.payload === 'org-before');
    assert.deepEqual(store(PLATFORM), [], "the connection's own context holds nothing");

    prompts();
    await vscode.commands.executeCommand(Commands.editSecret, await secretRow(services, connection.id, CONTEXT, 'org_token'));
    await editAndSave(api, { connectionId: connection.id, account: CONTEXT, scope: ACCOUNT, name: 'org_token' }, 'org-after');
    script!.assertDone();
    assert.ok(store(CONNECTED).find((s) => s.name === 'org_token')?.payload === 'org-after');
    assert.deepEqual(store(PLATFORM), []);
  });
});
