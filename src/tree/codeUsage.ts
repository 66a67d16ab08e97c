/**
 * What the workspace's code says about a scope, drawn in the Secrets view: a mark on stored
 * secrets no code reads, and a row per name the code reads that the account scope lacks (click or
 * its inline action: Set Secret…). Shown only while the workspace index runs (the workspace holds a
 * Stripe App or Secret Store calls).
 */
import * as vscode from 'vscode';
import { Commands } from '../constants';
import { displayName } from '../model/displayName';
import type { SecretMeta, SecretScope } from '../model/types';
import type { CodeNameNode, SecretNode } from '../services';

/** The index as the tree sees it (the VS Code layer of code insight provides it). */
export interface CodeNames {
  /** False until the workspace is known to hold a Stripe App or Secret Store calls. */
  active(): boolean;
  /** Account-scope names the code reads, sorted. */
  accountNames(): readonly string[];
  isRead(name: string, scope: SecretScope): boolean;
  readonly onDidChange: vscode.Event<void>;
}

export const CODE_NAME_KIND = 'codeName';
export const UNUSED_TAG = 'unused';
export const UNUSED_DESCRIPTION = 'not read by code';

/** The names the code reads that `stored` lacks (account scope only: user ids in code are rarely literals). */
export function missingNames(names: CodeNames, scope: SecretScope, stored: readonly SecretMeta[]): string[] {
  if (!names.active() || scope.type !== 'account') return [];
  const have = new Set(stored.map((s) => s.name));
  return names.accountNames().filter((n) => !have.has(n));
}

/** Adds the "not read by code" mark to a secret row. */
export function markUnused(item: vscode.TreeItem, node: SecretNode, names: CodeNames): void {
  if (!names.active() || names.isRead(node.secret.name, node.scope)) return;
  item.description = [item.description, UNUSED_DESCRIPTION].filter((d) => typeof d === 'string' && d !== '').join(' · ');
  item.contextValue = `${item.contextValue ?? ''}${UNUSED_TAG};`;
  if (item.accessibilityInformation)
    item.accessibilityInformation = {
      ...item.accessibilityInformation,
      label: `${item.accessibilityInformation.label}, no code in the workspace reads it`,
    };
  if (item.tooltip instanceof vscode.MarkdownString) item.tooltip.appendText('\n\nNo code in the workspace reads it.');
}

/** `codeName;missing;`: a name the code reads that the scope lacks. */
export class CodeNameTreeItem extends vscode.TreeItem {
  constructor(id: string, node: CodeNameNode) {
    super(displayName(node.name), vscode.TreeItemCollapsibleState.None);
    this.id = id;
    this.description = 'used in code, not set';
    this.iconPath = new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('problemsWarningIcon.foreground'));
    this.contextValue = `${CODE_NAME_KIND};missing;`;
    this.tooltip = `The workspace's code reads '${node.name}', but this scope does not hold it. Click to set it.`;
    this.command = { title: 'Set Secret…', command: Commands.setSecretUsedInCode, arguments: [node] };
    this.accessibilityInformation = {
      label: `${displayName(node.name)}, used in code but not set in this scope, press Enter to set it`,
      role: 'treeitem',
    };
  }
}
