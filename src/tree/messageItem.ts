import * as vscode from 'vscode';
import { NodeKinds } from '../constants';
import type { MessageNode } from '../services';
import { messageA11yLabel } from './rowLabels';

/**
 * An error row under a scope (click: retry), or a hint row (an empty scope: set a secret; no user
 * scopes: add one). `message;error;` / `message;hint;`.
 */
export class MessageTreeItem extends vscode.TreeItem {
  constructor(id: string, node: MessageNode, command: vscode.Command) {
    super(node.message, vscode.TreeItemCollapsibleState.None);
    this.id = id;
    this.iconPath = node.error
      ? new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'))
      : new vscode.ThemeIcon('info');
    this.contextValue = `${NodeKinds.message};${node.error ? 'error' : 'hint'};`;
    this.tooltip = node.error ? `${node.message}\n\nClick to try again.` : node.message;
    this.command = command;
    this.accessibilityInformation = {
      label: messageA11yLabel(node.message, node.error === true, command.title.replace(/…$/, '').toLowerCase()),
      role: 'treeitem',
    };
  }
}
