import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  activeAfterRemoval,
  activeFirst,
  defaultConnectionLabel,
  demoEmulatorUrl,
  duplicateUserId,
  makeConnectionId,
  parseStoredConnections,
  uniqueLabel,
  withoutUserId,
  withUserId,
} from '../../../src/connections/connectionList';
import type { ConnectionInfo } from '../../../src/services';

function conn(id: string, extra: Partial<ConnectionInfo> = {}): ConnectionInfo {
  return { id, label: id, mode: 'test', keyLast4: '1234', keyKind: 'secret', userIds: [], ...extra };
}

test('makeConnectionId skips ids already taken', () => {
  const values = ['aaa', 'aaa', 'bbb'];
  assert.equal(
    makeConnectionId(['conn_aaa'], () => values.shift()!),
    'conn_bbb',
  );
  assert.equal(
    makeConnectionId([], () => 'ccc'),
    'conn_ccc',
  );
});

test('default labels say mode, account and last four, and stay unique', () => {
  assert.equal(defaultConnectionLabel('test', '1234', undefined, []), 'Test account 1234');
  assert.equal(defaultConnectionLabel('live', '9z9z', 'acct_1', []), 'Live acct_1 9z9z');
  assert.equal(defaultConnectionLabel('test', '1234', undefined, ['Test account 1234']), 'Test account 1234 (2)');
  assert.equal(uniqueLabel('A', ['A', 'A (2)']), 'A (3)');
});

test('activeFirst keeps the others in the order added', () => {
  const list = [conn('a'), conn('b'), conn('c')];
  assert.deepEqual(
    activeFirst(list, 'b').map((c) => c.id),
    ['b', 'a', 'c'],
  );
  assert.deepEqual(
    activeFirst(list, 'zzz').map((c) => c.id),
    ['a', 'b', 'c'],
  );
});

test('removing the active connection activates the first one left', () => {
  const list = [conn('a'), conn('b'), conn('c')];
  assert.equal(activeAfterRemoval(list, 'b', 'b'), 'a');
  assert.equal(activeAfterRemoval(list, 'c', 'a'), 'c');
  assert.equal(activeAfterRemoval(list, undefined, 'a'), 'b');
  assert.equal(activeAfterRemoval([conn('a')], 'a', 'a'), undefined);
});

test('user id edits refuse duplicates and keep order', () => {
  assert.match(duplicateUserId(['usr_1'], 'usr_1') ?? '', /already listed/);
  assert.equal(duplicateUserId(['usr_1'], 'usr_2'), undefined);
  assert.deepEqual(withUserId(['usr_1'], 'usr_2'), ['usr_1', 'usr_2']);
  assert.deepEqual(withUserId(['usr_1'], 'usr_1'), ['usr_1']);
  assert.deepEqual(withoutUserId(['usr_1', 'usr_2', 'usr_3'], 'usr_2'), ['usr_1', 'usr_3']);
});

test('parseStoredConnections drops what is not a connection', () => {
  assert.deepEqual(parseStoredConnections(undefined), []);
  assert.deepEqual(parseStoredConnections({}), []);
  const good = conn('a', { userIds: ['usr_1'], stripeAccount: 'acct_1' });
  const parsed = parseStoredConnections([
    good,
    { id: 'b' },
    null,
    conn('c', { mode: 'other' as never }),
    conn('d', { userIds: [1 as never] }),
  ]);
  assert.deepEqual(parsed, [good]);
});

test('the demo hook adds a loopback emulator once, and ignores anything else', () => {
  assert.deepEqual(demoEmulatorUrl(undefined, []), {});
  assert.deepEqual(demoEmulatorUrl('  ', []), {});
  assert.deepEqual(demoEmulatorUrl('http://127.0.0.1:12111/', []), { url: 'http://127.0.0.1:12111' });
  assert.deepEqual(demoEmulatorUrl('http://127.0.0.1:12111', [conn('a', { apiBase: 'http://127.0.0.1:12111' })]), {});
  assert.match(demoEmulatorUrl('https://api.stripe.com', []).error ?? '', /loopback/);
  assert.match(demoEmulatorUrl('not a url', []).error ?? '', /loopback/);
});
