/**
 * How a connection failure is read from the errors it wraps (stripe-node's `detail` and `exception`,
 * fetch's `cause`): each errno code the message names, timeouts by code, name and type, and the
 * bounded walk that survives cycles.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toSecretStoreError } from '../../../src/stripe/errors';

const CONNECTION = { type: 'StripeConnectionError', message: 'An error occurred with our connection to Stripe.' };

test('each known connection code is named in the message, an unknown one is not', () => {
  const codes = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNRESET', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN'];
  codes.push('ECONNABORTED', 'UND_ERR_SOCKET', 'CERT_HAS_EXPIRED', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN');
  codes.push('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
  for (const code of codes) {
    const error = toSecretStoreError({ ...CONNECTION, detail: { code } });
    assert.equal(error.kind, 'network', code);
    assert.match(error.message, new RegExp(`the Stripe API \\(${code}\\); check`), code);
  }
  const unknown = toSecretStoreError({ ...CONNECTION, detail: { code: 'EWHATEVER' } });
  assert.equal(unknown.kind, 'network');
  assert.match(unknown.message, /^Could not reach the Stripe API; check/);
  assert.match(toSecretStoreError(CONNECTION).message, /^Could not reach the Stripe API; check/);
});

test('a connection code found without a status is a network failure even without the SDK type', () => {
  assert.equal(toSecretStoreError({ code: 'ECONNRESET' }).kind, 'network');
  assert.match(toSecretStoreError({ errno: 'EPIPE' }).message, /\(EPIPE\)/);
  assert.match(toSecretStoreError({ code: '', errno: 'EPIPE' }).message, /\(EPIPE\)/);
  assert.equal(toSecretStoreError({ errno: -104 }).kind, 'unknown');
  assert.equal(toSecretStoreError({ code: 'ECONNRESET', statusCode: 503 }).kind, 'unavailable');
});

test('the code is found through detail, exception and cause, the nearest first', () => {
  assert.match(toSecretStoreError({ ...CONNECTION, exception: { code: 'EPIPE' } }).message, /\(EPIPE\)/);
  assert.match(toSecretStoreError({ ...CONNECTION, cause: { code: 'EPIPE' } }).message, /\(EPIPE\)/);
  assert.match(toSecretStoreError({ ...CONNECTION, detail: { cause: { exception: { code: 'EPIPE' } } } }).message, /\(EPIPE\)/);
  assert.match(
    toSecretStoreError({ ...CONNECTION, detail: { code: 'ENETDOWN', cause: { code: 'EPIPE' } }, cause: { code: 'EAI_AGAIN' } }).message,
    /\(ENETDOWN\)/,
  );
  assert.match(toSecretStoreError({ ...CONNECTION, detail: 'ECONNRESET', cause: { code: 'EPIPE' } }).message, /\(EPIPE\)/);
});

test('the walk stops after eight errors and at a cycle', () => {
  const nested = (depth: number): object => {
    let e: object = { code: 'EPIPE' };
    for (let i = 1; i < depth; i++) e = { cause: e };
    return e;
  };
  assert.equal(toSecretStoreError(nested(8)).kind, 'network');
  assert.equal(toSecretStoreError(nested(9)).kind, 'unknown');
  const wide = { cause: { cause: { cause: {} } }, detail: { detail: { detail: {} } }, exception: { code: 'EPIPE' } };
  assert.equal(toSecretStoreError(wide).kind, 'network');
  const loop: { cause?: unknown; message: string } = { message: 'loop' };
  loop.cause = { cause: loop };
  assert.equal(toSecretStoreError(loop).kind, 'unknown');
  const selfCoded: { cause?: unknown; code: string } = { code: 'EPIPE' };
  selfCoded.cause = selfCoded;
  assert.equal(toSecretStoreError(selfCoded).kind, 'network');
});

test('a timeout is read from any of its codes, names and types anywhere in the chain, or from the message', () => {
  const timeouts: object[] = [
    { code: 'ETIMEDOUT' },
    { code: 'UND_ERR_HEADERS_TIMEOUT' },
    { code: 'UND_ERR_BODY_TIMEOUT' },
    { type: 'aborted' },
    { name: 'AbortError' },
    { name: 'TimeoutError' },
  ];
  for (const cause of timeouts) {
    assert.equal(toSecretStoreError({ ...CONNECTION, detail: { cause } }).kind, 'timeout', JSON.stringify(cause));
  }
  assert.equal(toSecretStoreError({ type: 'StripeConnectionError', message: 'Request TIMEOUT after 80000ms' }).kind, 'timeout');
  assert.match(toSecretStoreError({ code: 'ETIMEDOUT' }).message, /did not answer in time/);
  for (const cause of [{ code: 'ECONNRESET' }, { type: 'system' }, { name: 'Error' }]) {
    assert.equal(toSecretStoreError({ ...CONNECTION, detail: { cause } }).kind, 'network', JSON.stringify(cause));
  }
});

test('a null detail, exception or cause is passed over', () => {
  assert.equal(toSecretStoreError({ ...CONNECTION, detail: null, exception: null, cause: { code: 'EPIPE' } }).kind, 'network');
  assert.equal(toSecretStoreError({ ...CONNECTION, detail: null }).kind, 'network');
});
