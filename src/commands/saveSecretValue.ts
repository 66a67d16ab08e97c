import { valueEditorsOf } from '../valueEditor/valueEditorProvider';
import type { CommandHandler } from './types';

/**
 * Ctrl+S (Cmd+S) in the value editor: marks the save as the person's own, so it may write to
 * Stripe, unlike an auto-save of the same editor.
 */
export const saveSecretValue: CommandHandler = async (services) => {
  await valueEditorsOf(services).saveActive();
};
