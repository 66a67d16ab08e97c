/**
 * Starts the demo (scripts/demo.sh builds and packages first): an emulator with demo data, and
 * code-server with the .vsix installed, told the emulator's URL through STRIPE_SECRETS_DEMO_EMULATOR_URL.
 *   node out/scripts/demo.js [--port 8080] [--host 127.0.0.1]
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { startEmulator } from '../src/emulator';
import { startCodeServer } from '../test/e2e/lib/codeServer';
import { REPO_ROOT, VSIX_PATH } from '../test/e2e/lib/paths';

const DEMO_ENV = 'STRIPE_SECRETS_DEMO_EMULATOR_URL';
const SAMPLE_APP = path.join(REPO_ROOT, 'demo', 'sample-app');

function parseArgs(argv: string[]): { port?: number; host: string } {
  const out: { port?: number; host: string } = { host: '127.0.0.1' };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--port' && /^\d+$/.test(argv[i + 1] ?? '')) out.port = Number(argv[++i]);
    else if (argv[i] === '--host' && argv[i + 1]) out.host = argv[++i];
    else throw new Error(`Unknown argument ${argv[i]}: use --port N and --host ADDRESS`);
  }
  return out;
}

function isFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

/** 8080, or the first free port after it. */
async function demoPort(host: string): Promise<number> {
  for (let port = 8080; port < 8180; port++) if (await isFree(port, host)) return port;
  throw new Error('No free port between 8080 and 8179: pass --port N');
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(VSIX_PATH)) throw new Error(`${VSIX_PATH} is missing: run \`npm run demo\` (it packages first).`);
  const port = args.port ?? (await demoPort(args.host));

  const emulator = await startEmulator({ seed: 'demo', host: '127.0.0.1', port: 0 });
  const folder = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sas-demo-')), 'my-stripe-app');
  // A copy of the sample app, so the demo's quick fixes never edit the repository.
  fs.cpSync(SAMPLE_APP, folder, { recursive: true });
  const server = await startCodeServer({ host: args.host, port, install: [VSIX_PATH], env: { [DEMO_ENV]: emulator.url }, folder })
    .catch(async (err: unknown) => {
      await emulator.close();
      throw err;
    });

  let stopping = false;
  const stop = async (code: number): Promise<void> => {
    if (stopping) return;
    stopping = true;
    console.log('\ndemo: stopping code-server and the emulator…');
    await server.stop();
    await emulator.close();
    fs.rmSync(path.dirname(folder), { recursive: true, force: true });
    process.exit(code);
  };
  process.on('SIGINT', () => void stop(0));
  process.on('SIGTERM', () => void stop(0));

  console.log(`
Stripe App Secrets demo is running.

  Open:      ${server.url}/?folder=${encodeURIComponent(folder)}
  Emulator:  ${emulator.url} (demo secrets; the extension adds it as "Local emulator (demo)")
  Then click the lock icon ("Stripe Secrets") in the activity bar, and open
  backend/node/secrets.js: hover a secret name, press Ctrl+Shift+M for the Problems.

Stop with Ctrl-C.`);
}

main().catch((err: unknown) => {
  console.error(`demo: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
