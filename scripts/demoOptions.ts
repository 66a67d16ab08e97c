/** The demo's command line and its network rule, apart from demo.ts so they are unit-tested. */
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

/**
 * How code-server authenticates: none on a loopback address (only this machine can reach it);
 * anywhere else the demo serves a VS Code with a terminal to the network, so a password is required.
 */
export function demoAuth(host: string, password: string | undefined): { auth: 'none' | 'password' } | { error: string } {
  if (isLoopbackHost(host)) return { auth: password ? 'password' : 'none' };
  if (!password) {
    return { error: `--host ${host} would serve VS Code, terminal included, to the network: set PASSWORD=… (code-server's --auth password), or use the default 127.0.0.1.` };
  }
  return { auth: 'password' };
}
