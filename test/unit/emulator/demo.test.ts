import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEMO_USER_IDS, demoSecrets, startEmulator } from '../../../src/emulator';
import { MAX_SECRETS_PER_SCOPE } from '../../../src/model/types';
import { ACCOUNT, call, manualClock, userScope } from './helpers';

describe('emulator demo seed', () => {
  const now = 2_000_000_000;
  const secrets = demoSecrets(now);

  it('has an account scope of about six secrets, one expiring within 3 days', () => {
    const account = secrets.filter((s) => s.scope.type === 'account');
    assert.ok(account.length >= 5 && account.length <= MAX_SECRETS_PER_SCOPE);
    for (const name of ['slack_bot_token', 'openai_api_key', 'hubspot_client_secret', 'webhook_signing_secret']) {
      assert.ok(
        account.some((s) => s.name === name),
        name,
      );
    }
    assert.ok(account.some((s) => s.expiresAt !== null && s.expiresAt > now && s.expiresAt - now < 3 * 86400));
  });

  it('has 2-3 user scopes of usr_ ids with OAuth tokens, one expiring within a day', () => {
    assert.ok(DEMO_USER_IDS.length >= 2 && DEMO_USER_IDS.length <= 3);
    for (const user of DEMO_USER_IDS) {
      assert.match(user, /^usr_/);
      assert.ok(
        secrets.some((s) => s.scope.type === 'user' && s.scope.user === user && /oauth/.test(s.name)),
        user,
      );
    }
    assert.ok(secrets.some((s) => s.scope.type === 'user' && s.expiresAt !== null && s.expiresAt - now < 86400));
  });

  it('uses values that are obviously fake and match no common key pattern', () => {
    const flagged = [/^sk[-_]/, /^xox[abp]-/, /^whsec_/, /^ghp_/, /^AKIA/, /^SG\./, /^ya29\./, /^pat-/];
    for (const s of secrets) {
      assert.match(s.payload, /NOT-REAL/, s.name);
      for (const pattern of flagged) assert.doesNotMatch(s.payload, pattern, s.name);
      assert.ok(s.created < now);
    }
  });

  it('is served from the test-mode store of the own account only', async () => {
    const clock = manualClock(now * 1000);
    const emu = await startEmulator({ seed: 'demo', now: clock.now });
    try {
      const list = await call(emu, 'GET', '/v1/apps/secrets', { params: ACCOUNT });
      assert.equal(list.json.data.length, secrets.filter((s) => s.scope.type === 'account').length);
      assert.equal(list.json.data[0].name, 'openai_api_key', 'newest first');
      const user = await call(emu, 'GET', '/v1/apps/secrets', { params: userScope(DEMO_USER_IDS[1]) });
      assert.ok(user.json.data.length > 0);
      assert.equal(emu.secrets('live').length, 0);
      assert.equal(emu.secrets('test', 'acct_1Other').length, 0);
      clock.advance(86400 * 1000);
      assert.equal(emu.secrets('test').length, secrets.length - 2, 'the soon-expiring user tokens are gone a day later');
    } finally {
      await emu.close();
    }
  });
});

describe('emulator demo seed, as the README and screenshots show it', () => {
  const now = 2_000_000_000;
  const secrets = demoSecrets(now);
  const day = 86400;

  it('holds these secrets, oldest first', () => {
    assert.deepEqual(
      secrets.map((s) => [s.name, s.scope.type === 'user' ? s.scope.user : 'account']),
      [
        ['database_url', 'account'],
        ['sendgrid_api_key', 'account'],
        ['hubspot_client_secret', 'account'],
        ['slack_bot_token', 'account'],
        ['webhook_signing_secret', 'account'],
        ['google_oauth_refresh_token', DEMO_USER_IDS[0]],
        ['hubspot_oauth_refresh_token', DEMO_USER_IDS[1]],
        ['openai_api_key', 'account'],
        ['quickbooks_oauth_refresh_token', DEMO_USER_IDS[2]],
        ['hubspot_oauth_access_token', DEMO_USER_IDS[1]],
        ['google_oauth_access_token', DEMO_USER_IDS[0]],
      ],
    );
    assert.deepEqual(DEMO_USER_IDS, ['usr_DemoAdaLovelace', 'usr_DemoGraceHopper', 'usr_DemoAlanTuring']);
  });

  it('dates each secret from now: created days ago, expiring after the time given', () => {
    const byName = new Map(secrets.map((s) => [s.name, s]));
    assert.deepEqual(byName.get('database_url'), {
      name: 'database_url',
      scope: { type: 'account' },
      payload: 'postgres://demo_app:NOT-REAL-pw-4e1b9c@db.example.com:5432/stripe_app',
      created: now - 92 * day,
      expiresAt: null,
    });
    assert.equal(byName.get('google_oauth_access_token')?.created, now - Math.round(0.02 * day));
    assert.equal(byName.get('openai_api_key')?.expiresAt, now + 180 * day);
    assert.equal(byName.get('sendgrid_api_key')?.expiresAt, now + 2 * day + 5 * 3600);
    assert.equal(new Set(secrets.map((s) => s.payload)).size, secrets.length, 'every value is its own');
  });
});
