import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  isProfileKeyExpired,
  parseStripeCliConfig,
  profileTestKey,
  readStripeCliConfig,
  stripeCliConfigExists,
  stripeCliConfigPath,
  StripeCliConfigError,
} from '../../../src/model/stripeCliConfig';

const KEY_A = 'rk_test_' + '51AbCdEfGhIjKlMnOpQrStUvWx0001';
const KEY_B = 'sk_test_' + '51ZyXwVuTsRqPoNmLkJiHgFeDc0002';
const LIVE_REDACTED = 'rk_live_51Ab****************0003';

/** A config as `stripe login` writes it: machine-wide keys, two profiles, a redacted live key, a profile without a key. */
const CONFIG = `
color = "auto"
project-name = "shop"

[default]
  account_id = "acct_1Default0000001"
  device_name = "laptop"
  display_name = "Acme Test"
  live_mode_api_key = "${LIVE_REDACTED}"
  live_mode_key_expires_at = "2027-03-01"
  test_mode_api_key = "${KEY_A}"
  test_mode_key_expires_at = "2027-03-01"
  test_mode_pub_key = "pk_test_51AbCdEfGhIjKlMnOpQrStUvWx"

[shop]
  account_id = "acct_1Shop000000002"
  display_name = "Shop Sandbox"
  test_mode_api_key = "${KEY_B}"
  test_mode_key_expires_at = "2026-11-30"

[half-done]
  display_name = "Abandoned login"

[plugin_configs.apps]
  version = "1.2.3"
`;

test('the file is under $XDG_CONFIG_HOME/stripe when it is set, else ~/.config/stripe (as the CLI decides)', () => {
  assert.equal(stripeCliConfigPath({ env: { XDG_CONFIG_HOME: '/x/cfg' }, home: '/home/me' }), path.join('/x/cfg', 'stripe', 'config.toml'));
  assert.equal(
    stripeCliConfigPath({ env: { XDG_CONFIG_HOME: '' }, home: '/home/me' }),
    path.join('/home/me', '.config', 'stripe', 'config.toml'),
  );
  assert.equal(stripeCliConfigPath({ env: {}, home: '/home/me' }), path.join('/home/me', '.config', 'stripe', 'config.toml'));
});

test('several profiles: display name, account, key presence and expiry; machine-wide tables are not profiles', () => {
  const config = parseStripeCliConfig(CONFIG, '/c/config.toml');
  assert.equal(config.activeProfile, 'shop');
  assert.deepEqual(
    config.profiles.map((p) => p.name),
    ['default', 'half-done', 'shop'],
  );
  const [def, half, shop] = config.profiles;
  assert.deepEqual(
    { ...def },
    {
      name: 'default',
      displayName: 'Acme Test',
      accountId: 'acct_1Default0000001',
      hasTestKey: true,
      testKeyExpiresAt: '2027-03-01',
      testKeyExpiresAtSeconds: Date.UTC(2027, 2, 1) / 1000,
    },
  );
  assert.equal(profileTestKey(def), KEY_A);
  assert.equal(profileTestKey(shop), KEY_B);
  assert.equal(half.hasTestKey, false);
  assert.match(half.keyProblem ?? '', /no test-mode key.*stripe login --project-name=half-done/);
  assert.equal(profileTestKey(half), undefined);
});

test('no profile object carries a key, whichever way it is serialised; the live key is never read', () => {
  const config = parseStripeCliConfig(CONFIG, '/c/config.toml');
  const text = JSON.stringify(config) + String(config.profiles.map((p) => Object.values(p)));
  for (const secret of [KEY_A, KEY_B, LIVE_REDACTED, 'pk_test_']) assert.ok(!text.includes(secret), `${secret.slice(0, 8)} leaked`);
});

test('older configs keep the test key under secret_key or api_key; a live key in the test slot is refused', () => {
  const config = parseStripeCliConfig(
    `[default]\ndisplay_name = "Old"\nsecret_key = "${KEY_A}"\n[b]\ndisplay_name = "B"\napi_key = "${KEY_B}"\n[c]\ndisplay_name = "C"\ntest_mode_api_key = "sk_live_51AbCdEfGhIjKlMnOpQrSt"\n`,
    'f',
  );
  assert.equal(profileTestKey(config.profiles[0]), KEY_A);
  assert.equal(profileTestKey(config.profiles[1]), KEY_B);
  assert.equal(config.profiles[2].hasTestKey, false);
  assert.match(config.profiles[2].keyProblem ?? '', /live key/);
  assert.equal(config.activeProfile, 'default');
});

test('a malformed key is a problem of its profile, named without the key', () => {
  const config = parseStripeCliConfig(`[default]\ndisplay_name = "X"\ntest_mode_api_key = "sk_test_short"\n`, 'f');
  assert.equal(config.profiles[0].hasTestKey, false);
  assert.match(config.profiles[0].keyProblem ?? '', /not a well-formed/);
  assert.ok(!(config.profiles[0].keyProblem ?? '').includes('sk_test_short'));
});

test('a malformed file names the line and column, never the text around it (which may hold a key)', () => {
  const bad = `[default]\ndisplay_name = "X"\ntest_mode_api_key = "${KEY_A}\n`;
  assert.throws(
    () => parseStripeCliConfig(bad, '/c/config.toml'),
    (error: unknown) => {
      assert.ok(error instanceof StripeCliConfigError);
      assert.equal(error.reason, 'malformed');
      assert.match(error.message, /\/c\/config\.toml is not valid TOML \(line 3, column \d+/);
      assert.ok(!error.message.includes(KEY_A.slice(8)), 'no part of the key');
      return true;
    },
  );
});

test('the key expires at midnight UTC of its date; a bad date is shown but never counts as expired', () => {
  const [profile] = parseStripeCliConfig(
    `[default]\ndisplay_name = "X"\ntest_mode_api_key = "${KEY_A}"\ntest_mode_key_expires_at = "2026-11-30"\n`,
    'f',
  ).profiles;
  assert.equal(isProfileKeyExpired(profile, Date.UTC(2026, 10, 29, 23, 59)), false);
  assert.equal(isProfileKeyExpired(profile, Date.UTC(2026, 10, 30, 0, 0)), true);
  const [odd] = parseStripeCliConfig(
    `[default]\ndisplay_name = "X"\ntest_mode_api_key = "${KEY_A}"\ntest_mode_key_expires_at = "2026-02-30"\n`,
    'f',
  ).profiles;
  assert.equal(odd.testKeyExpiresAt, '2026-02-30');
  assert.equal(odd.testKeyExpiresAtSeconds, undefined);
  assert.equal(isProfileKeyExpired(odd, Date.now()), false);
});

test('reading: a missing file, a folder in its place, and a good file under XDG vs HOME', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sas-cli-unit-'));
  try {
    const xdg = path.join(root, 'xdg');
    const home = path.join(root, 'home');
    const location = { env: { XDG_CONFIG_HOME: xdg }, home };
    assert.equal(stripeCliConfigExists(location), false);
    assert.throws(
      () => readStripeCliConfig(location),
      (e: unknown) => e instanceof StripeCliConfigError && e.reason === 'missing' && /stripe login/.test(e.message),
    );
    fs.mkdirSync(path.join(xdg, 'stripe', 'config.toml'), { recursive: true });
    assert.throws(
      () => readStripeCliConfig(location),
      (e: unknown) => e instanceof StripeCliConfigError && e.reason === 'unreadable',
    );
    fs.mkdirSync(path.join(home, '.config', 'stripe'), { recursive: true });
    fs.writeFileSync(path.join(home, '.config', 'stripe', 'config.toml'), CONFIG);
    // With XDG_CONFIG_HOME set, the HOME file is not looked at, as in the CLI.
    assert.throws(() => readStripeCliConfig(location), StripeCliConfigError);
    const fromHome = readStripeCliConfig({ env: {}, home });
    assert.equal(fromHome.profiles.length, 3);
    assert.equal(fromHome.path, path.join(home, '.config', 'stripe', 'config.toml'));
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
