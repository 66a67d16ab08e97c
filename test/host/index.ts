/**
 * The same host suite under desktop VS Code, the standard @vscode/test-electron way, for a machine
 * that can download VS Code (these build machines cannot; they use runHostTests.ts instead):
 *   npx tsc -p . && node esbuild.mjs && node out/test/host/index.js [VSCODE_VERSION]
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { REPO_ROOT } from '../e2e/lib/paths';

async function main(): Promise<void> {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'sas-host-ws-'));
  try {
    await runTests({
      // The version the code-server runs test against (VS Code 1.99.3); `stable` also works.
      version: process.argv[2] ?? '1.99.3',
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: path.join(__dirname, 'suite', 'index.js'),
      // A fresh, empty folder and no other extensions, as in the code-server runs.
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome'],
    });
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error('host (electron):', err);
  process.exit(1);
});
