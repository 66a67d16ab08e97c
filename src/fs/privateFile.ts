/**
 * Writing a file of secret values where the person chose, and asking git whether it would be
 * committed. Plain Node.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, open, readlink, realpath, rename, unlink } from 'node:fs/promises';
import * as path from 'node:path';

/**
 * Why the export must not write to `file`, or undefined when it may: a symbolic link (dangling or
 * not) would send the values to another file, anything but a regular file is no .env, and a file
 * with other hard links would show them under another name too.
 */
export async function privateFileProblem(file: string): Promise<string | undefined> {
  const name = path.basename(file);
  let stat;
  try {
    stat = await lstat(file);
  } catch (e) {
    if ((e as { code?: unknown }).code === 'ENOENT') return undefined;
    throw e;
  }
  if (stat.isSymbolicLink()) {
    const target = await readlink(file).catch(() => undefined);
    return `${name} is a symbolic link${target !== undefined ? ` to ${target}` : ''}, so the values would be written to another file. Choose a new file name, or remove the link first.`;
  }
  if (!stat.isFile()) return `${name} is not a regular file (a folder, pipe or device). Choose a file name.`;
  if (stat.nlink > 1) {
    const others = stat.nlink - 1;
    return `${name} has ${others === 1 ? 'another hard link' : `${others} other hard links`}, so the values would also appear under another name. Choose a new file name, or remove the other links first.`;
  }
  return undefined;
}

/** The path with its folder's symbolic links resolved (the file itself is checked by privateFileProblem). */
export async function realTargetPath(file: string): Promise<string> {
  return path.join(await realpath(path.dirname(file)), path.basename(file));
}

/**
 * Writes a new file next to the target (created exclusively, never through a link, owner-only from
 * the start) and renames it over the target, which is checked first and again right before.
 */
export async function writePrivateFile(file: string, content: string): Promise<void> {
  const before = await privateFileProblem(file);
  if (before) throw new Error(before);
  const target = await realTargetPath(file);
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY | (constants.O_NOFOLLOW ?? 0), 0o600);
  let renamed = false;
  try {
    try {
      await handle.chmod(0o600);
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    const now = await privateFileProblem(target);
    if (now) throw new Error(now);
    await rename(temp, target);
    renamed = true;
  } finally {
    if (!renamed) await unlink(temp).catch(() => undefined);
  }
}

/** `ignored` when git ignores the file; otherwise why the file could end up committed. */
export type GitIgnoreState = { ignored: true } | { ignored: false; reason: string };

/**
 * Asks `git check-ignore` in `folder`. A tracked file counts as not ignored, as git would commit
 * its changes. The repository's own fsmonitor hook is switched off: the workspace is untrusted input.
 */
export function gitIgnoreState(folder: string, file: string, timeoutMs = 10_000): Promise<GitIgnoreState> {
  return new Promise((resolve) => {
    execFile(
      'git',
      ['-c', 'core.fsmonitor=false', 'check-ignore', '-q', '--', file],
      { cwd: folder, timeout: timeoutMs, windowsHide: true },
      (error, _stdout, stderr) => {
        if (!error) return resolve({ ignored: true });
        const code: unknown = (error as { code?: unknown }).code;
        if (code === 'ENOENT')
          return resolve({ ignored: false, reason: 'git is not installed, so nothing tells whether it would be committed' });
        if (code === 1) return resolve({ ignored: false, reason: 'git does not ignore it, so it could be committed' });
        if (/not a git repository/i.test(String(stderr)))
          return resolve({ ignored: false, reason: 'the folder is not a git repository yet, so nothing ignores it' });
        resolve({ ignored: false, reason: 'git could not tell whether it is ignored' });
      },
    );
  });
}
