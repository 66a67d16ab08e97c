/**
 * Writing a file of secret values where the person chose, and asking git whether it would be
 * committed. Plain Node.
 */
import { execFile } from 'node:child_process';
import { open } from 'node:fs/promises';

/** Owner read/write only, set before the first byte is written, also on a file that existed. */
export async function writePrivateFile(file: string, content: string): Promise<void> {
  const handle = await open(file, 'w', 0o600);
  try {
    await handle.chmod(0o600);
    await handle.writeFile(content, 'utf8');
  } finally {
    await handle.close();
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
    execFile('git', ['-c', 'core.fsmonitor=false', 'check-ignore', '-q', '--', file], { cwd: folder, timeout: timeoutMs, windowsHide: true }, (error, _stdout, stderr) => {
      if (!error) return resolve({ ignored: true });
      const code: unknown = (error as { code?: unknown }).code;
      if (code === 'ENOENT') return resolve({ ignored: false, reason: 'git is not installed, so nothing tells whether it would be committed' });
      if (code === 1) return resolve({ ignored: false, reason: 'git does not ignore it, so it could be committed' });
      if (/not a git repository/i.test(String(stderr))) return resolve({ ignored: false, reason: 'the folder is not a git repository yet, so nothing ignores it' });
      resolve({ ignored: false, reason: 'git could not tell whether it is ignored' });
    });
  });
}
