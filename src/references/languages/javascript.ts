/** `stripe.apps.secrets.find/create/deleteWhere({scope: {type: 'account'}, name: 'x'})`, any receiver (backend or UI extension). */
import { jsString } from '../../model/snippet';
import { snippetText, type Recogniser } from '../recogniser';
import { referencesAt } from '../structure';

export const javascript: Recogniser = {
  id: 'javascript',
  languageIds: ['javascript', 'typescript', 'javascriptreact', 'typescriptreact'],
  syntax: { lineComments: ['//'], blockComments: [['/*', '*/']], js: true },
  mentions: /\bsecrets\b/,
  find: (s) => referencesAt(s, [[['apps', '.', 'secrets', '.', /^(find|create|deleteWhere)$/, '('], /^apps$/]], 'method'),
  lookup(name, scope) {
    const scopeJs = scope.type === 'account' ? `{type: 'account'}` : `{type: 'user', user: ${jsString(scope.user ?? '')}}`;
    return `(await \${1:stripe}.apps.secrets.find({scope: ${snippetText(scopeJs)}, name: ${snippetText(jsString(name))}, expand: ['payload']})).payload`;
  },
};
