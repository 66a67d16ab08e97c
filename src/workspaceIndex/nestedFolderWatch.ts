/**
 * Watches, with Node's own fs.watch, the folders VS Code's file watcher misses on Linux. VS Code's
 * recursive watcher (@parcel/watcher, inotify) starts watching a folder reported as created, but
 * not the folders that were already inside it by then: after `mkdir -p a/b/c`, a checkout, an unzip
 * or a scaffolding tool writing a tree at once, nothing later created, changed or deleted under a/b
 * is ever reported (parcel-bundler/watcher#97, microsoft/vscode#142694). The indexer hands every
 * folder VS Code reports as created to `watchInside`; the folders in it are watched here, and so are
 * folders later created in those. Plain Node: one inotify watch per folder, no polling.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export type NestedChange = { fsPath: string; kind: 'file' | 'folder' | 'gone' };

/** Folders never worth a watch: dependencies and VCS data no index reads. */
const SKIPPED = new Set(['node_modules', '.git', '.hg', '.svn', 'bower_components', '__pycache__', '.venv', 'venv', 'vendor']);

export class NestedFolderWatch {
  private readonly watchers = new Map<string, fs.FSWatcher>();
  private disposed = false;

  /** `limit` caps the watches (an unzip of a huge tree must not exhaust the user's inotify watches). */
  constructor(
    private readonly onChange: (change: NestedChange) => void,
    private readonly limit = 2000,
  ) {}

  get size(): number {
    return this.watchers.size;
  }

  /** Watches every folder inside `created` (not `created` itself: VS Code's watcher reported it, so it watches it). */
  async watchInside(created: string): Promise<void> {
    const queue = [created];
    while (queue.length > 0 && !this.disposed && this.watchers.size < this.limit) {
      const dir = queue.shift()!;
      let entries: fs.Dirent[];
      try {
        entries = await fs.promises.readdir(dir, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const entry of entries) {
        if (!entry.isDirectory() || SKIPPED.has(entry.name)) continue;
        const child = path.join(dir, entry.name);
        this.watch(child);
        queue.push(child);
      }
    }
  }

  /** Stops watching `dir` and every folder under it (it was deleted or moved away). */
  closeUnder(dir: string): void {
    const prefix = dir.endsWith(path.sep) ? dir : dir + path.sep;
    for (const [watched, watcher] of this.watchers) {
      if (watched === dir || watched.startsWith(prefix)) {
        watcher.close();
        this.watchers.delete(watched);
      }
    }
  }

  dispose(): void {
    this.disposed = true;
    for (const watcher of this.watchers.values()) watcher.close();
    this.watchers.clear();
  }

  private watch(dir: string): void {
    if (this.disposed || this.watchers.has(dir) || this.watchers.size >= this.limit) return;
    let watcher: fs.FSWatcher;
    try {
      // eslint-disable-next-line @typescript-eslint/no-floating-promises -- a file-system callback: nothing can wait for it
      watcher = fs.watch(dir, { persistent: false }, (_event, name) => void this.changed(dir, name));
    } catch {
      return;
    }
    watcher.on('error', () => this.closeUnder(dir));
    this.watchers.set(dir, watcher);
  }

  private async changed(dir: string, name: string | Buffer | null): Promise<void> {
    if (this.disposed) return;
    if (!fs.existsSync(dir)) {
      // The watched folder itself went; its parent's watcher reports the path.
      this.closeUnder(dir);
      return;
    }
    if (name === null) return;
    const fsPath = path.join(dir, name.toString());
    let stat: fs.Stats;
    try {
      stat = await fs.promises.stat(fsPath);
    } catch {
      this.closeUnder(fsPath);
      this.onChange({ fsPath, kind: 'gone' });
      return;
    }
    if (stat.isDirectory()) {
      if (SKIPPED.has(path.basename(fsPath)) || this.watchers.has(fsPath)) return;
      this.watch(fsPath);
      await this.watchInside(fsPath);
      this.onChange({ fsPath, kind: 'folder' });
    } else if (stat.isFile()) {
      this.onChange({ fsPath, kind: 'file' });
    }
  }
}
