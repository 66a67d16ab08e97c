/**
 * The leak check: after a flow, no file the session wrote may hold the API key or a secret value
 * it handled, raw or base64-encoded. Plain Node, so it is unit-tested without a browser
 * (test/e2e/flows/leakCheck.test.ts).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Files larger than this are read only up to it (none of the session's files comes close). */
const MAX_BYTES = 64 * 1024 * 1024;

/**
 * The byte strings that betray `marker`: its UTF-8 and UTF-16LE bytes, and its base64 form at each
 * of the three byte alignments it can have inside a larger encoded blob (only the characters that
 * depend on the marker's bytes alone, so the neighbours do not matter).
 */
export function needles(marker: string): Buffer[] {
  const raw = Buffer.from(marker, 'utf8');
  const out = [raw, Buffer.from(marker, 'utf16le')];
  for (let shift = 0; shift < 3; shift++) {
    const encoded = Buffer.concat([Buffer.alloc(shift), raw]).toString('base64');
    const start = shift === 0 ? 0 : 4;
    const end = 4 * Math.floor((shift + raw.length) / 3);
    out.push(Buffer.from(encoded.slice(start, end), 'ascii'));
  }
  return out;
}

export interface LeakScan {
  /** Folders scanned whole (the session's user-data, extensions and workspace folders). */
  roots: string[];
  /** A temp folder: entries not in `tmpBefore` are scanned whole, older top-level files when modified since `since`. */
  tmpDir?: string;
  tmpBefore?: ReadonlySet<string>;
  since?: number;
  /** Paths never read (the browser profile: in the web workbench it IS the SecretStorage). */
  exclude: string[];
  markers: Record<string, string>;
}

export interface Leak {
  file: string;
  /** The names (keys of `markers`) found in it, never the values. */
  found: string[];
}

/** Names of the entries of a temp folder now, to tell later which ones a session created. */
export function snapshotDir(dir: string): Set<string> {
  return new Set(fs.readdirSync(dir));
}

/** Every file under the scanned places that holds a marker. */
export function findLeaks(scan: LeakScan): Leak[] {
  const excluded = scan.exclude.map((p) => path.resolve(p));
  const isExcluded = (p: string) => excluded.some((e) => p === e || p.startsWith(e + path.sep));
  const files = new Set<string>();
  const walk = (p: string): void => {
    const resolved = path.resolve(p);
    if (isExcluded(resolved)) return;
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(resolved);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      let entries: string[] = [];
      try {
        entries = fs.readdirSync(resolved);
      } catch {
        return;
      }
      for (const e of entries) walk(path.join(resolved, e));
    } else if (stat.isFile()) {
      files.add(resolved);
    }
  };
  for (const root of scan.roots) walk(root);
  if (scan.tmpDir) {
    for (const entry of fs.readdirSync(scan.tmpDir)) {
      const p = path.join(scan.tmpDir, entry);
      if (!scan.tmpBefore?.has(entry)) {
        walk(p);
        continue;
      }
      try {
        const stat = fs.lstatSync(p);
        if (stat.isFile() && stat.mtimeMs >= (scan.since ?? 0)) walk(p);
      } catch {
        // Gone meanwhile.
      }
    }
  }

  const patterns = Object.entries(scan.markers).map(([name, value]) => ({ name, needles: needles(value) }));
  const leaks: Leak[] = [];
  for (const file of [...files].sort()) {
    const content = readHead(file);
    if (!content) continue;
    const found = patterns.filter((p) => p.needles.some((n) => content.includes(n))).map((p) => p.name);
    if (found.length > 0) leaks.push({ file, found });
  }
  return leaks;
}

function readHead(file: string): Buffer | undefined {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const size = Math.min(fs.fstatSync(fd).size, MAX_BYTES);
    const buffer = Buffer.alloc(size);
    let read = 0;
    while (read < size) {
      const n = fs.readSync(fd, buffer, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    return buffer.subarray(0, read);
  } catch {
    // A socket, or a file removed since the walk.
    return undefined;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** "file (apiKey, value)" lines for an assertion message. */
export function describeLeaks(leaks: readonly Leak[]): string {
  return leaks.map((l) => `${l.file} (${l.found.join(', ')})`).join('\n');
}
