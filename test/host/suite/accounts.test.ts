/**
 * Accounts under one connection inside a real VS Code: one key, the own account and added ones
 * (Stripe-Account ids and a Stripe-Context path), every secret command acting on the account its
 * row or the palette names, and Find Secret Across Accounts. The emulator keeps one store per account.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, StorageKeys } from '../../../src/constants';
import type { EmulatorHandle, StoredSecret } from '../../../src/emulator';
import type { SecretScope } from '../../../src/model/types';
import type { AccountNode, ConnectionInfo, SecretNode, SecretsViewNode, Services, TreeNode } from '../../../src/services';
import type { TestApi } from '../../../src/testApi';
import { scriptPrompts, type Answer, type PromptScript } from './helpers/fakePrompts';
import { ACCOUNT, seedSecret, useEmulatorConnection } from './helpers/fixtures';
import { until } from './helpers/until';

const HISTORY_KEY = 'stripeSecrets.history';

describe('Accounts', function () {
  this.timeout(30_000);
  const fixture = useEmulatorConnection('Accounts test');
  let emulator: EmulatorHandle;
  let services: Services;
  let connection: ConnectionInfo;
  let api: TestApi;
  let script: PromptScript | undefined;

  before(() => ({ api, services, emulator, connection } = fixture));
  afterEach(() => {
    script?.restore();
    script = undefined;
  });

  const prompts = (...answers: Answer[]) => (script = scriptPrompts(services, answers));
  /** The connection pick, asked only while other suites' connections exist too. */
  const connectionPick = (): Answer[] => (services.connections.list().length > 1 ? [{ pick: connection.label }] : []);
  const store = (account?: string) => emulator.secrets('test', account);
  const stored = () => services.connections.get(connection.id)!;
  const children = (node?: TreeNode): Promise<TreeNode[]> => api.tree.getChildren(node as SecretsViewNode | undefined);
  const accountNode = (account?: string): AccountNode =>
    account === undefined ? { kind: 'account', connectionId: connection.id } : { kind: 'account', connectionId: connection.id, account };
  function secretNode(secret: StoredSecret, account: string): SecretNode {
    const { payload: _payload, ...meta } = secret;
    return { kind: 'secret', connectionId: connection.id, scope: secret.scope, secret: { ...meta, livemode: false }, account };
  }

  it('Add Account… refuses an invalid entry, then adds a pasted list; the view shows one row per account, own first', async () => {
    const before = await children({ kind: 'connection', connectionId: connection.id });
    assert.deepEqual(
      before.map((n) => n.kind),
      ['scope', 'users'],
      'without added accounts the connection looks as it always did',
    );
    const p = prompts({ input: 'acct_2 usr_1', invalid: /"usr_1" is not an account/ }, { input: 'acct_2, acct_plat/acct_3\nacct_4' });
    await vscode.commands.executeCommand(Commands.addAccount, { kind: 'connection', connectionId: connection.id });
    p.assertDone();
    assert.deepEqual(
      stored().accounts?.map((a) => a.id),
      ['acct_2', 'acct_plat/acct_3', 'acct_4'],
    );
    const rows = await children({ kind: 'connection', connectionId: connection.id });
    assert.deepEqual(
      rows.map((n) => [n.kind, 'account' in n ? n.account : undefined]),
      [
        ['account', undefined],
        ['account', 'acct_2'],
        ['account', 'acct_plat/acct_3'],
        ['account', 'acct_4'],
      ],
    );
    const under = await children(rows[1]);
    assert.deepEqual(
      under.map((n) => [n.kind, 'account' in n ? n.account : undefined]),
      [
        ['scope', 'acct_2'],
        ['users', 'acct_2'],
      ],
    );
  });

  it('Label Account… names an account everywhere; the key stays stored once', async () => {
    const p = prompts({ input: 'Shop' });
    await vscode.commands.executeCommand(Commands.labelAccount, accountNode('acct_2'));
    p.assertDone();
    assert.equal(stored().accounts?.[0].label, 'Shop');
    assert.equal(
      await services.context.secrets.get(StorageKeys.apiKeyPrefix + connection.id),
      emulator.testKey,
      'the one key, stored once',
    );
    assert.ok(
      !JSON.stringify(services.context.globalState.get(StorageKeys.connections)).includes(emulator.testKey),
      'no key beside the accounts',
    );
  });

  it('Set Secret from the palette asks for the account as its first step and writes only there', async () => {
    const p = prompts(
      ...connectionPick(),
      { pick: 'Shop (acct_2)' },
      { pick: 'Account' },
      { input: 'slack_bot_token' },
      { pick: 'Enter a value…' },
      { input: 'xoxb-shop' },
      { pick: '7 days' },
    );
    await vscode.commands.executeCommand(Commands.setSecret);
    p.assertDone();
    const accountPick = p.calls.find((c) => c.kind === 'quickPick' && c.items.includes('Shop (acct_2)'))!;
    assert.match(accountPick.text, /Step 1 of 5/);
    assert.match(p.calls.find((c) => c.kind === 'quickPick' && c.items.includes('Account'))!.text, /Step 2 of 5/);
    assert.equal(store('acct_2').find((s) => s.name === 'slack_bot_token')?.payload, 'xoxb-shop');
    assert.equal(
      store().find((s) => s.name === 'slack_bot_token'),
      undefined,
      'the own account is untouched',
    );
  });

  it("Reveal, Copy and Delete act on the row's account; history keeps the account", async () => {
    const secret = seedSecret(store('acct_4'), 'api_key', 'in-acct-4');
    seedSecret(store(), 'api_key', 'in-own');
    const node = secretNode(secret, 'acct_4');
    await vscode.commands.executeCommand(Commands.revealSecret, node);
    const location = { connectionId: connection.id, account: 'acct_4', scope: ACCOUNT, name: 'api_key' };
    const document = await until('the reveal editor of acct_4', () => api.valueEditors.document(location, 'reveal'));
    assert.equal(document.draft, 'in-acct-4');
    assert.equal(
      api.valueEditors.document({ ...location, account: undefined }, 'reveal'),
      undefined,
      "the own account's editor is another one",
    );
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');

    await vscode.commands.executeCommand(Commands.copySecretValue, node);
    assert.equal(await vscode.env.clipboard.readText(), 'in-acct-4');
    await vscode.env.clipboard.writeText('');

    const p = prompts({ button: 'Delete', expect: /'api_key'.*Accounts test · acct_4/ });
    await vscode.commands.executeCommand(Commands.deleteSecret, node);
    p.assertDone();
    assert.equal(
      store('acct_4').find((s) => s.name === 'api_key'),
      undefined,
    );
    assert.equal(store().find((s) => s.name === 'api_key')?.payload, 'in-own');
    const kept = JSON.parse((await services.context.secrets.get(HISTORY_KEY)) ?? '[]') as Array<{ name: string; account?: string }>;
    assert.ok(
      kept.some((e) => e.name === 'api_key' && e.account === 'acct_4'),
      'history is keyed by the account',
    );
  });

  it('a Stripe-Context account lists and writes through its path', async () => {
    seedSecret(store('acct_3'), 'ctx_secret', 'v');
    const client = await services.connections.client(connection.id, 'acct_plat/acct_3');
    assert.deepEqual(
      (await client.list(ACCOUNT)).map((s) => s.name),
      ['ctx_secret'],
    );
  });

  it('Add User Scope on an account adds it there; Compare Scopes takes the account of each side', async () => {
    const p = prompts({ input: 'usr_9' });
    await vscode.commands.executeCommand(Commands.addUserScope, { kind: 'users', connectionId: connection.id, account: 'acct_4' });
    p.assertDone();
    assert.deepEqual(stored().accounts?.find((a) => a.id === 'acct_4')?.userIds, ['usr_9']);
    assert.deepEqual(stored().userIds, [], 'the own account has none');

    const c = prompts(...connectionPick(), { pick: 'Own account' }, { pick: 'Account' });
    await vscode.commands.executeCommand(Commands.compareScopes, {
      kind: 'scope',
      connectionId: connection.id,
      scope: ACCOUNT,
      account: 'acct_2',
    });
    c.assertDone();
    const current = api.comparison!.current()!;
    assert.deepEqual([current.a.account, current.b.account], ['acct_2', undefined]);
    assert.deepEqual(
      current.result.onlyA.map((s) => s.name),
      ['slack_bot_token'],
    );
    await vscode.commands.executeCommand(Commands.closeComparison);
  });

  it('Find Secret Across Accounts lists names only, one list per scope, and shows one row per account', async () => {
    const user: SecretScope = { type: 'user', user: 'usr_9' };
    seedSecret(store('acct_4'), 'slack_bot_token', 'xoxb-user', null, user);
    const before = emulator.requests().length;
    const p = prompts({ pick: 'Shop (acct_2)' });
    await vscode.commands.executeCommand(
      Commands.findSecretAcrossAccounts,
      secretNode(
        store('acct_2').find((s) => s.name === 'slack_bot_token')!,
        'acct_2',
      ),
    );
    p.assertDone();
    const table = p.calls.find((c) => c.kind === 'quickPick')!;
    assert.match(table.text, /2 of 4 accounts hold 'slack_bot_token'/);
    assert.deepEqual(table.items, ['Own account', 'Shop (acct_2)', 'acct_plat/acct_3', 'acct_4']);
    const made = emulator.requests().slice(before);
    assert.ok(
      made.every((r) => r.method === 'GET' && !/expand/.test(r.path)),
      'names only: no value fetched, nothing written',
    );
    assert.ok(made.length <= 5, `at most one list per scope (5 scopes), made ${made.length}`);
  });

  it('Remove Account hides it and its user scopes; its secrets at Stripe stay', async () => {
    await vscode.commands.executeCommand(Commands.removeAccount, accountNode('acct_4'));
    assert.deepEqual(
      stored().accounts?.map((a) => a.id),
      ['acct_2', 'acct_plat/acct_3'],
    );
    assert.ok(store('acct_4').some((s) => s.name === 'slack_bot_token'));
  });
});
