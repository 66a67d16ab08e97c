import * as vscode from 'vscode';
import { NodeKinds } from '../constants';
import { accountIdText, accountName, isContextPath, type AccountView } from '../model/accounts';
import { displayName } from '../model/displayName';
import type { ConnectionInfo } from '../services';
import { accountA11yLabel } from './rowLabels';

/** One account under a connection with added accounts: `account;own;` / `account;added;`. */
export class AccountTreeItem extends vscode.TreeItem {
  constructor(id: string, view: AccountView, info: ConnectionInfo) {
    const own = view.account === undefined;
    // The label is the person's name for it when there is one; the id then goes to the description.
    super(displayName(view.label ?? view.id ?? 'Own account'), vscode.TreeItemCollapsibleState.Collapsed);
    this.id = id;
    const via = view.id !== undefined && isContextPath(view.id) ? 'Stripe-Context' : undefined;
    // "own" once, whether the row reads a label, an acct_ id or "Own account".
    this.description = [view.label ? accountIdText(view) : undefined, own && (view.label || view.id) ? 'own' : undefined, via]
      .filter((d) => d !== undefined)
      .join(' · ');
    this.iconPath = new vscode.ThemeIcon(own ? 'home' : 'account');
    this.contextValue = `${NodeKinds.account};${own ? 'own' : 'added'};`;
    const md = new vscode.MarkdownString();
    md.appendText(`${displayName(accountName(view))}\n\n`);
    md.appendText(
      own
        ? `The account "${displayName(info.label)}" acts on${view.id ? ` (Stripe-Account ${view.id})` : ": the key's own"}.`
        : `An account the key of "${displayName(info.label)}" reaches, through ${via ?? 'Stripe-Account'} ${view.id ?? ''}.`,
    );
    this.tooltip = md;
    this.accessibilityInformation = { label: accountA11yLabel(view), role: 'treeitem' };
  }
}
