import * as vscode from 'vscode';
import { COMPARISON_VIEW_ID, ContextKeys } from '../constants';
import { compareSecrets } from '../model/compare';
import { describeExpiry } from '../model/expiry';
import { scopeLabel } from '../model/scope';
import type { SecretMeta } from '../model/types';
import type {
  Comparison,
  ComparisonGroup,
  ComparisonNode,
  ComparisonSide,
  ComparisonView,
  ConnectionInfo,
  ConnectionManager,
} from '../services';
import { actingOn } from '../model/accounts';
import { expiryDifference, fullDateTime, modeBadge } from '../ui/labels';

function sideConnection(connections: ConnectionManager, side: ComparisonSide): ConnectionInfo | undefined {
  const c = connections.get(side.connectionId);
  return c && actingOn(c, side.account);
}

/** A comparison and the view's rows are declared in services.ts, which the commands reach them through. */
export type { Comparison, ComparisonGroup, ComparisonNode, ComparisonSide } from '../services';

const GROUP_TITLES: Record<ComparisonGroup, string> = {
  onlyA: 'Only in A',
  onlyB: 'Only in B',
  differentExpiry: 'Different expiry',
  same: 'In both',
};

/** `My app (test) · TEST · Account`: how a side is named in rows, prompts and messages. */
export function sideDescription(connections: ConnectionManager, side: ComparisonSide): string {
  const c = sideConnection(connections, side);
  if (!c) return `(removed connection) · ${scopeLabel(side.scope)}`;
  return `${c.label} · ${modeBadge(c)} · ${side.scope.type === 'account' ? 'Account' : `user ${scopeLabel(side.scope)}`}`;
}

/** Lists both sides (one request each) and compares them by name and expiry; values are never fetched. */
export async function loadComparison(connections: ConnectionManager, a: ComparisonSide, b: ComparisonSide): Promise<Comparison> {
  const [left, right] = await Promise.all([
    connections.client(a.connectionId, a.account).then((c) => c.list(a.scope)),
    connections.client(b.connectionId, b.account).then((c) => c.list(b.scope)),
  ]);
  return { a, b, result: compareSecrets(left, right), at: Date.now() };
}

function expiryText(expiresAt: number | null, now: number): string {
  return expiresAt === null ? 'never expires' : describeExpiry(expiresAt, now);
}

/** The Comparison view: the two sides, then "Only in A (n)", "Only in B (n)", "Different expiry (n)", "In both (n)". */
export class ComparisonTreeProvider implements vscode.TreeDataProvider<ComparisonNode>, ComparisonView, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ComparisonNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private comparison: Comparison | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly connections: ConnectionManager) {
    // A removed connection ends a comparison that names it; a renamed one redraws.
    this.subscription = connections.onDidChange(() => {
      const c = this.comparison;
      // eslint-disable-next-line @typescript-eslint/no-floating-promises -- event handler: nothing can wait for it
      if (c && (!sideConnection(connections, c.a) || !sideConnection(connections, c.b))) void this.set(undefined);
      else this.changed.fire(undefined);
    });
  }

  createView(): vscode.TreeView<ComparisonNode> {
    return vscode.window.createTreeView(COMPARISON_VIEW_ID, { treeDataProvider: this, showCollapseAll: true });
  }

  current(): Comparison | undefined {
    return this.comparison;
  }

  async set(comparison: Comparison | undefined): Promise<void> {
    this.comparison = comparison;
    await vscode.commands.executeCommand('setContext', ContextKeys.hasComparison, comparison !== undefined);
    this.changed.fire(undefined);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }

  getChildren(node?: ComparisonNode): ComparisonNode[] {
    const c = this.comparison;
    if (!c) return [];
    if (!node) {
      return [
        { kind: 'comparisonSide', connectionId: c.a.connectionId, side: 'a' },
        { kind: 'comparisonSide', connectionId: c.b.connectionId, side: 'b' },
        ...(['onlyA', 'onlyB', 'differentExpiry', 'same'] as const).map((group): ComparisonNode => ({
          kind: 'comparisonGroup',
          connectionId: group === 'onlyB' ? c.b.connectionId : c.a.connectionId,
          group,
        })),
      ];
    }
    if (node.kind !== 'comparisonGroup') return [];
    return this.names(node.group).map((name) => ({ kind: 'comparisonSecret', connectionId: node.connectionId, group: node.group, name }));
  }

  getTreeItem(node: ComparisonNode): vscode.TreeItem {
    const c = this.comparison;
    if (!c) return new vscode.TreeItem('');
    const now = Date.now();
    switch (node.kind) {
      case 'comparisonSide': {
        const side = node.side === 'a' ? c.a : c.b;
        const item = new vscode.TreeItem(`${node.side.toUpperCase()}: ${sideDescription(this.connections, side)}`);
        item.id = `side:${node.side}`;
        item.iconPath = new vscode.ThemeIcon(node.side === 'a' ? 'circle-large-outline' : 'circle-large-filled');
        item.contextValue = 'comparisonSide;';
        item.accessibilityInformation = { label: `Side ${node.side.toUpperCase()}: ${sideDescription(this.connections, side)}` };
        return item;
      }
      case 'comparisonGroup': {
        const count = this.names(node.group).length;
        const item = new vscode.TreeItem(
          `${GROUP_TITLES[node.group]} (${count})`,
          count === 0
            ? vscode.TreeItemCollapsibleState.None
            : node.group === 'same'
              ? vscode.TreeItemCollapsibleState.Collapsed
              : vscode.TreeItemCollapsibleState.Expanded,
        );
        item.id = `group:${node.group}`;
        item.iconPath = new vscode.ThemeIcon(node.group === 'same' ? 'pass' : node.group === 'differentExpiry' ? 'watch' : 'diff-removed');
        const missing = node.group === 'onlyA' ? 'B' : node.group === 'onlyB' ? 'A' : undefined;
        item.contextValue = `comparisonGroup;${node.group};${missing && count > 0 ? 'copyable;' : ''}`;
        item.tooltip = missing ? `${count} name${count === 1 ? '' : 's'} missing from ${missing}` : undefined;
        item.accessibilityInformation = { label: `${GROUP_TITLES[node.group]}: ${count} secret${count === 1 ? '' : 's'}` };
        return item;
      }
      case 'comparisonSecret': {
        const item = new vscode.TreeItem(node.name);
        item.id = `secret:${node.group}:${node.name}`;
        item.iconPath = new vscode.ThemeIcon('key');
        item.contextValue = `comparisonSecret;${node.group};`;
        item.description = this.secretDescription(node.group, node.name, now);
        item.tooltip = this.secretTooltip(node.group, node.name, now);
        item.accessibilityInformation = { label: `${node.name}, ${GROUP_TITLES[node.group].toLowerCase()}, ${item.description}` };
        return item;
      }
    }
  }

  /** What the row means, in words: which side holds the name, and each side's expiry in full. */
  private secretTooltip(group: ComparisonGroup, name: string, now: number): string {
    const c = this.comparison!;
    const a = sideDescription(this.connections, c.a);
    const b = sideDescription(this.connections, c.b);
    const full = (expiresAt: number | null) =>
      expiresAt === null ? 'never expires' : `expires ${fullDateTime(expiresAt)} (${describeExpiry(expiresAt, now)})`;
    const find = (list: readonly SecretMeta[]) => list.find((s) => s.name === name);
    switch (group) {
      case 'onlyA':
        return `'${name}' exists in A (${a}) but not in B (${b}). A: ${full(find(c.result.onlyA)?.expiresAt ?? null)}. Copy Missing Secrets… copies it into B.`;
      case 'onlyB':
        return `'${name}' exists in B (${b}) but not in A (${a}). B: ${full(find(c.result.onlyB)?.expiresAt ?? null)}. Copy Missing Secrets… copies it into A.`;
      case 'differentExpiry': {
        const pair = c.result.differentExpiry.find((p) => p.a.name === name);
        if (!pair) return name;
        return `'${name}' exists on both sides with different expiry dates.\nA (${a}): ${full(pair.a.expiresAt)}\nB (${b}): ${full(pair.b.expiresAt)}\n${expiryDifference(pair.a.expiresAt, pair.b.expiresAt)}. Values are not compared.`;
      }
      case 'same':
        return `'${name}' exists on both sides with the same expiry: ${full(find(c.result.same.map((p) => p.a))?.expiresAt ?? null)}. Values are not compared.`;
    }
  }

  private names(group: ComparisonGroup): string[] {
    const r = this.comparison?.result;
    if (!r) return [];
    switch (group) {
      case 'onlyA':
        return r.onlyA.map((s) => s.name);
      case 'onlyB':
        return r.onlyB.map((s) => s.name);
      case 'differentExpiry':
        return r.differentExpiry.map((p) => p.a.name);
      case 'same':
        return r.same.map((p) => p.a.name);
    }
  }

  private secretDescription(group: ComparisonGroup, name: string, now: number): string {
    const r = this.comparison!.result;
    const find = (list: readonly SecretMeta[]) => list.find((s) => s.name === name);
    switch (group) {
      case 'onlyA':
        return expiryText(find(r.onlyA)?.expiresAt ?? null, now);
      case 'onlyB':
        return expiryText(find(r.onlyB)?.expiresAt ?? null, now);
      case 'differentExpiry': {
        const pair = r.differentExpiry.find((p) => p.a.name === name);
        return pair ? expiryDifference(pair.a.expiresAt, pair.b.expiresAt) : '';
      }
      case 'same':
        return expiryText(r.same.find((p) => p.a.name === name)?.a.expiresAt ?? null, now);
    }
  }
}
