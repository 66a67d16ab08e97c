/**
 * Starts the demo (scripts/demo.sh builds and packages first): an emulator with demo data, and
 * code-server with the .vsix installed, told the emulator's URL and a one-time token through its
 * environment. The token's SHA-256 goes into the installed extension's folder, which is what makes
 * the extension obey the URL (an ordinary install with the variables set ignores them).
 *   node out/scripts/demo.js [--port 8080] [--host 127.0.0.1]    (code-server always asks for a password:
 *   PASSWORD=… or a random one, printed with the URL; another host needs PASSWORD=…)
 */
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { demoTokenFileContent } from '../src/connections/connectionList';
import { DemoHook, EXTENSION_ID } from '../src/constants';
import { startEmulator } from '../src/emulator';
import { startCodeServer } from '../test/e2e/lib/codeServer';
import { REPO_ROOT, VSIX_PATH } from '../test/e2e/lib/paths';
import { demoAuth, parseDemoArgs } from './demoOptions';

const SAMPLE_APP = path.join(REPO_ROOT, 'demo', 'sample-app');

/** Writes the token's hash into the installed extension's folder (named `<id>-<version>` by VS Code). */
function writeTokenFile(extensionsDir: string, token: string): void {
  const installed = fs.readdirSync(extensionsDir).filter((d) => d.toLowerCase().startsWith(`${EXTENSION_ID}-`));
  if (installed.length !== 1) throw new Error(`expected one installed ${EXTENSION_ID} in ${extensionsDir}, found ${installed.length}`);
  fs.writeFileSync(path.join(extensionsDir, installed[0], DemoHook.tokenFile), demoTokenFileContent(token), { mode: 0o600 });
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
  const args = parseDemoArgs(process.argv.slice(2));
  const access = demoAuth(args.host, process.env.PASSWORD);
  if ('error' in access) throw new Error(access.error);
  if (!fs.existsSync(VSIX_PATH)) throw new Error(`${VSIX_PATH} is missing: run \`npm run demo\` (it packages first).`);
  const port = args.port ?? (await demoPort(args.host));

  const emulator = await startEmulator({ seed: 'demo', host: '127.0.0.1', port: 0 });
  const folder = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sas-demo-')), 'my-stripe-app');
  // A copy of the sample app, so the demo's quick fixes never edit the repository.
  fs.cpSync(SAMPLE_APP, folder, { recursive: true });
  const token = randomBytes(32).toString('hex');
  const env = { [DemoHook.urlEnv]: emulator.url, [DemoHook.tokenEnv]: token, PASSWORD: access.password };
  const server = await startCodeServer({ host: args.host, port, install: [VSIX_PATH], env, folder, auth: access.auth }).catch(
    async (err: unknown) => {
      await emulator.close();
      throw err;
    },
  );
  // No window is open yet, so the extension has not activated: it reads the file when one opens.
  try {
    writeTokenFile(server.extensionsDir, token);
  } catch (err) {
    await server.stop();
    await emulator.close();
    throw err;
  }

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
  // eslint-disable-next-line @typescript-eslint/no-floating-promises -- signal handlers: stop() exits the process itself
  process.on('SIGINT', () => void stop(0));
  // eslint-disable-next-line @typescript-eslint/no-floating-promises -- signal handlers: stop() exits the process itself
  process.on('SIGTERM', () => void stop(0));

  console.log(`
Stripe App Secrets demo is running.

  Open:      ${server.url}/?folder=${encodeURIComponent(folder)}
  Password:  ${access.generated ? `${access.password}  (new for this run; set PASSWORD=… to choose one)` : 'the PASSWORD you set'}
  Emulator:  ${emulator.url} (demo secrets; the extension adds it as "Demo server (npm run demo)")
  Then click the lock icon ("Stripe Secrets") in the activity bar, and open
  backend/node/secrets.js: hover a secret name, press Ctrl+Shift+M for the Problems.

Stop with Ctrl-C.`);
}

main().catch((err: unknown) => {
  console.error(`demo: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
