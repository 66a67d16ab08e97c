// Edges of the value editor's model that mutation testing (npm run test:mutation -- model) found untested.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  describeIdentityChange,
  EditCoalescer,
  futureExpiry,
  parseSecretPath,
  sameIdentity,
  secretPath,
  type ConnectionIdentity,
} from '../../../src/model/secretValue';

test('a segment that is exactly . or .. is escaped, so no URI normalisation can walk out of it', () => {
  assert.equal(secretPath({ connectionId: 'c1', scope: { type: 'account' }, name: '..' }), '/c1/account/%2E%2E');
  assert.equal(secretPath({ connectionId: 'c1', scope: { type: 'account' }, name: '.' }), '/c1/account/%2E');
  assert.equal(secretPath({ connectionId: '..', scope: { type: 'user', user: '.' }, name: 'x' }), '/%2E%2E/user/%2E/x');
  // Dots inside a longer segment stay as typed.
  assert.equal(secretPath({ connectionId: 'c1', scope: { type: 'account' }, name: '...' }), '/c1/account/...');
});

test('a path with an empty connection, user or name, or a broken escape after the name, names no secret', () => {
  for (const p of ['/c1/account/', '//account/x', '/c1/user//x', '/c1/user/u/', '/c1/acct_1/account/', '/c1/account/x/%E0%A4%A']) {
    assert.equal(parseSecretPath(p), undefined, p);
  }
});

test('an expiry that falls exactly now is not sent again', () => {
  assert.equal(futureExpiry({ expiresAt: 1_700_000_000 }, 1_700_000_000_000), null);
  assert.equal(futureExpiry({ expiresAt: 1_700_000_000 }, 1_699_999_999_999), 1_700_000_000);
});

test('a pause of exactly pauseMs stays in the step; the first change starts one even with no pause limit', () => {
  const c = new EditCoalescer(1000);
  assert.equal(c.startsNewStep(0), true);
  assert.equal(c.startsNewStep(1000), false);
  assert.equal(c.startsNewStep(2001), true);
  const endless = new EditCoalescer(Infinity);
  assert.equal(endless.startsNewStep(5), true);
  assert.equal(endless.startsNewStep(1e12), false);
});

test('every part of the identity counts, and each change is said in words', () => {
  const live: ConnectionIdentity = {
    mode: 'live',
    keyLast4: 'AB12',
    keyKind: 'secret',
    stripeAccount: 'acct_1',
    stripeContext: 'ctx_1',
    apiBase: 'http://127.0.0.1:1',
  };
  assert.ok(sameIdentity(live, { ...live }));
  assert.ok(!sameIdentity(live, { ...live, stripeContext: 'ctx_2' }));
  assert.equal(describeIdentityChange(live, { ...live }), '');
  assert.equal(describeIdentityChange(live, { ...live, mode: 'test' }), 'it is now in test mode');
  assert.equal(describeIdentityChange(live, { ...live, keyKind: 'restricted' }), 'its key now ends in AB12');
  assert.equal(describeIdentityChange(live, { ...live, stripeAccount: undefined }), 'it no longer acts for a connected account');
  assert.equal(describeIdentityChange(live, { ...live, stripeContext: 'ctx_2' }), 'it now acts on ctx_2');
  assert.equal(describeIdentityChange(live, { ...live, stripeContext: undefined }), 'it no longer names a Stripe-Context');
  assert.equal(describeIdentityChange(live, { ...live, apiBase: undefined }), 'it now talks to another API address');
});
