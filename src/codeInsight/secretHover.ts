/** Hover on a secret name in code: its scope, whether the active connection has it, its expiry; never its value. */
import * as vscode from 'vscode';
import { Commands } from '../constants';
import { describeExpiry } from '../model/expiry';
import { hasAddedAccounts } from '../model/accounts';
import type { SecretScope } from '../model/types';
import type { Services } from '../services';
import { nameRange, referenceAt } from './documents';
import { ACCOUNT, commandLink, HOVER_COMMANDS, revealNode, setSecretNode, setSecretTitle } from './labels';
import { escapeMarkdown, markdownPlainText } from '../ui/labels';
import type { StoreListings } from './storeListings';

export class SecretHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly services: Services,
    private readonly listings: StoreListings,
  ) {}

  async provideHover(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const ref = referenceAt(doc, position);
    if (!ref) return undefined;
    const md = new vscode.MarkdownString(undefined, true);
    md.isTrusted = { enabledCommands: HOVER_COMMANDS };
    // The name and user id come from the file: plain text, never Markdown (no link, no command).
    md.appendMarkdown(`**Stripe secret** '${markdownPlainText(ref.name)}'\n\n`);
    const scope: SecretScope | undefined =
      ref.scope.type === 'account'
        ? ACCOUNT
        : ref.scope.type === 'user' && ref.scope.user !== undefined
          ? { type: 'user', user: ref.scope.user }
          : undefined;
    if (!scope) {
      md.appendMarkdown(
        markdownPlainText(
          ref.scope.type === 'user'
            ? 'User scope; the user id is not a literal, so it is not checked.'
            : 'The scope is not a literal, so it is not checked.',
        ),
      );
      return new vscode.Hover(md, nameRange(ref));
    }
    const where = markdownPlainText(scope.type === 'account' ? 'Account scope' : `scope of user ${scope.user}`);
    const connection = this.services.connections.active();
    if (!connection) {
      md.appendMarkdown(`${where[0].toUpperCase()}${where.slice(1)}\\. No active Stripe connection to check it against\\.`);
      return new vscode.Hover(md, nameRange(ref));
    }
    let secrets;
    try {
      secrets = await this.listings.get(connection.id, scope);
    } catch {
      md.appendMarkdown(
        `${where[0].toUpperCase()}${where.slice(1)}\\. ${markdownPlainText(`Could not list it in ${connection.label} (see the Stripe Secrets view).`)}`,
      );
      return new vscode.Hover(md, nameRange(ref));
    }
    const secret = secrets.find((s) => s.name === ref.name);
    const links: string[] = [];
    if (secret) {
      const expiry = describeExpiry(secret.expiresAt, Date.now()) || 'never expires';
      md.appendMarkdown(`$(pass) In the ${where} of ${escapeMarkdown(connection.label)}; ${expiry}.\n\n`);
      links.push(`[$(eye) Reveal](${commandLink(Commands.revealSecret, revealNode(connection.id, scope, secret))} "Reveal the value")`);
    } else {
      md.appendMarkdown(`$(warning) Not in the ${where} of ${escapeMarkdown(connection.label)}.\n\n`);
    }
    links.push(
      `[$(add) ${markdownPlainText(setSecretTitle(ref.name, scope))}](${commandLink(Commands.setSecret, setSecretNode(connection.id, scope, ref.name))})`,
    );
    // The same name in every account the connection reaches (names only).
    if (hasAddedAccounts(connection))
      links.push(
        `[$(search) Find Across Accounts](${commandLink(Commands.findSecretAcrossAccounts, setSecretNode(connection.id, scope, ref.name))} "Which accounts hold this name")`,
      );
    md.appendMarkdown(links.join(' · '));
    return new vscode.Hover(md, nameRange(ref));
  }
}
