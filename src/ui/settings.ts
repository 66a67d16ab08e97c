import * as vscode from 'vscode';
import { SETTINGS_SECTION, type Settings } from '../constants';
import { userSettings } from './userSettings';

/** The settings as they are now: the user's own values only (never the workspace's), clamped. */
export function readSettings(): Settings {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  return userSettings((key) => config.inspect(key));
}
