/**
 * The host layer's entry, the standard @vscode/test-electron way:
 *   node out/test/host/index.js [--grep PATTERN] [--download [VSCODE_VERSION]]
 * Where code-server is installed (npm run setup), runTests launches test/host/launcher/code.sh as
 * "VS Code", which runs the suite in code-server + Chromium. Elsewhere, or with --download, it
 * downloads desktop VS Code (default 1.99.3, the version code-server bundles) and runs it there.
 * Exits with the suite's code; the launcher prints `host: N passed, N failed`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { CODE_SERVER_ENTRY, REPO_ROOT } from '../e2e/lib/paths';
import { GREP_ENV } from './suite/protocol';

export const LAUNCHER = path.join(REPO_ROOT, 'test', 'host', 'launcher', 'code.sh');

interface EntryArgs {
  grep?: string;
  download: boolean;
  version: string;
}

function parseArgs(argv: string[]): EntryArgs {
  const args: EntryArgs = { download: false, version: '1.99.3' };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--grep' && argv[i + 1] !== undefined) args.grep = argv[++i];
    else if (argv[i] === '--download') {
      args.download = true;
      if (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--')) args.version = argv[++i];
    } else throw new Error(`Unknown argument ${argv[i]} (use --grep PATTERN, --download [VERSION])`);
  }
  return args;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'sas-host-'));
  const workspace = path.join(scratch, 'ws');
  fs.mkdirSync(workspace);
  const launcher = !args.download && fs.existsSync(CODE_SERVER_ENTRY);
  try {
    await runTests({
      ...(launcher ? { vscodeExecutablePath: LAUNCHER } : { version: args.version }),
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: path.join(__dirname, 'suite', 'index.js'),
      // A fresh, empty folder, a fresh profile and no other extensions.
      launchArgs: [
        workspace,
        '--disable-extensions',
        `--user-data-dir=${path.join(scratch, 'ud')}`,
        `--extensions-dir=${path.join(scratch, 'ext')}`,
      ],
      ...(args.grep ? { extensionTestsEnv: { [GREP_ENV]: args.grep } } : {}),
    });
    return 0;
  } catch (err) {
    // runTests rejects with the exit code when "VS Code" exits non-zero; the suite has reported why.
    const code = (err as { code?: unknown }).code;
    console.error(
      `host (${launcher ? 'test-electron + code-server launcher' : 'test-electron'}): ${err instanceof Error ? err.message : String(err)}`,
    );
    return typeof code === 'number' && code !== 0 ? code : 1;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error('host:', err);
      process.exit(1);
    },
  );
}
