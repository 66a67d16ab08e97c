import * as vscode from 'vscode';
import { ContextKeys, TestEnv } from '../constants';
import { DEMO_USER_IDS, EMULATOR_TEST_KEY } from '../emulator/constants';
import type { EmulatorHandle } from '../emulator';
import type { ConnectionInfo, ConnectionManager } from '../services';

export const EMULATOR_CONNECTION_LABEL = 'Local emulator';

/**
 * The server is its own file in the package (dist/emulatorServer.js, see esbuild.mjs), required only
 * when the emulator starts, so activation neither parses nor waits for it.
 */
function loadEmulatorServer(): typeof import('../emulator') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../emulator') as typeof import('../emulator');
}

/** The in-process emulator (demo data, 127.0.0.1) and the "Local emulator" connection that points at it. */
export class LocalEmulator implements vscode.Disposable {
  private handle: EmulatorHandle | undefined;
  private starting: Promise<EmulatorHandle> | undefined;

  constructor(private readonly connections: ConnectionManager) {}

  get running(): EmulatorHandle | undefined {
    return this.handle;
  }

  /** Starts it (or reuses the running one); its connection becomes active only if no other one is. */
  async start(): Promise<{ handle: EmulatorHandle; connection: ConnectionInfo }> {
    this.starting ??= loadEmulatorServer().startEmulator({
      seed: 'demo',
      host: '127.0.0.1',
      port: Number(process.env[TestEnv.emulatorPort]) || 0,
    });
    try {
      this.handle = await this.starting;
    } finally {
      this.starting = undefined;
    }
    await vscode.commands.executeCommand('setContext', ContextKeys.emulatorRunning, true);
    const connection = await this.connect(this.handle.url);
    return { handle: this.handle, connection };
  }

  async stop(): Promise<boolean> {
    const handle = this.handle;
    this.handle = undefined;
    await vscode.commands.executeCommand('setContext', ContextKeys.emulatorRunning, false);
    if (!handle) return false;
    await handle.close();
    return true;
  }

  dispose(): void {
    // eslint-disable-next-line @typescript-eslint/no-floating-promises -- dispose() is synchronous: the server closes in the background
    void this.stop();
  }

  /**
   * Reuses the saved emulator connection (its port may have changed) or adds one with the demo users.
   * It becomes active only when no other connection is: Start Local Emulator never switches away
   * from the one the person chose (the command offers Make Active instead).
   */
  private async connect(url: string): Promise<ConnectionInfo> {
    const previous = this.connections.active();
    const existing = this.connections.list().find((c) => c.emulator);
    let connection: ConnectionInfo;
    if (existing) {
      connection = existing.apiBase === url ? existing : await this.connections.update(existing.id, { apiBase: url });
    } else {
      connection = await this.connections.add({
        label: EMULATOR_CONNECTION_LABEL,
        apiKey: EMULATOR_TEST_KEY,
        apiBase: url,
        emulator: true,
        userIds: [...DEMO_USER_IDS],
      });
    }
    if (!previous || previous.id === connection.id) await this.connections.setActive(connection.id);
    return connection;
  }
}
