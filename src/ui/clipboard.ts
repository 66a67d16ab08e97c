/** Copy Secret Value's clipboard: VS Code's clipboard behind the auto-clear timer, one per extension. */
import * as vscode from 'vscode';
import type { Services } from '../services';
import { ClipboardAutoClear, copiedMessage, type ClearOutcome } from './clipboardTimer';

const timers = new WeakMap<Services, ClipboardAutoClear>();
const live = new Set<ClipboardAutoClear>();

const OUTCOME_LOG: Record<ClearOutcome, string> = {
  cleared: 'Clipboard cleared: it still held the copied secret value.',
  changed: 'Clipboard left as is: it changed since the secret value was copied.',
  unknown: 'Clipboard not cleared: it could not be read, so it may still hold the copied secret value; the person was asked to clear it.',
};

export const CLIPBOARD_UNKNOWN_MESSAGE =
  'The clipboard could not be read, so it may still hold the secret value you copied. Clear it yourself: copy some other text.';

function timerOf(services: Services): ClipboardAutoClear {
  const existing = timers.get(services);
  if (existing) return existing;
  const timer = new ClipboardAutoClear(vscode.env.clipboard, undefined, (outcome) => {
    if (outcome === 'unknown') {
      services.log.error(OUTCOME_LOG[outcome]);
      // eslint-disable-next-line @typescript-eslint/no-floating-promises -- notification: the flow goes on without waiting for it to be closed
      void services.prompts.warning(CLIPBOARD_UNKNOWN_MESSAGE, {});
    } else {
      services.log.info(OUTCOME_LOG[outcome]);
    }
  });
  timers.set(services, timer);
  live.add(timer);
  services.context.subscriptions.push(timer, { dispose: () => live.delete(timer) });
  return timer;
}

/** For deactivate(): clears a copied value that is still waiting for its timer, if it is still there. */
export async function flushClipboardClears(): Promise<void> {
  await Promise.all([...live].map((timer) => timer.flush()));
}

/**
 * Puts a secret value on the clipboard, clears it after clipboardClearSeconds if it still holds
 * that value, and says so in the status bar (the name only, never the value).
 */
export async function copySecretToClipboard(services: Services, name: string, value: string): Promise<void> {
  const seconds = Math.max(0, services.settings().clipboardClearSeconds);
  await timerOf(services).copy(value, seconds);
  vscode.window.setStatusBarMessage(copiedMessage(name, seconds), 5000);
}

/** Plain text (a name, a snippet) on the clipboard; it cancels a pending clear, which no longer applies. */
export async function copyTextToClipboard(services: Services, text: string, statusMessage: string): Promise<void> {
  timerOf(services).cancel();
  await vscode.env.clipboard.writeText(text);
  vscode.window.setStatusBarMessage(statusMessage, 5000);
}
