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
  lookup(name, scope, context) {
    const user = scope.type === 'user' ? `, User: stripe.String(${goString(scope.user ?? '')})` : '';
    const type = scope.type === 'account' ? 'Account' : 'User';
    const account =
      context?.stripeAccount === undefined ? '' : `Params: stripe.Params{StripeAccount: \${3:${snippetText(context.stripeAccount)}}}, `;
    const params = `&stripe.AppsSecretFindParams{${account}Name: stripe.String(${snippetText(goString(name))}), Scope: &stripe.AppsSecretFindScopeParams{Type: stripe.String(stripe.AppsSecretScopeType${type})${snippetText(user)}}, Expand: []*string{stripe.String("payload")}}`;
    // An expression that compiles anywhere, package level included; a failed read stops the program.
    return `func() string {\n\tsecret, err := \${1:sc}.V1AppsSecrets.Find(\${2:context.Background()}, ${params})\n\tif err != nil {\n\t\tpanic(err)\n\t}\n\treturn secret.Payload\n}()`;
  },
};

function goString(value: string): string {
  return JSON.stringify(value);
}
