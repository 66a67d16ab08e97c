/** `Stripe::Apps::Secret.find({name: 'x', scope: {type: 'account'}})` (also create, delete_where) and `client.v1.apps.secrets.find(...)`. */
import { snippetText, type Recogniser } from '../recogniser';
import { referencesAt } from '../structure';

const METHOD = /^(find|create|delete_where)$/;

export const ruby: Recogniser = {
  id: 'ruby',
  languageIds: ['ruby'],
  syntax: { lineComments: ['#'], blockComments: [], ruby: true },
  mentions: /\b(Secret|secrets)\b/,
  find: (s) =>
    referencesAt(s, [[['Apps', '::', 'Secret', '.', METHOD, '('], /^Apps$/], [['apps', '.', 'secrets', '.', METHOD, '('], /^apps$/]], 'method'),
  lookup(name, scope) {
    const scopeRb = scope.type === 'account' ? `{type: 'account'}` : `{type: 'user', user: ${rbString(scope.user ?? '')}}`;
    return `\${1:Stripe::Apps::Secret}.find({name: ${snippetText(rbString(name))}, scope: ${snippetText(scopeRb)}, expand: ['payload']}).payload`;
  },
};

function rbString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
