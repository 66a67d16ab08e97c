/** `$stripe->apps->secrets->find(['name' => 'x', 'scope' => ['type' => 'account']])` and `\Stripe\Apps\Secret::find([...])`. */
import { snippetText, type Recogniser } from '../recogniser';
import { referencesAt } from '../structure';

const METHOD = /^(find|create|deleteWhere)$/;

export const php: Recogniser = {
  id: 'php',
  languageIds: ['php'],
  syntax: { lineComments: ['//', '#'], blockComments: [['/*', '*/']], php: true },
  mentions: /\b(Secret|secrets)\b/,
  find: (s) =>
    referencesAt(s, [[['apps', '->', 'secrets', '->', METHOD, '('], /^apps$/], [['Apps', '\\', 'Secret', '::', METHOD, '('], /^Apps$/]], 'method'),
  lookup(name, scope) {
    const scopePhp = scope.type === 'account' ? `['type' => 'account']` : `['type' => 'user', 'user' => ${phpString(scope.user ?? '')}]`;
    return `\${1:\\$stripe}->apps->secrets->find(['name' => ${snippetText(phpString(name))}, 'scope' => ${snippetText(scopePhp)}, 'expand' => ['payload']])->payload`;
  },
};

function phpString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
