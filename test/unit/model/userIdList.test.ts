import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nameList, parseUserIdList, splitUserIds, userIdListProblem } from '../../../src/model/userIdList';

/** A strict stand-in for validateUserId, so these tests do not depend on its exact rule. */
const validate = (id: string) => (/^usr_[A-Za-z0-9]+$/.test(id) ? undefined : 'A user id is usr_ followed by letters and digits.');
const EMPTY = 'Enter a user id such as usr_1A2b.';
const quote = (id: string) => `"${id}"`;

test('ids are split on commas, semicolons, spaces, tabs and line breaks', () => {
  assert.deepEqual(splitUserIds(' usr_a, usr_b;usr_c\n\nusr_d\tusr_e\r\nusr_f ,, '), [
    'usr_a',
    'usr_b',
    'usr_c',
    'usr_d',
    'usr_e',
    'usr_f',
  ]);
  assert.deepEqual(splitUserIds(' \n, '), []);
});

test('valid ids come back once each, in order; repeats and listed ones are dropped', () => {
  const parsed = parseUserIdList('usr_b usr_a usr_b, usr_listed usr_c', ['usr_listed'], validate);
  assert.deepEqual(parsed, { ids: ['usr_b', 'usr_a', 'usr_c'], alreadyListed: ['usr_listed'], invalid: [] });
  assert.equal(userIdListProblem('usr_b usr_a', parsed, EMPTY, quote), undefined);
});

test('invalid entries are named, with what to fix, and block the whole list', () => {
  const one = parseUserIdList('usr_a, acct_123', [], validate);
  assert.deepEqual(one.invalid, [{ id: 'acct_123', problem: 'A user id is usr_ followed by letters and digits.' }]);
  assert.equal(
    userIdListProblem('usr_a, acct_123', one, EMPTY, quote),
    '"acct_123" is not a user id: A user id is usr_ followed by letters and digits. Fix or remove it; nothing is added until every id is valid.',
  );
  const text = 'usr_ok x1 x2 x3 x4 x5 x6 x7';
  const many = parseUserIdList(text, [], validate);
  assert.equal(
    userIdListProblem(text, many, EMPTY, quote),
    '7 entries are not user ids: "x1", "x2", "x3", "x4", "x5" and 2 more. A user id is usr_ followed by letters and digits. Fix or remove them; nothing is added until every id is valid.',
  );
});

test('an empty paste asks for ids; a paste of only listed ids says so', () => {
  assert.equal(
    userIdListProblem(' , ', parseUserIdList(' , ', [], validate), EMPTY, quote),
    `${EMPTY} Paste several separated by commas, spaces or line breaks.`,
  );
  assert.equal(
    userIdListProblem('usr_a', parseUserIdList('usr_a', ['usr_a'], validate), EMPTY, quote),
    'The user scope "usr_a" is already listed for this connection.',
  );
  assert.equal(
    userIdListProblem('usr_a usr_b usr_a', parseUserIdList('usr_a usr_b usr_a', ['usr_a', 'usr_b'], validate), EMPTY, quote),
    'All of these are already listed for this connection: "usr_a", "usr_b".',
  );
});

test('name lists are cut after five', () => {
  assert.equal(nameList(['a'], String), 'a');
  assert.equal(nameList(['a', 'b', 'c', 'd', 'e', 'f'], String), 'a, b, c, d, e and 1 more');
});

test('a list of exactly five names is shown whole, with no "and 0 more"', () => {
  assert.equal(nameList(['a', 'b', 'c', 'd', 'e'], String), 'a, b, c, d, e');
});
