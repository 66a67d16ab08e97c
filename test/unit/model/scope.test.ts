import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseScopeKey, sameScope, scopeFullRefusal, scopeKey, scopeLabel } from '../../../src/model/scope';
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

test('sameScope goes by the type: an account scope carrying a leftover user field is still the account scope', () => {
  const stray = { type: 'account' as const, user: 'usr_alice' };
  assert.ok(sameScope(stray, account));
  assert.ok(sameScope(account, stray));
  assert.ok(!sameScope(stray, alice));
  assert.ok(!sameScope(alice, stray));
});

test('a full scope refuses a new name, naming the secrets it holds now; a replace is allowed', () => {
  const held = Array.from({ length: 10 }, (_, i) => `S${i}`);
  assert.equal(scopeFullRefusal(held, 'S3', alice), undefined);
  assert.equal(scopeFullRefusal(held.slice(1), 'NEW', alice), undefined);
  assert.equal(
    scopeFullRefusal(held, 'NEW', alice),
    "The scope of user usr_alice already holds 10 secrets, the most Stripe allows: delete one first, or set one of the existing names to replace its value. Related values can share one secret as JSON (for example {\"client_id\": \"…\", \"client_secret\": \"…\"}), which counts once. In the scope now: 'S0', 'S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7', 'S8', 'S9'.",
  );
});
