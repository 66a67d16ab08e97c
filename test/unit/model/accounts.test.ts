import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  accountName,
  accountNameOf,
  accountsOf,
  duplicateAccount,
  findAccount,
  hasAddedAccounts,
  isContextPath,
  userIdsOf,
  validateAccountPath,
  withAccountLabel,
  withAccounts,
  withAccountUserIds,
  withoutAccount,
} from '../../../src/model/accounts';
import { parseUserIdList } from '../../../src/model/userIdList';
import { parseStoredConnections } from '../../../src/connections/connectionList';
import { accountOptions, onAccount } from '../../../src/connections/accountClient';
import type { ConnectionInfo } from '../../../src/services';
import type { OperationOptions, SecretStore } from '../../../src/stripe/types';

function conn(extra: Partial<ConnectionInfo> = {}): ConnectionInfo {
  return { id: 'conn_1', label: 'App', mode: 'test', keyLast4: '1234', keyKind: 'secret', userIds: [], ...extra };
}

test('accounts are acct_ ids or Stripe-Context paths of acct_ ids', () => {
  assert.equal(validateAccountPath('acct_1A2b'), undefined);
  assert.equal(validateAccountPath('acct_platform/acct_connected'), undefined);
  assert.equal(validateAccountPath('acct_o/acct_p/acct_c'), undefined);
  assert.match(validateAccountPath('') ?? '', /Enter an account id/);
  assert.match(validateAccountPath('acct_1 ') ?? '', /spaces/);
  assert.match(validateAccountPath('usr_1') ?? '', /acct_ followed by/);
  assert.match(validateAccountPath('acct_1/') ?? '', /Each part/);
  assert.match(validateAccountPath('acct_a/usr_b') ?? '', /Each part/);
  assert.match(validateAccountPath('acct_a/acct_b/acct_c/acct_d') ?? '', /at most 3/);
  assert.equal(isContextPath('acct_a/acct_b'), true);
  assert.equal(isContextPath('acct_a'), false);
});

test('a pasted list of accounts is parsed like user ids: each validated, listed ones dropped', () => {
  const parsed = parseUserIdList('acct_1, acct_2\nacct_a/acct_b;nope acct_1', ['acct_2'], validateAccountPath);
  assert.deepEqual(parsed.ids, ['acct_1', 'acct_a/acct_b']);
  assert.deepEqual(parsed.alreadyListed, ['acct_2']);
  assert.deepEqual(
    parsed.invalid.map((i) => i.id),
    ['nope'],
  );
});

test('the own account comes first, then the added ones in order, each with its own users', () => {
  const c = conn({
    stripeAccount: 'acct_own',
    userIds: ['usr_1'],
    accounts: [
      { id: 'acct_2', label: 'Shop', userIds: ['usr_2'] },
      { id: 'acct_p/acct_3', userIds: [] },
    ],
  });
  assert.deepEqual(
    accountsOf(c).map((a) => [a.account, a.id, a.label, a.userIds]),
    [
      [undefined, 'acct_own', undefined, ['usr_1']],
      ['acct_2', 'acct_2', 'Shop', ['usr_2']],
      ['acct_p/acct_3', 'acct_p/acct_3', undefined, []],
    ],
  );
  assert.equal(hasAddedAccounts(c), true);
  assert.equal(hasAddedAccounts(conn()), false);
  assert.deepEqual(userIdsOf(c, 'acct_2'), ['usr_2']);
  assert.deepEqual(userIdsOf(c, undefined), ['usr_1']);
  assert.deepEqual(userIdsOf(c, 'acct_gone'), []);
  assert.equal(findAccount(c, 'acct_gone'), undefined);
  assert.equal(accountNameOf(c, 'acct_2'), 'Shop (acct_2)');
  assert.equal(accountNameOf(c, undefined), 'acct_own');
  assert.equal(accountName({ id: undefined }), 'Own account');
  assert.equal(accountName({ id: undefined, label: 'Platform' }), 'Platform (own account)');
});

test('adding, labelling and removing accounts never touches the own account', () => {
  const c = conn({ stripeAccount: 'acct_own', userIds: ['usr_1'] });
  assert.match(duplicateAccount(c, 'acct_own') ?? '', /own account/);
  const { next, added } = withAccounts(c, ['acct_2', 'acct_own', 'acct_2', 'acct_3']);
  assert.deepEqual(added, ['acct_2', 'acct_3']);
  assert.match(duplicateAccount(next, 'acct_2') ?? '', /already listed/);
  const labelled = withAccountLabel(withAccountLabel(next, 'acct_2', '  Shop '), undefined, 'Platform');
  assert.equal(findAccount(labelled, 'acct_2')?.label, 'Shop');
  assert.equal(labelled.ownAccountLabel, 'Platform');
  assert.equal(findAccount(withAccountLabel(labelled, 'acct_2', ''), 'acct_2')?.label, undefined);
  assert.equal(withAccountLabel(labelled, undefined, ' ').ownAccountLabel, undefined);
  const users = withAccountUserIds(labelled, 'acct_3', (ids) => [...ids, 'usr_9']);
  assert.deepEqual(userIdsOf(users, 'acct_3'), ['usr_9']);
  assert.deepEqual(users.userIds, ['usr_1']);
  const removed = withoutAccount(withoutAccount(users, 'acct_2'), 'acct_3');
  assert.equal(removed.accounts, undefined);
  assert.equal(removed.stripeAccount, 'acct_own');
  assert.deepEqual(removed.userIds, ['usr_1']);
});

test('migration: a connection saved before accounts reads unchanged; the new shape reads back', () => {
  const old = {
    id: 'conn_a',
    label: 'Old',
    mode: 'live',
    keyLast4: 'abcd',
    keyKind: 'restricted',
    stripeAccount: 'acct_1',
    userIds: ['usr_1', 'usr_2'],
    apiBase: 'http://127.0.0.1:12111',
  };
  const [parsed] = parseStoredConnections([JSON.parse(JSON.stringify(old))]);
  assert.deepEqual(parsed, old);
  assert.deepEqual(
    accountsOf(parsed).map((a) => [a.account, a.id, a.userIds]),
    [[undefined, 'acct_1', ['usr_1', 'usr_2']]],
  );
  assert.equal(hasAddedAccounts(parsed), false);

  const current = {
    ...old,
    ownAccountLabel: 'Platform',
    accounts: [
      { id: 'acct_2', label: 'Shop', userIds: ['usr_3'] },
      { id: 'acct_p/acct_3', userIds: [] },
    ],
  };
  assert.deepEqual(parseStoredConnections([JSON.parse(JSON.stringify(current))]), [current]);
});

test('migration: a hand-edited accounts field drops bad entries and keeps the connection', () => {
  const raw = {
    id: 'conn_a',
    label: 'A',
    mode: 'test',
    keyLast4: '1234',
    keyKind: 'secret',
    userIds: [],
    ownAccountLabel: 7,
    accounts: [{ id: 'acct_2', userIds: ['usr_1', 3] }, { id: 'bad' }, null, { id: 'acct_2', userIds: [] }, { id: 'acct_3', label: '' }],
  };
  const [parsed] = parseStoredConnections([raw]);
  assert.deepEqual(parsed.accounts, [
    { id: 'acct_2', userIds: ['usr_1'] },
    { id: 'acct_3', userIds: [] },
  ]);
  assert.equal(parsed.ownAccountLabel, undefined);
  assert.equal(parseStoredConnections([{ ...raw, accounts: 'nonsense' }])[0].accounts, undefined);
});

test('a client on an added account sends every operation there: Stripe-Account for an id, Stripe-Context for a path', async () => {
  const seen: Array<OperationOptions | undefined> = [];
  const store: SecretStore = {
    list: async (_s, _sig, o) => {
      seen.push(o);
      return [];
    },
    find: async (_n, _s, o) => {
      seen.push(o);
      throw new Error('x');
    },
    reveal: async (_n, _s, o) => {
      seen.push(o);
      throw new Error('x');
    },
    set: async (_i, o) => {
      seen.push(o);
      throw new Error('x');
    },
    delete: async (_n, _s, o) => {
      seen.push(o);
    },
    verify: async () => {
      seen.push(undefined);
      return {};
    },
  };
  const a = onAccount(store, 'acct_2');
  await a.list({ type: 'account' });
  await a.delete('n', { type: 'account' }, { signal: undefined });
  await assert.rejects(a.set({ name: 'n', scope: { type: 'account' }, payload: 'v' }));
  await onAccount(store, 'acct_p/acct_3').verify();
  assert.deepEqual(seen, [
    { stripeAccount: 'acct_2' },
    { signal: undefined, stripeAccount: 'acct_2' },
    { stripeAccount: 'acct_2' },
    { stripeContext: 'acct_p/acct_3' },
  ]);
  assert.deepEqual(accountOptions('acct_p/acct_3'), { stripeContext: 'acct_p/acct_3' });
});
