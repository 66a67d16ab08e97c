/**
 * `SecretFindParams.builder().setName("x").setScope(SecretFindParams.Scope.builder().setType(SecretFindParams.Scope.Type.ACCOUNT).build())`
 * (also SecretCreateParams and SecretDeleteWhereParams), whichever call receives it
 * (`client.v1().apps().secrets().find(params)`, `Secret.find(params)`), and the untyped form
 * `Secret.find(Map.of("name", "x", "scope", Map.of("type", "account")))` (also create, deleteWhere).
 */
import { snippetText, type Recogniser } from '../recogniser';
import { callKind, entryMap, pairedEntries, readGroup, referenceFrom, type TokenStream, type Value } from '../structure';
import type { RawReference } from '../types';

export const java: Recogniser = {
  id: 'java',
  languageIds: ['java'],
  syntax: { lineComments: ['//'], blockComments: [['/*', '*/']], textBlocks: true },
  mentions: /Secret/,
  find(s) {
    const out: RawReference[] = [];
    for (const m of s.matches([/^Secret(Find|Create|DeleteWhere)Params$/, '.', 'builder', '(', ')'], /^Secret/)) {
      const ref = referenceFrom(s, builderChain(s, m.end + 1, s.tokens.length), callKind(s.text(m.at)!));
      if (ref) out.push(ref);
    }
    for (const m of s.matches(['Secret', '.', /^(find|create|deleteWhere)$/, '(', 'Map', '.', 'of', '('], /^Secret$/)) {
      const ref = referenceFrom(s, entryMap(pairedEntries(readGroup(s, m.end))), callKind(s.text(m.at + 2)!));
      if (ref) out.push(ref);
    }
    return out.sort((a, b) => a.nameStart - b.nameStart);
  },
  lookup(name, scope, context) {
    const user = scope.type === 'user' ? `.setUser(${JSON.stringify(scope.user ?? '')})` : '';
    const type = scope.type === 'account' ? 'ACCOUNT' : 'USER';
    const params = `SecretFindParams.builder().setName(${JSON.stringify(name)}).setScope(SecretFindParams.Scope.builder().setType(SecretFindParams.Scope.Type.${type})${user}.build()).addExpand("payload").build()`;
    const account =
      context?.stripeAccount === undefined
        ? ''
        : `, RequestOptions.builder().setStripeAccount(\${2:${snippetText(context.stripeAccount)}}).build()`;
    const find = `\${1:client}.v1().apps().secrets().find(${snippetText(params)}${account}).getPayload()`;
    if (context?.throwsChecked !== false) return find;
    // Where a checked exception cannot leave (no throws, a field, a lambda): an expression that handles it.
    const failure = snippetText(JSON.stringify(`Could not read the secret '${name}' from the Stripe Secret Store`));
    return `((java.util.function.Supplier<String>) () -> {\n  try {\n    return ${find};\n  } catch (com.stripe.exception.StripeException e) {\n    throw new IllegalStateException(${failure}, e);\n  }\n}).get()`;
  },
};

/** `.setX(v)` calls after `builder()`, as entries: a nested builder in the argument becomes a map. */
function builderChain(s: TokenStream, from: number, to: number): Map<string, Value> {
  const map = new Map<string, Value>();
  let i = from;
  while (i + 2 < to && s.text(i) === '.' && s.tokens[i + 1].kind === 'ident' && s.text(i + 2) === '(') {
    const method = s.text(i + 1)!;
    const open = i + 2;
    const close = Math.min(s.match[open], to);
    if (/^set[A-Z]/.test(method) && close > open + 1) {
      const key = method.slice(3).toLowerCase();
      const argFrom = open + 1;
      const value: Value = { from: argFrom, to: close };
      if (close - argFrom === 1 && s.tokens[argFrom].kind === 'string') value.string = s.tokens[argFrom];
      else {
        const nested = findBuilder(s, argFrom, close);
        if (nested >= 0) value.entries = [...builderChain(s, nested, close)].map(([k, v]) => ({ key: k, value: v }));
      }
      // As in the builder itself, the last call of a setter wins.
      map.set(key, value);
    }
    i = close + 1;
  }
  return map;
}

/** The index after `builder()` inside [from, to), or -1. */
function findBuilder(s: TokenStream, from: number, to: number): number {
  for (let i = from; i + 2 < to; i++) if (s.text(i) === 'builder' && s.text(i + 1) === '(' && s.text(i + 2) === ')') return i + 3;
  return -1;
}
