/**
 * The Python recogniser at its edges: method and resource names that only resemble the SDK's, when
 * `from stripe.apps import …` brings in `Secret` (and when it does not), and the exact lookup it writes.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pyString, python } from '../../../src/references/languages/python';
import { findReferences } from '../../../src/references/registry';

const names = (text: string) => findReferences(text, 'python').map((r) => r.name);
const call = (receiver: string, name: string, method = 'find') => `${receiver}.${method}(name="${name}", scope={"type": "account"})`;

describe('python recogniser: call names', () => {
  it('only find, create, delete_where and their _async twins are read, not longer or shorter method names', () => {
    const text = [
      call('stripe.apps.Secret', 'all', 'find_all'),
      call('stripe.apps.Secret', 'again', 'refind'),
      call('stripe.apps.Secret', 'async_later', 'create_async_later'),
      call('stripe.apps.Secret', 'kept', 'delete_where_async'),
    ].join('\n');
    assert.deepEqual(names(text), ['kept']);
  });

  it('the resource is Secret or secrets exactly, not a longer or prefixed name', () => {
    const text = [
      call('stripe.apps.MySecret', 'prefixed'),
      call('stripe.apps.SecretService', 'longer'),
      call('stripe.apps.Secret', 'kept'),
    ];
    assert.deepEqual(names(text.join('\n')), ['kept']);
  });
});

describe('python recogniser: from stripe.apps import Secret', () => {
  it('a bare Secret call without the import is not read', () => {
    assert.deepEqual(names(call('Secret', 'bare')), []);
  });

  it('Secret may come after other names, with or without parentheses', () => {
    assert.deepEqual(names(`from stripe.apps import Foo, Secret\n\n${call('Secret', 'listed')}`), ['listed']);
    assert.deepEqual(names(`from stripe.apps import (\n    Foo,\n    Secret,\n)\n${call('Secret', 'parenthesised')}`), ['parenthesised']);
  });

  it('importing other names does not make a later Secret the Stripe one', () => {
    assert.deepEqual(names(`from stripe.apps import Foo\nx = ${call('Secret', 'assigned')}`), []);
    assert.deepEqual(names(`from stripe.apps import Foo\nfrom Secret import helpers\nx = ${call('Secret', 'other_from')}`), []);
    assert.deepEqual(names(`from stripe.apps import Foo\nimport Secret\nx = ${call('Secret', 'other_import')}`), []);
  });

  it('Secret imported under another name leaves the bare name unbound', () => {
    assert.deepEqual(names(`from stripe.apps import Secret as AppSecret\nx = ${call('Secret', 'renamed')}`), []);
  });

  it('an import of other names at the very end of the file still lets the module-path calls be read', () => {
    assert.deepEqual(names(`${call('stripe.apps.Secret', 'module_path')}\nfrom stripe.apps import Foo`), ['module_path']);
  });
});

describe('python recogniser: lookup', () => {
  it('an account-scoped lookup reads the payload with the blocking call and no account', () => {
    const expected = '${1:stripe}.apps.Secret.find(name="api_key", scope={"type": "account"\\}, expand=["payload"]).payload';
    assert.equal(python.lookup('api_key', { type: 'account' }), expected);
    assert.equal(python.lookup('api_key', { type: 'account' }, { canAwait: false }), expected);
  });

  it('a user-scoped lookup names the user, empty when none is known', () => {
    assert.equal(
      python.lookup('k', { type: 'user', user: 'usr_9' }),
      '${1:stripe}.apps.Secret.find(name="k", scope={"type": "user", "user": "usr_9"\\}, expand=["payload"]).payload',
    );
    assert.equal(
      python.lookup('k', { type: 'user' }),
      '${1:stripe}.apps.Secret.find(name="k", scope={"type": "user", "user": ""\\}, expand=["payload"]).payload',
    );
  });

  it('in an async def the lookup awaits the async twin', () => {
    assert.equal(
      python.lookup('api_key', { type: 'account' }, { canAwait: true }),
      '(await ${1:stripe}.apps.Secret.find_async(name="api_key", scope={"type": "account"\\}, expand=["payload"])).payload',
    );
  });

  it("the app's Stripe account is passed as stripe_account, a second placeholder", () => {
    assert.equal(
      python.lookup('api_key', { type: 'account' }, { canAwait: false, stripeAccount: 'acct$}' }),
      '${1:stripe}.apps.Secret.find(name="api_key", scope={"type": "account"\\}, expand=["payload"], stripe_account=${2:acct\\$\\}}).payload',
    );
  });
});

describe('pyString', () => {
  it('escapes backslashes, double quotes and line breaks', () => {
    assert.equal(pyString('a\\b"c\nd'), '"a\\\\b\\"c\\nd"');
    assert.equal(pyString('plain'), '"plain"');
  });
});

describe('python recogniser: where an import list ends', () => {
  it('a name on the line after the import, or after its closing bracket, was not imported', () => {
    assert.deepEqual(names(`from stripe.apps import Foo\n${call('Secret', 'next_line')}`), []);
    assert.deepEqual(names(`from stripe.apps import (Foo)\n${call('Secret', 'after_bracket')}`), []);
    assert.deepEqual(names(`from stripe.apps import (Foo, Secret)\n${call('Secret', 'in_brackets')}`), ['in_brackets']);
    assert.deepEqual(names(`from stripe.apps import Foo as F, Secret\n${call('Secret', 'after_alias')}`), ['after_alias']);
  });
});
