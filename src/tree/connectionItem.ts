import * as vscode from 'vscode';
import { Commands, NodeKinds } from '../constants';
import type { ConnectionInfo } from '../services';
import { displayName } from '../model/displayName';
import { connectionRowDescription, keyDescription, NO_KEY_HERE, sandboxDescription } from '../ui/labels';
import { connectionA11yLabel } from './rowLabels';

/**
 * A saved connection: `connection;active|inactive;test|live[;stripeCli][;noKey]`. Without a key on this
 * machine (Settings Sync brought it) it has no children: it says so, and a click enters the key.
 */
export class ConnectionTreeItem extends vscode.TreeItem {
  constructor(id: string, info: ConnectionInfo, active: boolean, keyMissing = false) {
    super(
      displayName(info.label),
      keyMissing
        ? vscode.TreeItemCollapsibleState.None
        : active
          ? vscode.TreeItemCollapsibleState.Expanded
          : vscode.TreeItemCollapsibleState.Collapsed,
    );
    this.id = id;
    this.description = connectionRowDescription(info) + (keyMissing ? ` · ${NO_KEY_HERE}` : '') + (active ? ' · active' : '');
    this.iconPath = new vscode.ThemeIcon(
      keyMissing ? 'warning' : info.emulator ? 'vm' : 'plug',
      active ? new vscode.ThemeColor(info.mode === 'live' ? 'charts.orange' : 'charts.green') : undefined,
    );
    this.contextValue = [
      NodeKinds.connection,
      active ? 'active' : 'inactive',
      info.mode,
      ...(info.stripeCli ? ['stripeCli'] : []),
      ...(keyMissing ? ['noKey'] : []),
    ].join(';');
    if (keyMissing)
      this.command = { title: 'Enter API Key…', command: Commands.enterApiKey, arguments: [{ kind: 'connection', connectionId: info.id }] };
    const md = new vscode.MarkdownString();
    md.appendText(`${displayName(info.label)}${active ? ' (active)' : ''}\n\n`);
    if (keyMissing)
      md.appendText(`${NO_KEY_HERE}: Settings Sync brought this connection, never its key. Click to enter the key (Enter API Key…).\n\n`);
    md.appendText(`${info.mode === 'live' ? 'LIVE mode' : 'Test mode'} · ${keyDescription(info)}\n\n`);
    const sandbox = sandboxDescription(info, Date.now());
    if (sandbox) md.appendText(`${sandbox[0].toUpperCase()}${sandbox.slice(1)}\n\n`);
    if (info.stripeAccount) md.appendText(`Stripe-Account: ${info.stripeAccount}\n\n`);
    if (info.stripeContext) md.appendText(`Stripe-Context: ${info.stripeContext}\n\n`);
    if (info.stripeCli)
      md.appendText(
        `Key from the Stripe CLI profile "${info.stripeCli.profile}"${info.stripeCli.keyExpiresAt ? `, expires ${info.stripeCli.keyExpiresAt}` : ''}\n\n`,
      );
    md.appendText(`API: ${info.apiBase ?? 'https://api.stripe.com'}`);
    if (info.ephemeral) md.appendText("\n\nThe demo's connection: held in memory for this window only, never saved.");
    this.tooltip = md;
    this.accessibilityInformation = { label: connectionA11yLabel(info, active, keyMissing), role: 'treeitem' };
  }
}
