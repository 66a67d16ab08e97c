import type { CommandHandler } from './types';

/** Handlers of the secret actions (set, reveal, edit, copy, delete). Filled in by the secret-actions work. */
export const secretCommandHandlers: Record<string, CommandHandler> = {};
