/**
 * Prints how long activation of the packaged extension takes in the real extension host (code-server
 * 4.99.4 = VS Code 1.99.3), next to a minimal extension activated the same way, over several rounds,
 * each a fresh window. Target: at most 50 ms. Run with `npm run bench` (after `npm run setup`).
 *   node out/test/bench/activation.bench.js [ROUNDS]
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EXTENSION_ID } from '../../src/constants';
import { REPO_ROOT } from '../e2e/lib/paths';
import { defaultHostRunOptions, runHostSuite } from '../host/runHostTests';
import { BENCH_EXTENSION_ENV, SAMPLE_MARKER, type ActivationSample } from './activation/protocol';

const TARGET_MS = 50;
const EMPTY_ID = 'stripe-app-secrets-bench.empty';

/**
 * The baseline: the least a real extension does, with the same engine: it requires `vscode` (the
 * host builds the API object for it on that first require) and registers one command.
 */
function writeEmptyExtension(dir: string): void {
  const manifest = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { engines: unknown };
  const [publisher, name] = EMPTY_ID.split('.');
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name, publisher, version: '0.0.1', engines: manifest.engines, main: './extension.js', activationEvents: [] }),
  );
  fs.writeFileSync(
    path.join(dir, 'extension.js'),
    "const vscode = require('vscode');\nexports.activate = (context) => context.subscriptions.push(vscode.commands.registerCommand('benchEmpty.noop', () => undefined));\n",
  );
}

async function sample(extension: string, id: string): Promise<number> {
  process.env[BENCH_EXTENSION_ENV] = id;
  let found: ActivationSample | undefined;
  const options = {
    ...defaultHostRunOptions(),
    extension,
    tests: path.join(__dirname, 'activation', 'measure.js'),
    timeoutSeconds: 120,
    onLog: (text: string) => {
      const at = text.indexOf(SAMPLE_MARKER);
      if (at >= 0) found = JSON.parse(text.slice(at + SAMPLE_MARKER.length)) as ActivationSample;
    },
  };
  const code = await runHostSuite(options);
  if (found?.ms === undefined)
    throw new Error(`no activation figure for ${id} (exit ${code}): ${found?.error ?? 'the host reported nothing'}`);
  return found.ms;
}

function stats(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  const f = (v: number) => `${v.toFixed(1).padStart(6)} ms`;
  return `min ${f(sorted[0])}  median ${f(median)}  max ${f(sorted[sorted.length - 1])}`;
}

async function main(): Promise<void> {
  const rounds = Number(process.argv[2] ?? 5);
  // What ships: the minified bundle, as `vsce package` builds it.
  const build = spawnSync(process.execPath, ['esbuild.mjs', '--production'], { cwd: REPO_ROOT, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`the production build failed:\n${build.stdout}${build.stderr}`);
  const bundle = fs.statSync(path.join(REPO_ROOT, 'dist', 'extension.js')).size;
  const emptyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sas-empty-ext-'));
  writeEmptyExtension(emptyDir);
  const ours: number[] = [];
  const empty: number[] = [];
  try {
    // Interleaved, so a busy moment on the machine weighs on both alike.
    for (let i = 0; i < rounds; i++) {
      ours.push(await sample(REPO_ROOT, EXTENSION_ID));
      empty.push(await sample(emptyDir, EMPTY_ID));
      console.log(`round ${i + 1}/${rounds}: Stripe App Secrets ${ours[i].toFixed(1)} ms, minimal extension ${empty[i].toFixed(1)} ms`);
    }
  } finally {
    fs.rmSync(emptyDir, { recursive: true, force: true });
  }
  console.log('');
  console.log(
    `Activation in the real extension host (code-server 4.99.4 / VS Code 1.99.3), Extension.activate() until it resolves, ${rounds} fresh windows each:`,
  );
  console.log(`  Stripe App Secrets (dist/extension.js ${(bundle / 1024).toFixed(1)} KiB): ${stats(ours)}   target <= ${TARGET_MS} ms`);
  console.log(`  minimal extension (baseline):         ${stats(empty)}`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
