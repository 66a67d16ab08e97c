import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CODE_DIAGNOSTICS_SETTING, SettingDefaults, type Settings } from '../../../src/constants';
import { clampSetting, userSettings, type InspectedValue } from '../../../src/ui/userSettings';

/** A fake `inspect` holding user, workspace, folder and language values, as VS Code reports them. */
function fakeInspect(values: Partial<Record<keyof Settings, InspectedValue & Record<string, unknown>>>) {
  return (key: keyof Settings) => values[key];
}

const WEAKEST = {
  confirmRevealInLiveMode: false,
  deleteConfirmation: 'modal',
  clipboardClearSeconds: 0,
  autoRefreshSeconds: 1,
  maxConcurrentRequests: 64,
  requestTimeoutSeconds: 300,
  expiringSoonDays: 0,
};

test('workspace, folder and language values are ignored: only the user value counts', () => {
  const onlyElsewhere = Object.fromEntries(
    Object.entries(WEAKEST).map(([k, v]) => [
      k,
      {
        workspaceValue: v,
        workspaceFolderValue: v,
        workspaceLanguageValue: v,
        globalLanguageValue: v,
        defaultValue: v,
      },
    ]),
  );
  assert.deepEqual(userSettings(fakeInspect(onlyElsewhere)), SettingDefaults);
});

test('the user value wins over the default', () => {
  const settings = userSettings(
    fakeInspect({
      confirmRevealInLiveMode: { globalValue: false, workspaceValue: true },
      deleteConfirmation: { globalValue: 'typeNameAlways', workspaceValue: 'modal' },
      clipboardClearSeconds: { globalValue: 0, workspaceValue: 60 },
      autoRefreshSeconds: { globalValue: 300 },
      maxConcurrentRequests: { globalValue: 8 },
      requestTimeoutSeconds: { globalValue: 60 },
      expiringSoonDays: { globalValue: 14 },
      expiryNotification: { globalValue: true, workspaceValue: false },
      historyRetentionDays: { globalValue: 0, workspaceValue: 365 },
      expiryReminderDays: { globalValue: 10 },
    }),
  );
  assert.deepEqual(settings, {
    confirmRevealInLiveMode: false,
    deleteConfirmation: 'typeNameAlways',
    clipboardClearSeconds: 0,
    autoRefreshSeconds: 300,
    maxConcurrentRequests: 8,
    requestTimeoutSeconds: 60,
    expiringSoonDays: 14,
    expiryNotification: true,
    historyRetentionDays: 0,
    expiryReminderDays: 10,
  });
});

test('history retention is clamped: 0 is off, a negative value too, past a year is a year', () => {
  const retention = (v: unknown) => userSettings(fakeInspect({ historyRetentionDays: { globalValue: v } })).historyRetentionDays;
  assert.equal(retention(0), 0);
  assert.equal(retention(-5), 0);
  assert.equal(retention(10_000), 365);
  assert.equal(retention('30'), 30);
});

test('no configuration at all gives the defaults', () => {
  assert.deepEqual(
    userSettings(() => undefined),
    SettingDefaults,
  );
});

test('values of the wrong type give the default', () => {
  const settings = userSettings(
    fakeInspect({
      confirmRevealInLiveMode: { globalValue: 'false' },
      deleteConfirmation: { globalValue: 'never' },
      clipboardClearSeconds: { globalValue: '0' },
      autoRefreshSeconds: { globalValue: Number.NaN },
      maxConcurrentRequests: { globalValue: Number.POSITIVE_INFINITY },
      requestTimeoutSeconds: { globalValue: null },
      expiringSoonDays: { globalValue: [3] },
    }),
  );
  assert.deepEqual(settings, SettingDefaults);
});

test('numbers are clamped to their ranges, and 0 means off only where it is documented', () => {
  assert.equal(clampSetting('autoRefreshSeconds', 1), 30);
  assert.equal(clampSetting('autoRefreshSeconds', 29.4), 30);
  assert.equal(clampSetting('autoRefreshSeconds', 0), 0);
  assert.equal(clampSetting('autoRefreshSeconds', -5), 0);
  assert.equal(clampSetting('autoRefreshSeconds', 45), 45);
  assert.equal(clampSetting('autoRefreshSeconds', 1e9), 86400);
  assert.equal(clampSetting('clipboardClearSeconds', 0), 0);
  assert.equal(clampSetting('clipboardClearSeconds', 0.2), 1);
  assert.equal(clampSetting('clipboardClearSeconds', 2), 2);
  assert.equal(clampSetting('clipboardClearSeconds', 10_000), 3600);
  assert.equal(clampSetting('maxConcurrentRequests', 0), 1);
  assert.equal(clampSetting('maxConcurrentRequests', 2.6), 3);
  assert.equal(clampSetting('maxConcurrentRequests', 500), 64);
  assert.equal(clampSetting('requestTimeoutSeconds', 0), 5);
  assert.equal(clampSetting('requestTimeoutSeconds', 1000), 300);
  assert.equal(clampSetting('expiringSoonDays', -1), 0);
  assert.equal(clampSetting('expiringSoonDays', 99999), 3650);
});

test('every default lies within its range', () => {
  for (const key of [
    'expiringSoonDays',
    'clipboardClearSeconds',
    'autoRefreshSeconds',
    'maxConcurrentRequests',
    'requestTimeoutSeconds',
  ] as const) {
    assert.equal(clampSetting(key, SettingDefaults[key]), SettingDefaults[key], key);
  }
});

test('the manifest declares every setting user-level and restricted in untrusted workspaces', async () => {
  const { readFileSync } = await import('node:fs');
  const { join } = await import('node:path');
  const manifest = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8')) as {
    contributes: { configuration: { properties: Record<string, { scope?: string }> } };
    capabilities: { untrustedWorkspaces: { restrictedConfigurations?: string[]; description: string } };
  };
  const properties = manifest.contributes.configuration.properties;
  const keys = [...Object.keys(SettingDefaults), CODE_DIAGNOSTICS_SETTING].map((k) => `stripeSecrets.${k}`).sort();
  assert.deepEqual(Object.keys(properties).sort(), keys);
  for (const key of keys) assert.equal(properties[key].scope, 'application', key);
  assert.deepEqual([...(manifest.capabilities.untrustedWorkspaces.restrictedConfigurations ?? [])].sort(), keys);
  assert.match(manifest.capabilities.untrustedWorkspaces.description, /never takes settings from the workspace/);
});
