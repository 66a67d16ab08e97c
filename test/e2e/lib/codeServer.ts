import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { assertCodeServerInstalled, CODE_SERVER_ENTRY } from './paths';

export interface CodeServerOptions {
  /** Default 0: code-server picks a free port and we read it from its log. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Extra environment for code-server; it reaches the extension host. */
  env?: Record<string, string>;
  /** User settings merged over the quiet defaults below. */
  settings?: Record<string, unknown>;
  /** .vsix files or extension folders to install into the fresh extensions dir before starting. */
  install?: string[];
  /** The folder to open when the URL names none. */
  folder?: string;
  /** Keep the scratch folder after stop (for debugging). */
  keepScratch?: boolean;
  /** Called with every line code-server prints. */
  onOutput?: (line: string) => void;
  /** Default none; `password` makes code-server ask for $PASSWORD (pass it in `env`). */
  auth?: 'none' | 'password';
}

export interface CodeServerHandle {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  host: string;
  port: number;
  /** Scratch folder holding user-data, extensions and XDG config; removed on stop. */
  scratchDir: string;
  userDataDir: string;
  extensionsDir: string;
  /** The last lines code-server printed, for error messages. */
  output(): string[];
  stop(): Promise<void>;
}

/** Settings that keep the workbench free of welcome pages, tips and network lookups. */
export const QUIET_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'chat.commandCenter.enabled': false,
};

const MAX_OUTPUT_LINES = 200;

function baseArgs(userDataDir: string, extensionsDir: string, auth: 'none' | 'password' = 'none'): string[] {
  return [
    CODE_SERVER_ENTRY,
    '--auth',
    auth,
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
  ];
}

function runToEnd(args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`code-server ${args.slice(-2).join(' ')} exited ${code}:\n${out}`)),
    );
  });
}

/** Starts code-server with a fresh profile under a temp folder and resolves once it serves. */
export async function startCodeServer(options: CodeServerOptions = {}): Promise<CodeServerHandle> {
  assertCodeServerInstalled();
  const host = options.host ?? '127.0.0.1';
  // Short prefix: code-server puts a unix socket in the user-data dir (108-byte path limit).
  const scratchDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sas-cs-'));
  const userDataDir = path.join(scratchDir, 'ud');
  const extensionsDir = path.join(scratchDir, 'ext');
  const xdgConfig = path.join(scratchDir, 'xdg');
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.mkdirSync(extensionsDir, { recursive: true });
  fs.mkdirSync(xdgConfig, { recursive: true });
  fs.writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify({ ...QUIET_SETTINGS, ...options.settings }, null, 2));
  // A machine-scoped setting is read from the server's Machine settings in a remote window such as
  // code-server's, never from User: without this, walkthroughs (ours too) open on install.
  fs.mkdirSync(path.join(userDataDir, 'Machine'), { recursive: true });
  fs.writeFileSync(
    path.join(userDataDir, 'Machine', 'settings.json'),
    JSON.stringify({ 'workbench.welcomePage.walkthroughs.openOnInstall': false }, null, 2),
  );

  // Without this code-server writes ~/.config/code-server/config.yaml.
  const env: NodeJS.ProcessEnv = { ...process.env, XDG_CONFIG_HOME: xdgConfig, ...options.env };
  const cleanup = (): void => {
    if (!options.keepScratch) fs.rmSync(scratchDir, { recursive: true, force: true });
  };

  try {
    for (const ext of options.install ?? []) {
      await runToEnd([...baseArgs(userDataDir, extensionsDir), '--install-extension', path.resolve(ext)], env);
    }
  } catch (err) {
    cleanup();
    throw err;
  }

  const args = [
    ...baseArgs(userDataDir, extensionsDir, options.auth),
    '--bind-addr',
    `${host}:${options.port ?? 0}`,
    '--ignore-last-opened',
  ];
  if (options.folder) args.push(options.folder);
  // detached: its own process group, so stop() also ends the extension host and other children.
  const child: ChildProcess = spawn(process.execPath, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let exited = false;
  const exitPromise = new Promise<void>((resolve) =>
    child.on('exit', () => {
      exited = true;
      resolve();
    }),
  );

  const port = await new Promise<number>((resolve, reject) => {
    const onLine = (line: string): void => {
      lines.push(line);
      if (lines.length > MAX_OUTPUT_LINES) lines.shift();
      options.onOutput?.(line);
      const match = /HTTP server listening on https?:\/\/[^\s/]+:(\d+)/.exec(line);
      if (match) resolve(Number(match[1]));
    };
    for (const stream of [child.stdout, child.stderr]) {
      let partial = '';
      stream?.on('data', (d: Buffer) => {
        const parts = (partial + d.toString()).split('\n');
        partial = parts.pop() ?? '';
        parts.forEach(onLine);
      });
    }
    child.on('error', reject);
    // eslint-disable-next-line @typescript-eslint/no-floating-promises -- rejects the start when code-server exits first; the start promise is what is awaited
    void exitPromise.then(() => reject(new Error(`code-server exited before serving:\n${lines.join('\n')}`)));
    setTimeout(() => reject(new Error(`code-server did not start within 30 s:\n${lines.join('\n')}`)), 30_000).unref();
  }).catch(async (err: unknown) => {
    killGroup(child, 'SIGKILL');
    cleanup();
    throw err;
  });

  const url = `http://${host}:${port}`;
  await waitUntilServing(`${url}/healthz`);

  return {
    url,
    host,
    port,
    scratchDir,
    userDataDir,
    extensionsDir,
    output: () => [...lines],
    async stop() {
      if (!exited) {
        killGroup(child, 'SIGTERM');
        const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5_000);
        await exitPromise;
        clearTimeout(timer);
        // The extension host may outlive its parent for a moment; end the rest of the group.
        killGroup(child, 'SIGKILL');
      }
      cleanup();
    },
  };
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

async function waitUntilServing(url: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
      last = new Error(`HTTP ${res.status}`);
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`code-server never answered ${url}: ${String(last)}`);
}
