import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scopeDescription } from '../../../src/model/scope';
import {
  asTextareaValue,
  decideSave,
  describeIdentityChange,
  EditCoalescer,
  futureExpiry,
  locationKey,
  modeQuery,
  parseModeQuery,
  parseSecretPath,
  restoreLineBreaks,
  sameIdentity,
  sameRemote,
  secretPath,
  identityOf,
  type ConnectionIdentity,
  type SecretLocation,
} from '../../../src/model/secretValue';

describe('secretPath / parseSecretPath', () => {
  const cases: SecretLocation[] = [
    { connectionId: 'c1', scope: { type: 'account' }, name: 'API_KEY' },
    { connectionId: 'c1', scope: { type: 'user', user: 'usr_123' }, name: 'token' },
    { connectionId: 'c 2', scope: { type: 'account' }, name: 'a/b\\c%41 d' },
    { connectionId: 'c1', scope: { type: 'user', user: 'u/x' }, name: '..' },
    { connectionId: 'c1', scope: { type: 'account' }, name: '.' },
    { connectionId: 'c1', scope: { type: 'account' }, name: 'ünïcødé ✓' },
  ];
  for (const location of cases) {
    it(`round-trips ${JSON.stringify(location)}`, () => {
      const path = secretPath(location);
      assert.deepEqual(parseSecretPath(path), location);
      assert.equal(path.split('/').length, location.scope.type === 'account' ? 4 : 5);
    });
  }

  it('keeps ordinary names readable as the last segment (the tab title)', () => {
    assert.equal(
      secretPath({ connectionId: 'c1', scope: { type: 'account' }, name: 'stripe.webhook-secret' }),
      '/c1/account/stripe.webhook-secret',
    );
    assert.equal(secretPath({ connectionId: 'c1', scope: { type: 'user', user: 'usr_1' }, name: 'x/y' }), '/c1/user/usr_1/x%2Fy');
  });

  it("an added account is its own segment, so its editor is not the own account's", () => {
    const own: SecretLocation = { connectionId: 'c1', scope: { type: 'account' }, name: 'k' };
    for (const account of ['acct_2', 'acct_p/acct_3']) {
      const on: SecretLocation = { ...own, account };
      assert.deepEqual(parseSecretPath(secretPath(on)), on);
      assert.notEqual(locationKey(on, 'edit'), locationKey(own, 'edit'));
      const user: SecretLocation = { connectionId: 'c1', account, scope: { type: 'user', user: 'usr_1' }, name: 'k' };
      assert.deepEqual(parseSecretPath(secretPath(user)), user);
    }
    assert.equal(secretPath({ ...own, account: 'acct_p/acct_3' }), '/c1/acct_p%2Facct_3/account/k');
  });

  it('names no secret for folders, unknown kinds, extra segments or broken escapes', () => {
    for (const p of [
      '/',
      '/c1',
      '/c1/account',
      '/c1/user/usr_1',
      '/c1/account/a/b',
      '/c1/other/x',
      '/c1/user/u/n/extra',
      'c1/account/x',
      '/c1/account/%E0%A4%A',
      '/c1//x',
    ]) {
      assert.equal(parseSecretPath(p), undefined, p);
    }
  });
});

describe('the mode in the URI query', () => {
  it('opens editable only for an explicit edit', () => {
    assert.equal(parseModeQuery(modeQuery('edit')), 'edit');
    assert.equal(parseModeQuery(modeQuery('reveal')), 'reveal');
    assert.equal(parseModeQuery(''), 'reveal');
    assert.equal(parseModeQuery('mode=editor'), 'reveal');
    assert.equal(parseModeQuery('x=1&mode=edit'), 'edit');
  });

  it('keys one editor per secret and mode', () => {
    const location: SecretLocation = { connectionId: 'c1', scope: { type: 'account' }, name: 'A' };
    assert.notEqual(locationKey(location, 'reveal'), locationKey(location, 'edit'));
    assert.notEqual(locationKey(location, 'edit'), locationKey({ ...location, scope: { type: 'user', user: 'usr_1' } }, 'edit'));
  });
});

describe('decideSave', () => {
  it('writes when Stripe still holds the value as opened', () => {
    assert.equal(decideSave('old', 'new', { exists: true, payload: 'old', expiresAt: null }), 'write');
  });
  it('sends nothing when Stripe already holds the edit', () => {
    assert.equal(decideSave('old', 'new', { exists: true, payload: 'new', expiresAt: null }), 'unchanged');
    assert.equal(decideSave('same', 'same', { exists: true, payload: 'same', expiresAt: null }), 'unchanged');
  });
  it('asks when the value changed elsewhere', () => {
    assert.equal(decideSave('old', 'new', { exists: true, payload: 'theirs', expiresAt: null }), 'conflict');
  });
  it('offers to create again a secret deleted elsewhere', () => {
    assert.equal(decideSave('old', 'new', { exists: false }), 'deleted');
  });
});

describe('futureExpiry', () => {
  const now = 1_700_000_000_000;
  it('keeps an expiry still ahead, drops one that passed, keeps never', () => {
    assert.equal(futureExpiry({ expiresAt: now / 1000 + 60 }, now), now / 1000 + 60);
    assert.equal(futureExpiry({ expiresAt: now / 1000 - 1 }, now), null);
    assert.equal(futureExpiry({ expiresAt: null }, now), null);
    assert.equal(futureExpiry(undefined, now), null);
  });
});

describe('line breaks between the textarea and the value', () => {
  it('gives CRLF back to a value that used CRLF throughout', () => {
    const pem = '-----BEGIN KEY-----\r\nabc\r\n-----END KEY-----\r\n';
    assert.equal(restoreLineBreaks(asTextareaValue(pem), pem), pem);
    assert.equal(restoreLineBreaks('a\nb', pem), 'a\r\nb');
  });
  it('keeps the text as typed for LF, mixed or single-line values', () => {
    assert.equal(restoreLineBreaks('a\nb', 'x\ny'), 'a\nb');
    assert.equal(restoreLineBreaks('a\nb', 'x\r\ny\nz'), 'a\nb');
    assert.equal(restoreLineBreaks('a\nb', 'one line'), 'a\nb');
    assert.equal(restoreLineBreaks('tab\there  ', 'x'), 'tab\there  ');
  });
  it('reports a value the way a textarea does', () => {
    assert.equal(asTextareaValue('a\r\nb\rc\nd'), 'a\nb\nc\nd');
  });
});

describe('EditCoalescer', () => {
  it('groups typing into one step until a pause or a close', () => {
    const c = new EditCoalescer(1000);
    assert.equal(c.startsNewStep(0), true);
    assert.equal(c.startsNewStep(500), false);
    assert.equal(c.startsNewStep(1400), false);
    assert.equal(c.startsNewStep(2500), true);
    c.close();
    assert.equal(c.startsNewStep(2600), true);
    assert.equal(c.startsNewStep(2700), false);
  });
});

describe('scopeDescription', () => {
  it('names the scope in a sentence', () => {
    assert.equal(scopeDescription({ type: 'account' }), 'the account scope');
    assert.equal(scopeDescription({ type: 'user', user: 'usr_9' }), 'the scope of user usr_9');
  });
});

describe('connection identity at save time', () => {
  const opened: ConnectionIdentity = { mode: 'test', keyLast4: 'AB12', keyKind: 'secret', stripeAccount: undefined, apiBase: undefined };

  it('is the same only when mode, key, account and API base all are', () => {
    assert.ok(sameIdentity(opened, identityOf({ ...opened, label: 'renamed' } as ConnectionIdentity)));
    for (const change of [
      { mode: 'live' as const },
      { keyLast4: 'CD34' },
      { keyKind: 'restricted' as const },
      { stripeAccount: 'acct_1' },
      { apiBase: 'http://127.0.0.1:1' },
    ]) {
      assert.ok(!sameIdentity(opened, { ...opened, ...change }), JSON.stringify(change));
    }
    assert.ok(!sameIdentity(opened, undefined) && !sameIdentity(undefined, undefined));
  });

  it('says what changed, with no more of the key than its last four', () => {
    assert.equal(
      describeIdentityChange(opened, { ...opened, mode: 'live', keyLast4: 'LV42' }),
      'it is now in LIVE mode, its key now ends in LV42',
    );
    assert.equal(describeIdentityChange(opened, { ...opened, stripeAccount: 'acct_9' }), 'it now acts for acct_9');
  });
});

describe('sameRemote', () => {
  it('compares the value and the expiry of two reads', () => {
    assert.ok(sameRemote({ exists: true, payload: 'a', expiresAt: null }, { exists: true, payload: 'a', expiresAt: null }));
    assert.ok(!sameRemote({ exists: true, payload: 'a', expiresAt: null }, { exists: true, payload: 'b', expiresAt: null }));
    assert.ok(!sameRemote({ exists: true, payload: 'a', expiresAt: 1 }, { exists: true, payload: 'a', expiresAt: 2 }));
    assert.ok(sameRemote({ exists: false }, { exists: false }));
    assert.ok(!sameRemote({ exists: false }, { exists: true, payload: 'a', expiresAt: null }));
  });
});
