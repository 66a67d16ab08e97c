import * as vscode from 'vscode';
import { Commands } from '../constants';
import type { ConnectionInfo, ConnectionManager } from '../services';
import { connectionDescription, escapeMarkdown, keyDescription, modeBadge, statusA11yLabel } from './labels';

/** `$(key) <label> · TEST`; live mode on a warning background so it cannot be missed. Click: switch. */
export class ConnectionStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('stripeSecrets.connection', vscode.StatusBarAlignment.Left, 50);
  private readonly subscription: vscode.Disposable;

  constructor(private readonly connections: ConnectionManager) {
    this.item.name = 'Stripe Secrets Connection';
    this.item.command = Commands.switchConnection;
    this.subscription = connections.onDidChange(() => this.update());
    this.update();
  }

  update(): void {
    const active = this.connections.active();
    if (!active) {
      this.item.hide();
      return;
    }
    this.item.text = `$(key) ${active.label} · ${modeBadge(active)}`;
    this.item.backgroundColor = active.mode === 'live' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.tooltip = tooltip(active, this.connections.list().length);
    // Screen readers get words, never the tooltip's Markdown (`**`, `127\.0\.0\.1`).
    this.item.accessibilityInformation = { label: statusA11yLabel(active, this.connections.list().length), role: 'button' };
    this.item.show();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}

function tooltip(info: ConnectionInfo, count: number): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**Stripe Secrets: ${escapeMarkdown(info.label)}**\n\n`);
  md.appendMarkdown(`${info.mode === 'live' ? '**LIVE mode**: changes affect real apps' : 'Test mode'}\n\n`);
  md.appendMarkdown(`${escapeMarkdown(connectionDescription(info))} · ${escapeMarkdown(keyDescription(info))}\n\n`);
  if (info.stripeAccount) md.appendMarkdown(`Acting on ${escapeMarkdown(info.stripeAccount)}\n\n`);
  if (info.apiBase) md.appendMarkdown(`API: ${escapeMarkdown(info.apiBase)}\n\n`);
  md.appendMarkdown(count > 1 ? 'Click to switch connection' : 'Click to manage connections');
  return md;
}
