import type { Services, TreeNode } from '../services';

/**
 * A command handler: from the tree it gets the clicked node and the selection; from the palette,
 * nothing (it prompts). It throws on failure (the funnel in registerCommands reports it) and
 * returns quietly when a prompt is cancelled.
 */
export type CommandHandler = (services: Services, node?: TreeNode, selection?: readonly TreeNode[]) => Promise<void>;
