/** Hover, completion, diagnostics and code actions over the app's code and manifest. */
import * as vscode from 'vscode';
import { Commands } from '../constants';
import { asMoveTarget, moveToSecretStore } from '../commands/moveToSecretStore';
import type { Services } from '../services';
import { reportError } from '../ui/errors';
import { AppManifests, MANIFEST_SELECTOR, ManifestCodeActionProvider } from './appManifest';
import { SecretCodeActionProvider } from './codeActions';
import { CodeDiagnostics } from './codeDiagnostics';
import { codeSelector } from './documents';
import { COMPLETION_TRIGGERS, SecretCompletionProvider } from './secretCompletion';
import { SecretHoverProvider } from './secretHover';
import { StoreListings } from './storeListings';

export interface CodeInsight {
  listings: StoreListings;
  diagnostics: CodeDiagnostics;
  manifests: AppManifests;
}

/**
 * `storeChanged` fires when the store may have changed (the tree's change event: a refresh, a set
 * or a delete reloads a scope). `view` shows the app's name and id.
 */
export function registerCodeInsight(services: Services, storeChanged: vscode.Event<unknown>, view: Pick<vscode.TreeView<unknown>, 'message'>): { disposables: vscode.Disposable[]; insight: CodeInsight } {
  const listings = new StoreListings(services, storeChanged);
  const diagnostics = new CodeDiagnostics(services, listings);
  const manifests = new AppManifests(view, services.connections);
  const selector = codeSelector();
  const run = async (raw?: unknown): Promise<void> => {
    try {
      await moveToSecretStore(services, asMoveTarget(raw));
    } catch (error) {
      await reportError(services, error, { action: Commands.moveToSecretStore, retry: () => run(raw) });
    }
  };
  return {
    insight: { listings, diagnostics, manifests },
    disposables: [
      listings,
      diagnostics,
      manifests,
      vscode.languages.registerHoverProvider(selector, new SecretHoverProvider(services, listings)),
      vscode.languages.registerCompletionItemProvider(selector, new SecretCompletionProvider(services, listings), ...COMPLETION_TRIGGERS),
      vscode.languages.registerCodeActionsProvider(selector, new SecretCodeActionProvider(services), { providedCodeActionKinds: SecretCodeActionProvider.kinds }),
      vscode.languages.registerCodeActionsProvider(MANIFEST_SELECTOR, new ManifestCodeActionProvider(), { providedCodeActionKinds: ManifestCodeActionProvider.kinds }),
      vscode.commands.registerCommand(Commands.moveToSecretStore, run),
    ],
  };
}
