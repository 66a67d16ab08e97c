import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CopyPlan } from '../../../src/model/compare';
import {
  copyOutcome,
  copyQuestion,
  failedCopy,
  nothingToCopyMessage,
  recheckCopy,
  typedLabelProblem,
} from '../../../src/model/copyMissingPlan';

const plan = (over: Partial<CopyPlan> = {}): CopyPlan => ({
  copy: [{ name: 'A', expiresAt: null }],
  expired: [],
  expiringSoon: [],
  alreadyThere: [],
  ...over,
});

test('the question: how many from where into where, expiries as they are, what is left out and why', () => {
  const q = copyQuestion(
    plan({
      copy: [
        { name: 'A', expiresAt: null },
        { name: 'B', expiresAt: Date.UTC(2027, 0, 1) / 1000 },
      ],
      expiringSoon: ['B'],
      expired: ['C'],
      alreadyThere: ['D'],
    }),
    'A side',
    'B side',
    true,
  );
  assert.equal(q.message, 'Copy 2 secrets from A side into B side?');
  const lines = q.detail.split('\n');
  assert.equal(lines[0], 'Values go straight from one Stripe request to the next: they are never shown or saved anywhere else.');
  assert.match(lines[1], /^Expiry dates are copied as they are \('B' .*2027.*\)\.$/);
  assert.deepEqual(lines.slice(2), [
    "Expiring soon, copied with the same near expiry: 'B'.",
    "Left out because they have expired (Stripe refuses a past expiry): 'C'.",
    "Left out because the destination has them now: 'D'.",
    'The destination is in LIVE mode: your real apps read these secrets.',
  ]);
  assert.deepEqual(copyQuestion(plan(), 'x', 'y', false).detail.split('\n').slice(1), ['Expiry dates are copied as they are.']);
});

test('the typed label must match exactly', () => {
  assert.equal(typedLabelProblem('Prod', 'Prod'), undefined);
  assert.equal(typedLabelProblem('prod', 'Prod'), 'Type Prod to confirm, or press Escape to copy nothing.');
});

test('nothing left to copy says why', () => {
  assert.equal(nothingToCopyMessage({ expired: ['A'], alreadyThere: ['B', 'C'] }), 'Nothing to copy (expired: A; already there: B, C).');
  assert.equal(nothingToCopyMessage({ expired: [], alreadyThere: ['B'] }), 'Nothing to copy (already there: B).');
});

test('the check after the modals: names created meanwhile are left alone; a destination that filled up stops all', () => {
  const planned = [
    { name: 'A', expiresAt: null },
    { name: 'B', expiresAt: null },
  ];
  assert.deepEqual(recheckCopy(planned, ['X'], 'B side'), { toCopy: planned, createdMeanwhile: [] });
  const some = recheckCopy(planned, ['B'], 'B side');
  assert.deepEqual(
    some.toCopy.map((c) => c.name),
    ['A'],
  );
  assert.equal(some.warning, "Not copied, because B side has them now (created while you answered; left as they are): 'B'.");
  const full = recheckCopy(planned, ['S0', 'S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7', 'S8'], 'B side');
  assert.match(full.refusal!, /^Nothing copied: B side holds 9 secrets now, and 2 more would pass the 10 Stripe allows\. .*'S8'\.$/);
  assert.equal(full.warning, undefined);
  assert.equal(recheckCopy(planned, ['S0', 'S1', 'S2', 'S3', 'S4', 'S5', 'S6', 'S7'], 'B side').refusal, undefined);
});

test('the outcome names each failure', () => {
  assert.deepEqual(copyOutcome(2, [], 'B side'), { done: 'Copied 2 secrets into B side.' });
  assert.deepEqual(copyOutcome(2, [failedCopy('A', 'Forbidden.')], 'B side'), {
    error: "Copied 1 of 2 secrets into B side; not copied: 'A' (Forbidden).",
  });
  assert.deepEqual(copyOutcome(1, ["'A' (x)"], 'B side'), { error: "None of the 1 secrets was copied into B side: 'A' (x)." });
});

test('the question lists several names of each kind, separated by commas', () => {
  const q = copyQuestion(
    plan({
      copy: [
        { name: 'A', expiresAt: Date.UTC(2027, 0, 1) / 1000 },
        { name: 'B', expiresAt: Date.UTC(2027, 0, 2) / 1000 },
      ],
      expiringSoon: ['A', 'B'],
      expired: ['C', 'D'],
      alreadyThere: ['E', 'F'],
    }),
    'A side',
    'B side',
    false,
  );
  const lines = q.detail.split('\n');
  assert.match(lines[1], /^Expiry dates are copied as they are \('A' [^,]*2027[^,]*, 'B' [^,]*2027[^,]*\)\.$/);
  assert.deepEqual(lines.slice(2), [
    "Expiring soon, copied with the same near expiry: 'A', 'B'.",
    "Left out because they have expired (Stripe refuses a past expiry): 'C', 'D'.",
    "Left out because the destination has them now: 'E', 'F'.",
  ]);
});

test('nothing left to copy: several expired names are separated by commas, and no empty reason is added', () => {
  assert.equal(nothingToCopyMessage({ expired: ['A', 'B'], alreadyThere: [] }), 'Nothing to copy (expired: A, B).');
});

test('the warning names every secret created meanwhile, separated by commas', () => {
  const planned = [
    { name: 'A', expiresAt: null },
    { name: 'B', expiresAt: null },
    { name: 'C', expiresAt: null },
  ];
  assert.equal(
    recheckCopy(planned, ['A', 'C'], 'B side').warning,
    "Not copied, because B side has them now (created while you answered; left as they are): 'A', 'C'.",
  );
});

test('a failure reason loses only its trailing dots and spaces', () => {
  assert.equal(failedCopy('A', 'Forbidden. Ask the owner...\n '), "'A' (Forbidden. Ask the owner)");
  assert.equal(failedCopy('A', 'Invalid API key'), "'A' (Invalid API key)");
});

test('the outcome separates several failures with semicolons', () => {
  const failures = [failedCopy('A', 'Forbidden.'), failedCopy('B', 'Too many requests.')];
  assert.deepEqual(copyOutcome(2, failures, 'B side'), {
    error: "None of the 2 secrets was copied into B side: 'A' (Forbidden); 'B' (Too many requests).",
  });
  assert.deepEqual(copyOutcome(3, failures, 'B side'), {
    error: "Copied 1 of 3 secrets into B side; not copied: 'A' (Forbidden); 'B' (Too many requests).",
  });
});
