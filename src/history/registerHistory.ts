import * as vscode from 'vscode';
import { SETTINGS_SECTION } from '../constants';
import type { Services } from '../services';

/**
 * Keeps history within its retention without waiting for the next write: once shortly after
 * activation (not during it: activation stays cheap), and when the retention setting changes, so
 * `0` deletes what was kept at once.
 */
export function registerHistory(services: Services): vscode.Disposable {
  const prune = () => void services.history.prune().catch((error: unknown) => services.log.error('Pruning history failed:', error));
  const timer = setTimeout(prune, 10_000);
  const listener = vscode.workspace.onDidChangeConfiguration((e) => {
    if (e.affectsConfiguration(`${SETTINGS_SECTION}.historyRetentionDays`)) prune();
  });
  return { dispose: () => (clearTimeout(timer), listener.dispose()) };
}
