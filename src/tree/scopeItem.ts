import * as vscode from 'vscode';
import { NodeKinds } from '../constants';
import { displayName } from '../model/displayName';
import { scopeLabel } from '../model/scope';
import { MAX_SECRETS_PER_SCOPE, type SecretScope } from '../model/types';
import { fillDescription } from '../ui/labels';
import { scopeA11yLabel } from './rowLabels';
import type { ScopeEntry } from './scopeCache';

/** The account scope or one user scope: `scope;account;` / `scope;user;`. Its fill shows once loaded. */
export class ScopeTreeItem extends vscode.TreeItem {
  constructor(id: string, scope: SecretScope, entry: ScopeEntry | undefined) {
    super(displayName(scopeLabel(scope)), vscode.TreeItemCollapsibleState.Collapsed);
    this.id = id;
    if (entry?.state === 'loaded') this.description = fillDescription(entry.secrets.length, MAX_SECRETS_PER_SCOPE);
    else if (entry?.state === 'failed') this.description = 'not loaded';
    this.iconPath = new vscode.ThemeIcon(scope.type === 'account' ? 'home' : 'person');
    this.contextValue = `${NodeKinds.scope};${scope.type};`;
    this.tooltip =
      scope.type === 'account'
        ? 'Secrets of the account scope: readable by every user of the app on this account'
        : `Secrets scoped to user ${displayName(scope.user)}`;
    const state =
      entry?.state === 'loaded'
        ? { loaded: entry.secrets.length, max: MAX_SECRETS_PER_SCOPE }
        : entry?.state === 'failed'
          ? 'failed'
          : 'loading';
    this.accessibilityInformation = { label: scopeA11yLabel(scope, state), role: 'treeitem' };
  }
}
