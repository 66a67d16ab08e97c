/**
 * The PHP recogniser at its edges: when a bare `Secret::` means the Secret Store (only after
 * `use Stripe\Apps\Secret;`, with or without a leading backslash), and the lookup it writes.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { php } from '../../../src/references/languages/php';
import { findReferences } from '../../../src/references/registry';

/** Name, scope and call of each reference found. */
const found = (text: string) => findReferences(text, 'php').map((r) => [r.name, r.scope, r.call]);

/** The snippet as the code it inserts: placeholders replaced by their default text, escapes removed. */
function resolve(snippet: string): string {
  return snippet.replace(/\$\{\d+:((?:\\.|[^}\\])*)\}/g, (_m, body: string) => body).replace(/\\([$}\\])/g, '$1');
}

const ACCOUNT = { type: 'account' };
const bare = `$secret = Secret::find(['name' => 'x', 'scope' => ['type' => 'account']]);`;

describe('php recogniser: the bare Secret class', () => {
  it('reads Secret:: after use Stripe\\Apps\\Secret; written with a leading backslash', () => {
    assert.deepEqual(found(`<?php\nuse \\Stripe\\Apps\\Secret;\n\n${bare}`), [['x', ACCOUNT, 'find']]);
  });

  it('does not read Secret:: without the use statement (it is another class then)', () => {
    assert.deepEqual(found(`<?php\n${bare}`), []);
    assert.deepEqual(found(`<?php\n$s = new \\Stripe\\Apps\\Secret;\n${bare}`), []);
    assert.deepEqual(found(`<?php\n$s = new Stripe\\Apps\\Secret;\n${bare}`), []);
  });
});

describe('php recogniser: lookup', () => {
  const find = (name: string, scope: string, account = '') =>
    `$stripe->apps->secrets->find(['name' => ${name}, 'scope' => ${scope}, 'expand' => ['payload']]${account})->payload`;

  it('reads an account secret, quoting backslashes and quotes in its name', () => {
    assert.equal(resolve(php.lookup('api_key', { type: 'account' })), find(`'api_key'`, `['type' => 'account']`));
    assert.equal(resolve(php.lookup(`it's\\x`, { type: 'account' })), find(`'it\\'s\\\\x'`, `['type' => 'account']`));
  });

  it('reads a user secret, with an empty user when none is known', () => {
    assert.equal(resolve(php.lookup('tok', { type: 'user', user: 'usr_9' })), find(`'tok'`, `['type' => 'user', 'user' => 'usr_9']`));
    assert.equal(resolve(php.lookup('tok', { type: 'user' })), find(`'tok'`, `['type' => 'user', 'user' => '']`));
  });

  it('passes the account the app passes, as the second placeholder', () => {
    const snippet = php.lookup('api_key', { type: 'account' }, { canAwait: false, stripeAccount: '$accountId' });
    assert.equal(resolve(snippet), find(`'api_key'`, `['type' => 'account']`, `, ['stripe_account' => $accountId]`));
    assert.match(snippet, /'stripe_account' => \$\{2:\\\$accountId\}/);
  });
});
