import * as vscode from 'vscode';

/**
 * A notification with a Cancel button whose press aborts `task`'s signal. The task passes the
 * signal to the client, which then rejects with OperationCancelledError (silent in the error funnel).
 */
export function withCancellableProgress<T>(title: string, task: (signal: AbortSignal) => Promise<T>): Promise<T> {
  return Promise.resolve(
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (_progress, token) => {
      const controller = new AbortController();
      const subscription = token.onCancellationRequested(() => controller.abort());
      try {
        return await task(controller.signal);
      } finally {
        subscription.dispose();
      }
    }),
  );
}
