import { Commands, type CommandId } from '../constants';
import { copyBackendSnippet } from './copyBackendSnippet';
import { copySecretName } from './copySecretName';
import { copySecretValue } from './copySecretValue';
import { deleteSecret } from './deleteSecret';
import { editSecret } from './editSecret';
import { exportScopeToEnv } from './exportScopeToEnv';
import { importEnvFile } from './importEnvFile';
import { revealSecret } from './revealSecret';
import { saveSecretValue } from './saveSecretValue';
import { setSecret } from './setSecret';
import type { CommandHandler } from './types';
import { clearHistory, showHistory } from './showHistory';
import { extendExpiry } from './extendExpiry';

/** Handlers of the secret actions (set, reveal, edit, copy, delete, .env import and export); registerCommands wraps each in the error funnel. */
export const secretCommandHandlers = {
  [Commands.setSecret]: setSecret,
  [Commands.revealSecret]: revealSecret,
  [Commands.editSecret]: editSecret,
  [Commands.copySecretValue]: copySecretValue,
  [Commands.copySecretName]: copySecretName,
  [Commands.copyBackendSnippet]: copyBackendSnippet,
  [Commands.deleteSecret]: deleteSecret,
  [Commands.importEnvFile]: importEnvFile,
  [Commands.exportScopeToEnv]: exportScopeToEnv,
  [Commands.saveSecretValue]: saveSecretValue,
  [Commands.showHistory]: showHistory,
  [Commands.clearHistory]: clearHistory,
  [Commands.extendExpiry]: extendExpiry,
} satisfies Partial<Record<CommandId, CommandHandler>>;
