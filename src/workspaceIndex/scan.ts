/** Helpers of the workspace scan that need no VS Code: the exclude glob, time slices, git's ignore rules. */
import { spawn } from 'node:child_process';

/**
 * One glob from `search.exclude` (its entries set to true; `when` clauses are skipped). VS Code's
 * findFiles applies `files.exclude` itself when given an exclude pattern, but never `search.exclude`.
 * VS Code globs do not nest braces, so an entry's own `{a,b}` is expanded first.
 */
export function excludeGlob(searchExclude: Record<string, unknown> | undefined): string | undefined {
  const patterns: string[] = [];
  for (const [pattern, on] of Object.entries(searchExclude ?? {})) {
    if (on !== true) continue;
    patterns.push(...expandBraces(pattern));
  }
  if (patterns.length === 0) return undefined;
  return patterns.length === 1 ? patterns[0] : `{${patterns.join(',')}}`;
}

function expandBraces(pattern: string): string[] {
  const m = /\{([^{}]*)\}/.exec(pattern);
  if (!m) return [pattern.replace(/,/g, '\\,')];
  return m[1].split(',').flatMap((alt) => expandBraces(pattern.slice(0, m.index) + alt + pattern.slice(m.index + m[0].length)));
}

/**
 * The globs that find a batch of created paths of one workspace folder (relative, `/`-separated, free
 * of glob characters): one per folder for its source files, and one per parent folder naming its
 * created files in a brace group. A path inside a created folder is that folder's to find. Each
 * glob costs a findFiles round trip: asked path by path, a tree of 60 files written at once took
 * seconds on a busy machine.
 */
export function createdGlobs(paths: ReadonlyArray<{ path: string; folder: boolean }>, sourceGlob: string): string[] {
  const folders = new Set(paths.filter((p) => p.folder).map((p) => p.path));
  const covered = (path: string) => [...folders].some((f) => path.startsWith(`${f}/`));
  const globs: string[] = [];
  const filesByParent = new Map<string, Set<string>>();
  for (const { path, folder } of paths) {
    if (covered(path)) continue;
    if (folder) {
      globs.push(`${path}/${sourceGlob}`);
      continue;
    }
    const parent = path.slice(0, path.lastIndexOf('/') + 1);
    const names = filesByParent.get(parent) ?? new Set<string>();
    names.add(path.slice(parent.length));
    filesByParent.set(parent, names);
  }
  for (const [parent, names] of filesByParent)
    globs.push(names.size === 1 ? `${parent}${[...names][0]}` : `${parent}{${[...names].join(',')}}`);
  return [...new Set(globs)];
}

/** Resolves on the next turn of the event loop, after pending I/O. */
export function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Runs `work` on each item, yielding to the event loop whenever a slice has run `budgetMs`, so
 * the extension host answers other requests between slices. `cancelled` stops early.
 */
export async function inSlices<T>(
  items: Iterable<T>,
  work: (item: T) => void,
  budgetMs = 8,
  cancelled: () => boolean = () => false,
): Promise<void> {
  let sliceStart = performance.now();
  for (const item of items) {
    if (cancelled()) return;
    work(item);
    if (performance.now() - sliceStart >= budgetMs) {
      await yieldToLoop();
      sliceStart = performance.now();
    }
  }
}

/**
 * The paths (relative to `cwd`) git ignores, asked in one `git check-ignore --stdin` run. Git's own
 * fsmonitor hook is turned off, so a repository's config runs nothing. Undefined when git is not
 * there or `cwd` is not a repository: the caller then keeps every path.
 */
export async function gitIgnored(cwd: string, paths: readonly string[], git = 'git'): Promise<Set<string> | undefined> {
  if (paths.length === 0) return new Set();
  // 0: some paths ignored, 1: none, 128: not a repository (or another fatal error).
  const ignored = await nulSeparatedOutput(
    git,
    ['-c', 'core.fsmonitor=false', 'check-ignore', '--stdin', '-z'],
    cwd,
    paths.join('\0') + '\0',
  );
  return ignored && new Set(ignored);
}

/**
 * The NUL-separated fields a command prints on stdout, or undefined when it could not run or exited
 * with anything but 0 or 1 (for both git check-ignore and ripgrep, 1 means "none", not a failure).
 */
function nulSeparatedOutput(command: string, args: readonly string[], cwd: string, input?: string): Promise<string[] | undefined> {
  return new Promise((resolve) => {
    let child;
    try {
      child = spawn(command, args, { cwd, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'ignore'], windowsHide: true });
    } catch {
      resolve(undefined);
      return;
    }
    const out: Buffer[] = [];
    child.stdout?.on('data', (b: Buffer) => out.push(b));
    child.on('error', () => resolve(undefined));
    child.on('close', (code) => {
      if (code !== 0 && code !== 1) return resolve(undefined);
      resolve(
        Buffer.concat(out)
          .toString('utf8')
          .split('\0')
          .filter((p) => p !== ''),
      );
    });
    if (input !== undefined && child.stdin) {
      child.stdin.on('error', () => undefined);
      child.stdin.end(input);
    }
  });
}

export interface RipgrepListing {
  /** Globs of the files wanted, VS Code syntax (`**\/*.{js,ts}`). */
  include: string;
  /** Globs set to true in `files.exclude` and `search.exclude` (entries with `when` clauses are not given). */
  excludes: readonly string[];
  /** `search.useIgnoreFiles`: honour .gitignore, .ignore and .rgignore as VS Code's search does. */
  useIgnoreFiles: boolean;
  /** `search.followSymlinks`. */
  followSymlinks: boolean;
}

/**
 * The arguments VS Code's own file search gives ripgrep (ripgrepFileSearch.ts's getRgArgs): a glob
 * that does not start with `**` or `/` is anchored at the folder; nothing is read from a ripgrep
 * config file, the user's global ignore file or ignore files above the folder.
 */
export function ripgrepArgs(listing: RipgrepListing): string[] {
  const anchor = (glob: string) => (glob.startsWith('**') || glob.startsWith('/') ? glob : `/${glob}`);
  const args = [
    '--files',
    '--hidden',
    '--case-sensitive',
    '--no-config',
    '--no-ignore-global',
    '--no-ignore-parent',
    '-g',
    anchor(listing.include),
  ];
  for (const glob of listing.excludes) args.push('-g', `!${anchor(glob.replace(/\/+$/, ''))}`);
  if (!listing.useIgnoreFiles) args.push('--no-ignore');
  if (listing.followSymlinks) args.push('--follow');
  args.push('--null', '.');
  return args;
}

/**
 * The files under `cwd` ripgrep lists for `listing`, relative with `/` separators; undefined when
 * ripgrep could not run or failed (the caller then lists another way). Ripgrep reads no file's
 * content here and runs nothing from the folder.
 */
export async function ripgrepFiles(rg: string, cwd: string, listing: RipgrepListing): Promise<string[] | undefined> {
  // 0: files listed, 1: none, 2: an error (ripgrep still lists what it could, but the listing may be partial).
  const files = await nulSeparatedOutput(rg, ripgrepArgs(listing), cwd);
  return files?.map((p) => p.replace(/\\/g, '/').replace(/^\.\//, ''));
}
