/**
 * What test/host/launcher/code.sh runs: it reads the command line @vscode/test-electron gives VS Code
 * (runTest.js: launchArgs, then its own flags, then the profile dirs) and runs the same suite through
 * runHostSuite (code-server + Chromium), exiting with the suite's code as VS Code would.
 */
import * as path from 'node:path';
import { defaultHostRunOptions, runHostSuite, type HostRunOptions } from '../runHostTests';
import { GREP_ENV } from '../suite/protocol';

export class LauncherUsageError extends Error {}

/**
 * Flags that change nothing here. The sandbox, GPU, update, welcome, release-notes and trust flags
 * concern desktop Electron; code-server starts with no other extension, trust off and a fresh
 * profile (user data and extensions in a scratch folder) on every run.
 */
const IGNORED_FLAGS = new Set([
  '--no-sandbox',
  '--disable-gpu-sandbox',
  '--disable-gpu',
  '--disable-updates',
  '--skip-welcome',
  '--skip-release-notes',
  '--disable-workspace-trust',
  '--disable-extensions',
  '--disable-telemetry',
  '--new-window',
  '--wait',
]);
const IGNORED_VALUE_FLAGS = new Set(['--user-data-dir', '--extensions-dir', '--crash-reporter-directory', '--logsPath']);

export function parseLauncherArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): HostRunOptions {
  const options = defaultHostRunOptions();
  const developmentPaths: string[] = [];
  let tests: string | undefined;
  const folders: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const eq = arg.indexOf('=');
    const [flag, inline] = arg.startsWith('--') && eq > 0 ? [arg.slice(0, eq), arg.slice(eq + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new LauncherUsageError(`${flag} needs a value.`);
      return v;
    };
    if (flag === '--extensionDevelopmentPath') developmentPaths.push(path.resolve(value()));
    else if (flag === '--extensionTestsPath') tests = path.resolve(value());
    else if (IGNORED_FLAGS.has(flag)) continue;
    else if (IGNORED_VALUE_FLAGS.has(flag)) value();
    else if (flag.startsWith('-'))
      throw new LauncherUsageError(`Unknown argument ${arg}: the code-server launcher does not know what it would change.`);
    else folders.push(path.resolve(arg));
  }
  if (developmentPaths.length !== 1)
    throw new LauncherUsageError(`Exactly one --extensionDevelopmentPath is supported, not ${developmentPaths.length}.`);
  if (tests === undefined) throw new LauncherUsageError('--extensionTestsPath is missing: the launcher only runs extension tests.');
  if (folders.length > 1) throw new LauncherUsageError(`One workspace folder at most, not ${folders.length}.`);
  options.extension = developmentPaths[0];
  options.tests = tests;
  if (folders.length === 1) options.workspace = folders[0];
  // test-electron hands extensionTestsEnv to "VS Code" as its environment; the suite reads the grep from there.
  if (env[GREP_ENV]) options.grep = env[GREP_ENV];
  return options;
}

if (require.main === module) {
  Promise.resolve()
    .then(() => runHostSuite(parseLauncherArgs(process.argv.slice(2))))
    .then(
      (code) => process.exit(code),
      (err: unknown) => {
        console.error(`code launcher: ${err instanceof Error ? err.message : String(err)}`);
        process.exit(err instanceof LauncherUsageError ? 2 : 1);
      },
    );
}
