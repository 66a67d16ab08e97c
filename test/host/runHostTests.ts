/**
 * Runs the host suite (out/test/host/suite/index.js) inside a real VS Code: code-server 4.99.4
 * (VS Code 1.99.3) driven by Chromium, because @vscode/test-electron cannot download VS Code here.
 *
 *   node out/test/host/runHostTests.js [--grep PATTERN] [--timeout SECONDS] [--extension DIR] [--tests FILE] [--keep]
 *
 * Prints the suite's output, then `host: N passed, N failed`, and exits with the suite's code.
 * `npm test` reaches runHostSuite through @vscode/test-electron (test/host/index.ts and its launcher).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { format } from 'node:util';
import { launchBrowser, type BrowserHandle } from '../e2e/lib/browser';
import { startCodeServer, type CodeServerHandle } from '../e2e/lib/codeServer';
import { REPO_ROOT } from '../e2e/lib/paths';
import { GREP_ENV, RESULT_MARKER, type HostResult } from './suite/protocol';

/** Workbench chatter that reaches codeAutomationLog too. */
const NOISE = [
  /^Resolving connection token/,
  /^Resolved connection token/,
  /^Creating a socket/,
  /^ChatSessionStore/,
  /^Updating additional builtin extensions cache/,
  /^\[Service Worker\]/,
  /ENOTFOUND open-vsx\.org/,
  /Long running operations during shutdown/,
  /vsda/,
  /^Creation of workbench contribution/,
  /open-vsx\.org/,
  /Failed to load resource: net::ERR_NAME_NOT_RESOLVED/,
];

export interface HostRunOptions {
  /** The extension's folder (extensionDevelopmentPath). */
  extension: string;
  /** The suite's entry (extensionTestsPath). */
  tests: string;
  /** The folder the window opens; default a fresh empty one, removed afterwards. */
  workspace?: string;
  grep?: string;
  timeoutSeconds: number;
  keep: boolean;
  /** Receives what the suite logs instead of stdout/stderr (the benchmarks read their figures from it). */
  onLog?: (text: string, type: string) => void;
}

export function defaultHostRunOptions(): HostRunOptions {
  return {
    extension: REPO_ROOT,
    tests: path.join(REPO_ROOT, 'out', 'test', 'host', 'suite', 'index.js'),
    timeoutSeconds: Number(process.env.HOST_TEST_TIMEOUT ?? 300),
    keep: false,
  };
}

function parseArgs(argv: string[]): HostRunOptions {
  const args = defaultHostRunOptions();
  for (let i = 0; i < argv.length; i++) {
    const next = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${argv[i - 1]} needs a value`);
      return v;
    };
    switch (argv[i]) {
      case '--extension':
        args.extension = path.resolve(next());
        break;
      case '--tests':
        args.tests = path.resolve(next());
        break;
      case '--grep':
        args.grep = next();
        break;
      case '--timeout':
        args.timeoutSeconds = Number(next());
        break;
      case '--keep':
        args.keep = true;
        break;
      default:
        throw new Error(`Unknown argument ${argv[i]} (use --grep, --timeout, --extension, --tests, --keep)`);
    }
  }
  return args;
}

/** The same URL VS Code's own browser integration tests open. */
export function hostTestUrl(server: CodeServerHandle, workspace: string, extensionPath: string, testsPath: string): string {
  const remote = (p: string): string => `vscode-remote://${server.host}:${server.port}${p}`;
  const payload = [
    ['extensionDevelopmentPath', remote(extensionPath)],
    ['extensionTestsPath', remote(testsPath)],
    ['skipWelcome', 'true'],
  ];
  return `${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/** One run of the suite in code-server + Chromium; resolves to the exit code (0 only when every test passed). */
export async function runHostSuite(args: HostRunOptions): Promise<number> {
  const started = Date.now();
  const manifest = JSON.parse(fs.readFileSync(path.join(args.extension, 'package.json'), 'utf8')) as { main?: string };
  for (const required of [args.tests, ...(manifest.main ? [path.join(args.extension, manifest.main)] : [])]) {
    if (!fs.existsSync(required)) throw new Error(`${required} is missing: build first (npm run build && npx tsc -p .).`);
  }

  const workspace = args.workspace ?? fs.mkdtempSync(path.join(os.tmpdir(), 'sas-host-ws-'));
  const tail: string[] = [];
  const remember = (line: string): void => {
    if (NOISE.some((re) => re.test(line))) return;
    tail.push(line);
    if (tail.length > 80) tail.shift();
  };
  let server: CodeServerHandle | undefined;
  let browser: BrowserHandle | undefined;
  let result: HostResult | undefined;
  try {
    server = await startCodeServer({
      env: args.grep ? { [GREP_ENV]: args.grep } : {},
      keepScratch: args.keep,
      onOutput: (line) => remember(`[code-server] ${line}`),
    });
    browser = await launchBrowser();
    const page = browser.page;

    const exitCode = new Promise<number>((resolve) => {
      // eslint-disable-next-line @typescript-eslint/no-floating-promises -- the exposed function resolves exitCode, which is awaited
      void page.exposeFunction('codeAutomationExit', (code: number) => resolve(code));
    });
    await page.exposeFunction('codeAutomationLog', (type: string, logArgs: unknown[]) => {
      const text = format(...(Array.isArray(logArgs) ? logArgs : [logArgs]));
      if (NOISE.some((re) => re.test(text))) return;
      remember(text);
      const at = text.indexOf(RESULT_MARKER);
      if (at >= 0) {
        result = JSON.parse(text.slice(at + RESULT_MARKER.length)) as HostResult;
        return;
      }
      if (args.onLog) args.onLog(text, type);
      else (type === 'error' ? process.stderr : process.stdout).write(text.endsWith('\n') ? text : `${text}\n`);
    });
    page.on('pageerror', (err) => remember(`[page error] ${err.message}`));
    page.on('console', (msg) => {
      if (msg.type() === 'error') remember(`[console] ${msg.text()}`);
    });

    // A machine running several suites at once can take more than the default 30 s to load the workbench.
    await page.goto(hostTestUrl(server, workspace, args.extension, args.tests), { timeout: 120_000 });

    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`host suite did not finish within ${args.timeoutSeconds} s`)), args.timeoutSeconds * 1000);
    });
    let code: number;
    try {
      code = await Promise.race([exitCode, timeout]);
    } finally {
      clearTimeout(timer);
    }
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (!result) {
      console.error(`host: the suite exited with code ${code} without reporting results; last output:\n${tail.join('\n')}`);
      console.log(`host: 0 passed, 0 failed, suite did not run (${seconds} s)`);
      return code === 0 ? 1 : code;
    }
    console.log(
      `host: ${result.passed} passed, ${result.failed} failed${result.pending ? `, ${result.pending} pending` : ''} (${seconds} s)`,
    );
    return code !== 0 || result.failed > 0 ? 1 : 0;
  } catch (err) {
    console.error(`host: ${err instanceof Error ? err.message : String(err)}\nlast output:\n${tail.join('\n')}`);
    console.log('host: 0 passed, 1 failed (the run itself failed)');
    return 1;
  } finally {
    await browser?.close();
    await server?.stop();
    if (!args.keep && args.workspace === undefined) fs.rmSync(workspace, { recursive: true, force: true });
  }
}

if (require.main === module) {
  Promise.resolve()
    .then(() => runHostSuite(parseArgs(process.argv.slice(2))))
    .then(
      (code) => process.exit(code),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
}
