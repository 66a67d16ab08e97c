import * as vscode from 'vscode';
import { SETTINGS_SECTION, SettingDefaults, type Settings } from '../constants';

/** The settings as they are now, each falling back to its default. */
export function readSettings(): Settings {
  const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
  const read = <K extends keyof Settings>(key: K): Settings[K] => config.get<Settings[K]>(key) ?? SettingDefaults[key];
  return {
    expiringSoonDays: read('expiringSoonDays'),
    clipboardClearSeconds: read('clipboardClearSeconds'),
    confirmRevealInLiveMode: read('confirmRevealInLiveMode'),
    deleteConfirmation: read('deleteConfirmation'),
    autoRefreshSeconds: read('autoRefreshSeconds'),
    maxConcurrentRequests: read('maxConcurrentRequests'),
    requestTimeoutSeconds: read('requestTimeoutSeconds'),
    expiryNotification: read('expiryNotification'),
  };
}
