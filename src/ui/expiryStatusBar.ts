import * as vscode from 'vscode';
import { Commands, SETTINGS_SECTION, StorageKeys } from '../constants';
import { expiringSecrets } from '../model/expiringSoon';
import type { Services } from '../services';

const RECHECK_MS = 3000;
export const SHOW_BUTTON = 'Show';

/** The local day `YYYY-MM-DD`, the unit of the once-a-day notification. */
export function localDay(nowMs: number): string {
  const d = new Date(nowMs);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * `$(watch) 2 expiring` while loaded secrets expire within the "expiring soon" window; hidden
 * otherwise. It re-reads the tree's cache (no request) when the tree changes and every few seconds,
 * since scopes also load without a change event. With `expiryNotification` on, the first time a day
 * finds some, one notification says so.
 */
export class ExpiryStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('stripeSecrets.expiring', vscode.StatusBarAlignment.Left, 49);
  private readonly disposables: vscode.Disposable[] = [];
  private readonly timer: ReturnType<typeof setInterval>;
  private notifying = false;
  private settle: ReturnType<typeof setTimeout> | undefined;
  private shown = 0;

  constructor(private readonly services: Services, treeChanged: vscode.Event<unknown>) {
    this.item.name = 'Stripe Secrets Expiring';
    this.item.command = Commands.showExpiringSecrets;
    this.disposables.push(
      this.item,
      treeChanged(() => setTimeout(() => this.update(), 200)),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(SETTINGS_SECTION)) this.update();
      }),
    );
    this.timer = setInterval(() => this.update(), RECHECK_MS);
    this.update();
  }

  update(): number {
    // Scopes load one by one: counting before the last of them has arrived would show 1, then 3,
    // then 6. The count settles once, when nothing is loading; until then it keeps what it said.
    if (this.services.tree.loading?.()) {
      clearTimeout(this.settle);
      this.settle = setTimeout(() => this.update(), 200);
      return this.shown;
    }
    const loaded = this.services.tree.loadedSecrets();
    // Nothing loaded (as at activation): nothing expires, and the settings need not be read.
    const soonDays = loaded.length > 0 ? this.services.settings().expiringSoonDays : 0;
    const count = expiringSecrets(loaded, Date.now(), soonDays).length;
    this.shown = count;
    if (count === 0) {
      this.item.hide();
      return 0;
    }
    const text = `${count} secret${count === 1 ? '' : 's'} expiring within ${soonDays} day${soonDays === 1 ? '' : 's'} (or expired)`;
    this.item.text = `$(watch) ${count} expiring`;
    this.item.tooltip = `${text}: click to list them and renew one`;
    this.item.accessibilityInformation = { label: `Stripe Secrets: ${text}` };
    this.item.show();
    void this.notifyOncePerDay(text);
    return count;
  }

  private async notifyOncePerDay(text: string): Promise<void> {
    if (!this.services.settings().expiryNotification || this.notifying) return;
    const state = this.services.context.globalState;
    const today = localDay(Date.now());
    if (state.get<string>(StorageKeys.expiryNotifiedDay) === today) return;
    this.notifying = true;
    try {
      await state.update(StorageKeys.expiryNotifiedDay, today);
      const choice = await this.services.prompts.info(`Stripe Secrets: ${text}.`, SHOW_BUTTON);
      if (choice === SHOW_BUTTON) await vscode.commands.executeCommand(Commands.showExpiringSecrets);
    } finally {
      this.notifying = false;
    }
  }

  dispose(): void {
    clearInterval(this.timer);
    clearTimeout(this.settle);
    for (const d of this.disposables) d.dispose();
  }
}
