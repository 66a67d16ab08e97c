/**
 * Every command's handler, by id. extension.ts requires this module when the first command runs,
 * so activation does not evaluate the command modules (npm run bench).
 */
import { Commands, type CommandId } from '../constants';
import type { ClientMaker } from '../connections/clientFactory';
import type { LocalEmulator } from '../connections/localEmulator';
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
import { enterApiKey, replaceApiKey } from './replaceApiKey';
import { secretCommandHandlers } from './secretCommands';
import { showLog } from './showLog';
import { switchConnection } from './switchConnection';
import type { CommandHandler, HandlersOf } from './types';
import type { FunnelledCommandId } from './registerCommands';
import { addUserScope, removeUserScope } from './userScopes';
import { addAccount, labelAccount, removeAccount } from './accounts';
import { findSecretAcrossAccounts } from './findAcrossAccounts';
import { getStarted } from './getStarted';

export interface CommandDeps {
  makeClient: ClientMaker;
  emulator: LocalEmulator;
  comparison: ComparisonTreeProvider;
}

/** The connection, tree and emulator commands; the secret actions come from secretCommands.ts. */
export function shellCommandHandlers(deps: CommandDeps) {
  return {
    [Commands.addConnection]: addConnection(deps.makeClient),
    [Commands.removeConnection]: removeConnection,
    [Commands.switchConnection]: switchConnection,
    [Commands.replaceApiKey]: replaceApiKey(deps.makeClient),
    [Commands.enterApiKey]: enterApiKey(deps.makeClient),
    [Commands.startEmulator]: startEmulator(deps.emulator),
    [Commands.stopEmulator]: stopEmulator(deps.emulator),
    [Commands.showLog]: showLog,
    [Commands.refresh]: refresh,
    [Commands.addUserScope]: addUserScope,
    [Commands.removeUserScope]: removeUserScope,
    [Commands.addAccount]: addAccount,
    [Commands.removeAccount]: removeAccount,
    [Commands.labelAccount]: labelAccount,
    [Commands.findSecretAcrossAccounts]: findSecretAcrossAccounts,
    [Commands.goToSecret]: goToSecret,
    [Commands.addConnectionFromStripeCli]: addConnectionFromStripeCli(deps.makeClient),
    [Commands.reimportFromStripeCli]: reimportFromStripeCli(deps.makeClient),
    [Commands.compareScopes]: compareScopes(deps.comparison),
    [Commands.refreshComparison]: refreshComparison(deps.comparison),
    [Commands.closeComparison]: closeComparison(deps.comparison),
    [Commands.copyMissingSecrets]: copyMissingSecrets(deps.comparison),
    [Commands.showExpiringSecrets]: showExpiringSecrets,
    [Commands.getStarted]: getStarted,
  } satisfies Partial<Record<CommandId, CommandHandler>>;
}

/** Both maps; a secret action never overrides a shell command by accident. */
export function allCommandHandlers(deps: CommandDeps): Record<FunnelledCommandId, CommandHandler> {
  const shell = shellCommandHandlers(deps);
  for (const id of Object.keys(secretCommandHandlers)) {
    if (id in shell) throw new Error(`Command ${id} is registered twice.`);
  }
  const all = { ...shell, ...secretCommandHandlers };
  return all satisfies HandlersOf<FunnelledCommandId, typeof all>;
}
