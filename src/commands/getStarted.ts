import { openWalkthrough } from '../ui/walkthrough';
import type { CommandHandler } from './types';

/** Get Started: the walkthrough again, with each step's progress as VS Code recorded it. */
export const getStarted: CommandHandler = async () => {
  await openWalkthrough();
};
