import type { CommandHandler } from './types';

/**
 * Ctrl+S (Cmd+S) in the value editor, or the command: the person's own save, the only one that
 * writes a value to Stripe (VS Code's other saves of the editor write nothing).
 */
export const saveSecretValue: CommandHandler = async (services) => {
  await services.valueEditors.saveActive();
};
