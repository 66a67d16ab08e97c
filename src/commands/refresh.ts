import type { CommandHandler } from './types';

/** Reloads the clicked scope or connection (an error row retries its scope), or everything. */
export const refresh: CommandHandler = async (services, node) => {
  if (!node) return services.tree.refresh();
  if ((node.kind === 'scope' || node.kind === 'message' || node.kind === 'secret') && node.scope) {
    return services.tree.refreshScope(node.connectionId, node.scope, node.account);
  }
  services.tree.refresh(node.connectionId);
};
