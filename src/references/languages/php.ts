/**
 * `$stripe->apps->secrets->find(['name' => 'x', 'scope' => ['type' => 'account']])` (also create,
 * deleteWhere), `\Stripe\Apps\Secret::find([...])`, and `Secret::find([...])` after `use Stripe\Apps\Secret;`.
 */
import { snippetText, type Recogniser } from '../recogniser';
import { referencesAt, type CallPattern, type TokenStream } from '../structure';

const METHOD = /^(find|create|deleteWhere)$/;

export const php: Recogniser = {
  id: 'php',
  languageIds: ['php'],
  syntax: { lineComments: ['//', '#'], blockComments: [['/*', '*/']], php: true },
  mentions: /\b(Secret|secrets)\b/,
  find(s) {
    const patterns: CallPattern[] = [
      [['apps', '->', 'secrets', '->', METHOD, '('], /^apps$/],
      [['Apps', '\\', 'Secret', '::', METHOD, '('], /^Apps$/],
    ];
    if (usesSecret(s)) patterns.push([['Secret', '::', METHOD, '('], /^Secret$/]);
    return referencesAt(s, patterns, 'method');
  },
  lookup(name, scope, context) {
    const scopePhp = scope.type === 'account' ? `['type' => 'account']` : `['type' => 'user', 'user' => ${phpString(scope.user ?? '')}]`;
    const account = context?.stripeAccount === undefined ? '' : `, ['stripe_account' => \${2:${snippetText(context.stripeAccount)}}]`;
    return `\${1:\\$stripe}->apps->secrets->find(['name' => ${snippetText(phpString(name))}, 'scope' => ${snippetText(scopePhp)}, 'expand' => ['payload']]${account})->payload`;
  },
};

/** `use Stripe\Apps\Secret;` (or with a leading backslash): the bare class name means the Secret Store. */
function usesSecret(s: TokenStream): boolean {
  for (const m of s.matches(['Stripe', '\\', 'Apps', '\\', 'Secret', ';'], /^Stripe$/)) {
    const before = s.text(m.at - 1) === '\\' ? m.at - 2 : m.at - 1;
    if (s.text(before) === 'use') return true;
  }
  return false;
}

export function phpString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
