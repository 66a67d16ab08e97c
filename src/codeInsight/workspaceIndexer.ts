/**
 * Keeps the workspace index (workspaceIndex/secretIndex.ts) of Secret Store calls current: every
 * file a recogniser reads in every workspace folder, found with `workspace.findFiles` (which applies
 * `files.exclude`) and an exclude glob built from `search.exclude`; in a trusted workspace whose
 * `search.useIgnoreFiles` is on, paths git ignores are dropped too (`git check-ignore --stdin`, with
 * git's fsmonitor hook off). Files over 1 MB are skipped. Files are read (file: URIs with Node's fs,
 * others with workspace.fs), never opened as documents, never run. Work is done in slices that
 * yield to the event loop.
 */
import * as fs from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { NestedFolderWatch, type NestedChange } from '../workspaceIndex/nestedFolderWatch';
import { createdGlobs, excludeGlob, gitIgnored, inSlices, ripgrepFiles, yieldToLoop } from '../workspaceIndex/scan';
import { languageOfPath, SecretIndex, sourceGlob } from '../workspaceIndex/secretIndex';
import { supportedLanguageIds } from '../references/registry';

export const MAX_INDEXED_FILE_BYTES = 1024 * 1024;
const READS_IN_FLIGHT = 32;
/** Local files are read synchronously in slices this long, then the extension host answers others. */
const SLICE_MS = 8;
const EDIT_DELAY_MS = 300;
const EVENT_DELAY_MS = 50;
/** More created paths than this at once (a checkout, an unzip): one full scan instead. */
const CREATED_BATCH_LIMIT = 64;

export interface IndexStats {
  /** Candidate files found (after exclusions). */
  files: number;
  /** Files read (candidates within the size cap). */
  read: number;
  skippedLarge: number;
  gitIgnored: number;
  /** Milliseconds of the last full scan, and of its findFiles and git steps. */
  ms: number;
  findMs?: number;
  /** The longest stretch the scan held the extension host between two yields. */
  longestSliceMs?: number;
}

export interface SeenPath {
  uri: vscode.Uri;
  kind: 'file' | 'folder' | 'gone';
}

export class WorkspaceIndexer implements vscode.Disposable {
  readonly index = new SecretIndex();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires (coalesced) when the calls of some file changed. */
  readonly onDidChange = this.changed.event;
  private readonly seen = new vscode.EventEmitter<SeenPath>();
  /**
   * Paths created, changed or deleted that a watcher on a glob of its own may never hear of: folders
   * (and what they hold) written at once, which VS Code's watcher misses below their top folder.
   */
  readonly onDidSeePath = this.seen.event;
  /** Candidate files, each with the `seq` when it was last taken in (by a scan or an event). */
  private readonly candidates = new Map<string, number>();
  private seq = 0;
  private readonly disposables: vscode.Disposable[] = [this.changed, this.seen];
  private readonly editTimers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly created = new Set<string>();
  private createdTimer: ReturnType<typeof setTimeout> | undefined;
  private eventTimer: ReturnType<typeof setTimeout> | undefined;
  private scan: Promise<void> | undefined;
  private scanId = 0;
  private watchers: vscode.Disposable[] = [];
  /** Folders VS Code's watcher misses (see workspaceIndex/nestedFolderWatch.ts). */
  private readonly nested = new NestedFolderWatch((change) => this.nestedChanged(change));
  private disposed = false;
  stats: IndexStats = { files: 0, read: 0, skippedLarge: 0, gitIgnored: 0, ms: 0 };

  /**
   * `afterListing` runs once a folder's first listing is in, before its files are read: host tests
   * write files there, after the listing and before the scan ends, which timing alone cannot promise.
   */
  constructor(
    private readonly maxFileBytes = MAX_INDEXED_FILE_BYTES,
    private readonly afterListing?: (folder: vscode.WorkspaceFolder) => Promise<void>,
  ) {}

  dispose(): void {
    this.disposed = true;
    for (const t of this.editTimers.values()) clearTimeout(t);
    if (this.createdTimer) clearTimeout(this.createdTimer);
    if (this.eventTimer) clearTimeout(this.eventTimer);
    this.nested.dispose();
    for (const d of this.disposables) d.dispose();
  }

  /** Whether indexing has started (the workspace holds a Stripe App or Secret Store calls). */
  get started(): boolean {
    return this.scan !== undefined;
  }

  /** Starts watching and the first full scan; later calls return the current scan. */
  start(): Promise<void> {
    if (this.scan) return this.scan;
    this.watchFolders();
    this.disposables.push(
      { dispose: () => this.watchers.forEach((w) => w.dispose()) },
      vscode.workspace.onDidChangeTextDocument((e) => this.scheduleEdit(e.document)),
      vscode.workspace.onDidCloseTextDocument((doc) => {
        // Unsaved edits are gone with the document: the file on disk is what the app runs.
        // eslint-disable-next-line @typescript-eslint/no-floating-promises -- event handler: nothing can wait for it
        if (this.candidates.has(doc.uri.toString())) void this.refresh(doc.uri);
      }),
      vscode.workspace.onDidChangeWorkspaceFolders(() => {
        this.watchFolders();
        // eslint-disable-next-line @typescript-eslint/no-floating-promises -- event handler: nothing can wait for it
        void this.rescan();
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (
          e.affectsConfiguration('files.exclude') ||
          e.affectsConfiguration('search.exclude') ||
          e.affectsConfiguration('search.useIgnoreFiles')
        ) {
          // eslint-disable-next-line @typescript-eslint/no-floating-promises -- event handler: nothing can wait for it
          void this.rescan();
        }
      }),
      // eslint-disable-next-line @typescript-eslint/no-floating-promises -- event handler: nothing can wait for it
      vscode.workspace.onDidGrantWorkspaceTrust(() => void this.rescan()),
      // What the person does in VS Code is reported here even where a file watcher misses it.
      vscode.workspace.onDidCreateFiles((e) => e.files.forEach((uri) => this.createdOrChanged(uri))),
      vscode.workspace.onDidDeleteFiles((e) => e.files.forEach((uri) => this.forget(uri))),
      vscode.workspace.onDidRenameFiles((e) =>
        e.files.forEach(({ oldUri, newUri }) => {
          this.forget(oldUri);
          this.createdOrChanged(newUri);
        }),
      ),
      vscode.workspace.onDidSaveTextDocument((doc) => this.createdOrChanged(doc.uri)),
    );
    return this.rescan();
  }

  /**
   * One pair of watchers per workspace folder, with relative patterns: VS Code watches those itself,
   * where a plain glob only filters the workspace's own watcher, which code-server (and a remote
   * window) may run late or not at all for a folder outside its usual places.
   */
  private watchFolders(): void {
    this.watchers.forEach((w) => w.dispose());
    this.watchers = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const source = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, sourceGlob()));
      // Folders: a deleted or moved folder reports itself only, not each file in it.
      const folders = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, '**/*'), false, true, false);
      this.watchers.push(
        source,
        folders,
        source.onDidCreate((uri) => this.queueCreated(uri)),
        // A new file can report as changed only (its create and first write coalesced).
        source.onDidChange((uri) => this.createdOrChanged(uri)),
        source.onDidDelete((uri) => this.forget(uri)),
        folders.onDidCreate((uri) => {
          if (languageOfPath(uri.path)) return;
          this.queueCreated(uri);
          // eslint-disable-next-line @typescript-eslint/no-floating-promises -- event handler: nothing can wait for it
          if (uri.scheme === 'file') void this.nested.watchInside(uri.fsPath);
        }),
        folders.onDidDelete((uri) => {
          if (!languageOfPath(uri.path)) this.forget(uri);
        }),
      );
    }
  }

  /** Resolves when the latest full scan is done (at once when indexing has not started). */
  async ready(): Promise<void> {
    let current: Promise<void> | undefined;
    while (this.scan && current !== this.scan) {
      current = this.scan;
      await current;
    }
  }

  /** Scans every workspace folder afresh. */
  rescan(): Promise<void> {
    const id = ++this.scanId;
    const run = (async () => {
      const started = performance.now();
      // Files taken in after this by events (a tree written during the scan) are kept though not listed.
      const since = ++this.seq;
      const stats: IndexStats = { files: 0, read: 0, skippedLarge: 0, gitIgnored: 0, ms: 0 };
      const found = new Set<string>();
      const cancelled = () => id !== this.scanId || this.disposed;
      for (const folder of vscode.workspace.workspaceFolders ?? []) {
        const listed = await this.list(folder, stats);
        await this.afterListing?.(folder);
        if (cancelled()) return;
        await this.readAll(urisIn(folder.uri, listed), stats, cancelled, found);
        // Listed again: what was written between the first listing and the moment VS Code's watcher
        // started reporting (it starts some time after createFileSystemWatcher returns) is read now.
        const again = await this.list(folder, stats);
        if (cancelled()) return;
        const before = new Set(listed);
        const now = new Set(again);
        for (const rel of listed) if (!now.has(rel)) this.forget(vscode.Uri.joinPath(folder.uri, rel));
        const added = again.filter((rel) => !before.has(rel));
        await this.readAll(urisIn(folder.uri, added), stats, cancelled, found);
      }
      if (cancelled()) return;
      for (const [file, seen] of this.candidates) {
        if (seen < since && !found.has(file)) {
          this.candidates.delete(file);
          if (this.index.delete(file)) this.fireSoon();
        }
      }
      stats.files = found.size;
      stats.ms = performance.now() - started;
      this.stats = stats;
      this.fireSoon(0);
    })();
    this.scan = run;
    return run;
  }

  /** Reads one file again (or the open document's text) and updates its calls. */
  async refresh(uri: vscode.Uri): Promise<void> {
    const key = uri.toString();
    const text = await this.read(uri);
    if (text === undefined) {
      if (this.index.delete(key)) this.fireSoon();
      return;
    }
    if (this.index.indexText(key, text, languageOf(uri))) this.fireSoon();
  }

  /** The candidate files of `folder`, relative to it with `/` separators. */
  private async list(folder: vscode.WorkspaceFolder, stats: IndexStats): Promise<string[]> {
    // Not in the same turn as the watchers' set-up or the last slice: the listing's start holds the loop too.
    await yieldToLoop();
    const listed = await this.listWithRipgrep(folder, stats);
    if (listed) return listed;
    return relativePaths(folder, await this.candidatesIn(folder, new vscode.RelativePattern(folder, sourceGlob()), stats));
  }

  /**
   * A local folder's candidates listed by the ripgrep VS Code ships, with the arguments its own search
   * would give it: ten times quicker than findFiles, whose results cross to the window and back. It
   * honours files.exclude, search.exclude and (search.useIgnoreFiles) .gitignore. Undefined where
   * ripgrep is not found or fails: findFiles lists instead.
   */
  private async listWithRipgrep(folder: vscode.WorkspaceFolder, stats: IndexStats): Promise<string[] | undefined> {
    const rg = folder.uri.scheme === 'file' ? ripgrepPath() : undefined;
    if (!rg) return undefined;
    const started = performance.now();
    const search = vscode.workspace.getConfiguration('search', folder.uri);
    const on = (settings: Record<string, unknown> | undefined) =>
      Object.entries(settings ?? {})
        .filter(([, v]) => v === true)
        .map(([k]) => k);
    const excludes = [...on(vscode.workspace.getConfiguration('files', folder.uri).get('exclude')), ...on(search.get('exclude'))];
    const listing = {
      include: sourceGlob(),
      excludes,
      // Ignore files are read only in a trusted workspace, as git's were.
      useIgnoreFiles: vscode.workspace.isTrusted && search.get<boolean>('useIgnoreFiles') !== false,
      followSymlinks: search.get<boolean>('followSymlinks') !== false,
    };
    // Starting ripgrep holds the loop for a few milliseconds (the fork): not in the same turn as the settings.
    await yieldToLoop();
    const files = await ripgrepFiles(rg, folder.uri.fsPath, listing);
    if (!files) return undefined;
    stats.findMs = (stats.findMs ?? 0) + performance.now() - started;
    return files;
  }

  private async candidatesIn(folder: vscode.WorkspaceFolder, include: vscode.RelativePattern, stats: IndexStats): Promise<vscode.Uri[]> {
    const exclude = excludeGlob(vscode.workspace.getConfiguration('search', folder.uri).get<Record<string, unknown>>('exclude'));
    const started = performance.now();
    // An exclude pattern (even none) keeps files.exclude applied; null would drop it.
    let uris = await vscode.workspace.findFiles(include, exclude ?? undefined);
    if (
      folder.uri.scheme === 'file' &&
      vscode.workspace.isTrusted &&
      vscode.workspace.getConfiguration('search', folder.uri).get<boolean>('useIgnoreFiles') !== false &&
      uris.length > 0
    ) {
      const relative = relativePaths(folder, uris);
      const ignored = await gitIgnored(folder.uri.fsPath, relative);
      if (ignored && ignored.size > 0) {
        uris = uris.filter((_, i) => !ignored.has(relative[i]));
        stats.gitIgnored += relative.length - uris.length;
      }
    }
    stats.findMs = (stats.findMs ?? 0) + performance.now() - started;
    return uris;
  }

  /**
   * Reads and indexes `uris` (adding each to `found`): local files synchronously in slices of
   * SLICE_MS (a file of at most 1 MB reads in well under a millisecond; a promise per read costs more
   * than the read), others with a few reads in flight. `uris` is taken lazily: making thousands of
   * URIs and their strings at once held the extension host for tens of milliseconds.
   */
  private async readAll(uris: Iterable<vscode.Uri>, stats: IndexStats, cancelled: () => boolean, found?: Set<string>): Promise<void> {
    const open = new Set(vscode.workspace.textDocuments.filter((d) => !d.isClosed).map((d) => d.uri.toString()));
    const other: vscode.Uri[] = [];
    let changed = false;
    let sliceStart = performance.now();
    for (const uri of uris) {
      if (cancelled()) return;
      const key = uri.toString();
      found?.add(key);
      if (uri.scheme !== 'file' || open.has(key)) {
        other.push(uri);
        continue;
      }
      this.candidates.set(key, this.seq);
      const text = this.readLocal(uri.fsPath, stats);
      if (text !== undefined && this.index.indexText(key, text, languageOf(uri))) changed = true;
      const held = performance.now() - sliceStart;
      if (held >= SLICE_MS) {
        stats.longestSliceMs = Math.max(stats.longestSliceMs ?? 0, held);
        await yieldToLoop();
        sliceStart = performance.now();
      }
    }
    stats.longestSliceMs = Math.max(stats.longestSliceMs ?? 0, performance.now() - sliceStart);
    if (changed) this.fireSoon();
    if (other.length > 0) await this.readInFlight(other, stats, cancelled);
  }

  private readLocal(fsPath: string, stats: IndexStats): string | undefined {
    try {
      const stat = fs.statSync(fsPath);
      if (!stat.isFile()) return undefined;
      if (stat.size > this.maxFileBytes) {
        stats.skippedLarge++;
        return undefined;
      }
      const text = fs.readFileSync(fsPath, 'utf8');
      stats.read++;
      // As a TextDocument holds it, so positions agree with the editor's.
      return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    } catch {
      return undefined;
    }
  }

  /** Reads and indexes `uris`, a few reads in flight, indexing between them in short slices. */
  private async readInFlight(uris: readonly vscode.Uri[], stats: IndexStats, cancelled: () => boolean): Promise<void> {
    let next = 0;
    const texts: Array<{ uri: vscode.Uri; text: string }> = [];
    let wake: (() => void) | undefined;
    let running = 0;
    const worker = async () => {
      running++;
      while (next < uris.length && !cancelled()) {
        const uri = uris[next++];
        this.candidates.set(uri.toString(), this.seq);
        const text = await this.read(uri, stats);
        if (text !== undefined) {
          texts.push({ uri, text });
          wake?.();
        }
      }
      running--;
      wake?.();
    };
    const workers = Array.from({ length: Math.min(READS_IN_FLIGHT, uris.length) }, worker);
    let changed = false;
    while (!cancelled()) {
      if (texts.length > 0) {
        const batch = texts.splice(0, texts.length);
        await inSlices(
          batch,
          ({ uri, text }) => {
            if (this.index.indexText(uri.toString(), text, languageOf(uri))) changed = true;
          },
          8,
          cancelled,
        );
        continue;
      }
      if (running === 0 && next >= uris.length) break;
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
    await Promise.all(workers);
    if (changed) this.fireSoon();
  }

  private async read(uri: vscode.Uri, stats?: IndexStats): Promise<string | undefined> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open && !open.isClosed) return open.getText();
    try {
      // file: URIs are on this host's disk: Node's fs reads them without a round trip per call
      // through workspace.fs (measured: 5,000 files took ~50 s that way under load, see npm run bench:index).
      const local = uri.scheme === 'file';
      const stat = local ? await fsp.stat(uri.fsPath) : await vscode.workspace.fs.stat(uri);
      const isFile = local ? (stat as { isFile(): boolean }).isFile() : ((stat as vscode.FileStat).type & vscode.FileType.File) !== 0;
      if (!isFile) return undefined;
      if (stat.size > this.maxFileBytes) {
        if (stats) stats.skippedLarge++;
        return undefined;
      }
      const bytes = local ? await fsp.readFile(uri.fsPath) : await vscode.workspace.fs.readFile(uri);
      if (stats) stats.read++;
      return new TextDecoder().decode(bytes);
    } catch {
      return undefined;
    }
  }

  private scheduleEdit(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    if (!this.candidates.has(key)) return;
    const timer = this.editTimers.get(key);
    if (timer) clearTimeout(timer);
    this.editTimers.set(
      key,
      setTimeout(() => {
        this.editTimers.delete(key);
        if (!doc.isClosed && this.index.indexText(key, doc.getText(), languageOf(doc.uri, doc.languageId))) this.fireSoon();
      }, EDIT_DELAY_MS),
    );
  }

  /** Brings an open document's pending edit into the index now (before answering Find All References). */
  flush(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    const timer = this.editTimers.get(key);
    if (!timer) return;
    clearTimeout(timer);
    this.editTimers.delete(key);
    if (this.index.indexText(key, doc.getText(), languageOf(doc.uri, doc.languageId))) this.fireSoon();
  }

  /** A file or folder path created, changed or renamed into place. */
  private createdOrChanged(uri: vscode.Uri): void {
    // eslint-disable-next-line @typescript-eslint/no-floating-promises -- event handler: nothing can wait for it
    if (this.candidates.has(uri.toString())) void this.refresh(uri);
    else this.queueCreated(uri);
  }

  private nestedChanged(change: NestedChange): void {
    if (this.disposed) return;
    const uri = vscode.Uri.file(change.fsPath);
    if (change.kind === 'gone') this.forget(uri);
    else if (change.kind === 'folder' || languageOfPath(uri.path)) this.createdOrChanged(uri);
    this.seen.fire({ uri, kind: change.kind });
  }

  private forget(uri: vscode.Uri): void {
    if (uri.scheme === 'file') this.nested.closeUnder(uri.fsPath);
    const key = uri.toString();
    const prefix = `${key}/`;
    for (const file of [...this.candidates.keys()]) if (file === key || file.startsWith(prefix)) this.candidates.delete(file);
    if (this.index.deleteUnder(key) > 0) this.fireSoon();
  }

  private queueCreated(uri: vscode.Uri): void {
    if (!vscode.workspace.getWorkspaceFolder(uri)) return;
    this.created.add(uri.toString());
    // Not pushed back by later events: a folder written to all the time must not starve the rest.
    // eslint-disable-next-line @typescript-eslint/no-floating-promises -- timer callback: nothing can wait for it
    this.createdTimer ??= setTimeout(() => void this.indexCreated(), 100);
  }

  /**
   * Created files and folders go through the same exclusions as a full scan: they are looked up with
   * findFiles, a few globs for the whole batch (see createdGlobs). Paths with glob characters, or
   * many at once, make a full scan.
   */
  private async indexCreated(): Promise<void> {
    this.createdTimer = undefined;
    const uris = [...this.created].map((s) => vscode.Uri.parse(s));
    this.created.clear();
    if (uris.length > CREATED_BATCH_LIMIT || uris.some((u) => /[[\]{}*?,]/.test(u.path))) {
      await this.rescan();
      return;
    }
    const stats: IndexStats = { files: 0, read: 0, skippedLarge: 0, gitIgnored: 0, ms: 0 };
    const byFolder = new Map<vscode.WorkspaceFolder, Array<{ path: string; folder: boolean }>>();
    for (const uri of uris) {
      const folder = vscode.workspace.getWorkspaceFolder(uri);
      if (!folder) continue;
      const source = languageOfPath(uri.path) !== undefined;
      if (!source) {
        if (!(await isFolder(uri))) continue;
        this.seen.fire({ uri, kind: 'folder' });
      }
      const paths = byFolder.get(folder) ?? [];
      paths.push({ path: vscode.workspace.asRelativePath(uri, false), folder: !source });
      byFolder.set(folder, paths);
    }
    for (const [folder, paths] of byFolder) {
      for (const glob of createdGlobs(paths, sourceGlob())) {
        const found = await this.candidatesIn(folder, new vscode.RelativePattern(folder, glob), stats);
        await this.readAll(found, stats, () => this.disposed);
      }
    }
  }

  private fireSoon(delay = EVENT_DELAY_MS): void {
    if (this.eventTimer) clearTimeout(this.eventTimer);
    this.eventTimer = setTimeout(() => {
      this.eventTimer = undefined;
      if (!this.disposed) this.changed.fire();
    }, delay);
  }
}

async function isFolder(uri: vscode.Uri): Promise<boolean> {
  try {
    return ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.Directory) !== 0;
  } catch {
    return false;
  }
}

let ripgrep: string | null | undefined;

/** The ripgrep VS Code ships (where its search finds it), or undefined. */
function ripgrepPath(): string | undefined {
  if (ripgrep === undefined) {
    const exe = process.platform === 'win32' ? 'rg.exe' : 'rg';
    ripgrep =
      ['node_modules', 'node_modules.asar.unpacked']
        .map((dir) => path.join(vscode.env.appRoot, dir, '@vscode', 'ripgrep', 'bin', exe))
        .find((candidate) => fs.existsSync(candidate)) ?? null;
  }
  return ripgrep ?? undefined;
}

/** `uris` (all inside `folder`) relative to it, with `/` separators. */
function relativePaths(folder: vscode.WorkspaceFolder, uris: readonly vscode.Uri[]): string[] {
  const root = folder.uri.path.endsWith('/') ? folder.uri.path : `${folder.uri.path}/`;
  return uris.map((u) => u.path.slice(root.length));
}

function* urisIn(folder: vscode.Uri, relative: readonly string[]): Generator<vscode.Uri> {
  for (const rel of relative) yield vscode.Uri.joinPath(folder, rel);
}

function languageOf(uri: vscode.Uri, documentLanguage?: string): string {
  if (documentLanguage && supportedLanguageIds().includes(documentLanguage)) return documentLanguage;
  return languageOfPath(uri.path) ?? 'plaintext';
}
