import * as vscode from 'vscode';

/** How long a reveal may take before its Cancel notification shows. */
export const REVEAL_NOTICE_MS = 1000;

/**
 * A notification with a Cancel button whose press aborts `task`'s signal. The task passes the
 * signal to the client, which then rejects with OperationCancelledError (silent in the error funnel).
 */
export function withCancellableProgress<T>(
  title: string,
  task: (signal: AbortSignal) => Promise<T>,
  options: { showAfterMs?: number } = {},
): Promise<T> {
  if (options.showAfterMs) return withLateProgress(title, task, options.showAfterMs);
  return Promise.resolve(
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (_progress, token) =>
      withAbortSignal(token, task),
    ),
  );
}

/** Runs `task` with a signal that aborts when `token` is cancelled (a save VS Code cancels, say). */
export async function withAbortSignal<T>(token: vscode.CancellationToken, task: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  const subscription = token.onCancellationRequested(() => controller.abort());
  try {
    return await task(controller.signal);
  } finally {
    subscription.dispose();
  }
}

/**
 * A read that is usually quick (a reveal) shows its Cancel notification only once it has taken
 * `showAfterMs`: a notification for every fast fetch would outlive the fetch and cover the editor.
 */
async function withLateProgress<T>(title: string, task: (signal: AbortSignal) => Promise<T>, showAfterMs: number): Promise<T> {
  const controller = new AbortController();
  const running = task(controller.signal);
  const settled = running.then(
    () => undefined,
    () => undefined,
  );
  let timer: NodeJS.Timeout | undefined;
  const late = await Promise.race([
    settled.then(() => false),
    new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), showAfterMs))),
  ]);
  clearTimeout(timer);
  if (late) {
    // eslint-disable-next-line @typescript-eslint/no-floating-promises -- the progress notification closes when the work settles; the work is what is awaited
    void vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title, cancellable: true },
      async (_progress, token) => {
        const subscription = token.onCancellationRequested(() => controller.abort());
        await settled;
        subscription.dispose();
      },
    );
  }
  return running;
}
