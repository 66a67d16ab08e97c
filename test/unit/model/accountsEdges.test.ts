/**
 * The account helpers at their edges: a connection with no added accounts (the field absent, as
 * saved before accounts existed), one account among several, the exact messages the input box and
 * the history restore show.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  accountIdText,
  accountListProblem,
  accountName,
  accountNameOf,
  accountOfRecord,
  actingOn,
  duplicateAccount,
  listedAccounts,
  parseStoredAccounts,
  validateAccountPath,
  withAccountLabel,
  withAccounts,
  withAccountUserIds,
  withoutAccount,
  type AccountHolder,
} from '../../../src/model/accounts';
import { parseUserIdList } from '../../../src/model/userIdList';

interface Conn extends AccountHolder {
  label: string;
  account?: string;
}

const shop = { id: 'acct_2', label: 'Shop', userIds: ['usr_2'] };
const sub = { id: 'acct_p/acct_3', userIds: ['usr_3'] };

function conn(extra: Partial<Conn> = {}): Conn {
  return { label: 'App', stripeAccount: 'acct_own', userIds: ['usr_1'], accounts: [shop, sub], ...extra };
}

/** No `accounts` field at all, as a connection saved before accounts existed. */
function bare(extra: Partial<Conn> = {}): Conn {
  return { label: 'App', userIds: ['usr_1'], ...extra };
}

const quoted = (id: string): string => `"${id}"`;

/** What the Add Accounts box shows for `text` on a connection listing `listed`. */
function problem(text: string, listed: readonly string[] = []): string | undefined {
  return accountListProblem(text, parseUserIdList(text, listed, validateAccountPath), quoted);
}

test('actingOn: the own account is the connection itself, unchanged', () => {
  const c = conn();
  assert.equal(actingOn(c, undefined), c);
});

test('actingOn: an added account becomes the stripeAccount, its users the userIds, and the label names it', () => {
  const c = conn({ ownAccountLabel: 'Platform' });
  assert.deepEqual(actingOn(c, 'acct_2'), {
    ...c,
    account: 'acct_2',
    stripeAccount: 'acct_2',
    userIds: ['usr_2'],
    label: 'App · Shop (acct_2)',
  });
  const onPath = actingOn(c, 'acct_p/acct_3');
  assert.equal(onPath?.label, 'App · acct_p/acct_3');
  assert.equal(onPath?.stripeAccount, 'acct_p/acct_3');
  assert.deepEqual(onPath?.userIds, ['usr_3']);
  assert.deepEqual(c.userIds, ['usr_1'], 'the stored connection is not changed');
  assert.equal(c.stripeAccount, 'acct_own');
});

test('actingOn: an account no longer listed gives undefined, as does one on a connection without accounts', () => {
  assert.equal(actingOn(conn(), 'acct_gone'), undefined);
  assert.equal(actingOn(bare(), 'acct_2'), undefined);
  // The connection's own Stripe-Account is reached with `undefined`, not by its id.
  assert.equal(actingOn(conn(), 'acct_own'), undefined);
});

test('accountOfRecord: a history entry kept under an added account belongs to it, anything else to the own account', () => {
  const c = conn();
  assert.equal(accountOfRecord(c, 'acct_2'), 'acct_2');
  assert.equal(accountOfRecord(c, 'acct_p/acct_3'), 'acct_p/acct_3');
  assert.equal(accountOfRecord(c, 'acct_own'), undefined);
  assert.equal(accountOfRecord(c, 'acct_removed'), undefined);
  assert.equal(accountOfRecord(c, undefined), undefined);
  assert.equal(accountOfRecord(bare({ stripeAccount: 'acct_own' }), 'acct_2'), undefined);
  assert.equal(accountOfRecord(bare(), undefined), undefined);
});

test('accountListProblem: an empty box asks for an account and says a list may be pasted', () => {
  const expected = `${validateAccountPath('')} Paste several separated by commas, spaces or line breaks.`;
  assert.match(expected, /^Enter an account id such as acct_/);
  for (const text of ['', '  \n ', ', ;']) {
    assert.equal(problem(text), expected);
  }
});

const NOT_AN_ID = 'An account id is acct_ followed by letters and digits, such as acct_1A2b3C4d5E6f7G8h.';
const NOT_A_PATH = 'Each part of a Stripe-Context path is an account id (acct_ followed by letters and digits), joined by "/".';

test('accountListProblem: one bad entry is named with its problem, through `show`', () => {
  const fix = 'Fix or remove it; nothing is added until every account is valid.';
  assert.equal(problem('acct_1, usr_9'), `"usr_9" is not an account: ${NOT_AN_ID} ${fix}`);
});

test('accountListProblem: several bad entries are counted, named, and the first problem given', () => {
  const fix = 'Fix or remove them; nothing is added until every account is valid.';
  const many = '6 entries are not accounts: "acct_a/usr_b", "nope", "x", "y", "z" and 1 more.';
  assert.equal(problem('acct_a/usr_b nope acct_1 x y z w'), `${many} ${NOT_A_PATH} ${fix}`);
  assert.equal(problem('bad1 bad2'), `2 entries are not accounts: "bad1", "bad2". ${NOT_AN_ID} ${fix}`);
});

test('accountListProblem: a list of accounts all listed already says so, naming one or listing them', () => {
  const listed = listedAccounts(conn());
  assert.equal(problem('acct_2', listed), 'The account "acct_2" is already listed for this connection.');
  const text = 'acct_own acct_2 acct_p/acct_3';
  assert.equal(problem(text, listed), 'All of these are already listed for this connection: "acct_own", "acct_2", "acct_p/acct_3".');
});

test('accountListProblem: valid accounts can be added, even with some already listed among them', () => {
  const listed = listedAccounts(conn());
  for (const text of ['acct_9', 'acct_2\nacct_9', 'acct_x/acct_y, acct_own']) {
    assert.equal(problem(text, listed), undefined, text);
  }
});

test('duplicateAccount: the own account and a listed one are refused with their own message; others pass', () => {
  const c = conn();
  assert.equal(duplicateAccount(c, 'acct_own'), "acct_own is this connection's own account.");
  assert.equal(duplicateAccount(c, 'acct_p/acct_3'), 'The account acct_p/acct_3 is already listed for this connection.');
  assert.equal(duplicateAccount(c, 'acct_2'), 'The account acct_2 is already listed for this connection.');
  assert.equal(duplicateAccount(c, 'acct_9'), undefined);
  assert.equal(duplicateAccount(c, 'acct_p'), undefined, 'a path segment is not the path');
  assert.equal(duplicateAccount(bare(), 'acct_9'), undefined);
  assert.equal(duplicateAccount(bare({ stripeAccount: 'acct_own' }), 'acct_9'), undefined);
  assert.equal(duplicateAccount(bare({ stripeAccount: 'acct_own' }), 'acct_own'), "acct_own is this connection's own account.");
});

test('listedAccounts: the own Stripe-Account first (when there is one), then the added ids', () => {
  assert.deepEqual(listedAccounts(conn()), ['acct_own', 'acct_2', 'acct_p/acct_3']);
  assert.deepEqual(listedAccounts(conn({ stripeAccount: undefined })), ['acct_2', 'acct_p/acct_3']);
  assert.deepEqual(listedAccounts(bare()), []);
});

test('withAccounts: added after the listed ones, with no users, on a connection that had none too', () => {
  const { next, added } = withAccounts(bare({ stripeAccount: 'acct_own' }), ['acct_own', 'acct_a/acct_b', 'acct_c']);
  assert.deepEqual(added, ['acct_a/acct_b', 'acct_c']);
  assert.deepEqual(next.accounts, [
    { id: 'acct_a/acct_b', userIds: [] },
    { id: 'acct_c', userIds: [] },
  ]);
  assert.equal(next.label, 'App');
  const more = withAccounts(conn(), ['acct_2', 'acct_9']);
  assert.deepEqual(more.added, ['acct_9']);
  assert.deepEqual(more.next.accounts, [shop, sub, { id: 'acct_9', userIds: [] }]);
});

test('withoutAccount: removes only that account; the last one removed leaves no accounts field', () => {
  const c = conn({ ownAccountLabel: 'Platform' });
  const one = withoutAccount(c, 'acct_2');
  assert.deepEqual(one, { ...c, accounts: [sub] });
  assert.deepEqual(c.accounts, [shop, sub], 'the stored connection is not changed');
  assert.deepEqual(withoutAccount(c, 'acct_gone'), c);
  const none = withoutAccount(one, 'acct_p/acct_3');
  assert.equal('accounts' in none, false);
  assert.deepEqual(none, { label: 'App', stripeAccount: 'acct_own', userIds: ['usr_1'], ownAccountLabel: 'Platform' });
  assert.equal('accounts' in one, true);
  const still = withoutAccount(bare(), 'acct_2');
  assert.deepEqual(still, bare());
  assert.equal('accounts' in still, false);
});

test('withAccountUserIds: changes the users of that account only, keeping its label and every other field', () => {
  const c = conn({ ownAccountLabel: 'Platform' });
  const add = (ids: string[]): string[] => [...ids, 'usr_9'];
  assert.deepEqual(withAccountUserIds(c, 'acct_2', add), {
    ...c,
    accounts: [{ id: 'acct_2', label: 'Shop', userIds: ['usr_2', 'usr_9'] }, sub],
  });
  assert.deepEqual(withAccountUserIds(c, undefined, add), { ...c, userIds: ['usr_1', 'usr_9'] });
  assert.deepEqual(withAccountUserIds(c, 'acct_gone', add), c);
  assert.deepEqual(withAccountUserIds(bare(), 'acct_2', add), { ...bare(), accounts: [] });
  assert.deepEqual(c.accounts, [shop, sub], 'the stored connection is not changed');
});

test('withAccountLabel: labels one account, trimmed, and never another', () => {
  const c = conn();
  const labelled = withAccountLabel(c, 'acct_p/acct_3', ' Connected ');
  assert.deepEqual(labelled, { ...c, accounts: [shop, { ...sub, label: 'Connected' }] });
  const cleared = withAccountLabel(c, 'acct_2', '   ');
  assert.deepEqual(cleared.accounts, [{ id: 'acct_2', userIds: ['usr_2'] }, sub]);
  assert.equal('label' in (cleared.accounts?.[0] ?? {}), false);
  assert.deepEqual(withAccountLabel(bare(), 'acct_2', 'X'), { ...bare(), accounts: [] });
  assert.deepEqual(withAccountLabel(bare(), undefined, ' Own '), { ...bare(), ownAccountLabel: 'Own' });
  const unlabelled = withAccountLabel(bare({ ownAccountLabel: 'Own' }), undefined, '');
  assert.equal('ownAccountLabel' in unlabelled, false);
  assert.deepEqual(unlabelled, bare());
});

test('names: a label names the id; no label shows the id; the own account without an id says so', () => {
  assert.equal(accountIdText({ id: 'acct_1' }), 'acct_1');
  assert.equal(accountIdText({ id: undefined }), 'own account');
  assert.equal(accountName({ id: 'acct_1', label: 'Shop' }), 'Shop (acct_1)');
  assert.equal(accountName({ id: 'acct_1', label: '' }), 'acct_1');
  assert.equal(accountName({ id: 'acct_1' }), 'acct_1');
  assert.equal(accountNameOf(conn(), 'acct_gone'), 'acct_gone');
  assert.equal(accountNameOf(bare(), undefined), 'Own account');
  assert.equal(accountNameOf(bare({ ownAccountLabel: 'Platform' }), undefined), 'Platform (own account)');
});

test('validateAccountPath: each refusal has its own message, and the path limit is exactly 3', () => {
  assert.equal(
    validateAccountPath(''),
    'Enter an account id such as acct_1A2b3C4d5E6f7G8h, or a Stripe-Context path such as acct_platform/acct_connected.',
  );
  for (const spaced of ['acct_1\nacct_2', 'acct 1', '\tacct_1']) {
    assert.equal(validateAccountPath(spaced), 'An account cannot contain spaces or line breaks.', spaced);
  }
  assert.equal(validateAccountPath('acct_a/acct_b/acct_c/acct_d'), 'A Stripe-Context path has at most 3 accounts joined by "/".');
  assert.equal(validateAccountPath('acct_a/acct_b/acct_c'), undefined);
  for (const bad of ['acct_', 'acct_1-2', 'xacct_1', 'acct_1x!', 'ACCT_1']) {
    assert.equal(validateAccountPath(bad), NOT_AN_ID, bad);
  }
  assert.equal(validateAccountPath('acct_a//acct_b'), NOT_A_PATH);
  assert.equal(validateAccountPath('/acct_a'), NOT_A_PATH);
});

test('parseStoredAccounts: keeps valid entries once each, their string users and a non-empty label', () => {
  assert.equal(parseStoredAccounts(undefined), undefined);
  assert.equal(parseStoredAccounts({ id: 'acct_1', userIds: [] }), undefined);
  assert.equal(parseStoredAccounts([]), undefined);
  assert.equal(
    parseStoredAccounts([undefined, null, 'acct_1', { id: 7 }, { id: 'acct 1' }, { id: 'acct_a/acct_b/acct_c/acct_d' }]),
    undefined,
  );
  assert.deepEqual(
    parseStoredAccounts([
      { id: 'acct_1', label: 'Shop', userIds: 'usr_1' },
      { id: 'acct_p/acct_2', label: 5, userIds: ['usr_2', null, 'usr_3'] },
      { id: 'acct_1', label: 'Other', userIds: ['usr_4'] },
    ]),
    [
      { id: 'acct_1', label: 'Shop', userIds: [] },
      { id: 'acct_p/acct_2', userIds: ['usr_2', 'usr_3'] },
    ],
  );
});
