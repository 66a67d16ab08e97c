// Edges of the input checks that mutation testing (npm run test:mutation -- model) found untested.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isLoopbackHost, keyModeOf, validateApiBase, validateApiKey, validateExpiry, validateUserId } from '../../../src/model/validation';
import { MAX_EXPIRY_SECONDS_AHEAD, MAX_NAME_LENGTH } from '../../../src/model/types';

const body = 'A1b2C3d4E5f6G7h8I9j0K1l2';

test('a key prefix counts only at the start of the key', () => {
  // A publishable prefix further in is not a publishable key.
  assert.doesNotMatch(validateApiKey(`x${'pk_test_'}${body}`) ?? '', /publishable/);
  // A secret-key prefix further in is not a secret key: the message says how a key starts.
  assert.match(validateApiKey(`x${'sk_test_'}${body}`) ?? '', /must start with sk_test_/);
  assert.match(validateApiKey(`${body}${'rk_live_'}${body}`) ?? '', /must start with sk_test_/);
});

test('a user id must start with usr_, not merely contain it', () => {
  assert.equal(validateUserId('usr_1A2b3C4d5E6f'), undefined);
  assert.match(validateUserId('xusr_1A2b3C4d5E6f') ?? '', /usr_ followed by letters and digits/);
  assert.match(validateUserId('acct_usr_1A2b3C4d') ?? '', /usr_ followed by letters and digits/);
});

test('an expiry exactly 100 years ahead is accepted, one second more is not', () => {
  const now = Date.UTC(2026, 0, 1);
  const nowS = now / 1000;
  assert.equal(validateExpiry(nowS + MAX_EXPIRY_SECONDS_AHEAD, now), undefined);
  assert.match(validateExpiry(nowS + MAX_EXPIRY_SECONDS_AHEAD + 1, now) ?? '', /100 years/);
});

test('an expiry one second from now, with now between two seconds, is in the future', () => {
  const now = Date.UTC(2026, 0, 1) + 400;
  assert.equal(validateExpiry(Math.ceil(now / 1000), now), undefined);
  assert.match(validateExpiry(Math.floor(now / 1000), now) ?? '', /future/);
});

test('an organization-key prefix further in is not an organization key', () => {
  assert.doesNotMatch(validateApiKey(`x${'sk_org_'}${body}`) ?? '', /Organization/);
});

test('the mode is read from the start of the key only', () => {
  assert.equal(keyModeOf(`x${'sk_live_'}${body}`), 'test');
  assert.equal(keyModeOf(`${'rk_live_'}${body}`), 'live');
});

test('a user id of exactly the longest length is accepted', () => {
  assert.equal(validateUserId(`usr_${'a'.repeat(MAX_NAME_LENGTH - 4)}`), undefined);
  assert.match(validateUserId(`usr_${'a'.repeat(MAX_NAME_LENGTH - 3)}`) ?? '', /at most/);
});

test('loopback: ::1 unbracketed, and 127.x.y.z only as the whole host with up to three digits a part', () => {
  assert.equal(isLoopbackHost('::1'), true);
  assert.equal(isLoopbackHost('127.0.10.1'), true);
  assert.equal(isLoopbackHost('127.0.0.100'), true);
  assert.equal(isLoopbackHost('x127.0.0.1'), false);
  assert.equal(isLoopbackHost('127.0.0.1.example.com'), false);
});

test('the API address refuses a password alone and an empty fragment', () => {
  assert.match(validateApiBase('https://:secret@api.stripe.com') ?? '', /user name and password/);
  assert.match(validateApiBase('https://api.stripe.com#') ?? '', /fragment/);
});
