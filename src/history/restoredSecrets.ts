import * as vscode from 'vscode';
import type { SecretLocation } from '../model/secretValue';

/**
 * A restore or an Undo announces the secret it wrote, and the value editors listen. The editor's
 * save keeps history itself, so a direct call from here to the editor would close an import cycle.
 */
const restored = new vscode.EventEmitter<SecretLocation>();
export const onDidRestoreSecret = restored.event;

export function announceRestore(location: SecretLocation): void {
  restored.fire(location);
}
