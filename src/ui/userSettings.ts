/**
 * The settings as the extension obeys them: the user's own value only, checked and clamped. No
 * `vscode` import: unit-tested in plain Node with a fake `inspect`.
 *
 * Every setting guards a value or a live account (a confirmation, the clipboard, the request rate),
 * and a cloned repository's `.vscode/settings.json` is input the user never chose: so workspace,
 * folder and language-specific values are ignored, whatever the manifest's scope says.
 */
import { SettingDefaults, type Settings } from '../constants';

/** What `WorkspaceConfiguration.inspect` returns, as far as it is read here. */
export interface InspectedValue {
  globalValue?: unknown;
}
export type Inspect = (key: keyof Settings) => InspectedValue | undefined;

/**
 * The range each number is clamped to. `zeroMeans` names a 0 that is kept as the user's own choice
 * ("off"); any other value below `min` is raised to it.
 */
export const SettingRanges = {
  expiringSoonDays: { min: 0, max: 3650 },
  clipboardClearSeconds: { min: 1, max: 3600, zeroMeans: 'never clear' },
  autoRefreshSeconds: { min: 30, max: 86400, zeroMeans: 'off' },
  maxConcurrentRequests: { min: 1, max: 64 },
  requestTimeoutSeconds: { min: 5, max: 300 },
  historyRetentionDays: { min: 1, max: 365, zeroMeans: 'off' },
  expiryReminderDays: { min: 1, max: 365, zeroMeans: 'off' },
} as const satisfies Partial<Record<keyof Settings, { min: number; max: number; zeroMeans?: string }>>;

type NumberKey = keyof typeof SettingRanges;

/** A whole number within the key's range; anything that is not a finite number gives the default. */
export function clampSetting(key: NumberKey, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) return SettingDefaults[key];
  const range: { min: number; max: number; zeroMeans?: string } = SettingRanges[key];
  if (value <= 0 && range.zeroMeans !== undefined) return 0;
  return Math.min(range.max, Math.max(range.min, Math.round(value)));
}

const DELETE_CONFIRMATIONS: ReadonlyArray<Settings['deleteConfirmation']> = ['modal', 'typeNameInLiveMode', 'typeNameAlways'];

/** The settings from the user's own values (`inspect(key).globalValue`), each falling back to its default. */
export function userSettings(inspect: Inspect): Settings {
  const user = (key: keyof Settings): unknown => inspect(key)?.globalValue;
  const confirm = user('confirmRevealInLiveMode');
  const deletion = user('deleteConfirmation');
  const notify = user('expiryNotification');
  return {
    expiringSoonDays: clampSetting('expiringSoonDays', user('expiringSoonDays')),
    clipboardClearSeconds: clampSetting('clipboardClearSeconds', user('clipboardClearSeconds')),
    confirmRevealInLiveMode: typeof confirm === 'boolean' ? confirm : SettingDefaults.confirmRevealInLiveMode,
    deleteConfirmation: DELETE_CONFIRMATIONS.find((d) => d === deletion) ?? SettingDefaults.deleteConfirmation,
    autoRefreshSeconds: clampSetting('autoRefreshSeconds', user('autoRefreshSeconds')),
    maxConcurrentRequests: clampSetting('maxConcurrentRequests', user('maxConcurrentRequests')),
    requestTimeoutSeconds: clampSetting('requestTimeoutSeconds', user('requestTimeoutSeconds')),
    expiryNotification: typeof notify === 'boolean' ? notify : SettingDefaults.expiryNotification,
    historyRetentionDays: clampSetting('historyRetentionDays', user('historyRetentionDays')),
    expiryReminderDays: clampSetting('expiryReminderDays', user('expiryReminderDays')),
  };
}
