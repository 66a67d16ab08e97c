/**
 * `new SecretFindOptions { Name = "x", Scope = new SecretScopeOptions { Type = "account" } }` (also
 * Create and DeleteWhere options), whichever SecretService method receives it (Find, FindAsync, …),
 * and a target-typed `new() { Name = "x", … }` passed to `client.V1.Apps.Secrets.FindAsync(` or to a
 * SecretService's method in a file that names SecretService.
 */
import { snippetText, type Recogniser } from '../recogniser';
import { referencesAt, type CallPattern } from '../structure';

const OPTIONS = /^Secret(Find|Create|DeleteWhere)Options$/;
const METHOD = /^(Find|Create|DeleteWhere)(Async)?$/;

export const csharp: Recogniser = {
  id: 'csharp',
  languageIds: ['csharp'],
  syntax: { lineComments: ['//'], blockComments: [['/*', '*/']], csharp: true },
  mentions: /Secret/,
  find(s) {
    const patterns: CallPattern[] = [
      [[OPTIONS, '{'], /^Secret/],
      [[OPTIONS, '(', ')', '{'], /^Secret/],
      [['Secrets', '.', METHOD, '(', 'new', '(', ')', '{'], /^Secrets$/, 2],
    ];
    if (!s.matches(['SecretService'], /^SecretService$/).next().done) patterns.push([['.', METHOD, '(', 'new', '(', ')', '{'], /^\.$/, 1]);
    return referencesAt(s, patterns, 'type');
  },
  lookup(name, scope, context) {
    const user = scope.type === 'user' ? `, User = ${JSON.stringify(scope.user ?? '')}` : '';
    const options = `new Stripe.Apps.SecretFindOptions { Name = ${JSON.stringify(name)}, Scope = new Stripe.Apps.SecretScopeOptions { Type = "${scope.type}"${user} }, Expand = new List<string> { "payload" } }`;
    const account =
      context?.stripeAccount === undefined
        ? ''
        : `, new Stripe.RequestOptions { StripeAccount = \${2:${snippetText(context.stripeAccount)}} }`;
    // FindAsync where the method is async; the blocking Find elsewhere (await would not compile).
    return context && !context.canAwait
      ? `\${1:client}.V1.Apps.Secrets.Find(${snippetText(options)}${account}).Payload`
      : `(await \${1:client}.V1.Apps.Secrets.FindAsync(${snippetText(options)}${account})).Payload`;
  },
};
