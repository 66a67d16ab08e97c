import * as vscode from 'vscode';
import type { ConnectionTarget } from '../model/types';
import type { ClientMaker } from '../connections/clientFactory';

/** One real request that proves a key works against a target, with a progress notification. */
export async function verifyKey(makeClient: ClientMaker, target: ConnectionTarget, label: string): Promise<void> {
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Checking the API key for "${label}"…` },
    () => makeClient(target, label).verify(),
  );
}
