import * as vscode from 'vscode';
import { NodeKinds } from '../constants';
import { displayName, hasHiddenCharacters } from '../model/displayName';
import { describeExpiry, expiryState } from '../model/expiry';
import { scopeLabel } from '../model/scope';
import type { SecretMeta } from '../model/types';
import { secretA11yLabel } from './rowLabels';

function localTime(seconds: number): string {
  return new Date(seconds * 1000).toLocaleString();
}

/** A secret row, never its value: `secret;ok|soon|expired|none;`. */
export class SecretTreeItem extends vscode.TreeItem {
  constructor(id: string, secret: SecretMeta, busy: string | undefined, soonDays: number, nowMs: number) {
    super(displayName(secret.name), vscode.TreeItemCollapsibleState.None);
    this.id = id;
    const state = expiryState(secret.expiresAt, nowMs, soonDays);
    this.description = busy ?? describeExpiry(secret.expiresAt, nowMs);
    this.iconPath =
      busy !== undefined
        ? new vscode.ThemeIcon('loading~spin')
        : state === 'expired'
          ? new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground'))
          : state === 'soon'
            ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground'))
            : new vscode.ThemeIcon('key');
    this.contextValue = `${NodeKinds.secret};${state};`;
    const md = new vscode.MarkdownString();
    md.appendMarkdown('**');
    md.appendText(displayName(secret.name));
    md.appendMarkdown('**\n\n');
    if (hasHiddenCharacters(secret.name))
      md.appendText(
        'The name holds spaces at its ends or characters that draw as nothing, shown here as ␣ and escapes such as \\n or \\u200b.\n\n',
      );
    md.appendText(`Id: ${secret.id}\n\n`);
    md.appendText(`Created: ${localTime(secret.created)}\n\n`);
    md.appendText(
      `Expires: ${secret.expiresAt === null ? 'never' : `${localTime(secret.expiresAt)} (${describeExpiry(secret.expiresAt, nowMs)})`}\n\n`,
    );
    md.appendText(`Mode: ${secret.livemode ? 'live' : 'test'} · Scope: ${scopeLabel(secret.scope)}`);
    this.tooltip = md;
    this.accessibilityInformation = { label: secretA11yLabel(secret.name, this.description, state, busy !== undefined), role: 'treeitem' };
  }
}
