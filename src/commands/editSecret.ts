import { openSecretDocument } from './revealSecret';
import type { CommandHandler } from './types';

/** Saving the document replaces the secret, keeping its expiry (see src/fs/secretFileSystem.ts). */
export const editSecret: CommandHandler = async (services, node) => {
  await openSecretDocument(services, node, 'Edit');
};
