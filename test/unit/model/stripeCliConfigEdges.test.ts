// Edges of reading the Stripe CLI's config that mutation testing (npm run test:mutation -- model) found untested.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import {
  dottedNameNote,
  isProfileKeyExpired,
  isSandboxExpired,
  oauthLoginDetail,
  parseStripeCliConfig,
  readStripeCliConfig,
  sandboxExpiredDetail,
  sandboxMark,
  sandboxRefusal,
  stripeCliConfigPath,
  StripeCliConfigError,
  type StripeCliProfile,
} from '../../../src/model/stripeCliConfig';

const KEY = 'sk_test_' + '51ZyXwVuTsRqPoNmLkJiHgFeDc0002';

const only = (toml: string): StripeCliProfile => {
  const { profiles } = parseStripeCliConfig(toml, 'f');
  assert.equal(profiles.length, 1);
  return profiles[0];
};

test('without a location, the path is found from this process: its environment and home folder', () => {
  assert.equal(stripeCliConfigPath(), stripeCliConfigPath({ env: process.env, home: os.homedir() }));
});

test('a profile holds only what its table says: no field is set to undefined', () => {
  const { keyProblem, ...half } = only('[half]\ndisplay_name = "Half"\n');
  assert.deepEqual(half, { name: 'half', displayName: 'Half', hasTestKey: false });
  assert.ok(keyProblem);
  const sandbox = only(`[s]\ndisplay_name = "S"\ntest_mode_api_key = "${KEY}"\nsandbox_claim_url = "https://x"\n`);
  assert.deepEqual(sandbox.sandbox, { claimable: true });
  const odd = only(
    `[s]\ndisplay_name = "S"\ntest_mode_api_key = "${KEY}"\nsandbox_expires_at = "soon"\ntest_mode_key_expires_at = "2026-02-30"\n`,
  );
  assert.deepEqual(odd.sandbox, { claimable: false, expiresAt: 'soon' });
  assert.equal(odd.testKeyExpiresAt, '2026-02-30');
  assert.ok(!('testKeyExpiresAtSeconds' in odd));
});

test('a display name is trimmed, and a blank one falls back to the table name', () => {
  assert.equal(only('[a]\ndisplay_name = "  Acme  "\n').displayName, 'Acme');
  assert.equal(only('[a]\ndisplay_name = "   "\n').displayName, 'a');
});

test('a date is read only when the whole text is one, with a four-digit year of its own', () => {
  for (const text of ['on 2026-11-30', '0050-01-01']) {
    const profile = only(`[a]\ndisplay_name = "A"\ntest_mode_api_key = "${KEY}"\ntest_mode_key_expires_at = "${text}"\n`);
    assert.equal(profile.testKeyExpiresAt, text);
    assert.equal(profile.testKeyExpiresAtSeconds, undefined, text);
  }
});

test("a sandbox's expiry is a date or an RFC 3339 time, fractions and offsets included, and nothing else", () => {
  const sandbox = (text: string) => only(`[s]\ndisplay_name = "S"\nsandbox_expires_at = "${text}"\n`).sandbox;
  assert.equal(sandbox('2026-12-09T10:00:00.123+02:00')?.expiresAtSeconds, Date.UTC(2026, 11, 9, 8) / 1000);
  assert.equal(sandbox('2026-12-09T10:00:00.5Z')?.expiresAtSeconds, Date.UTC(2026, 11, 9, 10) / 1000);
  assert.equal(sandbox('December 9, 2026')?.expiresAtSeconds, undefined);
});

test('machine-wide plugin tables and tables nested deeper than four names are not profiles', () => {
  const { profiles } = parseStripeCliConfig(
    '[plugin_configs.apps]\ndisplay_name = "plugin"\n[a.b.c.d]\ndisplay_name = "four"\n[e.f.g.h.i]\ndisplay_name = "five"\n',
    'f',
  );
  assert.deepEqual(
    profiles.map((p) => p.name),
    ['a.b.c.d'],
  );
});

test('a profile with an account and a live key recorded, but no test key, is not taken for a browser login', () => {
  for (const live of ['live_mode_api_key = "rk_live_51Ab****0003"', 'live_mode_key_expires_at = "2027-03-01"']) {
    const profile = only(`[p]\ndisplay_name = "P"\naccount_id = "acct_1"\n${live}\n`);
    assert.equal(profile.oauthLogin, undefined, live);
    assert.match(profile.keyProblem ?? '', /no test-mode key/, live);
    assert.equal(oauthLoginDetail(profile), undefined);
  }
});

test('a key that only holds sk_live_ further in is malformed, not a live key', () => {
  assert.match(
    only(`[p]\ndisplay_name = "P"\ntest_mode_api_key = "xsk_live_51AbCdEfGhIjKlMnOpQrSt"\n`).keyProblem ?? '',
    /not a well-formed/,
  );
});

test('default comes first whatever its display name; project-name counts only as text', () => {
  const config = parseStripeCliConfig(
    `project-name = 5\n[b]\ndisplay_name = "B"\n[default]\ndisplay_name = "Z"\n[a]\ndisplay_name = "A"\n[c]\ndisplay_name = "C"\n`,
    'f',
  );
  assert.deepEqual(
    config.profiles.map((p) => p.name),
    ['default', 'a', 'b', 'c'],
  );
  assert.equal(config.activeProfile, 'default');
});

test('a malformed file names what is wrong in smol-toml words, without its preamble', () => {
  assert.throws(
    () => parseStripeCliConfig('a = "x\n', '/c/config.toml'),
    (error: unknown) =>
      error instanceof StripeCliConfigError &&
      error.name === 'StripeCliConfigError' &&
      error.message ===
        'The Stripe CLI config /c/config.toml is not valid TOML (line 1, column 7: control characters are not allowed in strings). Run `stripe login` again, or fix that line.',
  );
});

test('a profile that is no sandbox, no browser login and has no dot gets no mark, detail or note', () => {
  const plain = only(`[p]\ndisplay_name = "P"\ntest_mode_api_key = "${KEY}"\n`);
  assert.equal(isSandboxExpired(plain, Date.now()), false);
  assert.equal(sandboxExpiredDetail(plain, Date.now()), undefined);
  assert.equal(sandboxRefusal(plain, Date.now()), undefined);
  assert.equal(sandboxMark(plain), undefined);
  assert.equal(oauthLoginDetail(plain), undefined);
  assert.equal(dottedNameNote(plain), '');
  assert.equal(isProfileKeyExpired(plain, Date.now()), false);
});

test('a sandbox is expired from the very second of its expiry', () => {
  const profile = only(`[s]\ndisplay_name = "S"\nsandbox_expires_at = "2026-12-09"\n`);
  assert.equal(isSandboxExpired(profile, Date.UTC(2026, 11, 9) - 1), false);
  assert.equal(isSandboxExpired(profile, Date.UTC(2026, 11, 9)), true);
});

test('reading: a folder in its place, a file over 1 MB, a path through a file, a link loop, each said as such', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sas-cli-edges-'));
  const at = (dir: string) => ({ env: { XDG_CONFIG_HOME: path.join(root, dir) }, home: root });
  const refused = (dir: string, reason: StripeCliConfigError['reason'], message: RegExp) =>
    assert.throws(
      () => readStripeCliConfig(at(dir)),
      (e: unknown) => e instanceof StripeCliConfigError && e.reason === reason && message.test(e.message),
      dir,
    );
  try {
    fs.mkdirSync(path.join(root, 'folder', 'stripe', 'config.toml'), { recursive: true });
    refused('folder', 'unreadable', /config\.toml is not a file/);

    const oneMb = 1024 * 1024;
    const padded = (size: number) => `[a]\ndisplay_name = "A"\n#`.padEnd(size - 1, 'x') + '\n';
    fs.mkdirSync(path.join(root, 'big', 'stripe'), { recursive: true });
    fs.writeFileSync(path.join(root, 'big', 'stripe', 'config.toml'), padded(oneMb + 1));
    refused('big', 'unreadable', /larger than 1 MB/);
    fs.mkdirSync(path.join(root, 'full', 'stripe'), { recursive: true });
    fs.writeFileSync(path.join(root, 'full', 'stripe', 'config.toml'), padded(oneMb));
    assert.equal(readStripeCliConfig(at('full')).profiles.length, 1);

    fs.writeFileSync(path.join(root, 'file'), '');
    refused('file', 'missing', /No Stripe CLI config at .*stripe login/);

    fs.mkdirSync(path.join(root, 'loop', 'stripe'), { recursive: true });
    fs.symlinkSync('config.toml', path.join(root, 'loop', 'stripe', 'config.toml'));
    refused('loop', 'unreadable', /could not be read \(ELOOP\); check its permissions/);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});
