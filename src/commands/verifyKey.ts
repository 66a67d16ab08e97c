import * as vscode from 'vscode';
import type { ConnectionTarget } from '../model/types';
import type { ClientMaker } from '../services';
import type { VerifyResult } from '../stripe/types';

/** One real request that proves a key works against a target, with a progress notification; says the mode Stripe reported, if any. */
export async function verifyKey(makeClient: ClientMaker, target: ConnectionTarget, label: string): Promise<VerifyResult> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Checking the API key for "${label}"…` }, () =>
    makeClient(target, label).verify(),
  );
}
