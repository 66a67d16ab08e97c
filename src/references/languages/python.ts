/**
 * `stripe.apps.Secret.find(name="x", scope={"type": "account"})` (also create, delete_where and the
 * `_async` twins), `Secret.find(…)` after `from stripe.apps import Secret`, and the StripeClient form
 * `client.apps.secrets.find(params={...})` or `client.v1.apps.secrets.find_async({...})`.
 */
import { snippetText, type Recogniser } from '../recogniser';
import { referencesAt, type CallPattern, type TokenStream } from '../structure';

const METHOD = /^(find|create|delete_where)(_async)?$/;
const RESOURCE: CallPattern = [['apps', '.', /^(Secret|secrets)$/, '.', METHOD, '('], /^apps$/];
const IMPORTED: CallPattern = [['Secret', '.', METHOD, '('], /^Secret$/];

export const python: Recogniser = {
  id: 'python',
  languageIds: ['python'],
  syntax: { lineComments: ['#'], blockComments: [], python: true },
  mentions: /\b(Secret|secrets)\b/,
  find: (s) => referencesAt(s, importsSecret(s) ? [RESOURCE, IMPORTED] : [RESOURCE], 'method'),
  lookup(name, scope, context) {
    const scopePy = scope.type === 'account' ? `{"type": "account"}` : `{"type": "user", "user": ${pyString(scope.user ?? '')}}`;
    const account = context?.stripeAccount === undefined ? '' : `, stripe_account=\${2:${snippetText(context.stripeAccount)}}`;
    const args = `name=${snippetText(pyString(name))}, scope=${snippetText(scopePy)}, expand=["payload"]${account}`;
    // In an `async def`, the async twin; elsewhere (module level, a plain def) the blocking call.
    return context?.canAwait
      ? `(await \${1:stripe}.apps.Secret.find_async(${args})).payload`
      : `\${1:stripe}.apps.Secret.find(${args}).payload`;
  },
};

/**
 * `from stripe.apps import Secret` (possibly among other names, in parentheses or not). The list is
 * read as Python reads it, `Name [as Name]` separated by commas, so a name on the next line is not in it.
 */
function importsSecret(s: TokenStream): boolean {
  for (const m of s.matches(['from', 'stripe', '.', 'apps', 'import'], /^from$/)) {
    let i = m.end + 1;
    if (s.text(i) === '(') i++;
    while (s.tokens[i]?.kind === 'ident') {
      const imported = s.text(i);
      i++;
      if (s.text(i) === 'as') i += 2;
      else if (imported === 'Secret') return true;
      if (s.text(i) !== ',') break;
      i++;
    }
  }
  return false;
}

export function pyString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}
