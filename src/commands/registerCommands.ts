import * as vscode from 'vscode';
import { Commands } from '../constants';
import type { ClientMaker } from '../connections/clientFactory';
import type { LocalEmulator } from '../connections/localEmulator';
import type { Services, TreeNode } from '../services';
import { reportError } from '../ui/errors';
import { addConnection } from './addConnection';
import { addConnectionFromStripeCli, reimportFromStripeCli } from './addConnectionFromStripeCli';
import { closeComparison, compareScopes, refreshComparison } from './compareScopes';
import { copyMissingSecrets } from './copyMissingSecrets';
import { showExpiringSecrets } from './showExpiringSecrets';
import type { ComparisonTreeProvider } from '../tree/comparisonTree';
import { startEmulator, stopEmulator } from './emulatorCommands';
import { goToSecret } from './goToSecret';
import { refresh } from './refresh';
import { removeConnection } from './removeConnection';
import { replaceApiKey } from './replaceApiKey';
import { secretCommandHandlers } from './secretCommands';
import { showLog } from './showLog';
import { switchConnection } from './switchConnection';
import type { CommandHandler } from './types';
import { addUserScope, removeUserScope } from './userScopes';

export interface CommandDeps {
  makeClient: ClientMaker;
  emulator: LocalEmulator;
  comparison: ComparisonTreeProvider;
}

/** The connection, tree and emulator commands; the secret actions come from secretCommands.ts. */
export function shellCommandHandlers(deps: CommandDeps): Record<string, CommandHandler> {
  return {
    [Commands.addConnection]: addConnection(deps.makeClient),
    [Commands.removeConnection]: removeConnection,
    [Commands.switchConnection]: switchConnection,
    [Commands.replaceApiKey]: replaceApiKey(deps.makeClient),
    [Commands.startEmulator]: startEmulator(deps.emulator),
    [Commands.stopEmulator]: stopEmulator(deps.emulator),
    [Commands.showLog]: showLog,
    [Commands.refresh]: refresh,
    [Commands.addUserScope]: addUserScope,
    [Commands.removeUserScope]: removeUserScope,
    [Commands.goToSecret]: goToSecret,
    [Commands.addConnectionFromStripeCli]: addConnectionFromStripeCli(deps.makeClient),
    [Commands.reimportFromStripeCli]: reimportFromStripeCli(deps.makeClient),
    [Commands.compareScopes]: compareScopes(deps.comparison),
    [Commands.refreshComparison]: refreshComparison(deps.comparison),
    [Commands.closeComparison]: closeComparison(deps.comparison),
    [Commands.copyMissingSecrets]: copyMissingSecrets(deps.comparison),
    [Commands.showExpiringSecrets]: showExpiringSecrets,
  };
}

/** Only tree nodes count as a node argument (a command run from elsewhere may get a Uri or nothing). */
function asNode(value: unknown): TreeNode | undefined {
  return typeof value === 'object' && value !== null && typeof (value as { kind?: unknown }).kind === 'string' && typeof (value as { connectionId?: unknown }).connectionId === 'string'
    ? (value as TreeNode)
    : undefined;
}

/** Every handler, wrapped in the one error funnel. */
export function registerCommands(services: Services, handlers: Record<string, CommandHandler>): vscode.Disposable[] {
  return Object.entries(handlers).map(([id, handler]) => {
    const run = async (rawNode?: unknown, rawSelection?: unknown): Promise<void> => {
      const node = asNode(rawNode);
      const selection = Array.isArray(rawSelection) ? rawSelection.map(asNode).filter((n): n is TreeNode => n !== undefined) : undefined;
      try {
        await handler(services, node, selection);
      } catch (error) {
        await reportError(services, error, { action: id, node, retry: () => run(rawNode, rawSelection) });
      }
    };
    return vscode.commands.registerCommand(id, run);
  });
}

/** Both maps; a secret action never overrides a shell command by accident. */
export function allCommandHandlers(deps: CommandDeps): Record<string, CommandHandler> {
  const shell = shellCommandHandlers(deps);
  for (const id of Object.keys(secretCommandHandlers)) {
    if (id in shell) throw new Error(`Command ${id} is registered twice.`);
  }
  return { ...shell, ...secretCommandHandlers };
}
