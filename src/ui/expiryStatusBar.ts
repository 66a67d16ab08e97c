import * as vscode from 'vscode';
import { Commands, SETTINGS_SECTION, StorageKeys } from '../constants';
import { expiringSecrets } from '../model/expiringSoon';
import { formatDateTime } from '../model/expiry';
import { scopeLabel } from '../model/scope';
import type { SecretNode, Services } from '../services';

const RECHECK_MS = 3000;
export const EXTEND_BUTTON = 'Extend…';
export const SET_SECRET_BUTTON = 'Set Secret…';

/** "Stripe will delete 'a' (Account · Shop) 2026-12-04 10:00 and 'b' (…) …": what the reminder names. */
export function reminderText(nodes: readonly SecretNode[], connectionLabel: (id: string) => string): string {
  const parts = nodes.map(
    (n) => `'${n.secret.name}' (${scopeLabel(n.scope)} · ${connectionLabel(n.connectionId)}) on ${formatDateTime(n.secret.expiresAt!)}`,
  );
  return `Stripe will delete ${parts.join(', ')} when ${nodes.length === 1 ? 'it expires' : 'they expire'}. Extend the expiry, or set a new value.`;
}

/** The local day `YYYY-MM-DD`, the unit of the once-a-day notification. */
export function localDay(nowMs: number): string {
  const d = new Date(nowMs);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * `$(watch) 2 expiring` while loaded secrets expire within the "expiring soon" window; hidden
 * otherwise. It re-reads the tree's cache (no request) when the tree changes and every few seconds,
 * since scopes also load without a change event. Within the reminder window (`expiryReminderDays`)
 * it turns to a warning, and with `expiryNotification` on, the first time a day finds some, one
 * reminder names them with Extend… and Set Secret….
 */
export class ExpiryStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('stripeSecrets.expiring', vscode.StatusBarAlignment.Left, 49);
  private readonly disposables: vscode.Disposable[] = [];
  private readonly timer: ReturnType<typeof setInterval>;
  private notifying = false;
  private settle: ReturnType<typeof setTimeout> | undefined;
  private shown = 0;

  constructor(
    private readonly services: Services,
    treeChanged: vscode.Event<unknown>,
  ) {
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
    const settings = loaded.length > 0 ? this.services.settings() : undefined;
    const soonDays = settings?.expiringSoonDays ?? 0;
    const now = Date.now();
    const count = expiringSecrets(loaded, now, soonDays).length;
    const remind =
      settings && settings.expiryReminderDays > 0
        ? expiringSecrets(loaded, now, settings.expiryReminderDays).filter((n) => n.secret.expiresAt! * 1000 > now)
        : [];
    this.shown = Math.max(count, remind.length);
    if (count === 0 && remind.length === 0) {
      this.item.hide();
      return 0;
    }
    const text = `${count} secret${count === 1 ? '' : 's'} expiring within ${soonDays} day${soonDays === 1 ? '' : 's'} (or expired)`;
    const warning =
      remind.length > 0
        ? `; Stripe deletes ${remind.length} within ${settings!.expiryReminderDays} day${settings!.expiryReminderDays === 1 ? '' : 's'}`
        : '';
    this.item.text = `$(${remind.length > 0 ? 'warning' : 'watch'}) ${Math.max(count, remind.length)} expiring`;
    this.item.backgroundColor = remind.length > 0 ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.tooltip = `${text}${warning}: click to list them and renew one`;
    this.item.accessibilityInformation = { label: `Stripe Secrets: ${text}${warning}` };
    this.item.show();
    // eslint-disable-next-line @typescript-eslint/no-floating-promises -- the daily reminder is a notification; the status bar does not wait for it
    if (remind.length > 0) void this.remindOncePerDay(remind);
    return Math.max(count, remind.length);
  }

  /** True while the status bar shows the reminder's warning (for tests and the tooltip). */
  get warning(): boolean {
    return this.item.backgroundColor !== undefined;
  }

  private async remindOncePerDay(nodes: SecretNode[]): Promise<void> {
    if (!this.services.settings().expiryNotification || this.notifying) return;
    const state = this.services.context.globalState;
    const today = localDay(Date.now());
    if (state.get<string>(StorageKeys.expiryNotifiedDay) === today) return;
    this.notifying = true;
    try {
      await state.update(StorageKeys.expiryNotifiedDay, today);
      const text = reminderText(nodes, (id) => this.services.connections.get(id)?.label ?? '?');
      const choice = await this.services.prompts.info(text, EXTEND_BUTTON, SET_SECRET_BUTTON);
      // Several: Extend… changes them together (the clicked node first, all of them as the selection).
      if (choice === EXTEND_BUTTON) await vscode.commands.executeCommand(Commands.extendExpiry, nodes[0], nodes);
      else if (choice === SET_SECRET_BUTTON)
        await vscode.commands.executeCommand(nodes.length === 1 ? Commands.setSecret : Commands.showExpiringSecrets, nodes[0]);
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
