/** The demo's command line and its network rule, apart from demo.ts so they are unit-tested. */
import { randomBytes } from 'node:crypto';
import { isLoopbackHost } from '../src/model/validation';

export interface DemoOptions {
  port?: number;
  host: string;
}

export function parseDemoArgs(argv: readonly string[]): DemoOptions {
  const out: DemoOptions = { host: '127.0.0.1' };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--port' && /^\d+$/.test(argv[i + 1] ?? '')) out.port = Number(argv[++i]);
    else if (argv[i] === '--host' && argv[i + 1]) out.host = argv[++i];
    else throw new Error(`Unknown argument ${argv[i]}: use --port N and --host ADDRESS`);
  }
  return out;
}

/** A fresh password for each run: 24 URL-safe characters, 144 bits. */
export function randomPassword(): string {
  return randomBytes(18).toString('base64url');
}

/**
 * code-server always asks for a password: even on loopback, another local user or a web page using
 * DNS rebinding would otherwise get a VS Code with a terminal. On loopback it is random per run (or
 * PASSWORD when set); anywhere else the demo serves to the network, so PASSWORD must be chosen.
 */
export function demoAuth(
  host: string,
  password: string | undefined,
  random: () => string = randomPassword,
): { auth: 'password'; password: string; generated: boolean } | { error: string } {
  if (password) return { auth: 'password', password, generated: false };
  if (isLoopbackHost(host)) return { auth: 'password', password: random(), generated: true };
  return {
    error: `--host ${host} would serve VS Code, terminal included, to the network: set PASSWORD=… (code-server's --auth password), or use the default 127.0.0.1.`,
  };
}
