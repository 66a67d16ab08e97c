/** Wording and rules of organization-key, sandbox and keyless (synced) connections: plain Node, no `vscode`. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ConnectionInfo } from '../../../src/services';
import {
  connectionDescription,
  connectionRowDescription,
  keyDescription,
  modeAndSandbox,
  sandboxDescription,
  statusA11yLabel,
} from '../../../src/ui/labels';
import { connectionA11yLabel } from '../../../src/tree/rowLabels';
import { parseStoredConnections, splitForSync } from '../../../src/connections/connectionList';
import { parseStripeCliConfig, sandboxOf } from '../../../src/model/stripeCliConfig';

const base: ConnectionInfo = { id: 'c', label: 'My app', mode: 'test', keyLast4: '1234', keyKind: 'secret', userIds: [] };
const NOW = Date.UTC(2026, 11, 2, 12);

test('an organization connection names its key kind and its Stripe-Context everywhere it is described', () => {
  const org: ConnectionInfo = { ...base, mode: 'live', keyKind: 'organization', stripeContext: 'acct_1P/acct_1C' };
  assert.equal(keyDescription(org), 'organization key ••••1234');
  assert.equal(connectionRowDescription(org, NOW), 'LIVE · acct_1P/acct_1C');
  assert.equal(connectionDescription(org), 'LIVE · acct_1P/acct_1C');
  assert.match(
    connectionA11yLabel(org, true, false, NOW),
    /^My app, LIVE mode connection, active, Stripe context acct_1P\/acct_1C, organization key ending 1234$/,
  );
  assert.match(statusA11yLabel(org, 1), /LIVE mode, changes affect real apps.*Stripe-Context acct_1P\/acct_1C/);
});

test('a sandbox says so, with its expiry, and when the expiry passed', () => {
  const sandbox: ConnectionInfo = { ...base, sandbox: { expiresAt: '2026-12-09' } };
  assert.equal(sandboxDescription(sandbox, NOW), 'sandbox · expires 2026-12-09');
  assert.equal(sandboxDescription(sandbox, Date.UTC(2026, 11, 9)), 'sandbox · expired 2026-12-09');
  assert.equal(sandboxDescription({ sandbox: {} }, NOW), 'sandbox');
  assert.equal(sandboxDescription(base, NOW), undefined);
  assert.equal(connectionRowDescription(sandbox, NOW), 'TEST · sandbox · expires 2026-12-09');
  assert.equal(modeAndSandbox(sandbox), 'TEST · sandbox');
  assert.equal(modeAndSandbox(base), 'TEST');
  assert.equal(connectionDescription(sandbox), 'TEST · sandbox');
  assert.match(connectionA11yLabel(sandbox, false, false, NOW), /test mode connection, sandbox · expires 2026-12-09/);
});

test('a row without its key here says so, and how to fix it', () => {
  assert.match(connectionA11yLabel(base, true, true, NOW), /active, No API key on this machine, press Enter to enter it/);
  assert.doesNotMatch(connectionA11yLabel(base, true, false, NOW), /No API key/);
});

test('Settings Sync carries every stored connection but the local emulator one; ephemeral ones are never stored', () => {
  const synced = { ...base, id: 'a' };
  const emulator = { ...base, id: 'e', emulator: true };
  const demo = { ...base, id: 'd', ephemeral: true };
  assert.deepEqual(splitForSync([synced, emulator, demo]), { synced: [synced], local: [emulator] });
});

test('saved organization connections read back; an unknown key kind is dropped', () => {
  const org = { ...base, keyKind: 'organization', stripeContext: 'acct_1A' };
  assert.deepEqual(parseStoredConnections([org, { ...base, keyKind: 'publishable' }]), [org]);
});

test("a CLI sandbox profile marks its connection with the sandbox's day; an account's test mode does not", () => {
  const config = parseStripeCliConfig(
    [
      '[default]',
      "display_name = 'Acct'",
      "account_id = 'acct_1A'",
      `test_mode_api_key = 'sk_test_${'a'.repeat(24)}'`,
      '[sbx]',
      "display_name = 'Sbx'",
      "account_id = 'acct_1S'",
      `test_mode_api_key = 'sk_test_${'b'.repeat(24)}'`,
      "sandbox_expires_at = '2026-12-09T10:00:00Z'",
      '[claim]',
      "display_name = 'Claim'",
      "account_id = 'acct_1C'",
      `test_mode_api_key = 'sk_test_${'c'.repeat(24)}'`,
      "sandbox_claim_url = 'https://dashboard.stripe.com/claim/x'",
    ].join('\n'),
    '/x/config.toml',
  );
  const byName = (n: string) => config.profiles.find((p) => p.name === n)!;
  assert.deepEqual(sandboxOf(byName('default')), {});
  assert.deepEqual(sandboxOf(byName('sbx')), { sandbox: { expiresAt: '2026-12-09' } });
  assert.deepEqual(sandboxOf(byName('claim')), { sandbox: {} });
});
