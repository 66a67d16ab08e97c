import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ConnectionInfo } from '../../../src/services';
import {
  accountA11yLabel,
  connectionA11yLabel,
  messageA11yLabel,
  plural,
  scopeA11yLabel,
  secretA11yLabel,
  usersA11yLabel,
} from '../../../src/tree/rowLabels';

const base: ConnectionInfo = { id: 'c', label: 'My app', mode: 'test', keyLast4: '1234', keyKind: 'secret', userIds: [] };

test('a connection says its mode, whether it is active, and which key', () => {
  assert.equal(connectionA11yLabel(base, false), 'My app, test mode connection, secret key ending 1234');
  assert.equal(
    connectionA11yLabel({ ...base, mode: 'live', stripeAccount: 'acct_9', keyKind: 'restricted' }, true),
    'My app, LIVE mode connection, active, Stripe account acct_9, restricted key ending 1234',
  );
  assert.equal(
    connectionA11yLabel({ ...base, emulator: true }, true),
    'My app, test mode connection, active, local emulator, secret key ending 1234',
  );
});

test('Users says how many user scopes it holds', () => {
  assert.equal(usersA11yLabel(0), 'Users, no user scopes added');
  assert.equal(usersA11yLabel(1), 'Users, 1 user scope');
  assert.equal(usersA11yLabel(3), 'Users, 3 user scopes');
  assert.equal(plural(2, 'secret'), '2 secrets');
});

test('a scope says its fill in words', () => {
  assert.equal(scopeA11yLabel({ type: 'account' }, { loaded: 6, max: 10 }), 'Account scope, 6 of 10 secrets');
  assert.equal(scopeA11yLabel({ type: 'user', user: 'usr_1' }, { loaded: 0, max: 10 }), 'User scope usr_1, 0 of 10 secrets');
  assert.equal(scopeA11yLabel({ type: 'account' }, 'failed'), 'Account scope, not loaded, expand it to see why');
  assert.equal(scopeA11yLabel({ type: 'account' }, 'loading'), 'Account scope, not loaded yet');
});

test('a message says whether it is an error and what Enter does', () => {
  assert.equal(
    messageA11yLabel("Couldn't load: Stripe refused the key.", true, 'retry'),
    "Error: Couldn't load: Stripe refused the key. Press Enter to try again.",
  );
  assert.equal(messageA11yLabel('No secrets. Set one…', false, 'set secret'), 'No secrets. Set one… Press Enter to set secret.');
});

test('a secret says its name, its expiry and what its icon colour means', () => {
  assert.equal(secretA11yLabel('api_key', '', 'none', false), 'Secret api_key, never expires');
  assert.equal(secretA11yLabel('api_key', 'expires in 3 months', 'ok', false), 'Secret api_key, expires in 3 months');
  assert.equal(secretA11yLabel('api_key', 'expires in 2 days', 'soon', false), 'Secret api_key, expires in 2 days, expiring soon');
  assert.equal(secretA11yLabel('api_key', 'expired', 'expired', false), 'Secret api_key, expired');
  assert.equal(secretA11yLabel('api_key', 'Deleting…', 'soon', true), 'Secret api_key, Deleting…');
});

test('hidden characters in a name are announced as their escapes, not swallowed', () => {
  assert.equal(secretA11yLabel(' api_key\u200b', '', 'none', false), 'Secret ␣api_key\\u200b, never expires');
  assert.equal(connectionA11yLabel({ ...base, label: 'a\nb' }, false), 'a\\nb, test mode connection, secret key ending 1234');
});

test('account rows read their name, kind and user scopes', () => {
  assert.equal(
    accountA11yLabel({ account: undefined, id: undefined, userIds: [] }),
    "Own account, the connection's own account, no user scopes",
  );
  assert.equal(
    accountA11yLabel({ account: 'acct_2', id: 'acct_2', label: 'Shop', userIds: ['usr_1'] }),
    'Shop (acct_2), added account, 1 user scope',
  );
  assert.equal(
    accountA11yLabel({ account: 'acct_p/acct_3', id: 'acct_p/acct_3', userIds: ['a', 'b'] }),
    'acct_p/acct_3, Stripe-Context account, 2 user scopes',
  );
});
