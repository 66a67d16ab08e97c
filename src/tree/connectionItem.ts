import * as vscode from 'vscode';
import { NodeKinds } from '../constants';
import type { ConnectionInfo } from '../services';
import { displayName } from '../model/displayName';
import { connectionRowDescription, keyDescription } from '../ui/labels';
import { connectionA11yLabel } from './rowLabels';

/** A saved connection: `connection;active|inactive;test|live`. */
export class ConnectionTreeItem extends vscode.TreeItem {
  constructor(id: string, info: ConnectionInfo, active: boolean) {
    super(displayName(info.label), active ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
    this.id = id;
    this.description = connectionRowDescription(info) + (active ? ' · active' : '');
    this.iconPath = new vscode.ThemeIcon(
      info.emulator ? 'vm' : 'plug',
      active ? new vscode.ThemeColor(info.mode === 'live' ? 'charts.orange' : 'charts.green') : undefined,
    );
    this.contextValue = [NodeKinds.connection, active ? 'active' : 'inactive', info.mode, ...(info.stripeCli ? ['stripeCli'] : [])].join(';');
    const md = new vscode.MarkdownString();
    md.appendText(`${displayName(info.label)}${active ? ' (active)' : ''}\n\n`);
    md.appendText(`${info.mode === 'live' ? 'LIVE mode' : 'Test mode'} · ${keyDescription(info)}\n\n`);
    if (info.stripeAccount) md.appendText(`Stripe-Account: ${info.stripeAccount}\n\n`);
    if (info.stripeCli) md.appendText(`Key from the Stripe CLI profile "${info.stripeCli.profile}"${info.stripeCli.keyExpiresAt ? `, expires ${info.stripeCli.keyExpiresAt}` : ''}\n\n`);
    md.appendText(`API: ${info.apiBase ?? 'https://api.stripe.com'}`);
    if (info.ephemeral) md.appendText('\n\nThe demo\'s connection: held in memory for this window only, never saved.');
    this.tooltip = md;
    this.accessibilityInformation = { label: connectionA11yLabel(info, active), role: 'treeitem' };
  }
}
