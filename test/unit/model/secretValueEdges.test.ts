// Edges of the value editor's URI path that mutation testing (npm run test:mutation -- model) found untested.
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { secretPath } from '../../../src/model/secretValue';

test('a segment that is exactly . or .. is escaped, so no URI normalisation can walk out of it', () => {
  assert.equal(secretPath({ connectionId: 'c1', scope: { type: 'account' }, name: '..' }), '/c1/account/%2E%2E');
  assert.equal(secretPath({ connectionId: 'c1', scope: { type: 'account' }, name: '.' }), '/c1/account/%2E');
  assert.equal(secretPath({ connectionId: '..', scope: { type: 'user', user: '.' }, name: 'x' }), '/%2E%2E/user/%2E/x');
  // Dots inside a longer segment stay as typed.
  assert.equal(secretPath({ connectionId: 'c1', scope: { type: 'account' }, name: '...' }), '/c1/account/...');
});
