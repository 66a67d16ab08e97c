import { test } from 'node:test';
import assert from 'node:assert/strict';
import { accountsOf } from '../../../src/model/accounts';
import {
  accountScopeText,
  aggregate,
  findAcross,
  holds,
  placeKey,
  planLookups,
  scopesOf,
  summary,
  usersText,
  type ScopePlace,
} from '../../../src/model/findAcross';
import type { SecretMeta, SecretScope } from '../../../src/model/types';
import type { ConnectionInfo } from '../../../src/services';

const NOW = Date.UTC(2026, 0, 1);
const DAY = 86_400;

function secret(name: string, scope: SecretScope, expiresAt: number | null = null): SecretMeta {
  return { id: `appsecret_${name}`, name, scope, created: 1, expiresAt, livemode: false };
}

const connection: ConnectionInfo = {
  id: 'conn_1',
  label: 'App',
  mode: 'test',
  keyLast4: '1234',
  keyKind: 'secret',
  userIds: ['usr_own'],
  accounts: [
    { id: 'acct_2', label: 'Shop', userIds: ['usr_a', 'usr_b'] },
    { id: 'acct_p/acct_3', userIds: [] },
  ],
};
const accounts = accountsOf(connection);
const ACCOUNT: SecretScope = { type: 'account' };

test('every account contributes its Account scope and its user scopes, each once', () => {
  assert.deepEqual(scopesOf(accounts).map(placeKey), [
    placeKey({ account: undefined, scope: ACCOUNT }),
    placeKey({ account: undefined, scope: { type: 'user', user: 'usr_own' } }),
    placeKey({ account: 'acct_2', scope: ACCOUNT }),
    placeKey({ account: 'acct_2', scope: { type: 'user', user: 'usr_a' } }),
    placeKey({ account: 'acct_2', scope: { type: 'user', user: 'usr_b' } }),
    placeKey({ account: 'acct_p/acct_3', scope: ACCOUNT }),
  ]);
  // The own account and an added one never share a key.
  assert.notEqual(placeKey({ account: undefined, scope: ACCOUNT }), placeKey({ account: 'acct_2', scope: ACCOUNT }));
});

test('the cache answers what the view has loaded; the rest is listed', () => {
  const cached = (p: ScopePlace) => (p.account === 'acct_2' && p.scope.type === 'account' ? [secret('x', ACCOUNT)] : undefined);
  const { known, toList } = planLookups([...scopesOf(accounts), { account: undefined, scope: ACCOUNT }], cached);
  assert.equal(known.size, 1);
  assert.equal(toList.length, 5, 'the repeated own Account scope is listed once');
});

test('one list per scope the cache lacks, none for the cached ones; failures become cells', async () => {
  const calls: string[] = [];
  const cached = (p: ScopePlace) =>
    p.account === undefined && p.scope.type === 'account' ? [secret('slack', ACCOUNT, NOW / 1000 + 3 * DAY)] : undefined;
  const { findings, listed } = await findAcross(accounts, 'slack', cached, async (p) => {
    calls.push(placeKey(p));
    if (p.account === 'acct_2' && p.scope.type === 'user' && p.scope.user === 'usr_b') throw new Error('429');
    if (p.account === 'acct_2' && p.scope.type === 'user') return [secret('slack', p.scope)];
    if (p.account === 'acct_p/acct_3') return [secret('other', ACCOUNT)];
    return [];
  });
  assert.equal(listed, 5);
  assert.equal(new Set(calls).size, calls.length, 'each scope listed once');
  assert.ok(!calls.includes(placeKey({ account: undefined, scope: ACCOUNT })), 'the cached scope is not listed');
  assert.deepEqual(
    findings.map((f) => [f.accountName, holds(f)]),
    [
      ['Own account', true],
      ['Shop (acct_2)', true],
      ['acct_p/acct_3', false],
    ],
  );
  assert.equal(accountScopeText(findings[0], NOW), 'Account scope: set, expires in 3 days');
  assert.equal(usersText(findings[0], NOW), 'User scopes holding it: none of 1');
  assert.equal(accountScopeText(findings[1], NOW), 'Account scope: not set');
  assert.equal(usersText(findings[1], NOW), "User scopes holding it: usr_a (never expires); couldn't list usr_b");
  assert.equal(usersText(findings[2], NOW), 'No user scopes added to this account');
  assert.equal(summary(findings, 'slack'), "2 of 3 accounts hold 'slack'");
});

test('an Account scope whose list failed says so, and does not count as holding', () => {
  const listings = new Map([[placeKey({ account: undefined, scope: ACCOUNT }), { error: new Error('down') }]]);
  const [own] = aggregate(accountsOf({ userIds: [] }), 'n', listings);
  assert.equal(accountScopeText(own, NOW), "Account scope: couldn't list");
  assert.equal(holds(own), false);
  assert.equal(summary([own], 'n'), "0 of 1 account hold 'n'");
});

test('an Account scope whose list failed keeps the error it failed with; one with no listing at all reads as failed', () => {
  const down = new Error('down');
  const failed = aggregate(
    accountsOf({ userIds: [] }),
    'n',
    new Map([[placeKey({ account: undefined, scope: ACCOUNT }), { error: down }]]),
  );
  assert.deepEqual(failed[0].accountScope, { failed: down });
  const [missing] = aggregate(accountsOf({ userIds: ['usr_1'] }), 'n', new Map());
  assert.deepEqual(missing.accountScope, { failed: undefined });
  assert.deepEqual(missing.failedUsers, ['usr_1']);
  assert.equal(accountScopeText(missing, NOW), "Account scope: couldn't list");
});

test('an Account scope listed without the name is "not held"', () => {
  const listings = new Map([[placeKey({ account: undefined, scope: ACCOUNT }), { secrets: [secret('other', ACCOUNT)] }]]);
  const [own] = aggregate(accountsOf({ userIds: [] }), 'n', listings);
  assert.deepEqual(own.accountScope, { held: false });
});

test('a user scope holding only other names does not count as holding it', () => {
  const user: SecretScope = { type: 'user', user: 'usr_1' };
  const listings = new Map([
    [placeKey({ account: undefined, scope: ACCOUNT }), { secrets: [] }],
    [placeKey({ account: undefined, scope: user }), { secrets: [secret('other', user)] }],
  ]);
  const [own] = aggregate(accountsOf({ userIds: ['usr_1'] }), 'n', listings);
  assert.deepEqual(own.users, []);
  assert.equal(holds(own), false);
  assert.equal(usersText(own, NOW), 'User scopes holding it: none of 1');
});

test("a rejected list of an Account scope becomes a failed cell carrying the list's error", async () => {
  const refused = new Error('403');
  const { findings } = await findAcross(
    accountsOf({ userIds: [] }),
    'n',
    () => undefined,
    async () => {
      throw refused;
    },
  );
  assert.deepEqual(findings[0].accountScope, { failed: refused });
});

test('the user scopes cell separates several holders, and several failed lists, with commas', () => {
  const u = (user: string): SecretScope => ({ type: 'user', user });
  const listings = new Map([
    [placeKey({ account: undefined, scope: ACCOUNT }), { secrets: [] }],
    [placeKey({ account: undefined, scope: u('usr_1') }), { secrets: [secret('n', u('usr_1'))] }],
    [placeKey({ account: undefined, scope: u('usr_2') }), { secrets: [secret('n', u('usr_2'))] }],
    [placeKey({ account: undefined, scope: u('usr_3') }), { error: new Error('429') }],
    [placeKey({ account: undefined, scope: u('usr_4') }), { error: new Error('429') }],
  ]);
  const [own] = aggregate(accountsOf({ userIds: ['usr_1', 'usr_2', 'usr_3', 'usr_4'] }), 'n', listings);
  assert.equal(usersText(own, NOW), "User scopes holding it: usr_1 (never expires), usr_2 (never expires); couldn't list usr_3, usr_4");
});
