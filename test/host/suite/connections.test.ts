/**
 * Connections inside a real VS Code: the commands run with scripted prompts against an emulator in
 * this process that accepts only the keys listed here, so a refused key is a real 401.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, StorageKeys } from '../../../src/constants';
import { DEMO_USER_IDS, startEmulator, type EmulatorHandle } from '../../../src/emulator';
import type { ConnectionInfo, ConnectionNode, ScopeNode, Services, TreeNode } from '../../../src/services';
import { scriptPrompts, type Answer, type PromptScript } from './helpers/fakePrompts';
import { DEMO_CONNECTION_LABEL } from '../../../src/extension';
import { EMULATOR_CONNECTION_LABEL } from '../../../src/connections/localEmulator';
import { extensionServices, loadedParts, removeAllConnections, testApi } from './helpers/extension';
import { until } from './helpers/until';

const GOOD_KEY = 'sk_test_' + 'Good0Connection0Key0123456789';
const LIVE_KEY = 'sk_live_' + 'Live0Connection0Key0123456789';
const BAD_KEY = 'sk_test_' + 'Refused0Connection0Key0000001';
const PK_KEY = 'pk_test_' + 'Publishable0Key0000000000000';
/** Invalid under any user-id rule: longer than a Stripe id can be. */
const TOO_LONG_ID = 'x'.repeat(5001);

describe('Connections', function () {
  this.timeout(30_000);
  let emulator: EmulatorHandle;
  let services: Services;
  let script: PromptScript | undefined;

  function prompts(...answers: Answer[]): PromptScript {
    script = scriptPrompts(services, answers);
    return script;
  }
  const storedKey = (id: string) => services.context.secrets.get(StorageKeys.apiKeyPrefix + id);
  const node = (c: ConnectionInfo): ConnectionNode => ({ kind: 'connection', connectionId: c.id });
  const gets = () => emulator.requests().filter((r) => r.method === 'GET').length;

  /** The answers of Add Connection up to the API base, which points at the test emulator. */
  const addAnswers = (label: string, key: string): Answer[] => [
    { input: label },
    { input: key },
    { input: '' },
    { pick: 'Advanced: custom API base…' },
    { input: emulator.url },
  ];

  before(async () => {
    services = await extensionServices();
    emulator = await startEmulator({ apiKeys: [GOOD_KEY, LIVE_KEY] });
  });
  beforeEach(async () => {
    await removeAllConnections(services);
  });
  afterEach(async () => {
    script?.restore();
    script = undefined;
    await removeAllConnections(services);
  });
  after(async () => {
    await emulator?.close();
  });

  it('adds a connection after one verifying request: key only in SecretStorage, the connection active', async () => {
    const before = gets();
    const s = prompts(...addAnswers('My test account', GOOD_KEY));
    await vscode.commands.executeCommand(Commands.addConnection);
    s.assertDone();
    const [c] = services.connections.list();
    assert.equal(c.label, 'My test account');
    assert.equal(c.mode, 'test');
    assert.equal(c.keyKind, 'secret');
    assert.equal(c.keyLast4, GOOD_KEY.slice(-4));
    assert.equal(c.apiBase, emulator.url);
    assert.equal(services.connections.active()?.id, c.id);
    assert.equal(gets() - before, 1, 'exactly one request checks the key');
    assert.equal(await storedKey(c.id), GOOD_KEY);
    for (const key of services.context.globalState.keys()) {
      assert.ok(!JSON.stringify(services.context.globalState.get(key) ?? null).includes(GOOD_KEY), `globalState ${key} holds the key`);
    }
    assert.ok(s.calls.find((call) => call.text.includes('sk_test_'))?.kind === 'inputBox');
  });

  it('an empty label becomes "Test account <last 4>"', async () => {
    const s = prompts(...addAnswers('', GOOD_KEY));
    await vscode.commands.executeCommand(Commands.addConnection);
    s.assertDone();
    assert.equal(services.connections.list()[0]?.label, `Test account ${GOOD_KEY.slice(-4)}`);
  });

  it('refuses a publishable key as it is typed, with the reason, and saves nothing', async () => {
    const before = emulator.requests().length;
    const s = prompts({ input: 'Publishable' }, { input: PK_KEY, invalid: /publishable keys cannot read secrets/ }, { cancel: true });
    await vscode.commands.executeCommand(Commands.addConnection);
    s.assertDone();
    assert.deepEqual(services.connections.list(), []);
    assert.equal(emulator.requests().length, before);
  });

  it('refuses a key pasted as the label, without showing it, and saves nothing', async () => {
    const s = prompts({ input: `prod ${LIVE_KEY}`, invalid: /looks like an API key: the label is shown on screen/ }, { cancel: true });
    await vscode.commands.executeCommand(Commands.addConnection);
    s.assertDone();
    const shown = s.calls.flatMap((call) => call.validations ?? []).map((v) => v.message ?? '');
    assert.ok(shown.length > 0 && shown.every((m) => !m.includes(LIVE_KEY.slice(8))), 'the message never echoes the key');
    assert.deepEqual(services.connections.list(), []);
  });

  it('refuses a user id that is not usr_ plus letters and digits', async () => {
    const c = await services.connections.add({ label: 'Ids', apiKey: GOOD_KEY, apiBase: emulator.url });
    const s = prompts(
      { input: 'usr_a-b', invalid: /usr_ followed by letters and digits/ },
      { input: 'acct_123', invalid: /usr_ followed by letters and digits/ },
      { cancel: true },
    );
    await vscode.commands.executeCommand(Commands.addUserScope, node(c));
    s.assertDone();
    assert.deepEqual(services.connections.get(c.id)?.userIds, []);
  });

  it('refuses an invalid API base as it is typed', async () => {
    const s = prompts(
      { input: 'x' },
      { input: GOOD_KEY },
      { input: '' },
      { pick: 'Advanced: custom API base…' },
      { input: 'http://example.com', invalid: /https/ },
      { cancel: true },
    );
    await vscode.commands.executeCommand(Commands.addConnection);
    s.assertDone();
    assert.deepEqual(services.connections.list(), []);
  });

  it('a refused key saves nothing and says why, offering Re-enter API Key', async () => {
    const s = prompts(...addAnswers('Refused', BAD_KEY), { button: undefined });
    await vscode.commands.executeCommand(Commands.addConnection);
    s.assertDone();
    assert.deepEqual(services.connections.list(), []);
    const error = s.calls.find((call) => call.kind === 'error');
    assert.ok(error, 'an error was shown');
    assert.match(error.text, /did not accept this API key.*Nothing was saved/);
    assert.match(error.text, /Request-Id req_/);
    assert.ok(!error.text.includes(BAD_KEY));
    assert.deepEqual(error.items, ['Re-enter API Key', 'Show Log']);
  });

  it('Re-enter API Key asks only for the key again and keeps the other answers', async () => {
    const s = prompts(...addAnswers('Second try', BAD_KEY), { button: 'Re-enter API Key' }, { input: GOOD_KEY });
    await vscode.commands.executeCommand(Commands.addConnection);
    s.assertDone();
    const [c] = services.connections.list();
    assert.equal(c.label, 'Second try');
    assert.equal(c.apiBase, emulator.url);
    assert.equal(await storedKey(c.id), GOOD_KEY);
    assert.equal(s.calls.filter((call) => call.kind === 'inputBox').length, 5);
  });

  it('remove asks a modal confirmation naming the connection and deletes its key', async () => {
    const c = await services.connections.add({ label: 'To remove', apiKey: GOOD_KEY, apiBase: emulator.url });
    let s = prompts({ button: undefined });
    await vscode.commands.executeCommand(Commands.removeConnection, node(c));
    s.assertDone();
    assert.equal(services.connections.list().length, 1, 'cancel keeps it');
    assert.match(s.calls[0].text, /To remove/);
    assert.ok(s.calls[0].modal);

    s = prompts({ button: 'Remove' });
    await vscode.commands.executeCommand(Commands.removeConnection, node(c));
    s.assertDone();
    assert.deepEqual(services.connections.list(), []);
    assert.equal(await storedKey(c.id), undefined);
  });

  it('switch changes the active connection, from the palette and from a node', async () => {
    const a = await services.connections.add({ label: 'Alpha', apiKey: GOOD_KEY, apiBase: emulator.url });
    const b = await services.connections.add({ label: 'Beta', apiKey: GOOD_KEY, apiBase: emulator.url });
    await services.connections.setActive(a.id);
    const s = prompts({ pick: 'Beta' });
    await vscode.commands.executeCommand(Commands.switchConnection);
    s.assertDone();
    assert.deepEqual(s.calls[0].items, ['Alpha', 'Beta'], 'the active one first');
    assert.equal(services.connections.active()?.id, b.id);
    await vscode.commands.executeCommand(Commands.switchConnection, node(a));
    assert.equal(services.connections.active()?.id, a.id);
  });

  it('replacing the key with one of the other mode needs a confirmation', async () => {
    const c = await services.connections.add({ label: 'Moder', apiKey: GOOD_KEY, apiBase: emulator.url });
    let s = prompts({ input: LIVE_KEY }, { button: undefined });
    await vscode.commands.executeCommand(Commands.replaceApiKey, node(c));
    s.assertDone();
    assert.equal(services.connections.get(c.id)?.mode, 'test');
    assert.equal(await storedKey(c.id), GOOD_KEY);

    s = prompts({ input: LIVE_KEY }, { button: 'Use the Live Key' });
    await vscode.commands.executeCommand(Commands.replaceApiKey, node(c));
    s.assertDone();
    assert.equal(services.connections.get(c.id)?.mode, 'live');
    assert.equal(await storedKey(c.id), LIVE_KEY);
  });

  it('an invalid key met by any command offers Re-enter API Key for that connection', async () => {
    const c = await services.connections.add({ label: 'Stale key', apiKey: BAD_KEY, apiBase: emulator.url });
    const s = prompts(
      { pick: 'Find by exact name…' },
      { pick: 'Account' },
      { input: 'anything' },
      { button: 'Re-enter API Key' },
      { input: GOOD_KEY },
    );
    await vscode.commands.executeCommand(Commands.goToSecret);
    s.assertDone();
    const error = s.calls.find((call) => call.kind === 'error')!;
    assert.deepEqual(error.items, ['Re-enter API Key', 'Show Log']);
    assert.equal(await storedKey(c.id), GOOD_KEY);
  });

  it('a key deleted from SecretStorage elsewhere drops the cached client', async () => {
    const c = await services.connections.add({ label: 'Shared', apiKey: GOOD_KEY, apiBase: emulator.url });
    await (await services.connections.client(c.id)).verify();
    const changed = new Promise<void>((resolve) => {
      const sub = services.connections.onDidChange(() => {
        sub.dispose();
        resolve();
      });
    });
    await services.context.secrets.delete(StorageKeys.apiKeyPrefix + c.id);
    await changed;
    await assert.rejects(
      services.connections.client(c.id),
      (e: { kind?: string; message: string }) => e.kind === 'invalid_key' && /no API key on this machine/.test(e.message),
    );
  });

  it('user scopes: added from the connection, duplicates and invalid ids refused, removed without deleting secrets', async () => {
    const c = await services.connections.add({ label: 'Users', apiKey: GOOD_KEY, apiBase: emulator.url });
    let s = prompts({ input: 'usr_one' });
    await vscode.commands.executeCommand(Commands.addUserScope, node(c));
    s.assertDone();
    s = prompts(
      { input: 'usr_one', invalid: /already listed/ },
      { input: TOO_LONG_ID, invalid: /is not a user id: / },
      { input: 'usr_two' },
    );
    await vscode.commands.executeCommand(Commands.addUserScope, { kind: 'users', connectionId: c.id } satisfies TreeNode);
    s.assertDone();
    assert.deepEqual(services.connections.get(c.id)?.userIds, ['usr_one', 'usr_two']);

    const scope: ScopeNode = { kind: 'scope', connectionId: c.id, scope: { type: 'user', user: 'usr_one' } };
    s = prompts();
    await vscode.commands.executeCommand(Commands.removeUserScope, scope);
    s.assertDone();
    assert.deepEqual(services.connections.get(c.id)?.userIds, ['usr_two']);
    assert.match(s.calls.find((call) => call.kind === 'info')?.text ?? '', /not deleted/);

    s = prompts({ pick: 'usr_two' });
    await vscode.commands.executeCommand(Commands.removeUserScope);
    s.assertDone();
    assert.deepEqual(services.connections.get(c.id)?.userIds, []);
  });

  it('a pasted list of user ids: separated by commas, spaces or line breaks, all added in one change, listed ones skipped', async () => {
    const c = await services.connections.add({ label: 'Paste', apiKey: GOOD_KEY, apiBase: emulator.url, userIds: ['usr_listed'] });
    let changes = 0;
    const sub = services.connections.onDidChange(() => changes++);
    try {
      const s = prompts(
        { input: `usr_a, ${TOO_LONG_ID}\nusr_b`, invalid: /^"x{36}…" is not a user id: .*nothing is added until every id is valid\.$/ },
        { input: ' , \n', invalid: /Paste several/ },
        { input: 'usr_listed usr_listed', invalid: /already listed/ },
        { input: 'usr_a, usr_b\nusr_listed;usr_c usr_a\tusr_d' },
      );
      await vscode.commands.executeCommand(Commands.addUserScope, node(c));
      s.assertDone();
      assert.deepEqual(services.connections.get(c.id)?.userIds, ['usr_listed', 'usr_a', 'usr_b', 'usr_c', 'usr_d']);
      assert.equal(changes, 1, 'one change for the whole list');
      assert.equal(
        s.calls.find((call) => call.kind === 'info')?.text,
        'Added 4 user scopes to "Paste"; skipped 1 already listed ("usr_listed").',
      );
    } finally {
      sub.dispose();
    }
  });

  it('the local emulator command loads the server only then, adds (then reuses) an active "Local emulator" connection; stopping keeps it', async () => {
    // Starting, restarting and stopping ask nothing: an unexpected prompt fails assertDone below.
    const s = prompts();
    await vscode.commands.executeCommand(Commands.startEmulator);
    assert.ok(loadedParts().includes('emulatorServer.js'), 'the emulator server is loaded from its own file once started');
    const first = services.connections.active()!;
    assert.equal(first.label, 'Local emulator');
    assert.equal(first.emulator, true);
    assert.deepEqual(first.userIds, [...DEMO_USER_IDS]);
    const account = await (await services.connections.client(first.id)).list({ type: 'account' });
    assert.ok(account.length > 0, 'demo data is served');

    await vscode.commands.executeCommand(Commands.stopEmulator);
    await vscode.commands.executeCommand(Commands.startEmulator);
    assert.equal(services.connections.list().length, 1);
    assert.equal(services.connections.active()?.id, first.id);

    await vscode.commands.executeCommand(Commands.stopEmulator);
    assert.equal(services.connections.list().length, 1, 'the connection stays');
    const provider: vscode.TreeDataProvider<TreeNode> = testApi().tree;
    const rows = await provider.getChildren({ kind: 'scope', connectionId: first.id, scope: { type: 'account' } });
    assert.equal(rows?.length, 1);
    const row = rows![0];
    assert.ok(row.kind === 'message' && row.error);
    assert.match(row.message, /Is the local emulator running\?/);
    s.assertDone();
  });

  it('a live connection added while another is active asks first, Keep being the first button; a test one switches without asking', async () => {
    const first = await services.connections.add({ label: 'Test first', apiKey: GOOD_KEY, apiBase: emulator.url });
    await services.connections.setActive(first.id);

    let s = prompts(...addAnswers('Prod', LIVE_KEY), {
      button: "Keep 'Test first'",
      expect: /^Make "Prod" \(LIVE\) the active connection\?$/,
    });
    await vscode.commands.executeCommand(Commands.addConnection);
    s.assertDone();
    const question = s.calls.find((call) => call.kind === 'warning');
    assert.ok(question?.modal, 'a modal question');
    assert.deepEqual(question.items, ["Keep 'Test first'", 'Make Active'], 'the safe choice comes first (the default button)');
    assert.equal(services.connections.active()?.id, first.id, 'Keep leaves the active connection alone');
    assert.ok(
      services.connections.list().some((c) => c.label === 'Prod' && c.mode === 'live'),
      'the live connection was still added',
    );
    assert.match(
      s.calls.find((call) => call.kind === 'info')?.text ?? '',
      /^Connected "Prod" \(LIVE\); "Test first" stays the active connection/,
    );
    s.restore();

    s = prompts(...addAnswers('Prod 2', LIVE_KEY), { button: 'Make Active' });
    await vscode.commands.executeCommand(Commands.addConnection);
    s.assertDone();
    assert.equal(services.connections.active()?.label, 'Prod 2');
    assert.match(s.calls.find((call) => call.kind === 'info')?.text ?? '', /it is now the active connection/);
    s.restore();

    s = prompts(...addAnswers('Test second', GOOD_KEY));
    await vscode.commands.executeCommand(Commands.addConnection);
    s.assertDone();
    assert.equal(services.connections.active()?.label, 'Test second', 'a test connection becomes active as before');
  });

  it('a live connection added when there is none becomes active without a question', async () => {
    const s = prompts(...addAnswers('Only live', LIVE_KEY));
    await vscode.commands.executeCommand(Commands.addConnection);
    s.assertDone();
    assert.equal(services.connections.active()?.label, 'Only live');
  });

  it('Start Local Emulator never switches away from another active connection: it says so and offers Make Active', async () => {
    const mine = await services.connections.add({ label: 'Mine', apiKey: GOOD_KEY, apiBase: emulator.url });
    await services.connections.setActive(mine.id);
    try {
      let s = prompts();
      await vscode.commands.executeCommand(Commands.startEmulator);
      s.assertDone();
      const local = services.connections.list().find((c) => c.emulator);
      assert.ok(local, 'the emulator connection was added');
      assert.equal(services.connections.active()?.id, mine.id, 'the active connection did not change');
      const note = s.calls.find((call) => call.kind === 'info');
      assert.match(note?.text ?? '', /"Mine" stays the active connection/);
      assert.deepEqual(note?.items, ['Make Active']);
      s.restore();

      s = prompts({ button: 'Make Active' });
      await vscode.commands.executeCommand(Commands.startEmulator);
      await until('Make Active switches to the emulator connection', () => services.connections.active()?.id === local.id, 5000);
      s.assertDone();
    } finally {
      await vscode.commands.executeCommand(Commands.stopEmulator);
    }
  });

  it('the in-window emulator and the demo connection have names that do not share a prefix', () => {
    assert.ok(!DEMO_CONNECTION_LABEL.startsWith('Local emulator'), DEMO_CONNECTION_LABEL);
    assert.ok(!DEMO_CONNECTION_LABEL.toLowerCase().includes(EMULATOR_CONNECTION_LABEL.toLowerCase()), DEMO_CONNECTION_LABEL);
  });
});
