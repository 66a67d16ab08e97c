import * as vscode from 'vscode';
import { Commands, ContextKeys, TREE_VIEW_ID, type Settings } from '../constants';
import { scopeKey, sameScope } from '../model/scope';
import type { SecretMeta, SecretScope } from '../model/types';
import type {
  ConnectionInfo, ConnectionManager, ConnectionNode, MessageNode, ScopeNode, SecretNode, SecretsTree, TreeNode, UsersNode,
} from '../services';
import { shortReason } from '../ui/errorReport';
import { ConnectionTreeItem } from './connectionItem';
import { nextExpiryBoundary, timerDelay } from './expiryTimer';
import { MessageTreeItem } from './messageItem';
import { cacheKey, ScopeCache } from './scopeCache';
import { ScopeTreeItem } from './scopeItem';
import { SecretTreeItem } from './secretItem';
import { UsersTreeItem } from './usersItem';
import { CodeNameTreeItem, markUnused, missingNames, type CodeNames } from './codeUsage';
import type { CodeNameNode } from '../services';

/** A stable key per node: VS Code matches nodes by object identity, and TreeItem.id by this key. */
function nodeKey(node: TreeNode): string {
  switch (node.kind) {
    case 'connection': return JSON.stringify(['c', node.connectionId]);
    case 'users': return JSON.stringify(['u', node.connectionId]);
    case 'scope': return JSON.stringify(['s', node.connectionId, scopeKey(node.scope)]);
    case 'secret': return JSON.stringify(['x', node.connectionId, scopeKey(node.scope), node.secret.name]);
    case 'message': return JSON.stringify(['m', node.connectionId, node.scope ? scopeKey(node.scope) : 'users', node.error === true]);
    case 'codeName': return JSON.stringify(['n', node.connectionId, scopeKey(node.scope), node.name]);
  }
}

/** A connection's key material and address: when it changes, its cached listings are no longer trusted. */
function signature(c: ConnectionInfo): string {
  return JSON.stringify([c.mode, c.keyLast4, c.keyKind, c.stripeAccount ?? '', c.apiBase ?? '']);
}

/**
 * Connection -> Account scope -> secrets, and connection -> Users -> user scopes -> secrets. Scopes
 * load when expanded, are cached, and reload per scope; getChildren never shows UI: a failed load
 * becomes an error row.
 */
export class SecretsTreeProvider implements vscode.TreeDataProvider<TreeNode>, SecretsTree, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TreeNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly cache: ScopeCache;
  private readonly nodes = new Map<string, TreeNode>();
  private readonly busy = new Map<string, string>();
  private readonly expanded = new Set<string>();
  private readonly signatures = new Map<string, string>();
  /** Reloads started by refreshScope, per scope node key: reveal waits for them. */
  private readonly reloads = new Map<string, Promise<void>>();
  /** Expanded scopes fired but not yet re-fetched by VS Code, and who waits for that fetch to end. */
  private readonly awaitingFetch = new Map<string, { started: boolean; waiters: Array<() => void> }>();
  private readonly disposables: vscode.Disposable[] = [];
  /** Scopes fetched by VS Code right now, per scope node key: their rows draw the current time anyway. */
  private readonly fetching = new Map<string, number>();
  /** Per scope node key, when one of its loaded rows next changes with time (expiry, 'soon', wording). */
  private expiryBoundaries = new Map<string, { node: ScopeNode; at: number }>();
  private expiryTimer: { handle: ReturnType<typeof setTimeout>; at: number } | undefined;
  private disposed = false;
  private view: vscode.TreeView<TreeNode> | undefined;
  /** What the workspace's code reads (set by code insight once the view exists). */
  private codeNames: CodeNames | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly connections: ConnectionManager,
    private readonly settings: () => Settings,
    private readonly now: () => number = Date.now,
  ) {
    this.cache = new ScopeCache(now);
    for (const c of connections.list()) this.signatures.set(c.id, signature(c));
    this.disposables.push(
      this.changed,
      connections.onDidChange(() => this.onConnectionsChanged()),
      vscode.window.onDidChangeWindowState((state) => {
        if (state.focused) this.refreshOlderThan(this.settings().autoRefreshSeconds);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('stripeSecrets.autoRefreshSeconds')) this.startTimer();
        if (e.affectsConfiguration('stripeSecrets.expiringSoonDays')) {
          this.changed.fire(undefined);
          this.scheduleExpiryRedraw();
        }
      }),
    );
    this.startTimer();
  }

  /** Creates the view; the provider follows its expand/collapse to know which scopes to keep fresh. */
  createView(): vscode.TreeView<TreeNode> {
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
    return names.onDidChange(() => this.changed.fire(undefined));
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearInterval(this.timer);
    if (this.expiryTimer) clearTimeout(this.expiryTimer.handle);
    this.expiryTimer = undefined;
    for (const d of this.disposables) d.dispose();
  }

  // --- TreeDataProvider ---

  getTreeItem(node: TreeNode): vscode.TreeItem {
    const id = nodeKey(node);
    switch (node.kind) {
      case 'connection': {
        const info = this.connections.get(node.connectionId);
        if (!info) return new vscode.TreeItem('(removed connection)');
        return new ConnectionTreeItem(id, info, this.connections.active()?.id === info.id);
      }
      case 'users':
        return new UsersTreeItem(id, this.connections.get(node.connectionId)?.userIds.length ?? 0);
      case 'scope':
        return new ScopeTreeItem(id, node.scope, this.cache.get(node.connectionId, node.scope));
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

  async getChildren(node?: TreeNode): Promise<TreeNode[]> {
    if (!node) return this.connections.list().map((c) => this.stable<ConnectionNode>({ kind: 'connection', connectionId: c.id }));
    const info = this.connections.get(node.connectionId);
    if (!info) return [];
    switch (node.kind) {
      case 'connection':
        // Loaded before the scope rows are returned, so each row shows its fill when first drawn
        // and no change event for the scope ever races VS Code's own fetch of its children.
        await this.ensureLoaded(info.id, { type: 'account' });
        return [
          this.scopeNode(info.id, { type: 'account' }),
          this.stable<UsersNode>({ kind: 'users', connectionId: info.id }),
        ];
      case 'users':
        if (info.userIds.length === 0) return [this.stable<MessageNode>({ kind: 'message', connectionId: info.id, message: 'No user scopes. Add one…' })];
        await Promise.all(info.userIds.map((user) => this.ensureLoaded(info.id, { type: 'user', user })));
        return info.userIds.map((user) => this.scopeNode(info.id, { type: 'user', user }));
      case 'scope':
        return this.scopeChildren(info, node);
      case 'codeName': case 'message': case 'secret':
      default:
        return [];
    }
  }

  getParent(node: TreeNode): TreeNode | undefined {
    switch (node.kind) {
      case 'connection':
        return undefined;
      case 'users':
        return this.stable<ConnectionNode>({ kind: 'connection', connectionId: node.connectionId });
      case 'scope':
        return node.scope.type === 'account'
          ? this.stable<ConnectionNode>({ kind: 'connection', connectionId: node.connectionId })
          : this.stable<UsersNode>({ kind: 'users', connectionId: node.connectionId });
      case 'secret':
        return this.scopeNode(node.connectionId, node.scope);
      case 'message':
        return node.scope
          ? this.scopeNode(node.connectionId, node.scope)
          : this.stable<UsersNode>({ kind: 'users', connectionId: node.connectionId });
      case 'codeName':
        return this.scopeNode(node.connectionId, node.scope);
    }
  }

  // --- SecretsTree ---

  /**
   * Loads the scope afresh, then fires its row once: the new fill and the children render from one
   * fetch. Firing first and loading inside getChildren would need a second event for the fill, and
   * two overlapping fetches of one element make VS Code throw "Element with id … is already registered".
   */
  refreshScope(connectionId: string, scope: SecretScope): void {
    this.cache.invalidate(connectionId, scope);
    if (!this.shown(connectionId, scope)) return;
    const node = this.scopeNode(connectionId, scope);
    const key = nodeKey(node);
    const reload = this.ensureLoaded(connectionId, scope).then(() => this.fireScope(node));
    this.reloads.set(key, reload);
    // eslint-disable-next-line @typescript-eslint/no-floating-promises -- only clears the entry once settled; callers await reload itself
    void reload.finally(() => {
      if (this.reloads.get(key) === reload) this.reloads.delete(key);
    });
  }

  refresh(connectionId?: string): void {
    this.cache.invalidate(connectionId);
    this.changed.fire(connectionId === undefined ? undefined : this.stable<ConnectionNode>({ kind: 'connection', connectionId }));
  }

  setBusy(connectionId: string, scope: SecretScope, name: string, label: string | undefined): void {
    const node = this.findSecretNode(connectionId, scope, name);
    if (!node) return;
    const key = nodeKey(node);
    if (label === undefined) this.busy.delete(key);
    else this.busy.set(key, label);
    this.changed.fire(node);
  }

  loadedSecrets(): SecretNode[] {
    const out: SecretNode[] = [];
    for (const { connectionId, scope, entry } of this.cache.all()) {
      if (entry.state !== 'loaded' || !this.shown(connectionId, scope)) continue;
      for (const secret of entry.secrets) out.push(this.secretNode(connectionId, scope, secret));
    }
    return out;
  }

  loading(): boolean {
    return this.cache.loading();
  }

  cachedScope(connectionId: string, scope: SecretScope): SecretMeta[] | undefined {
    return this.cache.fresh(connectionId, scope);
  }

  async reveal(node: SecretNode, options: { focus?: boolean } = {}): Promise<void> {
    // A secret found in a user scope that the tree does not list has no row to reveal.
    if (!this.shown(node.connectionId, node.scope)) return;
    await this.settled(node.connectionId, node.scope);
    const target = this.findSecretNode(node.connectionId, node.scope, node.secret.name) ?? this.scopeNode(node.connectionId, node.scope);
    await this.view?.reveal(target, { select: true, focus: options.focus ?? true, expand: true });
  }

  /**
   * VS Code tells extensions the selection, not the focused row, and a keybinding passes no row.
   * Toggling the focused row's selection (list.toggleSelection, which opens nothing) shows which row
   * it is; the toggle is then undone. A focused row inside the selection acts on the whole
   * selection, as a context menu does; one outside it becomes the selection.
   */
  async focusedRows(openMessage = false): Promise<{ node: TreeNode; selection: TreeNode[] } | undefined> {
    const view = this.view;
    if (!view) return undefined;
    const before = [...view.selection];
    const changed = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 1000);
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

  async focusAfterRemoval(connectionId: string, scope: SecretScope, removed: readonly string[]): Promise<void> {
    if (!this.view || !this.shown(connectionId, scope) || removed.length === 0) return;
    await this.settled(connectionId, scope);
    const first = [...removed].sort((a, b) => a.localeCompare(b))[0];
    const names = [...(this.cache.fresh(connectionId, scope) ?? [])].map((s) => s.name).filter((n) => !removed.includes(n)).sort((a, b) => a.localeCompare(b));
    const name = names.find((n) => n.localeCompare(first) > 0) ?? names[names.length - 1];
    const target = (name !== undefined ? this.findSecretNode(connectionId, scope, name) : undefined) ?? this.scopeNode(connectionId, scope);
    await this.view.reveal(target, { select: true, focus: true, expand: target.kind === 'scope' ? false : true });
  }

  /** Waits for a scope's reload and for VS Code's re-fetch of its rows, so a reveal finds them. */
  private async settled(connectionId: string, scope: SecretScope): Promise<void> {
    const key = nodeKey(this.scopeNode(connectionId, scope));
    await this.reloads.get(key);
    await this.ensureLoaded(connectionId, scope);
    // view.reveal fetches the scope's children itself when it does not know the row yet; doing so
    // while VS Code re-fetches them after a change event would register the rows twice.
    await this.fetched(key, 3000);
  }

  // --- internals ---

  /** Whether the tree lists this scope: its connection exists and, for a user scope, the user was added. */
  private shown(connectionId: string, scope: SecretScope): boolean {
    const c = this.connections.get(connectionId);
    return c !== undefined && (scope.type === 'account' || c.userIds.includes(scope.user));
  }

  private async ensureLoaded(connectionId: string, scope: SecretScope): Promise<void> {
    await this.cache.ensure(connectionId, scope, async () => (await this.connections.client(connectionId)).list(scope));
    this.scheduleExpiryRedraw();
  }

  /** Fires a scope's row (and so its rows); reveal then waits for VS Code's re-fetch of an expanded one. */
  private fireScope(node: ScopeNode): void {
    const key = nodeKey(node);
    const pending = this.awaitingFetch.get(key);
    if (this.expanded.has(key) && (!pending || pending.started)) this.awaitingFetch.set(key, { started: false, waiters: [] });
    this.changed.fire(node);
  }

  /**
   * Arms one timer for the next moment a loaded row changes with time alone: it expires, turns
   * 'soon', or its wording changes within the hour. Only arms it: firing happens in onExpiryTimer,
   * never inside a getChildren call. `drawn` is a scope whose rows were just produced, so a
   * crossing it was still due for is drawn already.
   */
  private scheduleExpiryRedraw(drawn?: string): void {
    if (this.disposed) return;
    const now = this.now();
    const soonDays = this.settings().expiringSoonDays;
    const next = new Map<string, { node: ScopeNode; at: number }>();
    for (const { connectionId, scope, entry } of this.cache.all()) {
      if (entry.state !== 'loaded' || !this.shown(connectionId, scope)) continue;
      const node = this.scopeNode(connectionId, scope);
      const key = nodeKey(node);
      // A crossing that passed before the timer came round is still owed its redraw.
      const owed = key === drawn ? undefined : this.expiryBoundaries.get(key);
      const at = owed !== undefined && owed.at <= now ? owed.at : nextExpiryBoundary(entry.secrets, now, soonDays);
      if (at !== undefined) next.set(key, { node, at });
    }
    this.expiryBoundaries = next;
    let first: number | undefined;
    for (const { at } of next.values()) if (first === undefined || at < first) first = at;
    if (this.expiryTimer && this.expiryTimer.at === first) return;
    if (this.expiryTimer) clearTimeout(this.expiryTimer.handle);
    this.expiryTimer = undefined;
    if (first === undefined) return;
    this.expiryTimer = { handle: setTimeout(() => this.onExpiryTimer(), timerDelay(first, now)), at: first };
  }

  /**
   * Redraws the scopes whose rows crossed a boundary, without reloading them: Stripe deletes expired
   * secrets itself, and until the next refresh the row says 'expired'. A scope VS Code is fetching
   * right now is skipped: that fetch draws the current time, and a second one would overlap it.
   */
  private onExpiryTimer(): void {
    this.expiryTimer = undefined;
    if (this.disposed) return;
    const now = this.now();
    for (const [key, { node, at }] of this.expiryBoundaries) {
      if (at > now) continue;
      this.expiryBoundaries.delete(key);
      if (!this.fetching.has(key) && this.connections.get(node.connectionId)) this.fireScope(node);
    }
    this.scheduleExpiryRedraw();
  }

  /** Resolves once VS Code has re-fetched a fired, expanded scope (at once when none is due), or after `timeoutMs`. */
  private async fetched(key: string, timeoutMs: number): Promise<void> {
    const due = this.awaitingFetch.get(key);
    if (!due) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      due.waiters.push(() => {
        clearTimeout(timer);
        // VS Code registers the returned rows after the promise settles: let that happen first.
        setTimeout(resolve, 0);
      });
    });
  }

  private async scopeChildren(info: ConnectionInfo, node: ScopeNode): Promise<TreeNode[]> {
    // Only a fetch that starts after the change event is the re-fetch that reveal waits for.
    const key = nodeKey(node);
    const due = this.awaitingFetch.get(key);
    const mine = due && !due.started ? due : undefined;
    if (mine) mine.started = true;
    this.fetching.set(key, (this.fetching.get(key) ?? 0) + 1);
    try {
      const rows = await this.scopeRows(info, node);
      this.scheduleExpiryRedraw(key);
      const entry = this.cache.get(info.id, node.scope);
      if (!this.codeNames || entry?.state !== 'loaded') return rows;
      return [...rows, ...missingNames(this.codeNames, node.scope, entry.secrets).map((name) => this.stable<CodeNameNode>({ kind: 'codeName', connectionId: info.id, scope: node.scope, name }))];
    } finally {
      const left = (this.fetching.get(key) ?? 1) - 1;
      if (left > 0) this.fetching.set(key, left);
      else this.fetching.delete(key);
      if (mine) {
        if (this.awaitingFetch.get(key) === mine) this.awaitingFetch.delete(key);
        for (const done of mine.waiters) done();
      }
    }
  }

  private async scopeRows(info: ConnectionInfo, node: ScopeNode): Promise<TreeNode[]> {
    await this.ensureLoaded(info.id, node.scope);
    const entry = this.cache.get(info.id, node.scope);
    if (!entry) return [];
    if (entry.state === 'failed') {
      const message = `Couldn't load: ${shortReason(entry.error, info.emulator === true)}`;
      const row = this.stable<MessageNode>({ kind: 'message', connectionId: info.id, scope: node.scope, message, error: true });
      row.message = message;
      return [row];
    }
    if (entry.secrets.length === 0) {
      return [this.stable<MessageNode>({ kind: 'message', connectionId: info.id, scope: node.scope, message: 'No secrets. Set one…' })];
    }
    this.forgetSecretsMissingFrom(info.id, node.scope, entry.secrets);
    return [...entry.secrets].sort((a, b) => a.name.localeCompare(b.name)).map((s) => this.secretNode(info.id, node.scope, s));
  }

  private messageCommand(node: MessageNode): vscode.Command {
    if (node.error) return { title: 'Retry', command: Commands.refresh, arguments: [node] };
    if (node.scope) return { title: 'Set Secret…', command: Commands.setSecret, arguments: [node] };
    return { title: 'Add User Scope…', command: Commands.addUserScope, arguments: [node] };
  }

  private stable<T extends TreeNode>(node: T): T {
    const key = nodeKey(node);
    const existing = this.nodes.get(key);
    if (existing) return existing as T;
    this.nodes.set(key, node);
    return node;
  }

  private scopeNode(connectionId: string, scope: SecretScope): ScopeNode {
    return this.stable<ScopeNode>({ kind: 'scope', connectionId, scope });
  }

  private secretNode(connectionId: string, scope: SecretScope, secret: SecretMeta): SecretNode {
    const node = this.stable<SecretNode>({ kind: 'secret', connectionId, scope, secret });
    node.secret = secret;
    return node;
  }

  private findSecretNode(connectionId: string, scope: SecretScope, name: string): SecretNode | undefined {
    const node = this.nodes.get(JSON.stringify(['x', connectionId, scopeKey(scope), name]));
    return node?.kind === 'secret' ? node : undefined;
  }

  private forgetSecretsMissingFrom(connectionId: string, scope: SecretScope, secrets: readonly SecretMeta[]): void {
    const names = new Set(secrets.map((s) => s.name));
    for (const [key, node] of this.nodes) {
      if (node.kind === 'secret' && node.connectionId === connectionId && sameScope(node.scope, scope) && !names.has(node.secret.name)) {
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
    this.cache.prune((connectionId, scope) => this.shown(connectionId, scope));
    for (const [key, node] of this.nodes) {
      const c = all.find((x) => x.id === node.connectionId);
      const scope = 'scope' in node ? node.scope : undefined;
      if (!c || (scope?.type === 'user' && !c.userIds.includes(scope.user))) {
        this.nodes.delete(key);
        this.expanded.delete(key);
        this.busy.delete(key);
      }
    }
    this.changed.fire(undefined);
  }

  private startTimer(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    const seconds = this.settings().autoRefreshSeconds;
    if (seconds > 0) this.timer = setInterval(() => this.refreshOlderThan(seconds), seconds * 1000);
  }

  /** Reloads expanded scopes whose listing is at least `seconds` old (0: never). */
  private refreshOlderThan(seconds: number): void {
    if (seconds <= 0) return;
    const keys = [...this.expanded].map((key) => {
      const node = this.nodes.get(key);
      return node?.kind === 'scope' ? cacheKey(node.connectionId, node.scope) : '';
    });
    // A tick can land a little early against loadedAt; 90% of the age counts as due.
    for (const { connectionId, scope } of this.cache.olderThan(seconds * 900, keys)) this.refreshScope(connectionId, scope);
  }
}
