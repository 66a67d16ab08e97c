import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isSecretLocation, parseSecretPath, payloadFromText, secretPath, type SecretLocation } from '../../../src/fs/secretPath';

describe('secretPath / parseSecretPath', () => {
  const cases: SecretLocation[] = [
    { connectionId: 'c1', scope: { type: 'account' }, name: 'API_KEY' },
    { connectionId: 'c1', scope: { type: 'user', user: 'usr_123' }, name: 'token' },
    { connectionId: 'c 2', scope: { type: 'account' }, name: 'a/b\\c%41 d' },
    { connectionId: 'c1', scope: { type: 'user', user: 'u/x' }, name: '..' },
    { connectionId: 'c1', scope: { type: 'account' }, name: '.' },
    { connectionId: 'c1', scope: { type: 'account' }, name: 'ünïcødé ✓' },
  ];
  for (const location of cases) {
    it(`round-trips ${JSON.stringify(location)}`, () => {
      const path = secretPath(location);
      assert.deepEqual(parseSecretPath(path), location);
      assert.equal(path.split('/').length, location.scope.type === 'account' ? 4 : 5);
    });
  }

  it('keeps ordinary names readable as the last segment (the tab title)', () => {
    assert.equal(secretPath({ connectionId: 'c1', scope: { type: 'account' }, name: 'stripe.webhook-secret' }), '/c1/account/stripe.webhook-secret');
    assert.equal(secretPath({ connectionId: 'c1', scope: { type: 'user', user: 'usr_1' }, name: 'x/y' }), '/c1/user/usr_1/x%2Fy');
  });

  it('reads the folders above a secret as folders', () => {
    for (const p of ['/', '/c1', '/c1/account', '/c1/user', '/c1/user/usr_1']) {
      const parsed = parseSecretPath(p);
      assert.ok(parsed && 'folder' in parsed, p);
      assert.equal(isSecretLocation(parsed), false);
    }
  });

  it('refuses paths that cannot name a secret', () => {
    for (const p of ['', 'c1/account/x', '/c1/other/x', '/c1/account/x/y', '/c1/user/u/x/y', '/c1//x', '/c1/account/%E0%A4%A']) {
      assert.equal(parseSecretPath(p), undefined, p);
    }
  });
});

describe('payloadFromText', () => {
  it('drops exactly one trailing line break the editor added', () => {
    assert.equal(payloadFromText('value\n', false), 'value');
    assert.equal(payloadFromText('value\r\n', false), 'value');
    assert.equal(payloadFromText('value\n\n', false), 'value\n');
    assert.equal(payloadFromText('value', false), 'value');
  });

  it('keeps the text as is when the value already ended with a line break', () => {
    assert.equal(payloadFromText('-----BEGIN KEY-----\nabc\n', true), '-----BEGIN KEY-----\nabc\n');
    assert.equal(payloadFromText('abc', true), 'abc');
  });
});
