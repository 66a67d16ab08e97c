import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseScopeKey, sameScope, scopeKey, scopeLabel } from '../../../src/model/scope';
import type { SecretScope } from '../../../src/model/types';

const account: SecretScope = { type: 'account' };
const alice: SecretScope = { type: 'user', user: 'usr_alice' };

test('scopeKey is stable and parseScopeKey reads it back', () => {
  assert.equal(scopeKey(account), 'account');
  assert.equal(scopeKey(alice), 'user:usr_alice');
  assert.deepEqual(parseScopeKey(scopeKey(account)), account);
  assert.deepEqual(parseScopeKey(scopeKey(alice)), alice);
  const odd: SecretScope = { type: 'user', user: 'usr:with:colons' };
  assert.deepEqual(parseScopeKey(scopeKey(odd)), odd);
  assert.equal(parseScopeKey('user:'), undefined);
  assert.equal(parseScopeKey('Account'), undefined);
  assert.equal(parseScopeKey(''), undefined);
});

test('scopeLabel', () => {
  assert.equal(scopeLabel(account), 'Account');
  assert.equal(scopeLabel(alice), 'usr_alice');
});

test('sameScope', () => {
  assert.ok(sameScope(account, { type: 'account' }));
  assert.ok(sameScope(alice, { type: 'user', user: 'usr_alice' }));
  assert.ok(!sameScope(alice, { type: 'user', user: 'usr_bob' }));
  assert.ok(!sameScope(account, alice));
  assert.ok(!sameScope(alice, account));
});
