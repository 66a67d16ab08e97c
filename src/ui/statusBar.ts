import * as vscode from 'vscode';
import { Commands } from '../constants';
import type { ConnectionInfo, ConnectionManager } from '../services';
import {
  connectionDescription,
  escapeMarkdown,
  keyDescription,
  modeAndSandbox,
  NO_KEY_HERE,
  sandboxDescription,
  statusA11yLabel,
} from './labels';

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
    // Without its key here (Settings Sync), the item says so and a click enters it; nothing else is tried.
    const missing = this.connections.keyMissing(active.id);
    this.item.text = `${missing ? '$(warning)' : '$(key)'} ${active.label} · ${modeAndSandbox(active)}${missing ? ' · no API key' : ''}`;
    this.item.command = missing
      ? { title: 'Enter API Key…', command: Commands.enterApiKey, arguments: [{ kind: 'connection', connectionId: active.id }] }
      : Commands.switchConnection;
    this.item.backgroundColor = active.mode === 'live' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.tooltip = tooltip(active, this.connections.list().length, missing);
    // Screen readers get words, never the tooltip's Markdown (`**`, `127\.0\.0\.1`).
    const a11y = statusA11yLabel(active, this.connections.list().length);
    this.item.accessibilityInformation = {
      label: missing ? `${a11y.replace(/, press to (switch|manage) connections?$/, '')}, ${NO_KEY_HERE}, press to enter it` : a11y,
      role: 'button',
    };
    this.item.show();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}

function tooltip(info: ConnectionInfo, count: number, missing: boolean): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**Stripe Secrets: ${escapeMarkdown(info.label)}**\n\n`);
  if (missing) md.appendMarkdown(`${NO_KEY_HERE}: Settings Sync brought this connection, never its key. Click to enter it.\n\n`);
  md.appendMarkdown(`${info.mode === 'live' ? '**LIVE mode**: changes affect real apps' : 'Test mode'}\n\n`);
  const sandbox = sandboxDescription(info, Date.now());
  if (sandbox) md.appendMarkdown(`${escapeMarkdown(sandbox)}\n\n`);
  if (info.stripeContext) md.appendMarkdown(`Stripe-Context ${escapeMarkdown(info.stripeContext)}\n\n`);
  md.appendMarkdown(`${escapeMarkdown(connectionDescription(info))} · ${escapeMarkdown(keyDescription(info))}\n\n`);
  if (info.stripeAccount) md.appendMarkdown(`Acting on ${escapeMarkdown(info.stripeAccount)}\n\n`);
  if (info.apiBase) md.appendMarkdown(`API: ${escapeMarkdown(info.apiBase)}\n\n`);
  if (!missing) md.appendMarkdown(count > 1 ? 'Click to switch connection' : 'Click to manage connections');
  return md;
}
