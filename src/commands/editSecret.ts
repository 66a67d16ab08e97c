import { openSecretValue } from './revealSecret';
import type { CommandHandler } from './types';

/** Saving the editor replaces the secret, keeping its expiry (see src/valueEditor/valueEditorProvider.ts). */
export const editSecret: CommandHandler = async (services, node, selection) => {
  await openSecretValue(services, node, 'edit', selection);
};
