/**
 * `stripe.apps.Secret.find(name="x", scope={"type": "account"})` (also create, delete_where) and the
 * StripeClient form `client.apps.secrets.find(params={...})` (or `client.v1.apps.secrets.find({...})`).
 */
import { snippetText, type Recogniser } from '../recogniser';
import { referencesAt } from '../structure';

export const python: Recogniser = {
  id: 'python',
  languageIds: ['python'],
  syntax: { lineComments: ['#'], blockComments: [], python: true },
  mentions: /\b(Secret|secrets)\b/,
  find: (s) => referencesAt(s, [[['apps', '.', /^(Secret|secrets)$/, '.', /^(find|create|delete_where)$/, '('], /^apps$/]], 'method'),
  lookup(name, scope) {
    const scopePy = scope.type === 'account' ? `{"type": "account"}` : `{"type": "user", "user": ${pyString(scope.user ?? '')}}`;
    return `\${1:stripe}.apps.Secret.find(name=${snippetText(pyString(name))}, scope=${snippetText(scopePy)}, expand=["payload"]).payload`;
  },
};

function pyString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}
