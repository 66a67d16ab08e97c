import * as vscode from 'vscode';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ContextKeys, DemoHook, SETTINGS_SECTION, StorageKeys, SYNCED_STATE_KEYS } from './constants';
import { FUNNELLED_COMMANDS, registerCommands } from './commands/registerCommands';
import { registerMoveToSecretStore } from './commands/moveToSecretStore';
import type { ClientMaker } from './connections/clientFactory';
import { demoEmulatorUrl, demoMarker, demoTokenAccepted } from './connections/connectionList';
import { StoredConnectionManager } from './connections/connectionManager';
import { registerCodeInsight } from './codeInsight/registerCodeInsight';
import { LocalEmulator } from './connections/localEmulator';
import { DEMO_USER_IDS, EMULATOR_TEST_KEY } from './emulator/constants';
import type { AppCode, ConnectionManager, Log, Services } from './services';
import { ServiceSeams, type TestApi } from './testApi';
import { SecretsTreeProvider } from './tree/secretsTreeProvider';
import { ComparisonTreeProvider } from './tree/comparisonTree';
import { ExpiryStatusBar } from './ui/expiryStatusBar';
import { ClipboardService } from './ui/clipboard';
import { OutputLog } from './ui/log';
import { windowPrompts } from './ui/prompts';
import { readSettings } from './ui/settings';
import { readProxyConfig } from './ui/proxySettings';
import { createValueEditor, registerValueEditor, type ValueEditorProvider } from './valueEditor/valueEditorProvider';
import { HistoryStore } from './history/historyStore';
import { ConnectionStatusBar } from './ui/statusBar';
import { registerHistory } from './history/registerHistory';
import { openWalkthroughOnce, walkthroughMayOpen } from './ui/walkthrough';

/** Not "Local emulator …": that is the in-window emulator's connection, a different server. */
export const DEMO_CONNECTION_LABEL = 'Demo server (npm run demo)';

/**
 * What deactivate() waits for: the in-process emulator outlives disposal order, and a copied value
 * still waiting for its clear is cleared before the window closes.
 */
let running: { emulator: LocalEmulator; clipboard: ClipboardService } | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<TestApi | undefined> {
  const log = new OutputLog();
  const version = String((context.extension.packageJSON as { version?: unknown }).version ?? '0.0.0');
  const makeClient = lazyClientMaker(readSettings, log, version, readProxyConfig);
  // Settings Sync carries the connection list (labels, accounts, user ids), never a key (SecretStorage
  // is not synced), nor the active connection or the local emulator's connection, which are this machine's.
  context.globalState.setKeysForSync(SYNCED_STATE_KEYS);
  const connections = new StoredConnectionManager(context.globalState, context.secrets, makeClient);
  const tree = new SecretsTreeProvider(connections, readSettings);
  const comparison = new ComparisonTreeProvider(connections);
  const emulator = new LocalEmulator(connections);
  const clipboard = new ClipboardService(
    log,
    () => services.settings().clipboardClearSeconds,
    () => services.prompts,
  );
  running = { emulator, clipboard };
  // What a host test may stand in for (the test API); otherwise these stay the real ones.
  const seams = new ServiceSeams({ connections, tree, prompts: windowPrompts });
  const services: Services = {
    context,
    get connections() {
      return seams.connections;
    },
    get tree() {
      return seams.tree;
    },
    log,
    get prompts() {
      return seams.prompts;
    },
    settings: readSettings,
    // Retention is read from user settings at each use.
    history: new HistoryStore({ storage: context.secrets, retentionDays: () => services.settings().historyRetentionDays }),
    // Made just below with these same services (so prompts a test replaces reach it); nothing reads it before.
    get valueEditors(): ValueEditorProvider {
      return valueEditors;
    },
    comparison,
    // Made below from these services too, before any command can run.
    get codeInsight(): AppCode {
      return codeInsight.appCode;
    },
    emulator,
    clipboard,
    makeClient,
  };
  const valueEditors = createValueEditor(services);
  const view = tree.createView();
  const codeInsight = registerCodeInsight(services, tree.onDidChangeListings, view);

  context.subscriptions.push(
    log,
    connections,
    tree,
    view,
    emulator,
    clipboard,
    new ConnectionStatusBar(connections),
    comparison,
    comparison.createView(),
    new ExpiryStatusBar(services, tree.onDidChangeTreeData),
    ...registerCommands(services, FUNNELLED_COMMANDS, () =>
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      (require('./commands/handlers') as typeof import('./commands/handlers')).allCommandHandlers(),
    ),
    registerValueEditor(valueEditors),
    registerMoveToSecretStore(services),
    ...codeInsight.disposables,
    tree.showCodeNames(codeInsight.insight.codeNames),
    // eslint-disable-next-line @typescript-eslint/no-floating-promises -- event handler: nothing can wait for it
    connections.onDidChange(() => void updateContextKeys(connections)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (
        e.affectsConfiguration(`${SETTINGS_SECTION}.maxConcurrentRequests`) ||
        e.affectsConfiguration(`${SETTINGS_SECTION}.requestTimeoutSeconds`) ||
        e.affectsConfiguration('http')
      ) {
        connections.dropClients();
      }
    }),
    registerHistory(services),
  );
  // Each context key is a round trip to the window: activation does not wait for them (npm run bench).
  // eslint-disable-next-line @typescript-eslint/no-floating-promises -- activation does not wait for context keys (see the comment above)
  void vscode.commands.executeCommand('setContext', ContextKeys.emulatorRunning, false);
  addDemoConnection(context, connections, log);
  // eslint-disable-next-line @typescript-eslint/no-floating-promises -- activation does not wait for context keys (see the comment above)
  void updateContextKeys(connections);
  void openWalkthroughOnce(context.globalState, walkthroughMayOpen(context.extensionMode)).catch((error: unknown) =>
    log.error('Could not open the Get Started walkthrough:', error),
  );

  return context.extensionMode === vscode.ExtensionMode.Test
    ? {
        services,
        comparison,
        valueEditors,
        codeInsight: codeInsight.insight,
        tree,
        view,
        connections,
        usePrompts: (prompts) => seams.usePrompts(prompts),
        wrapClients: (wrap) => seams.wrapClients(wrap),
        fakeLoadedSecrets: (loaded) => seams.fakeLoadedSecrets(loaded),
      }
    : undefined;
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
  const stopping = running;
  running = undefined;
  await stopping?.clipboard.flush();
  await stopping?.emulator.stop();
}

async function updateContextKeys(connections: ConnectionManager): Promise<void> {
  const any = connections.list().length > 0;
  await vscode.commands.executeCommand('setContext', ContextKeys.hasConnections, any);
  await vscode.commands.executeCommand('setContext', ContextKeys.noConnections, !any);
}

/**
 * The demo hook: a loopback emulator URL in the environment becomes a connection held in memory.
 * Obeyed in development and test runs, and in an installed extension only when the token in the
 * environment hashes to what `npm run demo` wrote into this extension's own install folder. Whoever
 * can write there can already replace the extension's code, so the hook gives nobody more than they
 * had; a variable alone (a dev container, a shell profile, a task) does nothing. The connection is
 * never stored, never made active over another one, and once removed stays removed for that run.
 */
type DemoContext = Pick<vscode.ExtensionContext, 'extensionMode' | 'extensionPath' | 'globalState' | 'subscriptions'>;

export function addDemoConnection(context: DemoContext, connections: StoredConnectionManager, log: Log): void {
  const raw = process.env[DemoHook.urlEnv];
  if (!raw) return;
  const token = process.env[DemoHook.tokenEnv];
  if (context.extensionMode === vscode.ExtensionMode.Production && !demoTokenAccepted(token, readDemoTokenFile(context.extensionPath))) {
    log.info(`${DemoHook.urlEnv} is ignored: only \`npm run demo\` (or a development or test run) may add a demo connection.`);
    return;
  }
  const { url, error } = demoEmulatorUrl(raw, connections.list());
  if (error) log.error(`${DemoHook.urlEnv} ${error}`);
  if (!url) return;
  const marker = demoMarker(url, token);
  if (context.globalState.get(StorageKeys.demoDismissed) === marker) return;
  const info = connections.addEphemeral({
    label: DEMO_CONNECTION_LABEL,
    apiKey: EMULATOR_TEST_KEY,
    apiBase: url,
    userIds: [...DEMO_USER_IDS],
  });
  const removed = connections.onDidChange(() => {
    if (connections.get(info.id)) return;
    removed.dispose();
    // eslint-disable-next-line @typescript-eslint/no-floating-promises -- event handler: the marker is written in the background
    void context.globalState.update(StorageKeys.demoDismissed, marker);
  });
  context.subscriptions.push(removed);
  log.info(`Added "${DEMO_CONNECTION_LABEL}" for ${url}, for this window only.`);
}

function readDemoTokenFile(extensionPath: string): string | undefined {
  try {
    return fs.readFileSync(path.join(extensionPath, DemoHook.tokenFile), 'utf8');
  } catch {
    return undefined;
  }
}
