import type { CommandId } from '../constants';
import type { Services, TreeNode } from '../services';

/**
 * A command handler: from the tree it gets the clicked node and the selection; from the palette,
 * nothing (it prompts). It throws on failure (the funnel in registerCommands reports it) and
 * returns quietly when a prompt is cancelled.
 */
export type CommandHandler = (services: Services, node?: TreeNode, selection?: readonly TreeNode[]) => Promise<void>;

/**
 * A handler map of exactly the ids `Id`, checked with `satisfies`: the compiler names an id without a
 * handler, and a handler of an id outside `Id` (its type would have to be never).
 */
export type HandlersOf<Id extends CommandId, Map> = Record<Id, CommandHandler> & Record<Exclude<keyof Map, Id>, never>;
