import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareSecrets, isEqualComparison, planCopy } from '../../../src/model/compare';
import { expiringSecrets } from '../../../src/model/expiringSoon';
import type { SecretMeta } from '../../../src/model/types';

const NOW = Date.UTC(2026, 11, 1, 12);
const S = NOW / 1000;
const DAY = 86_400;

function secret(name: string, expiresAt: number | null = null): SecretMeta {
  return { id: `appsecret_${name}`, name, scope: { type: 'account' }, created: S - 60, expiresAt, livemode: false };
}

test('compare: only in A, only in B, different expiry and the same, each sorted by name', () => {
  const a = [secret('z_only_a'), secret('shared'), secret('a_only_a'), secret('dated', S + DAY), secret('never_vs_dated')];
  const b = [secret('shared'), secret('only_b', S + 5), secret('dated', S + 2 * DAY), secret('never_vs_dated', S + DAY)];
  const c = compareSecrets(a, b);
  assert.deepEqual(
    c.onlyA.map((s) => s.name),
    ['a_only_a', 'z_only_a'],
  );
  assert.deepEqual(
    c.onlyB.map((s) => s.name),
    ['only_b'],
  );
  assert.deepEqual(
    c.differentExpiry.map((p) => [p.a.name, p.a.expiresAt, p.b.expiresAt]),
    [
      ['dated', S + DAY, S + 2 * DAY],
      ['never_vs_dated', null, S + DAY],
    ],
  );
  assert.deepEqual(
    c.same.map((p) => p.a.name),
    ['shared'],
  );
  assert.equal(isEqualComparison(c), false);
  assert.equal(isEqualComparison(compareSecrets([secret('x', S + DAY)], [secret('x', S + DAY)])), true);
  assert.equal(isEqualComparison(compareSecrets([], [])), true);
});

const options = { nowMs: NOW, soonDays: 7, destinationLabel: 'The account scope of Live' };

test('copy plan: names already in the destination are left out, expiries are kept as they are', () => {
  const plan = planCopy([secret('b', S + 30 * DAY), secret('a'), secret('there')], [secret('there')], options);
  assert.deepEqual(plan.copy, [
    { name: 'a', expiresAt: null },
    { name: 'b', expiresAt: S + 30 * DAY },
  ]);
  assert.deepEqual(plan.alreadyThere, ['there']);
  assert.equal(plan.refusal, undefined);
});

test('copy plan: expired names (or expiring within a minute) are left out; expiring soon are copied and named', () => {
  const plan = planCopy(
    [secret('gone', S - 1), secret('in30s', S + 30), secret('soon', S + 2 * DAY), secret('later', S + 8 * DAY)],
    [],
    options,
  );
  assert.deepEqual(plan.expired, ['gone', 'in30s']);
  assert.deepEqual(plan.expiringSoon, ['soon']);
  assert.deepEqual(
    plan.copy.map((c) => c.name),
    ['later', 'soon'],
  );
  assert.deepEqual(planCopy([secret('soon', S + 2 * DAY)], [], { ...options, soonDays: 0 }).expiringSoon, []);
});

test('copy plan: the 10-per-scope limit is checked on the new names, before anything is written', () => {
  const existing = Array.from({ length: 8 }, (_, i) => secret(`e${i}`));
  assert.equal(planCopy([secret('n1'), secret('n2')], existing, options).refusal, undefined);
  const refused = planCopy([secret('n1'), secret('n2'), secret('n3')], existing, options);
  assert.equal(
    refused.refusal,
    'The account scope of Live holds 8 of the 10 secrets Stripe allows per scope: 3 more would make 11. Pick at most 2, or delete some there first. Nothing was copied.',
  );
  const full = planCopy([secret('n1')], [...existing, secret('e8'), secret('e9')], options);
  assert.match(full.refusal ?? '', /holds 10 .* Delete some there first/);
  // Names already there and expired ones do not count against the limit.
  assert.equal(planCopy([secret('e0'), secret('old', S - 5), secret('n1'), secret('n2')], existing, options).refusal, undefined);
});

test('expiring overview: expired and within the window, soonest first; 0 days lists only the expired', () => {
  const rows = [
    secret('later', S + 30 * DAY),
    secret('b_soon', S + DAY),
    secret('never'),
    secret('gone', S - 10),
    secret('a_soon', S + DAY),
  ].map((s) => ({ secret: s }));
  assert.deepEqual(
    expiringSecrets(rows, NOW, 7).map((r) => r.secret.name),
    ['gone', 'a_soon', 'b_soon'],
  );
  assert.deepEqual(
    expiringSecrets(rows, NOW, 0).map((r) => r.secret.name),
    ['gone'],
  );
});

test('compare: every list is sorted by name, whatever order each side lists its secrets in', () => {
  const a = [secret('z_same'), secret('z_dated', S + DAY), secret('a_same'), secret('a_dated', S + DAY)];
  const b = [
    secret('z_only_b'),
    secret('a_dated', S + 2 * DAY),
    secret('a_same'),
    secret('m_only_b'),
    secret('z_dated', S + 2 * DAY),
    secret('z_same'),
  ];
  const c = compareSecrets(a, b);
  assert.deepEqual(
    c.onlyB.map((s) => s.name),
    ['m_only_b', 'z_only_b'],
  );
  assert.deepEqual(
    c.differentExpiry.map((p) => p.a.name),
    ['a_dated', 'z_dated'],
  );
  assert.deepEqual(
    c.same.map((p) => p.a.name),
    ['a_same', 'z_same'],
  );
});

test('compare: one name only on one side, or one expiry that differs, is enough for the scopes to differ', () => {
  const shared = [secret('x', S + DAY)];
  assert.equal(isEqualComparison(compareSecrets([...shared, secret('extra')], shared)), false, 'a name only in A');
  assert.equal(isEqualComparison(compareSecrets(shared, [...shared, secret('extra')])), false, 'a name only in B');
  assert.equal(isEqualComparison(compareSecrets(shared, [secret('x', S + 2 * DAY)])), false, 'the same name, another expiry');
});

test('copy plan: an expiry exactly a minute away is left out as expired; a second later is copied', () => {
  const plan = planCopy([secret('at_margin', S + 60), secret('past_margin', S + 61)], [], options);
  assert.deepEqual(plan.expired, ['at_margin']);
  assert.deepEqual(
    plan.copy.map((c) => c.name),
    ['past_margin'],
  );
});

test('copy plan: an expiry exactly soonDays away counts as expiring soon; a second later does not', () => {
  const plan = planCopy([secret('at_bound', S + 7 * DAY), secret('past_bound', S + 7 * DAY + 1)], [], options);
  assert.deepEqual(plan.expiringSoon, ['at_bound']);
  assert.deepEqual(
    plan.copy.map((c) => c.name),
    ['at_bound', 'past_bound'],
  );
});

test('copy plan: a secret that never expires is never called expiring soon', () => {
  const plan = planCopy([secret('never')], [], options);
  assert.deepEqual(plan.expiringSoon, []);
  assert.deepEqual(plan.copy, [{ name: 'never', expiresAt: null }]);
});

test('copy plan: with nothing new to copy there is no refusal, even into a destination over the limit', () => {
  const crowded = Array.from({ length: 11 }, (_, i) => secret(`e${i}`));
  const plan = planCopy([secret('e0'), secret('old', S - 5)], crowded, options);
  assert.deepEqual(plan.copy, []);
  assert.equal(plan.refusal, undefined);
});
