import { test } from 'node:test';
import assert from 'node:assert/strict';
import { generateSecretValue, MAX_RANDOM_BYTES } from '../../../src/model/randomValue';
import { validatePayload } from '../../../src/model/validation';

test('generateSecretValue gives URL-safe base64 of the requested size', () => {
  const value = generateSecretValue();
  assert.match(value, /^[A-Za-z0-9_-]{43}$/);
  assert.equal(Buffer.from(value, 'base64url').length, 32);
  assert.equal(Buffer.from(generateSecretValue(16), 'base64url').length, 16);
});

test('generateSecretValue values differ', () => {
  const seen = new Set(Array.from({ length: 50 }, () => generateSecretValue()));
  assert.equal(seen.size, 50);
});

test('the largest value still passes validatePayload; out-of-range sizes throw', () => {
  assert.equal(validatePayload(generateSecretValue(MAX_RANDOM_BYTES)), undefined);
  assert.throws(() => generateSecretValue(0), RangeError);
  assert.throws(() => generateSecretValue(MAX_RANDOM_BYTES + 1), RangeError);
  assert.throws(() => generateSecretValue(1.5), RangeError);
});

test('the largest value fills the 5000-character payload limit exactly', () => {
  assert.equal(MAX_RANDOM_BYTES, 3750);
  assert.equal(generateSecretValue(MAX_RANDOM_BYTES).length, 5000);
});

test('a single byte is the smallest size accepted', () => {
  assert.equal(Buffer.from(generateSecretValue(1), 'base64url').length, 1);
});

test('an out-of-range size is refused with the range that is allowed', () => {
  assert.throws(() => generateSecretValue(0), { name: 'RangeError', message: 'bytes must be a whole number from 1 to 3750' });
});
