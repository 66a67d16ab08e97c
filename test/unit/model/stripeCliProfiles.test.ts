/**
 * Profile shapes of today's Stripe CLI, from its source (stripe/stripe-cli at f5f390bc, 2026-08-21):
 * - pkg/config/profile.go lines 78-91: the field names; 533-534: `test_mode_api_key` is written only
 *   when the login produced one; 550-558: `user_id`, `sandbox_claim_url`, `sandbox_expires_at`;
 *   562-563: the OAuth token (`uat`) goes to the OS keychain, never the file; 176-190: the warning
 *   for a profile name with a period.
 * - pkg/login/oauth_accounts.go lines 159-166 (populateProfileFromAccounts): a browser (OAuth)
 *   login writes `account_id` and `display_name` only.
 * - pkg/cmd/sandbox.go lines 340-375 (saveSandboxToConfig): a sandbox profile, display name = its
 *   account id, a `rkcs_` key for a claimable sandbox; 423-435: the expiry is `YYYY-MM-DD` or RFC 3339.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  dottedNameNote,
  isSandboxExpired,
  oauthLoginDetail,
  parseStripeCliConfig,
  profileTestKey,
  sandboxExpiredDetail,
  sandboxMark,
  sandboxRefusal,
} from '../../../src/model/stripeCliConfig';

const KEY = 'sk_test_' + '51SandboxKeyAbCdEfGhIjKl0001';
const NOW = Date.UTC(2026, 11, 2);

const CONFIG = `
color = "auto"

[default]
  account_id = "acct_1OAuth00000001"
  device_name = "laptop"
  display_name = "Acme"
  user_id = "usr_1Person0001"

[sandbox]
  account_id = "acct_1Sandbox000001"
  display_name = "acct_1Sandbox000001"
  sandbox_claim_url = "https://dashboard.stripe.com/claim/NOT-REAL"
  sandbox_expires_at = "2026-12-09"
  test_mode_api_key = "${KEY}"
  test_mode_key_expires_at = "2027-03-01"

[old-sandbox]
  account_id = "acct_1Sandbox000002"
  display_name = "acct_1Sandbox000002"
  sandbox_expires_at = "2026-11-30T12:00:00Z"
  test_mode_api_key = "${KEY}"

[claimable]
  account_id = "acct_1Sandbox000003"
  display_name = "acct_1Sandbox000003"
  sandbox_claim_url = "https://dashboard.stripe.com/claim/NOT-REAL-2"
  test_mode_api_key = "rkcs_test_51NotRealClaimableKey0003"

[my.app]
  account_id = "acct_1Dotted0000001"
  display_name = "Dotted"
  test_mode_api_key = "${KEY}"

["other.app"]
  account_id = "acct_1Dotted0000002"
  display_name = "Quoted dotted"
  test_mode_api_key = "${KEY}"

[plugin_configs.apps]
  version = "1.2.3"
`;

const profiles = () => {
  const config = parseStripeCliConfig(CONFIG, '/c/config.toml');
  return new Map(config.profiles.map((p) => [p.name, p]));
};

test('a browser (OAuth) login: account and name, no key in the file; the message says exactly what to do', () => {
  const oauth = profiles().get('default');
  assert.ok(oauth);
  assert.equal(oauth.oauthLogin, true);
  assert.equal(oauth.hasTestKey, false);
  assert.equal(profileTestKey(oauth), undefined);
  assert.equal(oauth.userId, 'usr_1Person0001');
  assert.match(oauth.keyProblem ?? '', /browser \(OAuth\) flow/);
  assert.match(oauth.keyProblem ?? '', /restricted key that has the Secret Store permission/);
  assert.match(oauth.keyProblem ?? '', /`stripe login --interactive`/);
  assert.match(oauth.keyProblem ?? '', /never reads the keychain/);
  assert.match(oauthLoginDetail(oauth) ?? '', /browser login.*stripe login --interactive/);
});

test('a profile with only a display name is a login that never finished, not an OAuth login', () => {
  const config = parseStripeCliConfig('[half]\n  display_name = "Half"\n', '/c/config.toml');
  assert.equal(config.profiles[0].oauthLogin, undefined);
  assert.match(config.profiles[0].keyProblem ?? '', /no test-mode key.*stripe login --project-name=half/);
});

test('a sandbox: marked, its expiry shown, claimable, and the claim URL is not kept', () => {
  const sandbox = profiles().get('sandbox');
  assert.ok(sandbox);
  assert.deepEqual(sandbox.sandbox, { claimable: true, expiresAt: '2026-12-09', expiresAtSeconds: Date.UTC(2026, 11, 9) / 1000 });
  assert.equal(JSON.stringify(sandbox).includes('claim/NOT-REAL'), false);
  assert.equal(sandboxMark(sandbox), 'sandbox · expires 2026-12-09 · claimable');
  assert.equal(sandboxRefusal(sandbox, NOW), undefined);
  assert.equal(sandbox.keyProblem, undefined);
  assert.equal(profileTestKey(sandbox), KEY);
});

test('an expired sandbox (RFC 3339 expiry, as older CLIs wrote) is refused with what to run', () => {
  const old = profiles().get('old-sandbox');
  assert.ok(old);
  assert.equal(old.sandbox?.expiresAtSeconds, Date.UTC(2026, 10, 30, 12) / 1000);
  assert.equal(isSandboxExpired(old, NOW), true);
  assert.equal(sandboxMark(old), 'sandbox · expires 2026-11-30');
  assert.match(sandboxRefusal(old, NOW) ?? '', /expired on 2026-11-30T12:00:00Z.*stripe sandbox create/);
  assert.match(sandboxExpiredDetail(old, NOW) ?? '', /sandbox expired/);
});

test("a claimable sandbox's rkcs_ key is not taken, with what to do instead", () => {
  const claimable = profiles().get('claimable');
  assert.ok(claimable);
  assert.equal(profileTestKey(claimable), undefined);
  assert.match(claimable.keyProblem ?? '', /claimable sandbox's key \(rkcs_…\).*--interactive/);
  assert.equal(claimable.keyProblem?.includes('NotRealClaimableKey'), false);
});

test('profile names with a dot, as nested tables or quoted, are found and flagged with the rename the CLI suggests', () => {
  const all = profiles();
  for (const name of ['my.app', 'other.app']) {
    const dotted = all.get(name);
    assert.ok(dotted, name);
    assert.equal(dotted.dottedName, true);
    assert.equal(profileTestKey(dotted), KEY);
    assert.match(
      dottedNameNote(dotted),
      new RegExp(`stop accepting names with a dot: \`stripe login --project-name=${name.replace('.', '-')}\``),
    );
  }
  assert.equal(all.has('plugin_configs.apps'), false);
});
