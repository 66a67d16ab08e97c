/**
 * The JavaScript recogniser at its edges: method names that only look like the Secret Store's, raw
 * requests that are not Secret Store calls or carry no usable name, the StripeResource pattern, and
 * the lookup it writes in each place.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { javascript } from '../../../src/references/languages/javascript';
import { findReferences } from '../../../src/references/registry';

/** Name, scope and call of each reference found. */
const found = (text: string) => findReferences(text, 'javascript').map((r) => [r.name, r.scope, r.call]);

/** A file must mention `secrets` before it is read at all: this comment does, for texts that do not. */
const MENTION = '// Reads the app secrets.\n';

/** The snippet as the code it inserts: placeholders replaced by their default text, escapes removed. */
function resolve(snippet: string): string {
  return snippet.replace(/\$\{\d+:((?:\\.|[^}\\])*)\}/g, (_m, body: string) => body).replace(/\\([$}\\])/g, '$1');
}

const ACCOUNT = { type: 'account' };

describe('javascript recogniser: method names', () => {
  it('reads only find, create and deleteWhere, not methods whose names merely contain them', () => {
    const call = (method: string) => `await stripe.apps.secrets.${method}({name: '${method}_name', scope: {type: 'account'}});`;
    assert.deepEqual(found([call('findOrCreate'), call('recreate'), call('deleteWhereAll')].join('\n')), []);
    assert.deepEqual(found(call('deleteWhere')), [['deleteWhere_name', ACCOUNT, 'deleteWhere']]);
  });
});

describe('javascript recogniser: raw requests', () => {
  it('ignores a raw request with no path, or a path held in a variable', () => {
    assert.deepEqual(found(`${MENTION}await stripe.rawRequest('GET');\nconst r = stripe.rawRequest();`), []);
    assert.deepEqual(found(`const path = '/v1/apps/secrets/find';\nawait stripe.rawRequest('GET', path, {name: 'x'});`), []);
  });

  it('ignores a raw request to another resource, even with a name', () => {
    assert.deepEqual(found(`${MENTION}await stripe.rawRequest('POST', '/v1/customers', {name: 'x', scope: {type: 'account'}});`), []);
    assert.deepEqual(found(`${MENTION}await stripe.rawRequest('GET', '/v1/customers?name=x');`), []);
  });

  it('yields nothing for a Secret Store request without a name (a listing)', () => {
    assert.deepEqual(found(`await stripe.rawRequest('POST', '/v1/apps/secrets', {scope: {type: 'account'}, payload: 'x'});`), []);
    assert.deepEqual(found(`await stripe.rawRequest('GET', '/v1/apps/secrets?scope[type]=account');`), []);
  });

  it('finds the name anywhere in the query, not only first', () => {
    const text = `await stripe.rawRequest('GET', '/v1/apps/secrets/find?scope[type]=account&name=late');`;
    const refs = findReferences(text, 'javascript');
    assert.deepEqual(
      refs.map((r) => [r.name, r.scope, r.call]),
      [['late', ACCOUNT, 'find']],
    );
    assert.equal(text.slice(refs[0].nameStart, refs[0].nameEnd), 'late');
  });

  it('does not read a path written with escapes (its offsets would not map to the text)', () => {
    assert.deepEqual(found(`await stripe.rawRequest('GET', '/v1/apps/secrets/find?name=a\\x62c&scope[type]=account');`), []);
  });

  it('reads a secret path only inside a raw request, not a string elsewhere in the file', () => {
    assert.deepEqual(found(`const p = '/v1/apps/secrets/find?name=x&scope[type]=account';\nawait stripe.rawRequest('GET', p);`), []);
  });
});

describe('javascript recogniser: StripeResource.method', () => {
  const resource = `const R = Stripe.StripeResource.extend({\n  request: Stripe.StripeResource.method({method: 'GET', path}),\n});`;

  it('reads path strings only where StripeResource.method( is called, not on a bare StripeResource mention', () => {
    const path = `const path = '/v1/apps/secrets/find?name=x&scope[type]=account';\n`;
    assert.deepEqual(found(`${path}const R = Stripe.StripeResource.extend({path});`), []);
    assert.deepEqual(found(`${path}${resource}`), [['x', ACCOUNT, 'find']]);
  });

  it('does not read a path to another resource, even with a name in its query', () => {
    assert.deepEqual(found(`${MENTION}const path = '/v1/customers?name=x';\n${resource}`), []);
  });

  it('yields a path read both as a raw request and by StripeResource once', () => {
    const text = `await stripe.rawRequest('GET', '/v1/apps/secrets/find?name=x&scope[type]=account');\n${resource}`;
    assert.deepEqual(found(text), [['x', ACCOUNT, 'find']]);
  });
});

describe('javascript recogniser: lookup', () => {
  const find = (scope: string, name: string, account = '') =>
    `stripe.apps.secrets.find({scope: ${scope}, name: ${name}, expand: ['payload']}${account})`;

  it('awaits the call without a context or where await is allowed', () => {
    assert.equal(resolve(javascript.lookup('api_key', { type: 'account' })), `(await ${find(`{type: 'account'}`, `'api_key'`)}).payload`);
    assert.equal(
      resolve(javascript.lookup('api_key', { type: 'account' }, { canAwait: true })),
      `(await ${find(`{type: 'account'}`, `'api_key'`)}).payload`,
    );
  });

  it('returns a Promise of the value where await is not allowed', () => {
    assert.equal(
      resolve(javascript.lookup('api_key', { type: 'account' }, { canAwait: false })),
      `${find(`{type: 'account'}`, `'api_key'`)}.then((secret) => secret.payload)`,
    );
  });

  it('passes the account the app passes, as the second placeholder', () => {
    const snippet = javascript.lookup('api_key', { type: 'account' }, { canAwait: true, stripeAccount: 'ctx.account' });
    assert.equal(resolve(snippet), `(await ${find(`{type: 'account'}`, `'api_key'`, ', {stripeAccount: ctx.account}')}).payload`);
    assert.match(snippet, /\{stripeAccount: \$\{2:ctx\.account\}\}/);
  });

  it('writes the user scope, with an empty user when none is known', () => {
    assert.equal(
      resolve(javascript.lookup('tok', { type: 'user', user: 'usr_9' })),
      `(await ${find(`{type: 'user', user: 'usr_9'}`, `'tok'`)}).payload`,
    );
    assert.equal(resolve(javascript.lookup('tok', { type: 'user' })), `(await ${find(`{type: 'user', user: ''}`, `'tok'`)}).payload`);
  });
});
