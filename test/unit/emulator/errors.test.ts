import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  ApiError,
  SECRET_LIMIT_CODE,
  faultError,
  hostNotAllowed,
  noSuchSecret,
  parameterMissing,
  parameterUnknown,
} from '../../../src/emulator/errors';

describe('emulator error bodies', () => {
  it('shapes an injected 5xx as api_error, with the code and message given', () => {
    assert.deepEqual(faultError(500).body, { type: 'api_error', message: 'An unknown error occurred' });
    assert.deepEqual(faultError(503, 'lock_timeout', 'busy').body, {
      type: 'api_error',
      code: 'lock_timeout',
      message: 'busy',
      doc_url: 'https://stripe.com/docs/error-codes/lock-timeout',
    });
  });

  it('gives an injected 4xx the code Stripe uses for that status, or none', () => {
    const limited = faultError(429);
    assert.deepEqual([limited.status, limited.body.type, limited.body.code], [429, 'invalid_request_error', 'rate_limit']);
    assert.match(limited.message, /^Request rate limit exceeded/);
    assert.equal(faultError(409).body.code, 'lock_timeout');
    const teapot = faultError(418);
    assert.deepEqual(teapot.body, { type: 'invalid_request_error', message: 'Injected error (HTTP 418).' });
    assert.equal(faultError(499, undefined, 'custom').body.message, 'custom');
  });

  it('links a code to its page, and an error without one to none', () => {
    assert.equal(parameterUnknown('x').body.doc_url, 'https://stripe.com/docs/error-codes/parameter-unknown');
    assert.equal('doc_url' in new ApiError(400, { type: 'invalid_request_error', message: 'm' }).body, false);
    assert.equal(new ApiError(400, { type: 'invalid_request_error', message: 'm' }).executed, false);
    assert.equal(noSuchSecret('n').executed, true);
  });

  it('shows a refused Host whole up to 100 characters, and cut after', () => {
    const hundred = 'h'.repeat(100);
    assert.match(hostNotAllowed(hundred).message, new RegExp(`not to '${hundred}'\\.`));
    assert.match(hostNotAllowed(`${hundred}x`).message, new RegExp(`not to '${hundred}\\.\\.\\.'\\.`));
  });

  it('words the parameter errors as Stripe does, and answers the limit with the code the README documents', () => {
    assert.equal(parameterMissing('name').message, 'Missing required param: name.');
    assert.equal(parameterUnknown('colour').message, 'Received unknown parameter: colour');
    assert.equal(SECRET_LIMIT_CODE, 'secret_limit_exceeded');
  });
});
