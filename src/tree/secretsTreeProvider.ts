import * as vscode from 'vscode';
import { Commands, ContextKeys, TREE_VIEW_ID, type Settings } from '../constants';
import { scopeKey, sameScope } from '../model/scope';
import type { SecretMeta, SecretScope } from '../model/types';
import type {
  AccountNode,
  ConnectionInfo,
  ConnectionManager,
  ConnectionNode,
  MessageNode,
  ScopeNode,
  SecretNode,
  SecretsTree,
  SecretsViewNode,
  UsersNode,
} from '../services';
import { accountsOf, findAccount, hasAddedAccounts, userIdsOf } from '../model/accounts';
import { AccountTreeItem } from './accountItem';
import { shortReason } from '../ui/errorReport';
import { ConnectionTreeItem } from './connectionItem';
import { MessageTreeItem } from './messageItem';
import { cacheKey, ScopeCache, type ScopeEntry } from './scopeCache';
import { RefreshScheduler, type ScheduledTree } from './refreshScheduler';
import { ScopeTreeItem } from './scopeItem';
import { SecretTreeItem } from './secretItem';
import { UsersTreeItem } from './usersItem';
import { CodeNameTreeItem, markUnused, missingNames, type CodeNames } from './codeUsage';
import type { CodeNameNode } from '../services';

/** A stable key per node: VS Code matches nodes by object identity, and TreeItem.id by this key. */
function nodeKey(node: SecretsViewNode): string {
  // The own account adds nothing, so a connection without added accounts keeps the keys it always had.
  const on = (parts: unknown[]) => JSON.stringify('account' in node && node.account !== undefined ? [...parts, node.account] : parts);
  switch (node.kind) {
    case 'connection':
      return JSON.stringify(['c', node.connectionId]);
    case 'account':
      return JSON.stringify(['a', node.connectionId, node.account ?? '']);
    case 'users':
      return on(['u', node.connectionId]);
    case 'scope':
      return on(['s', node.connectionId, scopeKey(node.scope)]);
    case 'secret':
      return on(['x', node.connectionId, scopeKey(node.scope), node.secret.name]);
    case 'message':
      return on(['m', node.connectionId, node.scope ? scopeKey(node.scope) : 'users', node.error === true]);
    case 'codeName':
      return on(['n', node.connectionId, scopeKey(node.scope), node.name]);
  }
}

function withAccount<T extends SecretsViewNode>(node: T, account: string | undefined): T {
  return account === undefined ? node : { ...node, account };
}

/** A connection's key material and address: when it changes, its cached listings are no longer trusted. */
function signature(c: ConnectionInfo): string {
  return JSON.stringify([c.mode, c.keyLast4, c.keyKind, c.stripeAccount ?? '', c.stripeContext ?? '', c.apiBase ?? '']);
}

/**
 * Connection -> Account scope -> secrets, and connection -> Users -> user scopes -> secrets. Scopes
 * load when expanded, are cached, and reload per scope; getChildren never shows UI: a failed load
 * becomes an error row.
 */
export class SecretsTreeProvider implements vscode.TreeDataProvider<SecretsViewNode>, SecretsTree, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<SecretsViewNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  /** Set while a change only redraws rows (code names, expiry wording, busy labels): no listing changed. */
  private redrawing = false;
  /**
   * Fires when a listing may have changed: the tree's changes except redraws. Code insight drops
   * its own listings on it, so a redraw firing it would cost a list request per index change.
   */
  readonly onDidChangeListings: vscode.Event<void> = (listener, thisArgs, disposables) =>
    this.changed.event(
      () => {
        if (!this.redrawing) listener.call(thisArgs);
      },
      undefined,
      disposables,
    );
  private readonly cache: ScopeCache;
  private readonly nodes = new Map<string, SecretsViewNode>();
  private readonly busy = new Map<string, string>();
  private readonly expanded = new Set<string>();
  private readonly signatures = new Map<string, string>();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly scheduler: RefreshScheduler<ScopeNode>;
  private view: vscode.TreeView<SecretsViewNode> | undefined;
  /** What the workspace's code reads (set by code insight once the view exists). */
  private codeNames: CodeNames | undefined;

  constructor(
    private readonly connections: ConnectionManager,
    private readonly settings: () => Settings,
    private readonly now: () => number = Date.now,
  ) {
    this.cache = new ScopeCache(now);
    this.scheduler = new RefreshScheduler(this.scheduledTree(), now);
    for (const c of connections.list()) this.signatures.set(c.id, signature(c));
    this.disposables.push(
      this.changed,
      connections.onDidChange(() => this.onConnectionsChanged()),
      vscode.window.onDidChangeWindowState((state) => {
        if (state.focused) this.scheduler.windowFocused();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('stripeSecrets.autoRefreshSeconds')) this.scheduler.startAutoRefresh();
        if (e.affectsConfiguration('stripeSecrets.expiringSoonDays')) {
          this.redraw(undefined);
          this.scheduler.scheduleExpiryRedraw();
        }
      }),
    );
    this.scheduler.startAutoRefresh();
  }

  /** Creates the view; the provider follows its expand/collapse to know which scopes to keep fresh. */
  createView(): vscode.TreeView<SecretsViewNode> {
    const view = vscode.window.createTreeView(TREE_VIEW_ID, { treeDataProvider: this, canSelectMany: true, showCollapseAll: true });
    this.view = view;
    this.disposables.push(
      view,
      view.onDidExpandElement((e) => {
        if (e.element.kind === 'scope') this.expanded.add(nodeKey(e.element));
      }),
      view.onDidExpandElement((e) => {
        // eslint-disable-next-line @typescript-eslint/no-floating-promises -- a context key: nothing waits for the round trip to the window
        if (e.element.kind === 'scope') void vscode.commands.executeCommand('setContext', ContextKeys.openedScope, true);
      }),
      view.onDidCollapseElement((e) => {
        if (e.element.kind === 'scope') this.expanded.delete(nodeKey(e.element));
      }),
    );
    return view;
  }

  /** Marks secrets no code reads and lists names the code reads that a scope lacks; redraws when they change. */
  showCodeNames(names: CodeNames): vscode.Disposable {
    this.codeNames = names;
    return names.onDidChange(() => this.redraw(undefined));
  }

  dispose(): void {
    this.scheduler.dispose();
    for (const d of this.disposables) d.dispose();
  }

  // --- TreeDataProvider ---

  getTreeItem(node: SecretsViewNode): vscode.TreeItem {
    const id = nodeKey(node);
    switch (node.kind) {
      case 'connection': {
        const info = this.connections.get(node.connectionId);
        if (!info) return new vscode.TreeItem('(removed connection)');
        // A connection synced from another machine without its key: the row says so and loads nothing.
        return new ConnectionTreeItem(id, info, this.connections.active()?.id === info.id, this.connections.keyMissing(info.id));
      }
      case 'account': {
        const info = this.connections.get(node.connectionId);
        const view = info && findAccount(info, node.account);
        if (!info || !view) return new vscode.TreeItem('(removed account)');
        return new AccountTreeItem(id, view, info);
      }
      case 'users': {
        const info = this.connections.get(node.connectionId);
        return new UsersTreeItem(id, info ? userIdsOf(info, node.account).length : 0);
      }
      case 'scope':
        return new ScopeTreeItem(id, node.scope, this.cache.get(node.connectionId, node.scope, node.account));
      case 'secret': {
        const item = new SecretTreeItem(id, node.secret, this.busy.get(id), this.settings().expiringSoonDays, this.now());
        if (this.codeNames) markUnused(item, node, this.codeNames);
        return item;
      }
      case 'message':
        return new MessageTreeItem(id, node, this.messageCommand(node));
      case 'codeName':
        return new CodeNameTreeItem(id, node);
    }
  }

  async getChildren(node?: SecretsViewNode): Promise<SecretsViewNode[]> {
    if (!node) return this.connections.list().map((c) => this.stable<ConnectionNode>({ kind: 'connection', connectionId: c.id }));
    const info = this.connections.get(node.connectionId);
    if (!info) return [];
    switch (node.kind) {
      case 'connection':
        if (!(await this.connections.hasKey(info.id))) return [];
        if (hasAddedAccounts(info))
          return accountsOf(info).map((a) => this.stable(withAccount<AccountNode>({ kind: 'account', connectionId: info.id }, a.account)));
        return this.accountChildren(info.id, undefined);
      case 'account':
        return findAccount(info, node.account) ? this.accountChildren(info.id, node.account) : [];
      case 'users': {
        const userIds = userIdsOf(info, node.account);
        if (userIds.length === 0)
          return [
            this.stable(
              withAccount<MessageNode>({ kind: 'message', connectionId: info.id, message: 'No user scopes. Add one…' }, node.account),
            ),
          ];
        await Promise.all(userIds.map((user) => this.ensureLoaded(info.id, { type: 'user', user }, node.account)));
        return userIds.map((user) => this.scopeNode(info.id, { type: 'user', user }, node.account));
      }
      case 'scope':
        return this.scopeChildren(info, node);
      case 'codeName':
      case 'message':
      case 'secret':
      default:
        return [];
    }
  }

  getParent(node: SecretsViewNode): SecretsViewNode | undefined {
    switch (node.kind) {
      case 'connection':
        return undefined;
      case 'account':
        return this.stable<ConnectionNode>({ kind: 'connection', connectionId: node.connectionId });
      case 'users':
        return this.accountRow(node.connectionId, node.account);
      case 'scope':
        return node.scope.type === 'account'
          ? this.accountRow(node.connectionId, node.account)
          : this.usersNode(node.connectionId, node.account);
      case 'secret':
        return this.scopeNode(node.connectionId, node.scope, node.account);
      case 'message':
        return node.scope ? this.scopeNode(node.connectionId, node.scope, node.account) : this.usersNode(node.connectionId, node.account);
      case 'codeName':
        return this.scopeNode(node.connectionId, node.scope, node.account);
    }
  }

  // --- SecretsTree ---

  /**
   * Loads the scope afresh, then fires its row once: the new fill and the children render from one
   * fetch. Firing first and loading inside getChildren would need a second event for the fill, and
   * two overlapping fetches of one element make VS Code throw "Element with id … is already registered".
   */
  refreshScope(connectionId: string, scope: SecretScope, account?: string): void {
    this.cache.invalidate(connectionId, scope, account);
    if (!this.shown(connectionId, scope, account)) return;
    const node = this.scopeNode(connectionId, scope, account);
    this.scheduler.trackReload(
      nodeKey(node),
      this.ensureLoaded(connectionId, scope, account).then(() => this.fireScope(node)),
    );
  }

  refresh(connectionId?: string): void {
    this.cache.invalidate(connectionId);
    this.changed.fire(connectionId === undefined ? undefined : this.stable<ConnectionNode>({ kind: 'connection', connectionId }));
  }

  setBusy(connectionId: string, scope: SecretScope, name: string, label: string | undefined, account?: string): void {
    const node = this.findSecretNode(connectionId, scope, name, account);
    if (!node) return;
    const key = nodeKey(node);
    if (label === undefined) this.busy.delete(key);
    else this.busy.set(key, label);
    this.redraw(node);
  }

  loadedSecrets(): SecretNode[] {
    const out: SecretNode[] = [];
    for (const { connectionId, scope, account, entry } of this.cache.all()) {
      if (entry.state !== 'loaded' || !this.shown(connectionId, scope, account)) continue;
      for (const secret of entry.secrets) out.push(this.secretNode(connectionId, scope, secret, account));
    }
    return out;
  }

  loading(): boolean {
    return this.cache.loading();
  }

  cachedScope(connectionId: string, scope: SecretScope, account?: string): SecretMeta[] | undefined {
    return this.cache.fresh(connectionId, scope, account);
  }

  listing(connectionId: string, scope: SecretScope, account?: string): Promise<SecretMeta[]> | undefined {
    if (!this.shown(connectionId, scope, account) || this.connections.keyMissing(connectionId)) return undefined;
    const drawnUnloaded = this.cache.get(connectionId, scope, account) === undefined;
    return this.ensureLoaded(connectionId, scope, account).then((entry) => {
      // A row drawn before this load shows no fill yet; no listing changed for anyone else.
      if (drawnUnloaded) this.redrawScopes([this.scopeNode(connectionId, scope, account)]);
      if (entry.state === 'failed') throw entry.error;
      return entry.secrets;
    });
  }

  async reveal(node: SecretNode, options: { focus?: boolean } = {}): Promise<void> {
    // A secret found in a user scope that the tree does not list has no row to reveal.
    if (!this.shown(node.connectionId, node.scope, node.account)) return;
    await this.settled(node.connectionId, node.scope, node.account);
    const target =
      this.findSecretNode(node.connectionId, node.scope, node.secret.name, node.account) ??
      this.scopeNode(node.connectionId, node.scope, node.account);
    await this.view?.reveal(target, { select: true, focus: options.focus ?? true, expand: true });
  }

  /**
   * VS Code tells extensions the selection, not the focused row, and a keybinding passes no row.
   * Toggling the focused row's selection (list.toggleSelection, which opens nothing) shows which row
   * it is; the toggle is then undone. A focused row inside the selection acts on the whole
   * selection, as a context menu does; one outside it becomes the selection.
   */
  async focusedRows(openMessage = false): Promise<{ node: SecretsViewNode; selection: SecretsViewNode[] } | undefined> {
    const view = this.view;
    if (!view) return undefined;
    const before = [...view.selection];
    // The selection event crosses from the window to the extension host (a remote one in a browser),
    // which takes over a second on a busy machine; the deadline is only for a list with no focused row.
    const changed = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 5000);
      const once = view.onDidChangeSelection(() => {
        clearTimeout(timer);
        once.dispose();
        resolve();
      });
    });
    await vscode.commands.executeCommand('list.toggleSelection');
    await changed;
    const after = view.selection;
    const removed = before.find((n) => !after.includes(n));
    const focused = removed ?? after.find((n) => !before.includes(n));
    if (!focused) return undefined;
    if (removed) await vscode.commands.executeCommand('list.toggleSelection');
    else await view.reveal(focused, { select: true, focus: true });
    if (focused.kind === 'message') {
      // Enter on "No secrets. Set one…" or an error row does what a click does.
      if (openMessage) {
        const command = this.messageCommand(focused);
        await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
      }
      return undefined;
    }
    return { node: focused, selection: removed ? before : [focused] };
  }

  async focusAfterRemoval(connectionId: string, scope: SecretScope, removed: readonly string[], account?: string): Promise<void> {
    if (!this.view || !this.shown(connectionId, scope, account) || removed.length === 0) return;
    await this.settled(connectionId, scope, account);
    const first = [...removed].sort((a, b) => a.localeCompare(b))[0];
    const names = [...(this.cache.fresh(connectionId, scope, account) ?? [])]
      .map((s) => s.name)
      .filter((n) => !removed.includes(n))
      .sort((a, b) => a.localeCompare(b));
    const name = names.find((n) => n.localeCompare(first) > 0) ?? names[names.length - 1];
    const target =
      (name !== undefined ? this.findSecretNode(connectionId, scope, name, account) : undefined) ??
      this.scopeNode(connectionId, scope, account);
    await this.view.reveal(target, { select: true, focus: true, expand: target.kind === 'scope' ? false : true });
  }

  /** Waits for a scope's reload and for VS Code's re-fetch of its rows, so a reveal finds them. */
  private async settled(connectionId: string, scope: SecretScope, account?: string): Promise<void> {
    const key = nodeKey(this.scopeNode(connectionId, scope, account));
    await this.scheduler.reloadOf(key);
    await this.ensureLoaded(connectionId, scope, account);
    // view.reveal fetches the scope's children itself when it does not know the row yet; doing so
    // while VS Code re-fetches them after a change event would register the rows twice.
    await this.scheduler.fetched(key, 3000);
  }

  // --- internals ---

  /** Whether the tree lists this scope: its connection and account exist and, for a user scope, the user was added there. */
  private shown(connectionId: string, scope: SecretScope, account?: string): boolean {
    const c = this.connections.get(connectionId);
    const view = c && findAccount(c, account);
    return view !== undefined && (scope.type === 'account' || view.userIds.includes(scope.user));
  }

  private async ensureLoaded(connectionId: string, scope: SecretScope, account?: string): Promise<ScopeEntry> {
    const entry = await this.cache.ensure(
      connectionId,
      scope,
      async () => (await this.connections.client(connectionId, account)).list(scope),
      account,
    );
    this.scheduler.scheduleExpiryRedraw();
    return entry;
  }

  /** An account's Account scope and Users; the scope is loaded first so its row shows its fill when first drawn. */
  private async accountChildren(connectionId: string, account: string | undefined): Promise<SecretsViewNode[]> {
    // Loaded before the rows are returned, so no change event for the scope races VS Code's own fetch.
    await this.ensureLoaded(connectionId, { type: 'account' }, account);
    return [this.scopeNode(connectionId, { type: 'account' }, account), this.usersNode(connectionId, account)];
  }

  /** The row an account's scopes hang from: its account row once accounts were added, else the connection. */
  private accountRow(connectionId: string, account: string | undefined): SecretsViewNode {
    const c = this.connections.get(connectionId);
    return account === undefined && !(c && hasAddedAccounts(c))
      ? this.stable<ConnectionNode>({ kind: 'connection', connectionId })
      : this.stable(withAccount<AccountNode>({ kind: 'account', connectionId }, account));
  }

  private usersNode(connectionId: string, account: string | undefined): UsersNode {
    return this.stable(withAccount<UsersNode>({ kind: 'users', connectionId }, account));
  }

  /** Fires a scope's row (and so its rows); reveal then waits for VS Code's re-fetch of an expanded one. */
  private fireScope(node: ScopeNode): void {
    const key = nodeKey(node);
    if (this.expanded.has(key)) this.scheduler.expectFetch(key);
    this.changed.fire(node);
  }

  /** What the scheduler reads and asks of this tree. */
  private scheduledTree(): ScheduledTree<ScopeNode> {
    return {
      loadedScopes: () => this.loadedScopes(),
      expiringSoonDays: () => this.settings().expiringSoonDays,
      autoRefreshSeconds: () => this.settings().autoRefreshSeconds,
      redrawScopes: (nodes) => this.redrawScopes(nodes),
      refreshOlderThan: (seconds) => this.refreshOlderThan(seconds),
    };
  }

  /** The loaded scopes the tree lists, for the expiry redraw timer. */
  private *loadedScopes(): Iterable<{ key: string; node: ScopeNode; secrets: readonly SecretMeta[] }> {
    for (const { connectionId, scope, account, entry } of this.cache.all()) {
      if (entry.state !== 'loaded' || !this.shown(connectionId, scope, account)) continue;
      const node = this.scopeNode(connectionId, scope, account);
      yield { key: nodeKey(node), node, secrets: entry.secrets };
    }
  }

  /** Fires rows whose drawing changed while their listing did not (onDidChangeListings stays quiet). */
  private redraw(node: SecretsViewNode | undefined): void {
    this.redrawing = true;
    try {
      this.changed.fire(node);
    } finally {
      this.redrawing = false;
    }
  }

  /**
   * Rows that crossed an expiry boundary are redrawn, not reloaded: Stripe deletes expired secrets
   * itself, and until the next refresh the row says 'expired'.
   */
  private redrawScopes(nodes: readonly ScopeNode[]): void {
    this.redrawing = true;
    try {
      for (const node of nodes) if (this.connections.get(node.connectionId)) this.fireScope(node);
    } finally {
      this.redrawing = false;
    }
  }

  private async scopeChildren(info: ConnectionInfo, node: ScopeNode): Promise<SecretsViewNode[]> {
    const key = nodeKey(node);
    const fetchEnded = this.scheduler.fetchStarted(key);
    try {
      const rows = await this.scopeRows(info, node);
      this.scheduler.scheduleExpiryRedraw(key);
      const entry = this.cache.get(info.id, node.scope, node.account);
      if (!this.codeNames || entry?.state !== 'loaded') return rows;
      return [
        ...rows,
        ...missingNames(this.codeNames, node.scope, entry.secrets).map((name) =>
          this.stable(withAccount<CodeNameNode>({ kind: 'codeName', connectionId: info.id, scope: node.scope, name }, node.account)),
        ),
      ];
    } finally {
      fetchEnded();
    }
  }

  private async scopeRows(info: ConnectionInfo, node: ScopeNode): Promise<SecretsViewNode[]> {
    await this.ensureLoaded(info.id, node.scope, node.account);
    const entry = this.cache.get(info.id, node.scope, node.account);
    if (!entry) return [];
    if (entry.state === 'failed') {
      const message = `Couldn't load: ${shortReason(entry.error, info.emulator === true)}`;
      const row = this.stable(
        withAccount<MessageNode>({ kind: 'message', connectionId: info.id, scope: node.scope, message, error: true }, node.account),
      );
      row.message = message;
      return [row];
    }
    if (entry.secrets.length === 0) {
      return [
        this.stable(
          withAccount<MessageNode>(
            { kind: 'message', connectionId: info.id, scope: node.scope, message: 'No secrets. Set one…' },
            node.account,
          ),
        ),
      ];
    }
    this.forgetSecretsMissingFrom(info.id, node.scope, entry.secrets, node.account);
    return [...entry.secrets]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((s) => this.secretNode(info.id, node.scope, s, node.account));
  }

  private messageCommand(node: MessageNode): vscode.Command {
    if (node.error) return { title: 'Retry', command: Commands.refresh, arguments: [node] };
    if (node.scope) return { title: 'Set Secret…', command: Commands.setSecret, arguments: [node] };
    return { title: 'Add User Scope…', command: Commands.addUserScope, arguments: [node] };
  }

  private stable<T extends SecretsViewNode>(node: T): T {
    const key = nodeKey(node);
    const existing = this.nodes.get(key);
    if (existing) return existing as T;
    this.nodes.set(key, node);
    return node;
  }

  private scopeNode(connectionId: string, scope: SecretScope, account?: string): ScopeNode {
    return this.stable(withAccount<ScopeNode>({ kind: 'scope', connectionId, scope }, account));
  }

  private secretNode(connectionId: string, scope: SecretScope, secret: SecretMeta, account?: string): SecretNode {
    const node = this.stable(withAccount<SecretNode>({ kind: 'secret', connectionId, scope, secret }, account));
    node.secret = secret;
    return node;
  }

  private findSecretNode(connectionId: string, scope: SecretScope, name: string, account?: string): SecretNode | undefined {
    const probe = withAccount<SecretNode>({ kind: 'secret', connectionId, scope, secret: { name } as SecretMeta }, account);
    const node = this.nodes.get(nodeKey(probe));
    return node?.kind === 'secret' ? node : undefined;
  }

  private forgetSecretsMissingFrom(connectionId: string, scope: SecretScope, secrets: readonly SecretMeta[], account?: string): void {
    const names = new Set(secrets.map((s) => s.name));
    for (const [key, node] of this.nodes) {
      if (
        node.kind === 'secret' &&
        node.connectionId === connectionId &&
        node.account === account &&
        sameScope(node.scope, scope) &&
        !names.has(node.secret.name)
      ) {
        this.nodes.delete(key);
        this.busy.delete(key);
      }
    }
  }

  private onConnectionsChanged(): void {
    const all = this.connections.list();
    const ids = new Set(all.map((c) => c.id));
    for (const c of all) {
      const sig = signature(c);
      if (this.signatures.get(c.id) !== sig) {
        if (this.signatures.has(c.id)) this.cache.invalidate(c.id);
        this.signatures.set(c.id, sig);
      }
    }
    for (const id of [...this.signatures.keys()]) if (!ids.has(id)) this.signatures.delete(id);
    this.cache.invalidateFailed();
    this.cache.prune((connectionId, scope, account) => this.shown(connectionId, scope, account));
    for (const [key, node] of this.nodes) {
      const c = all.find((x) => x.id === node.connectionId);
      const scope = 'scope' in node ? node.scope : undefined;
      const account = 'account' in node ? node.account : undefined;
      const view = c && findAccount(c, account);
      if (!view || (scope?.type === 'user' && !view.userIds.includes(scope.user))) {
        this.nodes.delete(key);
        this.expanded.delete(key);
        this.busy.delete(key);
      }
    }
    this.changed.fire(undefined);
  }

  /** Reloads expanded scopes whose listing is at least `seconds` old (0: never). */
  private refreshOlderThan(seconds: number): void {
    if (seconds <= 0) return;
    const keys = [...this.expanded].map((key) => {
      const node = this.nodes.get(key);
      return node?.kind === 'scope' ? cacheKey(node.connectionId, node.scope, node.account) : '';
    });
    // A tick can land a little early against loadedAt; 90% of the age counts as due.
    for (const { connectionId, scope, account } of this.cache.olderThan(seconds * 900, keys))
      this.refreshScope(connectionId, scope, account);
  }
}
