/**
 * `&stripe.AppsSecretFindParams{Name: stripe.String("x"), Scope: &stripe.AppsSecretFindScopeParams{Type: stripe.String("account")}}`
 * (also AppsSecretCreateParams and the older AppsSecretParams for create, and AppsSecretDeleteWhereParams),
 * whichever call receives it: `secret.Find(params)`, `sc.AppsSecrets.Find(params)` or `sc.V1AppsSecrets.Find(ctx, params)`.
 */
import { snippetText, type Recogniser } from '../recogniser';
import { referencesAt } from '../structure';

export const go: Recogniser = {
  id: 'go',
  languageIds: ['go'],
  syntax: { lineComments: ['//'], blockComments: [['/*', '*/']], goRaw: true },
  mentions: /AppsSecret/,
  find: (s) => referencesAt(s, [[[/^AppsSecret(Find|Create|DeleteWhere)?Params$/, '{'], /^AppsSecret/]], 'type'),
  lookup(name, scope) {
    const user = scope.type === 'user' ? `, User: stripe.String(${goString(scope.user ?? '')})` : '';
    const type = scope.type === 'account' ? 'Account' : 'User';
    const params = `&stripe.AppsSecretFindParams{Name: stripe.String(${goString(name)}), Scope: &stripe.AppsSecretFindScopeParams{Type: stripe.String(stripe.AppsSecretScopeType${type})${user}}}`;
    return `\${1:mustPayload}(\${2:sc}.V1AppsSecrets.Find(\${3:ctx}, ${snippetText(params)}))`;
  },
};

function goString(value: string): string {
  return JSON.stringify(value);
}
