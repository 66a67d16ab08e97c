import * as vscode from 'vscode';
import { Commands, type CommandId } from '../constants';
import type { Services, TreeNode } from '../services';
import { reportError } from '../ui/errors';
import type { CommandHandler } from './types';

/** Every command but Move to Secret Store, registered apart (registerMoveToSecretStore): its argument is a code action's, not a row. */
export type FunnelledCommandId = Exclude<CommandId, typeof Commands.moveToSecretStore>;
export const FUNNELLED_COMMANDS: readonly FunnelledCommandId[] = Object.values(Commands).filter(
  (id): id is FunnelledCommandId => id !== Commands.moveToSecretStore,
);

/** Only tree nodes count as a node argument (a command run from elsewhere may get a Uri or nothing). */
function asNode(value: unknown): TreeNode | undefined {
  return typeof value === 'object' &&
    value !== null &&
    typeof (value as { kind?: unknown }).kind === 'string' &&
    typeof (value as { connectionId?: unknown }).connectionId === 'string'
    ? (value as TreeNode)
    : undefined;
}

function isFocusedRowArgument(value: unknown): boolean {
  return typeof value === 'object' && value !== null && (value as { focusedRow?: unknown }).focusedRow === true;
}

/**
 * Registers the ids, each wrapped in the one error funnel. `handlers` is called when the first of
 * them runs: activation registers the ids without evaluating the command modules (npm run bench).
 */
export function registerCommands<Id extends CommandId>(
  services: Services,
  ids: readonly Id[],
  handlers: () => Record<Id, CommandHandler>,
): vscode.Disposable[] {
  let loaded: Record<Id, CommandHandler> | undefined;
  return ids.map((id) => {
    const run = async (rawNode?: unknown, rawSelection?: unknown): Promise<void> => {
      let node = asNode(rawNode);
      let selection = Array.isArray(rawSelection) ? rawSelection.map(asNode).filter((n): n is TreeNode => n !== undefined) : undefined;
      try {
        // A key pressed in the view (package.json keybindings) passes no row: ask the tree which one has focus.
        if (isFocusedRowArgument(rawNode)) {
          const focused = await services.tree.focusedRows?.(id === Commands.revealSecret);
          if (!focused) return;
          ({ node, selection } = focused);
        }
        const handler = (loaded ??= handlers())[id];
        if (!handler) throw new Error(`Command ${id} has no handler.`);
        await handler(services, node, selection);
      } catch (error) {
        await reportError(services, error, { action: id, node, retry: () => run(rawNode, rawSelection) });
      }
    };
    return vscode.commands.registerCommand(id, run);
  });
}
