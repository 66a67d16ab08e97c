import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isOperationCancelled, OperationCancelledError } from '../../../src/stripe/cancel';

test('a cancelled operation says what was cancelled, and is named as VS Code names a cancellation', () => {
  const plain = new OperationCancelledError();
  assert.equal(plain.message, 'The request was cancelled.');
  assert.equal(plain.name, 'Canceled');
  assert.equal(new OperationCancelledError('The search').message, 'The search was cancelled.');
});

test('isOperationCancelled knows a cancellation from this module or another copy, and nothing else', () => {
  assert.ok(isOperationCancelled(new OperationCancelledError()));
  assert.ok(
    isOperationCancelled(Object.assign(new Error('The request was cancelled.'), { name: 'Canceled' })),
    'a copy from another bundle',
  );
  assert.ok(isOperationCancelled({ name: 'Canceled' }));
  for (const other of [new Error('Canceled'), { name: 'AbortError' }, {}, 'Canceled', null, undefined, 0]) {
    assert.equal(isOperationCancelled(other), false, String(other));
  }
});
