import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { newRequestId, newSecretId, randomId } from '../../../src/emulator/ids';

describe('emulator ids', () => {
  it('are the prefix and that many base62 characters, like Stripe ids', () => {
    assert.match(randomId('x_', 200), /^x_[0-9A-Za-z]{200}$/);
    assert.match(newSecretId(), /^appsecret_[0-9A-Za-z]{28}$/);
    assert.match(newRequestId(), /^req_[0-9A-Za-z]{14}$/);
  });

  it('use the whole alphabet', () => {
    const seen = new Set(randomId('', 5000));
    assert.equal(seen.size, 62);
  });
});
