/**
 * Organization keys, sandboxes and Settings Sync inside a real VS Code: Add Connection with an
 * `sk_org_` key against an emulator that reaches only some accounts, a sandbox's row, and a
 * connection that arrived through Settings Sync without its key.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, StorageKeys, SYNCED_STATE_KEYS } from '../../../src/constants';
import { startEmulator, type EmulatorHandle } from '../../../src/emulator';
import type { ConnectionInfo, ConnectionNode, Services } from '../../../src/services';
import { scriptPrompts, type Answer, type PromptScript } from './helpers/fakePrompts';
import { extensionServices, removeAllConnections, testApi } from './helpers/extension';
import { until } from './helpers/until';
import { ACCOUNT, seedSecret } from './helpers/fixtures';

const ORG_LIVE_KEY = 'sk_org_live_' + 'HostOrgLiveKey000000000001';
const ORG_TEST_KEY = 'sk_org_test_' + 'HostOrgTestKey000000000002';
const SYNCED_KEY = 'sk_test_' + 'HostSyncedConnection00000003';
const PLATFORM = 'acct_1HostPlatform0000';
const CONNECTED = 'acct_1HostConnected000';
const EMPTY = 'acct_1HostEmpty0000000';

describe('Organization keys, sandboxes and Settings Sync', function () {
  this.timeout(30_000);
  let emulator: EmulatorHandle;
  let services: Services;
  let script: PromptScript | undefined;
  const tree = () => testApi().tree;
  const node = (c: ConnectionInfo): ConnectionNode => ({ kind: 'connection', connectionId: c.id });

  function prompts(...answers: Answer[]): PromptScript {
    script = scriptPrompts(services, answers);
    return script;
  }

  before(async () => {
    services = await extensionServices();
    emulator = await startEmulator({ apiKeys: [ORG_LIVE_KEY, ORG_TEST_KEY, SYNCED_KEY], reachableAccounts: [PLATFORM, CONNECTED, EMPTY] });
  });
  beforeEach(() => removeAllConnections(services));
  afterEach(async () => {
    script?.restore();
    script = undefined;
    await removeAllConnections(services);
  });
  after(() => emulator?.close());

  it('an organization key asks for its Stripe-Context, acts there, and takes the mode Stripe reported', async () => {
    seedSecret(emulator.secrets('live', CONNECTED), 'slack_bot_token', 'xoxb-1');
    const s = prompts(
      { input: 'Org' },
      { input: ORG_LIVE_KEY },
      { input: `${PLATFORM}/`, invalid: /an account id on each side of every \// },
      { input: `${PLATFORM}/${CONNECTED}` },
      { pick: 'Advanced: custom API base…' },
      { input: emulator.url },
    );
    await vscode.commands.executeCommand(Commands.addConnection);
    s.assertDone();
    assert.ok(
      s.calls.some((c) => c.kind === 'inputBox' && /sk_org_/.test(c.text)),
      'the key box names organization keys',
    );
    const [c] = services.connections.list();
    assert.equal(c.keyKind, 'organization');
    assert.equal(c.stripeContext, `${PLATFORM}/${CONNECTED}`);
    assert.equal(c.mode, 'live', "Stripe's livemode, though nothing in the prefix says live");
    const client = await services.connections.client(c.id);
    assert.deepEqual(
      (await client.list(ACCOUNT)).map((m) => m.name),
      ['slack_bot_token'],
    );
    await client.set({ name: 'added', scope: ACCOUNT, payload: 'v' });
    assert.ok(
      emulator.secrets('live', CONNECTED).some((m) => m.name === 'added'),
      'written where the context points',
    );
    const item = tree().getTreeItem(node(c));
    assert.match(String(item.description), new RegExp(`^LIVE · ${PLATFORM}/${CONNECTED}`));
    assert.match(item.accessibilityInformation!.label, /LIVE mode connection/);
    assert.match(item.accessibilityInformation!.label, /organization key ending/);
  });

  it('when the account scope is empty Stripe says no mode: the person picks it, and nothing is saved without an answer', async () => {
    const answers = (mode: Answer): Answer[] => [
      { input: 'Org test' },
      { input: ORG_TEST_KEY },
      { input: EMPTY },
      { pick: 'Advanced: custom API base…' },
      { input: emulator.url },
      mode,
    ];
    let s = prompts(...answers({ cancel: true }));
    await vscode.commands.executeCommand(Commands.addConnection);
    s.assertDone();
    assert.deepEqual(services.connections.list(), []);
    s.restore();
    s = prompts(...answers({ pick: 'Test mode or a sandbox' }));
    await vscode.commands.executeCommand(Commands.addConnection);
    s.assertDone();
    assert.ok(s.calls.some((c) => c.kind === 'quickPick' && /Stripe did not say which mode/.test(c.text)));
    assert.equal(services.connections.list()[0]?.mode, 'test');
  });

  it('an account the key does not reach is refused by the verifying request, and nothing is saved', async () => {
    const s = prompts(
      { input: 'Outside' },
      { input: ORG_TEST_KEY },
      { input: 'acct_1NotReached000000' },
      { pick: 'Advanced: custom API base…' },
      { input: emulator.url },
    );
    await vscode.commands.executeCommand(Commands.addConnection);
    assert.equal(emulator.requests().at(-1)?.status, 403);
    assert.deepEqual(services.connections.list(), []);
    await until('the refusal is shown', () => s.calls.some((c) => c.kind === 'error'), 5000);
    assert.ok(!s.calls.some((c) => c.text.includes(ORG_TEST_KEY.slice(12))), 'no message shows the key');
  });

  it("a sandbox's row and status say so, with its expiry", async () => {
    const c = await services.connections.add({
      label: 'Sandbox',
      apiKey: SYNCED_KEY,
      apiBase: emulator.url,
      sandbox: { expiresAt: '2099-01-31' },
    });
    const item = tree().getTreeItem(node(c));
    assert.match(String(item.description), /^TEST · sandbox · expires 2099-01-31/);
    assert.match(item.accessibilityInformation!.label, /test mode connection, sandbox · expires 2099-01-31/);
  });

  it('Settings Sync carries the connection list but never a key, nor the local emulator connection', async () => {
    assert.deepEqual(SYNCED_STATE_KEYS, [StorageKeys.connections]);
    const own = await services.connections.add({ label: 'Here', apiKey: SYNCED_KEY, apiBase: emulator.url });
    const local = await services.connections.add({ label: 'Emulator here', apiKey: SYNCED_KEY, apiBase: emulator.url, emulator: true });
    const synced = JSON.stringify(services.context.globalState.get(StorageKeys.connections));
    assert.ok(synced.includes(own.id) && !synced.includes(local.id));
    assert.ok(!synced.includes(SYNCED_KEY.slice(8)));
    assert.ok(JSON.stringify(services.context.globalState.get(StorageKeys.localConnections)).includes(local.id));
    assert.deepEqual(
      services.connections.list().map((c) => c.id),
      [own.id, local.id],
    );
  });

  it('a synced connection without its key here: the row says so, loads nothing, and Enter API Key… fixes it', async () => {
    const synced: ConnectionInfo = {
      id: 'conn_syncedhost1',
      label: 'From my laptop',
      mode: 'test',
      keyLast4: SYNCED_KEY.slice(-4),
      keyKind: 'secret',
      apiBase: emulator.url,
      userIds: ['usr_1Synced'],
    };
    const changed = new Promise<void>((resolve) => {
      const sub = services.connections.onDidChange(() => {
        if (services.connections.keyMissing(synced.id)) {
          sub.dispose();
          resolve();
        }
      });
    });
    await services.context.globalState.update(StorageKeys.connections, [synced]);
    // As when the window regains focus after Settings Sync wrote globalState.
    assert.equal(await services.connections.hasKey(synced.id), false);
    await changed;
    const requests = emulator.requests().length;
    const item = tree().getTreeItem(node(synced));
    assert.match(String(item.description), /No API key on this machine/);
    assert.equal(item.collapsibleState, vscode.TreeItemCollapsibleState.None);
    assert.match(item.contextValue!, /;noKey$/);
    assert.equal(item.command?.command, Commands.enterApiKey);
    assert.deepEqual(await tree().getChildren(node(synced)), []);
    assert.equal(emulator.requests().length, requests, 'nothing is requested for a connection without a key');

    const s = prompts({ input: SYNCED_KEY });
    await vscode.commands.executeCommand(Commands.enterApiKey);
    s.assertDone();
    assert.match(s.calls[0].text, /Settings Sync brought "From my laptop" here without its key/);
    assert.match(s.calls[0].text, new RegExp(`ending in ${SYNCED_KEY.slice(-4)}`));
    await until('the key is seen', () => !services.connections.keyMissing(synced.id), 5000);
    assert.match(String(tree().getTreeItem(node(synced)).description), /^TEST/);
    assert.doesNotMatch(String(tree().getTreeItem(node(synced)).description), /No API key/);
    assert.equal((await tree().getChildren(node(synced))).length, 2, 'Account scope and Users');
  });
});
