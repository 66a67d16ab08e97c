/** Completion of existing secret names inside the name argument of a Secret Store call. */
import * as vscode from 'vscode';
import { describeExpiry } from '../model/expiry';
import { scopeLabel } from '../model/scope';
import type { SecretScope } from '../model/types';
import type { Services } from '../services';
import { nameRange, referenceAt } from './documents';
import { ACCOUNT } from './labels';
import type { StoreListings } from './storeListings';

export const COMPLETION_TRIGGERS = ["'", '"', '`'];

export class SecretCompletionProvider implements vscode.CompletionItemProvider {
  constructor(
    private readonly services: Services,
    private readonly listings: StoreListings,
  ) {}

  async provideCompletionItems(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[] | undefined> {
    const ref = referenceAt(doc, position);
    const connection = this.services.connections.active();
    if (!ref || !connection) return undefined;
    // An unknown scope is most often the account scope; a user scope without a literal id has no listing.
    const scope: SecretScope | undefined =
      ref.scope.type === 'user' ? (ref.scope.user === undefined ? undefined : { type: 'user', user: ref.scope.user }) : ACCOUNT;
    if (!scope) return undefined;
    let secrets;
    try {
      secrets = await this.listings.get(connection.id, scope);
    } catch {
      return undefined;
    }
    const range = nameRange(ref);
    const now = Date.now();
    return secrets.map((s) => {
      const item = new vscode.CompletionItem(
        { label: s.name, description: `${scopeLabel(scope)} · ${connection.label}` },
        vscode.CompletionItemKind.Constant,
      );
      item.range = range;
      item.detail = `Stripe secret in ${scopeLabel(scope)}${s.expiresAt === null ? '' : `, ${describeExpiry(s.expiresAt, now)}`}`;
      return item;
    });
  }
}
