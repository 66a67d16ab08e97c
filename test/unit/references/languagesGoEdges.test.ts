/**
 * The Go recogniser at its edges: params type names that only look like the SDK's, and the lookup
 * it writes (an expression that compiles anywhere) for each scope and account.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { go } from '../../../src/references/languages/go';
import { findReferences } from '../../../src/references/registry';

/** Name, scope and call of each reference found. */
const found = (text: string) => findReferences(text, 'go').map((r) => [r.name, r.scope, r.call]);

/** The snippet as the code it inserts: placeholders replaced by their default text, escapes removed. */
function resolve(snippet: string): string {
  return snippet.replace(/\$\{\d+:((?:\\.|[^}\\])*)\}/g, (_m, body: string) => body).replace(/\\([$}\\])/g, '$1');
}

describe('go recogniser: params types', () => {
  it('reads only the SDK params types, not types whose names merely start or end like them', () => {
    const params = (type: string, name: string) =>
      `p := &stripe.${type}{Name: stripe.String("${name}"), Scope: &stripe.AppsSecretFindScopeParams{Type: stripe.String("account")}}`;
    assert.deepEqual(found([params('AppsSecretFindParamsV2', 'a'), params('AppsSecretCacheAppsSecretFindParams', 'b')].join('\n')), []);
    assert.deepEqual(found(params('AppsSecretParams', 'c')), [['c', { type: 'account' }, 'create']]);
  });
});

describe('go recogniser: lookup', () => {
  const expr = (fields: string) =>
    `func() string {\n\tsecret, err := sc.V1AppsSecrets.Find(context.Background(), &stripe.AppsSecretFindParams{${fields}, Expand: []*string{stripe.String("payload")}})\n\tif err != nil {\n\t\tpanic(err)\n\t}\n\treturn secret.Payload\n}()`;
  const scope = (type: string, user = '') =>
    `Scope: &stripe.AppsSecretFindScopeParams{Type: stripe.String(stripe.AppsSecretScopeType${type})${user}}`;

  it('reads an account secret', () => {
    assert.equal(resolve(go.lookup('api_key', { type: 'account' })), expr(`Name: stripe.String("api_key"), ${scope('Account')}`));
  });

  it('reads a user secret, with an empty user when none is known', () => {
    assert.equal(
      resolve(go.lookup('tok', { type: 'user', user: 'usr_9' })),
      expr(`Name: stripe.String("tok"), ${scope('User', ', User: stripe.String("usr_9")')}`),
    );
    assert.equal(
      resolve(go.lookup('tok', { type: 'user' })),
      expr(`Name: stripe.String("tok"), ${scope('User', ', User: stripe.String("")')}`),
    );
  });

  it('passes the account the app passes, as the third placeholder', () => {
    const snippet = go.lookup('api_key', { type: 'account' }, { canAwait: false, stripeAccount: 'accountID' });
    assert.equal(
      resolve(snippet),
      expr(`Params: stripe.Params{StripeAccount: accountID}, Name: stripe.String("api_key"), ${scope('Account')}`),
    );
    assert.match(snippet, /StripeAccount: \$\{3:accountID\}/);
  });
});
