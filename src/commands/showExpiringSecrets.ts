import * as vscode from 'vscode';
import { actingOn } from '../model/accounts';
import { Commands } from '../constants';
import { describeExpiry, expiryState } from '../model/expiry';
import { expiringSecrets } from '../model/expiringSoon';
import { scopeLabel } from '../model/scope';
import type { Services } from '../services';
import type { CommandHandler } from './types';

/**
 * Show Expiring Secrets: every loaded secret (in the scopes the tree has loaded, across all
 * connections) that expires within `expiringSoonDays`; choosing one opens Set Secret… for it.
 */
export const showExpiringSecrets: CommandHandler = async (services: Services) => {
  const soonDays = services.settings().expiringSoonDays;
  const now = Date.now();
  const nodes = expiringSecrets(services.tree.loadedSecrets(), now, soonDays);
  if (nodes.length === 0) {
    // eslint-disable-next-line @typescript-eslint/no-floating-promises -- notification: the flow goes on without waiting for it to be closed
    void services.prompts.info(
      `No loaded secret expires within ${soonDays} day${soonDays === 1 ? '' : 's'}. Only scopes opened in the Stripe Secrets view are checked.`,
    );
    return;
  }
  const picked = await services.prompts.quickPick(
    nodes.map((node) => {
      const stored = services.connections.get(node.connectionId);
      const connection = stored && actingOn(stored, node.account);
      return {
        label: `$(${expiryState(node.secret.expiresAt, now, soonDays) === 'expired' ? 'error' : 'warning'}) ${node.secret.name}`,
        description: `${describeExpiry(node.secret.expiresAt, now)} · ${connection?.label ?? '?'} · ${scopeLabel(node.scope)}`,
        detail: 'Set Secret… to renew it',
        node,
      };
    }),
    {
      title: 'Expiring Secrets',
      placeHolder: `Secrets expiring within ${soonDays} days in the loaded scopes: choose one to set a new value and expiry`,
      matchOnDescription: true,
    },
  );
  if (!picked) return;
  await vscode.commands.executeCommand(Commands.setSecret, picked.node);
};
