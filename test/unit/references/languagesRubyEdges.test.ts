/**
 * The Ruby recogniser at its edges: method and params class names that only look like the SDK's,
 * and the lookup it writes.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ruby } from '../../../src/references/languages/ruby';
import { findReferences } from '../../../src/references/registry';

/** Name, scope and call of each reference found. */
const found = (text: string) => findReferences(text, 'ruby').map((r) => [r.name, r.scope, r.call]);

/** The snippet as the code it inserts: placeholders replaced by their default text, escapes removed. */
function resolve(snippet: string): string {
  return snippet.replace(/\$\{\d+:((?:\\.|[^}\\])*)\}/g, (_m, body: string) => body).replace(/\\([$}\\])/g, '$1');
}

const ACCOUNT = { type: 'account' };

describe('ruby recogniser: names', () => {
  it('reads only find, create and delete_where, not methods whose names merely contain them', () => {
    const call = (method: string) => `Stripe::Apps::Secret.${method}(name: '${method}', scope: {type: 'account'})`;
    assert.deepEqual(found([call('find_by'), call('refind'), call('create_or_update')].join('\n')), []);
    assert.deepEqual(found(call('delete_where')), [['delete_where', ACCOUNT, 'deleteWhere']]);
  });

  it('reads only the SDK params classes, not classes whose names merely start or end like them', () => {
    const params = (type: string, name: string) => `params = Stripe::Apps::${type}.new(name: '${name}', scope: {type: 'account'})`;
    assert.deepEqual(found([params('SecretFindParamsBuilder', 'a'), params('CachedSecretFindParams', 'b')].join('\n')), []);
    assert.deepEqual(found(params('SecretCreateParams', 'c')), [['c', ACCOUNT, 'create']]);
  });
});

describe('ruby recogniser: lookup', () => {
  const find = (name: string, scope: string, account = '') =>
    `Stripe::Apps::Secret.find({name: ${name}, scope: ${scope}, expand: ['payload']}${account}).payload`;

  it('reads an account secret, quoting backslashes and quotes in its name', () => {
    assert.equal(resolve(ruby.lookup('api_key', { type: 'account' })), find(`'api_key'`, `{type: 'account'}`));
    assert.equal(resolve(ruby.lookup(`it's\\x`, { type: 'account' })), find(`'it\\'s\\\\x'`, `{type: 'account'}`));
  });

  it('reads a user secret, with an empty user when none is known', () => {
    assert.equal(resolve(ruby.lookup('tok', { type: 'user', user: 'usr_9' })), find(`'tok'`, `{type: 'user', user: 'usr_9'}`));
    assert.equal(resolve(ruby.lookup('tok', { type: 'user' })), find(`'tok'`, `{type: 'user', user: ''}`));
  });

  it('passes the account the app passes, as the second placeholder', () => {
    const snippet = ruby.lookup('api_key', { type: 'account' }, { canAwait: false, stripeAccount: 'account_id' });
    assert.equal(resolve(snippet), find(`'api_key'`, `{type: 'account'}`, `, {stripe_account: account_id}`));
    assert.match(snippet, /\{stripe_account: \$\{2:account_id\}\}/);
  });
});
