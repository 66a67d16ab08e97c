/** Hover, completion, diagnostics and code actions over the app's code and manifest. */
import * as vscode from 'vscode';
import type { AppCode, Services } from '../services';
import { AppManifests, MANIFEST_SELECTOR, ManifestCodeActionProvider } from './appManifest';
import { SecretCodeActionProvider } from './codeActions';
import { CodeDiagnostics } from './codeDiagnostics';
import { codeSelector } from './documents';
import { COMPLETION_TRIGGERS, SecretCompletionProvider } from './secretCompletion';
import { SecretHoverProvider } from './secretHover';
import { StoreListings } from './storeListings';
import type { CodeNames } from '../tree/codeUsage';
import { SecretReferenceProvider, usesOfSecret } from './secretReferences';
import { referencesIn } from './documents';
import { WorkspaceIndexer } from './workspaceIndexer';
import { recogniserFor } from '../references/registry';

export interface CodeInsight {
  listings: StoreListings;
  diagnostics: CodeDiagnostics;
  manifests: AppManifests;
  /** The workspace index of Secret Store calls (started once the workspace holds a Stripe App or calls). */
  indexer: WorkspaceIndexer;
  /** What the Secrets view shows from the index (unused and missing names). */
  codeNames: CodeNames;
}

/**
 * `storeChanged` fires when the store may have changed (the tree's change event: a refresh, a set
 * or a delete reloads a scope). `view` shows the app's name and id.
 */
export function registerCodeInsight(
  services: Services,
  storeChanged: vscode.Event<unknown>,
  view: Pick<vscode.TreeView<unknown>, 'message'>,
): { disposables: vscode.Disposable[]; insight: CodeInsight; appCode: AppCode } {
  const listings = new StoreListings(services, storeChanged);
  const diagnostics = new CodeDiagnostics(services, listings);
  const indexer = new WorkspaceIndexer();
  const manifests = new AppManifests(view, services.connections, indexer);
  const selector = codeSelector();
  // A document with Secret Store calls starts the index too (a manifest starts it in AppManifests).
  const startOnCalls = (doc: vscode.TextDocument) => {
    // eslint-disable-next-line @typescript-eslint/no-floating-promises -- the index builds in the background; its readers wait on ready()
    if (!indexer.started && referencesIn(doc).length > 0) void indexer.start();
  };
  vscode.workspace.textDocuments.forEach(startOnCalls);
  const codeNames: CodeNames = {
    // Only while some file calls the Secret Store: with none, every stored secret would read "unused".
    active: () => indexer.started && indexer.index.fileCount() > 0,
    accountNames: () => indexer.index.names('account').filter((name) => name.length > 0),
    isRead: (name, scope) => indexer.index.isRead(name, scope),
    onDidChange: indexer.onDidChange,
  };
  const appCode: AppCode = {
    startIndex: () => {
      // eslint-disable-next-line @typescript-eslint/no-floating-promises -- the index builds in the background; its readers wait on ready()
      if (!indexer.started) void indexer.start();
    },
    indexed: async () => {
      appCode.startIndex();
      await indexer.ready();
      return { names: (scopeType) => indexer.index.names(scopeType), usesOf: (name, scope) => usesOfSecret(indexer, name, scope) };
    },
    apps: async () => {
      await manifests.ready();
      return manifests.apps();
    },
    appFilesOf: (doc) => appFilesOf(doc, indexer, manifests),
  };
  return {
    insight: { listings, diagnostics, manifests, indexer, codeNames },
    appCode,
    disposables: [
      indexer,
      vscode.workspace.onDidOpenTextDocument(startOnCalls),
      vscode.languages.registerReferenceProvider(selector, new SecretReferenceProvider(indexer)),
      listings,
      diagnostics,
      manifests,
      vscode.languages.registerHoverProvider(selector, new SecretHoverProvider(services, listings)),
      vscode.languages.registerCompletionItemProvider(selector, new SecretCompletionProvider(services, listings), ...COMPLETION_TRIGGERS),
      vscode.languages.registerCodeActionsProvider(selector, new SecretCodeActionProvider(services), {
        providedCodeActionKinds: SecretCodeActionProvider.kinds,
      }),
      vscode.languages.registerCodeActionsProvider(MANIFEST_SELECTOR, new ManifestCodeActionProvider(), {
        providedCodeActionKinds: ManifestCodeActionProvider.kinds,
      }),
    ],
  };
}

/** At most this many of the app's other files are read for the account its calls pass. */
const APP_FILES_READ = 20;

/**
 * The text of the other files of `doc`'s app (under the nearest manifest's folder, not a nested
 * app's; without a manifest, the workspace folder) in its language that call the Secret Store.
 */
async function appFilesOf(doc: vscode.TextDocument, indexer: WorkspaceIndexer, manifests: AppManifests): Promise<string[]> {
  const folderOf = (uri: string) => uri.slice(0, uri.lastIndexOf('/'));
  const key = doc.uri.toString();
  const appFolders = manifests.apps().map((a) => folderOf(a.uri.toString()));
  const own =
    appFolders.filter((f) => key.startsWith(`${f}/`)).sort((a, b) => b.length - a.length)[0] ??
    vscode.workspace.getWorkspaceFolder(doc.uri)?.uri.toString();
  if (!own) return [];
  const language = recogniserFor(doc.languageId)?.id;
  const files = [
    ...new Set(
      indexer.index
        .under(own, appFolders)
        .filter((r) => r.file !== key && r.language === language)
        .map((r) => r.file),
    ),
  ].slice(0, APP_FILES_READ);
  const texts: string[] = [];
  for (const file of files) {
    try {
      const uri = vscode.Uri.parse(file);
      const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === file);
      texts.push(open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri)));
    } catch {
      // Gone since it was indexed.
    }
  }
  return texts;
}
