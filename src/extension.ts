import * as vscode from 'vscode';
import { ContextKeys, SETTINGS_SECTION } from './constants';
import { registerCommands, allCommandHandlers } from './commands/registerCommands';
import type { ClientMaker } from './connections/clientFactory';
import { demoEmulatorUrl } from './connections/connectionList';
import { StoredConnectionManager } from './connections/connectionManager';
import { LocalEmulator } from './connections/localEmulator';
import { DEMO_USER_IDS, EMULATOR_TEST_KEY } from './emulator/constants';
import { registerSecretFileSystem } from './fs/secretFileSystem';
import { registerSecretDocumentLanguage } from './fs/secretLanguage';
import { registerExportDocuments } from './fs/exportDocuments';
import type { ConnectionManager, Services, TestApi } from './services';
import { SecretsTreeProvider } from './tree/secretsTreeProvider';
import { flushClipboardClears } from './ui/clipboard';
import { OutputLog } from './ui/log';
import { windowPrompts } from './ui/prompts';
import { readSettings } from './ui/settings';
import { ConnectionStatusBar } from './ui/statusBar';

/** Set by `npm run demo`: an emulator already serving demo data, to show a ready tree. */
export const DEMO_EMULATOR_URL_ENV = 'STRIPE_SECRETS_DEMO_EMULATOR_URL';
export const DEMO_CONNECTION_LABEL = 'Local emulator (demo)';

/** Stopped by deactivate(): the in-process emulator is the one resource that outlives disposal order. */
let emulator: LocalEmulator | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<TestApi | undefined> {
  const log = new OutputLog();
  const version = String((context.extension.packageJSON as { version?: unknown }).version ?? '0.0.0');
  const makeClient = lazyClientMaker(readSettings, log, version);
  const connections = new StoredConnectionManager(context.globalState, context.secrets, makeClient);
  const tree = new SecretsTreeProvider(connections, readSettings);
  const services: Services = { context, connections, tree, log, prompts: windowPrompts, settings: readSettings };
  emulator = new LocalEmulator(connections);

  context.subscriptions.push(
    log,
    connections,
    tree,
    tree.createView(),
    emulator,
    new ConnectionStatusBar(connections),
    ...registerCommands(services, allCommandHandlers({ makeClient, emulator })),
    registerSecretFileSystem(services),
    registerSecretDocumentLanguage(),
    registerExportDocuments(),
    connections.onDidChange(() => void updateContextKeys(connections)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration(`${SETTINGS_SECTION}.maxConcurrentRequests`) || e.affectsConfiguration(`${SETTINGS_SECTION}.requestTimeoutSeconds`)) {
        connections.dropClients();
      }
    }),
  );
  // Each context key is a round trip to the window: activation does not wait for them (npm run bench).
  void vscode.commands.executeCommand('setContext', ContextKeys.emulatorRunning, false);
  await addDemoConnection(connections, log);
  void updateContextKeys(connections);

  return context.extensionMode === vscode.ExtensionMode.Test ? { services } : undefined;
}

/**
 * The Stripe SDK is most of the bundle; required here only when the first client is made, it is
 * not evaluated during activation (see npm run bench).
 */
function lazyClientMaker(...args: Parameters<typeof import('./connections/clientFactory').clientMaker>): ClientMaker {
  let maker: ClientMaker | undefined;
  return (target, label) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    maker ??= (require('./connections/clientFactory') as typeof import('./connections/clientFactory')).clientMaker(...args);
    return maker(target, label);
  };
}

export async function deactivate(): Promise<void> {
  await flushClipboardClears();
  await emulator?.stop();
  emulator = undefined;
}

async function updateContextKeys(connections: ConnectionManager): Promise<void> {
  const any = connections.list().length > 0;
  await vscode.commands.executeCommand('setContext', ContextKeys.hasConnections, any);
  await vscode.commands.executeCommand('setContext', ContextKeys.noConnections, !any);
}

/** The demo hook: a loopback emulator URL in the environment becomes the active connection. */
async function addDemoConnection(connections: ConnectionManager, log: OutputLog): Promise<void> {
  const { url, error } = demoEmulatorUrl(process.env[DEMO_EMULATOR_URL_ENV], connections.list());
  if (error) log.error(`${DEMO_EMULATOR_URL_ENV} ${error}`);
  if (!url) return;
  const info = await connections.add({ label: DEMO_CONNECTION_LABEL, apiKey: EMULATOR_TEST_KEY, apiBase: url, userIds: [...DEMO_USER_IDS] });
  await connections.setActive(info.id);
  log.info(`Added "${DEMO_CONNECTION_LABEL}" for ${url}.`);
}
