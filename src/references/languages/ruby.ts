/**
 * `Stripe::Apps::Secret.find({name: 'x', scope: {type: 'account'}})` (also create, delete_where),
 * `client.apps.secrets.find(...)` / `client.v1.apps.secrets.find(...)`, and the typed parameters
 * `Stripe::Apps::SecretFindParams.new(name: 'x', scope: …Scope.new(type: 'account'))`.
 */
import { snippetText, type Recogniser } from '../recogniser';
import { referencesAt } from '../structure';

const METHOD = /^(find|create|delete_where)$/;

export const ruby: Recogniser = {
  id: 'ruby',
  languageIds: ['ruby'],
  syntax: { lineComments: ['#'], blockComments: [], ruby: true },
  mentions: /Secret|secrets/,
  find: (s) =>
    referencesAt(
      s,
      [
        [['Apps', '::', 'Secret', '.', METHOD, '('], /^Apps$/],
        [['apps', '.', 'secrets', '.', METHOD, '('], /^apps$/],
        [['Apps', '::', /^Secret(Find|Create|DeleteWhere)Params$/, '.', 'new', '('], /^Apps$/, 2],
      ],
      'method',
    ),
  lookup(name, scope, context) {
    const scopeRb = scope.type === 'account' ? `{type: 'account'}` : `{type: 'user', user: ${rbString(scope.user ?? '')}}`;
    const account = context?.stripeAccount === undefined ? '' : `, {stripe_account: \${2:${snippetText(context.stripeAccount)}}}`;
    return `\${1:Stripe::Apps::Secret}.find({name: ${snippetText(rbString(name))}, scope: ${snippetText(scopeRb)}, expand: ['payload']}${account}).payload`;
  },
};

export function rbString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
