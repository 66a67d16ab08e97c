import * as vscode from 'vscode';
import { SETTINGS_SECTION, type Settings } from '../constants';
import { userSettings } from './userSettings';

/**
 * The settings as they are now: the user's own values only (never the workspace's), clamped. One
 * `inspect` of the whole section: each `inspect` walks every configuration layer, and reading the
 * eight keys one by one took about 2 ms, paid again on every call (activation calls it twice).
 */
export function readSettings(): Settings {
  const values = userSection(SETTINGS_SECTION);
  return userSettings((key) => ({ globalValue: Object.hasOwn(values, key) ? values[key] : undefined }));
}

/** The user's own values of a section (`inspect().globalValue`), whatever the settings' scope: never `get()`, which takes workspace values. */
export function userSection(section: string): Record<string, unknown> {
  const user = vscode.workspace.getConfiguration().inspect<unknown>(section)?.globalValue;
  return typeof user === 'object' && user !== null ? (user as Record<string, unknown>) : {};
}
