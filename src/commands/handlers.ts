/**
 * Every command's handler, by id. extension.ts requires this module when the first command runs,
 * so activation does not evaluate the command modules (npm run bench).
 */
import { Commands, type CommandId } from '../constants';
import { addConnection } from './addConnection';
import { addConnectionFromStripeCli, reimportFromStripeCli } from './addConnectionFromStripeCli';
import { closeComparison, compareScopes, refreshComparison } from './compareScopes';
import { copyMissingSecrets } from './copyMissingSecrets';
import { showExpiringSecrets } from './showExpiringSecrets';
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
import { checkGoLiveReadiness, setSecretUsedInCode, showUsagesInCode } from './indexCommands';

/** The connection, tree and emulator commands; the secret actions come from secretCommands.ts. */
export const shellCommandHandlers = {
  [Commands.addConnection]: addConnection,
  [Commands.removeConnection]: removeConnection,
  [Commands.switchConnection]: switchConnection,
  [Commands.replaceApiKey]: replaceApiKey,
  [Commands.enterApiKey]: enterApiKey,
  [Commands.startEmulator]: startEmulator,
  [Commands.stopEmulator]: stopEmulator,
  [Commands.showLog]: showLog,
  [Commands.refresh]: refresh,
  [Commands.addUserScope]: addUserScope,
  [Commands.removeUserScope]: removeUserScope,
  [Commands.addAccount]: addAccount,
  [Commands.removeAccount]: removeAccount,
  [Commands.labelAccount]: labelAccount,
  [Commands.findSecretAcrossAccounts]: findSecretAcrossAccounts,
  [Commands.goToSecret]: goToSecret,
  [Commands.addConnectionFromStripeCli]: addConnectionFromStripeCli,
  [Commands.reimportFromStripeCli]: reimportFromStripeCli,
  [Commands.compareScopes]: compareScopes,
  [Commands.refreshComparison]: refreshComparison,
  [Commands.closeComparison]: closeComparison,
  [Commands.copyMissingSecrets]: copyMissingSecrets,
  [Commands.showExpiringSecrets]: showExpiringSecrets,
  [Commands.getStarted]: getStarted,
  [Commands.showUsagesInCode]: showUsagesInCode,
  [Commands.checkGoLiveReadiness]: checkGoLiveReadiness,
  [Commands.setSecretUsedInCode]: setSecretUsedInCode,
} satisfies Partial<Record<CommandId, CommandHandler>>;

/** Both maps; a secret action never overrides a shell command by accident. */
export function allCommandHandlers(): Record<FunnelledCommandId, CommandHandler> {
  const shell = shellCommandHandlers;
  for (const id of Object.keys(secretCommandHandlers)) {
    if (id in shell) throw new Error(`Command ${id} is registered twice.`);
  }
  const all = { ...shell, ...secretCommandHandlers };
  return all satisfies HandlersOf<FunnelledCommandId, typeof all>;
}
