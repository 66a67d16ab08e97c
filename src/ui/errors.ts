import * as vscode from 'vscode';
import { Commands } from '../constants';
import { connectionIdOfError } from '../connections/errorSource';
import type { ConnectionNode, Services, TreeNode } from '../services';
import { describeError, ErrorButtons } from './errorReport';

export interface ErrorContext {
  /** What was being done, for the log line ("stripeSecrets.setSecret"). */
  action: string;
  /** The node the command ran on, to know the connection when the error does not say. */
  node?: TreeNode;
  /** Runs the failed action again, when that makes sense. */
  retry?: () => Promise<void>;
}

/**
 * The one place errors reach the person: silent for a cancel, else one short sentence with the
 * buttons that help (Re-enter API Key, Retry, Show Log), the full detail in the log.
 */
export async function reportError(services: Services, error: unknown, context: ErrorContext): Promise<void> {
  const connectionId = connectionIdOfError(error) ?? context.node?.connectionId;
  const connection = connectionId === undefined ? undefined : services.connections.get(connectionId);
  const report = describeError(error, {
    emulatorConnection: connection?.emulator === true,
    canRetry: context.retry !== undefined,
    fromStripeCli: connection?.stripeCli !== undefined,
  });
  if (report.silent) return;
  if (report.log) services.log.error(`${context.action} failed${connection ? ` (${connection.label})` : ''}:`, error);
  const choice = await services.prompts.error(report.message, ...report.buttons);
  if (choice === ErrorButtons.showLog) {
    services.log.show();
  } else if (choice === ErrorButtons.retry && context.retry) {
    await context.retry();
  } else if (choice === ErrorButtons.reimportFromStripeCli && connection) {
    await vscode.commands.executeCommand(Commands.reimportFromStripeCli, {
      kind: 'connection',
      connectionId: connection.id,
    } satisfies ConnectionNode);
  } else if (choice === ErrorButtons.reEnterKey) {
    const target = connection ?? services.connections.active();
    const node: ConnectionNode | undefined = target && { kind: 'connection', connectionId: target.id };
    await vscode.commands.executeCommand(Commands.replaceApiKey, node);
  }
}
