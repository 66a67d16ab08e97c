/**
 * The Secret Store calls of every indexed file, by file. Plain Node: the VS Code layer
 * (codeInsight/workspaceIndexer.ts) finds and reads the files; this holds what the recognisers
 * found and answers "who reads this name", "which names does the code read", "which calls sit
 * under this folder". Files are keyed by URI string; only files with calls are kept.
 */
import { findReferences, supportedLanguageIds } from '../references/registry';
import type { IndexedReference, ReferenceScope, SecretReference } from '../references/types';

/** File extensions per VS Code language id; a language no recogniser reads is left out at run time. */
const EXTENSIONS: Record<string, readonly string[]> = {
  javascript: ['js', 'mjs', 'cjs'],
  javascriptreact: ['jsx'],
  typescript: ['ts', 'mts', 'cts'],
  typescriptreact: ['tsx'],
  python: ['py'],
  ruby: ['rb'],
  php: ['php'],
  go: ['go'],
  java: ['java'],
  csharp: ['cs'],
  shellscript: ['sh', 'bash'],
};

/** The language id a recogniser reads for this path, by its extension. */
export function languageOfPath(path: string): string | undefined {
  const dot = path.lastIndexOf('.');
  if (dot < 0 || dot < path.lastIndexOf('/')) return undefined;
  const ext = path.slice(dot + 1).toLowerCase();
  const supported = supportedLanguageIds();
  for (const [language, exts] of Object.entries(EXTENSIONS)) if (exts.includes(ext) && supported.includes(language)) return language;
  return undefined;
}

/** One glob of every extension a recogniser reads: `**\/*.{js,mjs,…}`. */
export function sourceGlob(): string {
  const supported = supportedLanguageIds();
  const exts = Object.entries(EXTENSIONS)
    .filter(([language]) => supported.includes(language))
    .flatMap(([, e]) => e);
  return `**/*.{${exts.join(',')}}`;
}

export type { IndexedReference } from '../references/types';

/** A scope type as the index groups names: user scopes with or without a literal id count as `user`. */
export type ScopeType = ReferenceScope['type'];

export class SecretIndex {
  private readonly files = new Map<string, IndexedReference[]>();
  private version = 0;

  /** Bumped whenever a file's calls change: cheap "did anything change" for views. */
  get generation(): number {
    return this.version;
  }

  /** Reads `text` as `languageId` and records its calls; returns whether they changed. */
  indexText(file: string, text: string, languageId: string): boolean {
    return this.set(file, findReferences(text, languageId));
  }

  set(file: string, refs: readonly SecretReference[]): boolean {
    const before = this.files.get(file);
    if (refs.length === 0) return this.delete(file);
    const next = refs.map((r) => ({ ...r, file }));
    if (before && sameRefs(before, next)) return false;
    this.files.set(file, next);
    this.version++;
    return true;
  }

  delete(file: string): boolean {
    if (!this.files.delete(file)) return false;
    this.version++;
    return true;
  }

  /** Drops every file at or under `prefix` (a folder's URI string); returns how many. */
  deleteUnder(prefix: string): number {
    const folder = prefix.endsWith('/') ? prefix : `${prefix}/`;
    let n = 0;
    for (const file of [...this.files.keys()]) {
      if (file === prefix || file.startsWith(folder)) {
        this.files.delete(file);
        n++;
      }
    }
    if (n > 0) this.version++;
    return n;
  }

  clear(): void {
    if (this.files.size === 0) return;
    this.files.clear();
    this.version++;
  }

  /** Files with at least one call. */
  fileCount(): number {
    return this.files.size;
  }

  all(): IndexedReference[] {
    return [...this.files.values()].flat();
  }

  referencesIn(file: string): readonly IndexedReference[] {
    return this.files.get(file) ?? [];
  }

  /**
   * Every use of `name` in a scope of `scopeType`, by file then position. A user scope whose id is
   * a literal matches only that user when `user` is given.
   */
  usesOf(name: string, scopeType: ScopeType, user?: string): IndexedReference[] {
    return sortRefs(
      this.all().filter(
        (r) =>
          r.name === name &&
          r.scope.type === scopeType &&
          (user === undefined || r.scope.type !== 'user' || r.scope.user === undefined || r.scope.user === user),
      ),
    );
  }

  /** The names the code reads or writes in scopes of `scopeType`, sorted. */
  names(scopeType: ScopeType): string[] {
    const names = new Set<string>();
    for (const r of this.all()) if (r.scope.type === scopeType) names.add(r.name);
    return [...names].sort();
  }

  /**
   * Whether any code may read `name` in this scope: an account-scope secret is read by account
   * calls, a user-scope one by user calls for that user or an id that is not a literal; a call
   * whose scope is not a literal may read either.
   */
  isRead(name: string, scope: { type: 'account' } | { type: 'user'; user: string }): boolean {
    for (const refs of this.files.values()) {
      for (const r of refs) {
        if (r.name !== name) continue;
        if (r.scope.type === 'unknown') return true;
        if (
          scope.type === 'account'
            ? r.scope.type === 'account'
            : r.scope.type === 'user' && (r.scope.user === undefined || r.scope.user === scope.user)
        )
          return true;
      }
    }
    return false;
  }

  /**
   * The calls in files under `folder` (a URI string) that are not under one of `nested` (deeper
   * folders that belong to another app), by file then position.
   */
  under(folder: string, nested: readonly string[] = []): IndexedReference[] {
    const prefix = folder.endsWith('/') ? folder : `${folder}/`;
    const inner = nested.map((n) => (n.endsWith('/') ? n : `${n}/`)).filter((n) => n !== prefix && n.startsWith(prefix));
    const out: IndexedReference[] = [];
    for (const [file, refs] of this.files) {
      if (file.startsWith(prefix) && !inner.some((n) => file.startsWith(n))) out.push(...refs);
    }
    return sortRefs(out);
  }
}

function sortRefs(refs: IndexedReference[]): IndexedReference[] {
  return refs.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.nameStart - b.nameStart));
}

function sameRefs(a: readonly IndexedReference[], b: readonly IndexedReference[]): boolean {
  if (a.length !== b.length) return false;
  return a.every((x, i) => {
    const y = b[i];
    return (
      x.name === y.name &&
      x.nameStart === y.nameStart &&
      x.call === y.call &&
      x.start.line === y.start.line &&
      x.start.character === y.start.character &&
      JSON.stringify(x.scope) === JSON.stringify(y.scope)
    );
  });
}
