import { test } from 'node:test';
import assert from 'node:assert/strict';
import { describeError, EMULATOR_DOWN_HINT, ErrorButtons, isCancellation, shortReason } from '../../../src/ui/errorReport';
import { formatError, formatRequest } from '../../../src/ui/logFormat';
import { connectionIdOfError, tagErrors } from '../../../src/connections/errorSource';
import { SecretStoreError } from '../../../src/stripe/errors';
import type { SecretStore } from '../../../src/stripe/types';

const KEY = 'sk_test_' + 'a1B2c3D4e5F6g7H8i9J0kLmN';

test('a cancelled prompt or aborted request is silent', () => {
  const canceled = Object.assign(new Error('Canceled'), { name: 'Canceled' });
  assert.ok(isCancellation(canceled));
  assert.ok(describeError(canceled).silent);
  assert.ok(isCancellation(Object.assign(new Error('x'), { name: 'AbortError' })));
  assert.ok(!isCancellation(new Error('x')));
});

test('an invalid key offers Re-enter API Key and Show Log, not Retry', () => {
  const report = describeError(new SecretStoreError('invalid_key', 'Stripe did not accept this API key.', { requestId: 'req_1' }));
  assert.deepEqual(report.buttons, [ErrorButtons.reEnterKey, ErrorButtons.showLog]);
  assert.match(report.message, /req_1/);
  assert.ok(report.log);
});

test('network-like failures offer Retry when the action can run again', () => {
  for (const kind of ['network', 'timeout', 'rate_limited', 'unavailable', 'conflict'] as const) {
    assert.deepEqual(describeError(new SecretStoreError(kind, 'x')).buttons, [ErrorButtons.retry, ErrorButtons.showLog], kind);
  }
  assert.deepEqual(describeError(new SecretStoreError('network', 'x'), { canRetry: false }).buttons, [ErrorButtons.showLog]);
  assert.deepEqual(describeError(new SecretStoreError('not_found', 'x')).buttons, [ErrorButtons.showLog]);
});

test('validation errors are just the sentence, not logged', () => {
  const report = describeError(new SecretStoreError('validation', 'Enter a secret name.'));
  assert.deepEqual(report, { silent: false, message: 'Enter a secret name.', buttons: [], log: false });
});

test('a network failure on the emulator connection asks whether the emulator runs', () => {
  const error = new SecretStoreError('network', 'Could not reach the Stripe API (ECONNREFUSED).');
  assert.ok(shortReason(error, true).endsWith(EMULATOR_DOWN_HINT));
  assert.ok(!shortReason(error, false).includes(EMULATOR_DOWN_HINT));
});

test('other errors are masked and offer the log', () => {
  const report = describeError(new Error(`boom with ${KEY}`));
  assert.ok(!report.message.includes(KEY));
  assert.deepEqual(report.buttons, [ErrorButtons.showLog]);
});

test('log lines carry label, method, path, status, Request-Id and duration, never a key', () => {
  const line = formatRequest('Test account 1234', {
    method: 'GET',
    path: '/v1/apps/secrets?scope[type]=account',
    status: 200,
    requestId: 'req_9',
    durationMs: 83.6,
  });
  assert.equal(line, 'Test account 1234 GET /v1/apps/secrets?scope[type]=account 200 req_9 84 ms');
  assert.match(
    formatRequest('x', { method: 'POST', path: '/v1/apps/secrets', status: 0, durationMs: 5, retry: 2 }),
    /no response 5 ms \(retry 2\)$/,
  );
  const detail = formatError(
    'set failed:',
    new SecretStoreError('invalid_request', `bad ${KEY}`, { status: 400, code: 'parameter_invalid', requestId: 'req_2' }),
  );
  assert.match(detail, /kind=invalid_request status=400 code=parameter_invalid request-id=req_2/);
  assert.ok(!detail.includes(KEY));
  assert.ok(!formatError('x', new Error(KEY)).includes(KEY));
});

test('errors thrown through a tagged store name their connection', async () => {
  const failure = new SecretStoreError('invalid_key', 'no');
  const store = {
    list: async () => {
      throw failure;
    },
  } as unknown as SecretStore;
  await assert.rejects(tagErrors(store, 'conn_1').list({ type: 'account' }), (e) => e === failure);
  assert.equal(connectionIdOfError(failure), 'conn_1');
  assert.equal(connectionIdOfError(new Error('other')), undefined);
  assert.equal(connectionIdOfError('text'), undefined);
});

test('an invalid key on a connection from the Stripe CLI offers Re-import from Stripe CLI first', () => {
  const error = new SecretStoreError('invalid_key', 'Stripe did not accept this API key.');
  assert.deepEqual(describeError(error, { fromStripeCli: true }).buttons, [
    ErrorButtons.reimportFromStripeCli,
    ErrorButtons.reEnterKey,
    ErrorButtons.showLog,
  ]);
  assert.deepEqual(describeError(new SecretStoreError('network', 'x'), { fromStripeCli: true }).buttons, [
    ErrorButtons.retry,
    ErrorButtons.showLog,
  ]);
});
