/**
 * The secrets tree inside a real VS Code, read through its TreeDataProvider (the same calls the
 * view makes), against a demo-seeded emulator in this process whose clock runs two days behind, so
 * a secret it still serves can already be expired for the tree.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../../src/constants';
import { DEMO_USER_IDS, startEmulator, type EmulatorHandle } from '../../../src/emulator';
import type { SecretScope } from '../../../src/model/types';
import type { ConnectionInfo, ConnectionNode, MessageNode, ScopeNode, SecretNode, Services, TreeNode } from '../../../src/services';
import { extensionServices, removeAllConnections, testApi } from './helpers/extension';
import { scriptPrompts, type PromptScript } from './helpers/fakePrompts';
import { ACCOUNT, DAY, nowSeconds } from './helpers/fixtures';

describe('Secrets tree', function () {
  this.timeout(30_000);
  let emulator: EmulatorHandle;
  let services: Services;
  let provider: vscode.TreeDataProvider<TreeNode>;
  let connection: ConnectionInfo;
  let script: PromptScript | undefined;

  const listRequests = () => emulator.requests().filter((r) => r.method === 'GET' && r.path === '/v1/apps/secrets').length;
  const children = async (node?: TreeNode) => (await provider.getChildren(node)) ?? [];
  const item = async (node: TreeNode) => provider.getTreeItem(node);
  const scopeNode = (scope: SecretScope): ScopeNode => ({ kind: 'scope', connectionId: connection.id, scope });

  async function connectionNode(): Promise<ConnectionNode> {
    const roots = await children();
    const node = roots.find((n) => n.kind === 'connection' && n.connectionId === connection.id);
    assert.ok(node && node.kind === 'connection');
    return node;
  }

  async function secretRows(scope: SecretScope): Promise<SecretNode[]> {
    return (await children(scopeNode(scope))).filter((n): n is SecretNode => n.kind === 'secret');
  }

  before(async () => {
    services = await extensionServices();
    provider = testApi().tree;
    await removeAllConnections(services);
    emulator = await startEmulator({ seed: 'demo', now: () => Date.now() - 2 * DAY * 1000 });
    connection = await services.connections.add({
      label: 'Tree test',
      apiKey: emulator.testKey,
      apiBase: emulator.url,
      userIds: [...DEMO_USER_IDS],
    });
    await services.connections.setActive(connection.id);
  });
  afterEach(() => {
    script?.restore();
    script = undefined;
    emulator.clearFaults();
  });
  after(async () => {
    await removeAllConnections(services);
    await emulator?.close();
  });

  it('a connection shows Account and Users, tagged for the manifest menus', async () => {
    const conn = await connectionNode();
    const connItem = await item(conn);
    assert.equal(connItem.label, 'Tree test');
    assert.equal(connItem.contextValue, 'connection;active;test');
    assert.match(
      String(connItem.description),
      /^TEST · active$/,
      'the API host stays in the tooltip, so a narrow sidebar shows the row whole',
    );

    const [account, users] = await children(conn);
    assert.deepEqual(account, scopeNode(ACCOUNT));
    assert.equal(users.kind, 'users');
    assert.equal((await item(account)).contextValue, 'scope;account;');
    assert.equal((await item(users)).contextValue, 'users;');
    const userScopes = await children(users);
    assert.deepEqual(
      userScopes.map((n) => n.kind === 'scope' && n.scope.type === 'user' && n.scope.user),
      [...DEMO_USER_IDS],
    );
    assert.equal((await item(userScopes[0])).contextValue, 'scope;user;');
  });

  it('loads a scope when expanded and then shows its fill', async () => {
    services.tree.refresh(connection.id);
    const before = listRequests();
    const account = scopeNode(ACCOUNT);
    const rows = await secretRows(ACCOUNT);
    assert.equal(listRequests() - before, 1);
    const stored = emulator.secrets('test').filter((s) => s.scope.type === 'account').length;
    assert.equal(rows.length, stored);
    assert.equal((await item(account)).description, `${stored}/10`);
    assert.deepEqual(
      rows.map((r) => r.secret.name),
      [...rows.map((r) => r.secret.name)].sort((a, b) => a.localeCompare(b)),
    );
    for (const row of rows) {
      const rowItem = await item(row);
      assert.equal(rowItem.label, row.secret.name);
      assert.match(String(rowItem.contextValue), /^secret;(ok|soon|expired|none);$/);
      // appendText escapes Markdown (appsecret\_…): compare the text as rendered.
      const tooltip = (rowItem.tooltip as vscode.MarkdownString).value.replace(/\\(.)/g, '$1');
      assert.ok(tooltip.includes(row.secret.id));
      const payload = emulator.secrets('test').find((s) => s.id === row.secret.id)!.payload;
      assert.ok(!tooltip.includes(payload) && !String(rowItem.description).includes(payload), 'values never appear');
    }
    await children(account);
    assert.equal(listRequests() - before, 1, 'served from the cache afterwards');
    assert.deepEqual(services.tree.cachedScope(connection.id, ACCOUNT)?.length, stored);
  });

  it('marks expired, expiring-soon and lasting secrets', async () => {
    const user = DEMO_USER_IDS[0];
    const scope: SecretScope = { type: 'user', user };
    const store = emulator.secrets('test');
    const add = (name: string, expiresAt: number | null) =>
      store.push({ id: `appsecret_${name}`, name, scope, payload: `value-of-${name}`, created: nowSeconds() - DAY * 3, expiresAt });
    add('tree_expired', nowSeconds() - DAY);
    add('tree_soon', nowSeconds() + 2 * DAY + 3600);
    add('tree_later', nowSeconds() + 90 * DAY);
    add('tree_never', null);
    services.tree.refreshScope(connection.id, scope);
    const rows = await secretRows(scope);
    const byName = async (name: string) => item(rows.find((r) => r.secret.name === name)!);
    const expired = await byName('tree_expired');
    assert.equal(expired.contextValue, 'secret;expired;');
    assert.equal(expired.description, 'expired');
    assert.equal((expired.iconPath as vscode.ThemeIcon).id, 'error');
    const soon = await byName('tree_soon');
    assert.equal(soon.contextValue, 'secret;soon;');
    assert.equal(soon.description, 'expires in 2 days');
    assert.equal((soon.iconPath as vscode.ThemeIcon).id, 'warning');
    const later = await byName('tree_later');
    assert.equal(later.contextValue, 'secret;ok;');
    assert.equal((later.iconPath as vscode.ThemeIcon).id, 'key');
    assert.equal((await byName('tree_never')).contextValue, 'secret;none;');
  });

  it('redraws a scope when one of its rows expires, without reloading it', async () => {
    const user = 'usr_TreeExpiring';
    const scope: SecretScope = { type: 'user', user };
    const isScope = (n: TreeNode | undefined) =>
      n?.kind === 'scope' && n.connectionId === connection.id && n.scope.type === 'user' && n.scope.user === user;
    const store = emulator.secrets('test');
    // 2-3 s of life for the tree's clock; the emulator's runs two days behind, so it keeps serving it.
    const expiresAt = Math.ceil(Date.now() / 1000) + 2;
    store.push({
      id: 'appsecret_treeExpiring',
      name: 'tree_expiring',
      scope,
      payload: 'value-of-tree_expiring',
      created: nowSeconds(),
      expiresAt,
    });
    await services.connections.addUserId(connection.id, user);
    try {
      let firedAt: number | undefined;
      let sub: vscode.Disposable | undefined;
      const fired = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no change event for the scope within 5 s of loading it')), 5000);
        sub = provider.onDidChangeTreeData!((e) => {
          if ((Array.isArray(e) ? e : [e]).some((n) => isScope(n as TreeNode | undefined))) {
            firedAt ??= Date.now();
            clearTimeout(timer);
            resolve();
          }
        });
      });
      const [row] = await secretRows(scope);
      const before = listRequests();
      assert.equal(row.secret.name, 'tree_expiring');
      assert.equal((await item(row)).description, 'expires in less than a minute');
      try {
        await fired;
      } finally {
        sub?.dispose();
      }
      assert.ok(firedAt! >= expiresAt * 1000, 'fired once the expiry passed, not before');
      const [again] = await secretRows(scope);
      assert.equal(again, row);
      const redrawn = await item(again);
      assert.equal(redrawn.description, 'expired');
      assert.equal(redrawn.contextValue, 'secret;expired;');
      assert.equal(listRequests(), before, 'the scope was redrawn from its cached listing, not reloaded');
    } finally {
      store.splice(
        store.findIndex((s) => s.id === 'appsecret_treeExpiring'),
        1,
      );
      await services.connections.removeUserId(connection.id, user);
    }
  });

  it('a failed load shows an error row with the reason; clicking it retries', async () => {
    const scope: SecretScope = { type: 'user', user: DEMO_USER_IDS[1] };
    emulator.injectFault({ kind: 'status', status: 403, count: 1 });
    services.tree.refreshScope(connection.id, scope);
    const rows = await children(scopeNode(scope));
    assert.equal(rows.length, 1);
    const row = rows[0] as MessageNode;
    assert.equal(row.kind, 'message');
    assert.ok(row.error);
    assert.match(row.message, /^Couldn't load: .*Request-Id req_/);
    const rowItem = await item(row);
    assert.equal((rowItem.iconPath as vscode.ThemeIcon).id, 'error');
    assert.equal((await item(scopeNode(scope))).description, 'not loaded');
    assert.equal(services.tree.cachedScope(connection.id, scope), undefined, 'a failed scope is not an empty one');
    assert.equal(rowItem.command?.command, Commands.refresh);

    await vscode.commands.executeCommand(rowItem.command!.command, ...(rowItem.command!.arguments ?? []));
    const again = await secretRows(scope);
    assert.ok(again.length > 0);
    assert.equal((await item(scopeNode(scope))).description, `${again.length}/10`);
  });

  it('an empty scope shows a hint row that sets a secret there', async () => {
    await services.connections.addUserId(connection.id, 'usr_TreeEmpty');
    const rows = await children(scopeNode({ type: 'user', user: 'usr_TreeEmpty' }));
    assert.equal(rows.length, 1);
    const hint = rows[0] as MessageNode;
    assert.ok(hint.kind === 'message' && !hint.error);
    const hintItem = await item(hint);
    assert.match(String(hintItem.label), /No secrets\. Set one/);
    assert.equal(hintItem.command?.command, Commands.setSecret);
    assert.deepEqual(hintItem.command?.arguments, [hint]);
    await services.connections.removeUserId(connection.id, 'usr_TreeEmpty');
  });

  it('refreshScope reloads only that scope, then fires its row once, keeping node objects stable', async () => {
    const user: SecretScope = { type: 'user', user: DEMO_USER_IDS[2] };
    const firstAccount = await secretRows(ACCOUNT);
    await secretRows(user);
    let fired: Array<TreeNode | undefined> = [];
    let firedOnce!: () => void;
    const firedPromise = new Promise<void>((resolve) => {
      firedOnce = resolve;
    });
    const sub = provider.onDidChangeTreeData!((e) => {
      fired = fired.concat(Array.isArray(e) ? e : [e as TreeNode | undefined]);
      firedOnce();
    });
    const before = listRequests();
    services.tree.refreshScope(connection.id, ACCOUNT);
    assert.deepEqual(fired, [], 'the row fires only after the fresh listing is in, so one fetch draws fill and rows');
    await firedPromise;
    assert.equal(listRequests() - before, 1, 'loaded before the event');
    sub.dispose();
    assert.deepEqual(fired, [scopeNode(ACCOUNT)]);
    const secondAccount = await secretRows(ACCOUNT);
    await secretRows(user);
    assert.equal(listRequests() - before, 1);
    assert.equal(secondAccount[0], firstAccount[0], 'the same node object for the same secret');
    assert.equal(provider.getParent!(secondAccount[0]), fired[0]);
  });

  it('getParent leads from a user secret to its connection (for reveal)', async () => {
    const scope: SecretScope = { type: 'user', user: DEMO_USER_IDS[0] };
    const [row] = await secretRows(scope);
    const scopeParent = await provider.getParent!(row);
    assert.deepEqual(scopeParent, scopeNode(scope));
    const users = await provider.getParent!(scopeParent!);
    assert.equal(users?.kind, 'users');
    const conn = await provider.getParent!(users!);
    assert.equal(conn, await connectionNode());
  });

  it('setBusy shows "Deleting…" on that row only, and clears', async () => {
    const [first, second] = await secretRows(ACCOUNT);
    services.tree.setBusy(connection.id, ACCOUNT, first.secret.name, 'Deleting…');
    assert.equal((await item(first)).description, 'Deleting…');
    assert.notEqual((await item(second)).description, 'Deleting…');
    services.tree.setBusy(connection.id, ACCOUNT, first.secret.name, undefined);
    assert.notEqual((await item(first)).description, 'Deleting…');
  });

  it('loadedSecrets lists every loaded scope', async () => {
    await secretRows(ACCOUNT);
    const loaded = services.tree.loadedSecrets().filter((n) => n.connectionId === connection.id);
    assert.ok(loaded.some((n) => n.scope.type === 'account'));
    assert.ok(loaded.some((n) => n.scope.type === 'user'));
  });

  it('Go to Secret finds by exact name, selects the row and offers the actions', async () => {
    script = scriptPrompts(services, [
      { pick: 'Find by exact name…' },
      { pick: 'Account' },
      { input: 'slack_bot_token' },
      { cancel: true },
    ]);
    await vscode.commands.executeCommand(Commands.goToSecret);
    script.assertDone();
    const actions = script.calls[script.calls.length - 1];
    assert.match(actions.text, /slack_bot_token/);
    assert.deepEqual(actions.items, ['Reveal', 'Edit', 'Copy value']);
    assert.equal(emulator.requests().filter((r) => r.path === '/v1/apps/secrets/find').length > 0, true);
  });

  it('Go to Secret finds a secret in a user scope the tree does not list, without a row to reveal', async () => {
    const scope: SecretScope = { type: 'user', user: 'usr_NotInTheTree' };
    emulator.secrets('test').push({
      id: 'appsecret_unlisted',
      name: 'unlisted_token',
      scope,
      payload: 'value-of-unlisted',
      created: nowSeconds(),
      expiresAt: null,
    });
    script = scriptPrompts(services, [
      { pick: 'Find by exact name…' },
      { pick: 'Another user id…' },
      { input: 'usr_NotInTheTree' },
      { input: 'unlisted_token' },
      { cancel: true },
    ]);
    await vscode.commands.executeCommand(Commands.goToSecret);
    script.assertDone();
    assert.deepEqual(script.errors(), []);
    assert.match(script.calls[script.calls.length - 1].text, /unlisted_token/);
    assert.ok(!services.tree.loadedSecrets().some((n) => n.secret.name === 'unlisted_token'), 'an unlisted scope is not offered as loaded');
  });

  it('Go to Secret says so clearly when no secret has that name', async () => {
    script = scriptPrompts(services, [{ pick: 'Find by exact name…' }, { pick: 'Account' }, { input: 'no_such_secret' }]);
    await vscode.commands.executeCommand(Commands.goToSecret);
    script.assertDone();
    assert.deepEqual(script.errors(), []);
    const info = script.calls.find((c) => c.kind === 'info');
    assert.match(info?.text ?? '', /no secret named "no_such_secret" in Account of "Tree test"/);
  });

  it('Go to Secret picks among loaded secrets with connection and scope', async () => {
    await secretRows(ACCOUNT);
    script = scriptPrompts(services, [{ pick: 'database_url' }, { cancel: true }]);
    await vscode.commands.executeCommand(Commands.goToSecret);
    script.assertDone();
    const [list] = script.calls;
    assert.equal(list.items[0], 'Find by exact name…');
    assert.ok(list.items.includes('database_url'));
  });

  it('removing a connection removes it from the tree', async () => {
    const other = await services.connections.add({ label: 'Short-lived', apiKey: emulator.testKey, apiBase: emulator.url });
    assert.ok((await children()).some((n) => n.connectionId === other.id));
    await services.connections.remove(other.id);
    assert.ok(!(await children()).some((n) => n.connectionId === other.id));
  });
});
