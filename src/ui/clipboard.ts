/** Copy Secret Value's clipboard: VS Code's clipboard behind the auto-clear timer, one per extension. */
import * as vscode from 'vscode';
import type { Log, Prompts, SecretClipboard } from '../services';
import { ClipboardAutoClear, copiedMessage, type ClearOutcome } from './clipboardTimer';

const OUTCOME_LOG: Record<ClearOutcome, string> = {
  cleared: 'Clipboard cleared: it still held the copied secret value.',
  changed: 'Clipboard left as is: it changed since the secret value was copied.',
  unknown: 'Clipboard not cleared: it could not be read, so it may still hold the copied secret value; the person was asked to clear it.',
};

export const CLIPBOARD_UNKNOWN_MESSAGE =
  'The clipboard could not be read, so it may still hold the secret value you copied. Clear it yourself: copy some other text.';

/** One per window, on Services: a newer copy replaces the pending clear of an older one. */
export class ClipboardService implements SecretClipboard, vscode.Disposable {
  private readonly timer: ClipboardAutoClear;

  /** `clearSeconds` and `prompts` are read at each use (settings change, host tests script prompts). */
  constructor(
    log: Log,
    private readonly clearSeconds: () => number,
    prompts: () => Prompts,
  ) {
    this.timer = new ClipboardAutoClear(vscode.env.clipboard, undefined, (outcome) => {
      if (outcome === 'unknown') {
        log.error(OUTCOME_LOG[outcome]);
        // eslint-disable-next-line @typescript-eslint/no-floating-promises -- notification: the flow goes on without waiting for it to be closed
        void prompts().warning(CLIPBOARD_UNKNOWN_MESSAGE, {});
      } else {
        log.info(OUTCOME_LOG[outcome]);
      }
    });
  }

  /**
   * Puts a secret value on the clipboard, clears it after clipboardClearSeconds if it still holds
   * that value, and says so in the status bar (the name only, never the value).
   */
  async copySecret(name: string, value: string): Promise<void> {
    const seconds = Math.max(0, this.clearSeconds());
    await this.timer.copy(value, seconds);
    vscode.window.setStatusBarMessage(copiedMessage(name, seconds), 5000);
  }

  async copyText(text: string, statusMessage: string): Promise<void> {
    this.timer.cancel();
    await vscode.env.clipboard.writeText(text);
    vscode.window.setStatusBarMessage(statusMessage, 5000);
  }

  /** For deactivate(): clears a copied value that is still waiting for its timer, if it is still there. */
  flush(): Promise<void> {
    return this.timer.flush();
  }

  dispose(): void {
    this.timer.dispose();
  }
}
