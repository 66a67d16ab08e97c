import * as fs from 'node:fs';
import * as path from 'node:path';

/** The version the tests run against: the last code-server line on Node 20 (it bundles VS Code 1.99.3). */
export const CODE_SERVER_VERSION = '4.99.4';

function findRepoRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === 'stripe-app-secrets') return dir;
    if (path.dirname(dir) === dir) throw new Error(`No stripe-app-secrets package.json above ${start}`);
  }
}

/** The extension's folder, found from here whether running from test/ (ts) or out/test/ (js). */
export const REPO_ROOT = findRepoRoot(__dirname);

export const CODE_SERVER_DIR = path.join(REPO_ROOT, '.vscode-test', `code-server-${CODE_SERVER_VERSION}`);
export const CODE_SERVER_ENTRY = path.join(CODE_SERVER_DIR, 'node_modules', 'code-server', 'out', 'node', 'entry.js');

export const VSIX_PATH = path.join(REPO_ROOT, 'stripe-app-secrets.vsix');
/** Where the flows save their pictures: ignored by git. `npm run screenshots` copies them to README_SCREENSHOTS_DIR. */
export const SCREENSHOTS_DIR = path.join(REPO_ROOT, 'test-results', 'screenshots');
export const README_SCREENSHOTS_DIR = path.join(REPO_ROOT, 'docs', 'screenshots');

/** Throws with the command to run when the setup script has not installed code-server. */
export function assertCodeServerInstalled(): void {
  if (!fs.existsSync(CODE_SERVER_ENTRY)) {
    throw new Error(`code-server ${CODE_SERVER_VERSION} is not installed at ${CODE_SERVER_DIR}: run \`npm run setup\` first.`);
  }
}
