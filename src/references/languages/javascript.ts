/**
 * `stripe.apps.secrets.find/create/deleteWhere({scope: {type: 'account'}, name: 'x'})`, any receiver
 * (backend or UI extension); stripe-node's `stripe.rawRequest('POST', '/v1/apps/secrets', {name, scope, …})`
 * or with the name in the path's query; and the older `Stripe.StripeResource.extend({request:
 * Stripe.StripeResource.method({method, path})})` pattern, whose path string carries the name.
 */
import { jsString } from '../../model/snippet';
import { snippetText, type Recogniser } from '../recogniser';
import type { Token } from '../scanner';
import { pathQueryFields, secretPathCall, formScope } from '../secretPath';
import { entryMap, readGroup, referenceFrom, referencesAt, type TokenStream } from '../structure';
import type { CallKind, RawReference } from '../types';

export const javascript: Recogniser = {
  id: 'javascript',
  languageIds: ['javascript', 'typescript', 'javascriptreact', 'typescriptreact'],
  syntax: { lineComments: ['//'], blockComments: [['/*', '*/']], js: true },
  mentions: /\bsecrets\b/,
  find: (s) => {
    const refs = referencesAt(s, [[['apps', '.', 'secrets', '.', /^(find|create|deleteWhere)$/, '('], /^apps$/]], 'method');
    const raw = rawRequests(s);
    return raw.length === 0 ? refs : [...refs, ...raw].sort((a, b) => a.nameStart - b.nameStart);
  },
  lookup(name, scope, context) {
    const scopeJs = scope.type === 'account' ? `{type: 'account'}` : `{type: 'user', user: ${jsString(scope.user ?? '')}}`;
    const account = context?.stripeAccount === undefined ? '' : `, {stripeAccount: \${2:${snippetText(context.stripeAccount)}}}`;
    const call = `\${1:stripe}.apps.secrets.find({scope: ${snippetText(scopeJs)}, name: ${snippetText(jsString(name))}, expand: ['payload']}${account})`;
    // Where `await` is not allowed (CommonJS top level, a plain function), a Promise of the value.
    return context && !context.canAwait ? `${call}.then((secret) => secret.payload)` : `(await ${call}).payload`;
  },
};

function rawRequests(s: TokenStream): RawReference[] {
  // One cheap pass first: most files have neither, and this runs on every debounced edit.
  let raw = false;
  let resource = false;
  for (const t of s.tokens) {
    if (t.kind !== 'ident') continue;
    if (t.text === 'rawRequest') raw = true;
    else if (t.text === 'StripeResource') resource = true;
  }
  if (!raw && !resource) return [];
  const out: RawReference[] = [];
  const seen = new Set<number>();
  const add = (ref: RawReference | undefined) => {
    if (ref && !seen.has(ref.nameStart)) {
      seen.add(ref.nameStart);
      out.push(ref);
    }
  };
  for (const m of raw ? s.matches(['rawRequest', '('], /^rawRequest$/) : []) {
    const args = readGroup(s, m.end);
    const path = args[1]?.value.string;
    const call = path?.literal && path.value !== undefined ? secretPathCall(path.value) : undefined;
    if (!path || !call) continue;
    const params = args[2]?.value.entries;
    add(params ? referenceFrom(s, entryMap(params), call) : pathReference(path, call));
  }
  if (resource && !s.matches(['StripeResource', '.', 'method', '('], /^StripeResource$/).next().done) {
    for (const t of s.tokens) {
      const call = t.kind === 'string' && t.literal && t.value !== undefined ? secretPathCall(t.value) : undefined;
      if (call) add(pathReference(t, call));
    }
  }
  return out;
}

/** A reference from `name=` in a path string's query, when the literal holds no escapes (so offsets map). */
function pathReference(token: Token, call: CallKind): RawReference | undefined {
  const value = token.value!;
  const content = token.text.slice(token.contentStart! - token.start, token.contentEnd! - token.start);
  if (content !== value) return undefined;
  const fields = pathQueryFields(value);
  const name = fields.find((f) => f.key === 'name');
  if (!name) return undefined;
  return {
    name: name.value,
    nameStart: token.contentStart! + name.valueStart,
    nameEnd: token.contentStart! + name.valueEnd,
    scope: formScope(fields),
    call,
  };
}
