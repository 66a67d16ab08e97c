/**
 * The workspace's Stripe App manifest: the view names the app, and a manifest whose `permissions`
 * lacks `secret_write` gets a diagnostic with a quick fix. It only reads the file, so it works in
 * untrusted workspaces. With the workspace index, the warning goes only to an app whose code (files
 * under the manifest's folder, not under a nested app's) calls the Secret Store, and points at one
 * such call.
 */
import * as vscode from 'vscode';
import { DIAGNOSTIC_SOURCE, DiagnosticCodes } from '../constants';
import { MANIFEST_FILE, readManifest, SECRET_WRITE, type ManifestInfo } from '../references/manifest';
import type { ConnectionManager } from '../services';
import type { IndexedReference } from '../workspaceIndex/secretIndex';
import { locationOf } from './secretReferences';
import type { WorkspaceIndexer } from './workspaceIndexer';

const GLOB = `**/${MANIFEST_FILE}`;
const EDIT_DELAY_MS = 300;

export class AppManifests implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('stripeSecrets.manifest');
  private readonly manifests = new Map<string, ManifestInfo>();
  private readonly texts = new Map<string, string>();
  private readonly disposables: vscode.Disposable[] = [this.collection];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private rescanTimer: ReturnType<typeof setTimeout> | undefined;
  private appLabel: string | undefined;
  private scan: Promise<void> = Promise.resolve();

  /**
   * `view.message` sits above the connections. It stays empty while there are no connections: a
   * message would hide the view's welcome (Add Connection, Try the Local Emulator).
   */
  constructor(
    private readonly view: Pick<vscode.TreeView<unknown>, 'message'>,
    private readonly connections: Pick<ConnectionManager, 'list' | 'onDidChange'>,
    private readonly indexer?: WorkspaceIndexer,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher(GLOB);
    this.disposables.push(
      watcher,
      connections.onDidChange(() => this.showApp()),
      // eslint-disable-next-line @typescript-eslint/no-floating-promises -- event handler: nothing can wait for it
      watcher.onDidCreate((uri) => void this.load(uri)),
      // eslint-disable-next-line @typescript-eslint/no-floating-promises -- event handler: nothing can wait for it
      watcher.onDidChange((uri) => void this.load(uri)),
      watcher.onDidDelete((uri) => this.drop(uri)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (!isManifest(e.document.uri)) return;
        if (this.timer) clearTimeout(this.timer);
        this.timer = setTimeout(() => this.apply(e.document.uri, e.document.getText()), EDIT_DELAY_MS);
      }),
      // eslint-disable-next-line @typescript-eslint/no-floating-promises -- event handler: nothing can wait for it
      vscode.workspace.onDidChangeWorkspaceFolders(() => void this.rescan()),
    );
    if (indexer) {
      this.disposables.push(
        indexer.onDidChange(() => this.recheck()),
        // Manifests in folders written at once, which the watcher above does not hear of.
        indexer.onDidSeePath(({ uri, kind }) => {
          if (kind === 'folder') this.rescanSoon();
          else if (kind === 'gone')
            for (const key of [...this.manifests.keys()]) {
              if (key === uri.toString() || key.startsWith(`${uri.toString()}/`)) this.drop(vscode.Uri.parse(key));
            }
          // eslint-disable-next-line @typescript-eslint/no-floating-promises -- event handler: nothing can wait for it
          else if (isManifest(uri)) void this.load(uri);
        }),
      );
    }
    // eslint-disable-next-line @typescript-eslint/no-floating-promises -- the scan runs in the background; readers wait on it
    void this.rescan();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.rescanTimer) clearTimeout(this.rescanTimer);
    for (const d of this.disposables) d.dispose();
  }

  /** What the view shows about the app, if a manifest names one. */
  appDescription(): string | undefined {
    return this.appLabel;
  }

  /** Resolves when the first scan (or the latest rescan) has read every manifest. */
  ready(): Promise<void> {
    return this.scan;
  }

  /** Each manifest: its app, and one Secret Store call of its code when the index knows one. */
  apps(): Array<{ uri: vscode.Uri; info: ManifestInfo; storeCall: IndexedReference | undefined }> {
    return [...this.manifests.entries()].map(([key, info]) => ({ uri: vscode.Uri.parse(key), info, storeCall: this.storeCallOf(key) }));
  }

  /** The first Secret Store call under the manifest's folder, not counting nested apps' folders. */
  private storeCallOf(key: string): IndexedReference | undefined {
    if (!this.indexer) return undefined;
    const folder = (uri: string) => uri.slice(0, uri.lastIndexOf('/'));
    return this.indexer.index.under(folder(key), [...this.manifests.keys()].map(folder))[0];
  }

  private recheck(): void {
    for (const [key, text] of this.texts) this.apply(vscode.Uri.parse(key), text);
  }

  private rescanSoon(): void {
    if (this.rescanTimer) clearTimeout(this.rescanTimer);
    this.rescanTimer = setTimeout(() => {
      this.rescanTimer = undefined;
      // eslint-disable-next-line @typescript-eslint/no-floating-promises -- event handler: nothing can wait for it
      void this.rescan();
    }, EDIT_DELAY_MS);
  }

  /** Reads every manifest in the workspace again (also what a watcher that missed an event needs). */
  rescan(): Promise<void> {
    this.scan = (async () => {
      const uris = await vscode.workspace.findFiles(GLOB, '**/node_modules/**', 20);
      this.manifests.clear();
      this.texts.clear();
      this.collection.clear();
      await Promise.all(uris.map((uri) => this.load(uri)));
      this.showApp();
    })();
    return this.scan;
  }

  private async load(uri: vscode.Uri): Promise<void> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    let text: string;
    try {
      text = open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      this.drop(uri);
      return;
    }
    this.apply(uri, text);
  }

  private drop(uri: vscode.Uri): void {
    this.manifests.delete(uri.toString());
    this.texts.delete(uri.toString());
    this.collection.delete(uri);
    this.showApp();
  }

  private apply(uri: vscode.Uri, text: string): void {
    const info = readManifest(text);
    if (!info) {
      // Broken JSON mid-edit: keep what was known, the JSON language service reports the syntax.
      return;
    }
    this.manifests.set(uri.toString(), info);
    this.texts.set(uri.toString(), text);
    // eslint-disable-next-line @typescript-eslint/no-floating-promises -- the index builds in the background; its readers wait on ready()
    if (this.indexer && !this.indexer.started) void this.indexer.start();
    const missing = info.missingSecretWrite;
    const call = missing && this.storeCallOf(uri.toString());
    if (missing && (call || !this.indexer)) {
      const range = rangeOf(text, missing.start, missing.end);
      const d = new vscode.Diagnostic(
        range,
        `The app does not request the ${SECRET_WRITE} permission, so its code cannot use the Secret Store.`,
        vscode.DiagnosticSeverity.Warning,
      );
      d.source = DIAGNOSTIC_SOURCE;
      d.code = DiagnosticCodes.manifestSecretWrite;
      if (call)
        d.relatedInformation = [
          new vscode.DiagnosticRelatedInformation(locationOf(call), `The app's code calls the Secret Store here ('${call.name}').`),
        ];
      this.collection.set(uri, [d]);
    } else {
      this.collection.delete(uri);
    }
    this.showApp();
  }

  /** The app of the shallowest manifest, as the view's message. */
  private showApp(): void {
    const [first] = [...this.manifests.entries()].sort(([a], [b]) => a.split('/').length - b.split('/').length || a.localeCompare(b));
    const info = first?.[1];
    this.appLabel =
      info && (info.name || info.id) ? `Stripe App: ${[info.name, info.id && `(${info.id})`].filter(Boolean).join(' ')}` : undefined;
    this.view.message = this.connections.list().length > 0 ? this.appLabel : undefined;
  }
}

function isManifest(uri: vscode.Uri): boolean {
  return uri.path.endsWith(`/${MANIFEST_FILE}`);
}

function rangeOf(text: string, start: number, end: number): vscode.Range {
  const position = (offset: number) => {
    const before = text.slice(0, offset);
    const line = before.split('\n').length - 1;
    return new vscode.Position(line, offset - (before.lastIndexOf('\n') + 1));
  };
  return new vscode.Range(position(start), position(end));
}

/** Adds `{ "permission": "secret_write", "purpose": "…" }` to `permissions`. */
export class ManifestCodeActionProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const d = context.diagnostics.find((x) => x.source === DIAGNOSTIC_SOURCE && x.code === DiagnosticCodes.manifestSecretWrite);
    const missing = d && readManifest(doc.getText())?.missingSecretWrite;
    if (!d || !missing) return [];
    const action = new vscode.CodeAction(`Add the ${SECRET_WRITE} permission`, vscode.CodeActionKind.QuickFix);
    action.edit = new vscode.WorkspaceEdit();
    action.edit.insert(doc.uri, doc.positionAt(missing.insertAt), missing.insertText);
    action.diagnostics = [d];
    action.isPreferred = true;
    return [action];
  }
}

export const MANIFEST_SELECTOR: vscode.DocumentSelector = { pattern: GLOB };
