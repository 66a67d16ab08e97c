import * as vscode from 'vscode';
import { NodeKinds } from '../constants';
import { usersA11yLabel } from './rowLabels';

/** The folder of a connection's user scopes: `users;`. */
export class UsersTreeItem extends vscode.TreeItem {
  constructor(id: string, userCount: number) {
    super('Users', vscode.TreeItemCollapsibleState.Collapsed);
    this.id = id;
    this.description = userCount === 0 ? 'none added' : String(userCount);
    this.iconPath = new vscode.ThemeIcon('organization');
    this.contextValue = `${NodeKinds.users};`;
    this.tooltip = 'Secrets scoped to individual users (the ids you added to this connection)';
    this.accessibilityInformation = { label: usersA11yLabel(userCount), role: 'treeitem' };
  }
}
