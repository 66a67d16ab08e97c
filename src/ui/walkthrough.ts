import * as vscode from 'vscode';
import { EXTENSION_ID, StorageKeys, WALKTHROUGH_ID } from '../constants';

/** `<publisher>.<name>#<walkthrough id>`, as workbench.action.openWalkthrough takes it. */
export const WALKTHROUGH_REF = `${EXTENSION_ID}#${WALKTHROUGH_ID}`;

export function openWalkthrough(): Thenable<unknown> {
  return vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH_REF, false);
}

/**
 * The first activation after install marks the walkthrough as offered and opens it when `mayOpen`
 * (not in test runs, and not when the person turned off walkthroughs on install). Later
 * activations never open it again; Get Started does.
 */
export async function openWalkthroughOnce(
  state: vscode.Memento,
  mayOpen: boolean,
  open: () => Thenable<unknown> = openWalkthrough,
): Promise<boolean> {
  if (state.get<boolean>(StorageKeys.walkthroughShown)) return false;
  await state.update(StorageKeys.walkthroughShown, true);
  if (!mayOpen) return false;
  await open();
  return true;
}

/** VS Code's own switch for walkthroughs on install, respected for ours too. */
export function walkthroughMayOpen(mode: vscode.ExtensionMode): boolean {
  return (
    mode !== vscode.ExtensionMode.Test &&
    vscode.workspace.getConfiguration('workbench.welcomePage').get<boolean>('walkthroughs.openOnInstall', true)
  );
}
