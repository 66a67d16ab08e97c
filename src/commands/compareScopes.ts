import * as vscode from 'vscode';
import { COMPARISON_VIEW_ID } from '../constants';
import { isEqualComparison } from '../model/compare';
import { sameScope } from '../model/scope';
import type { ComparisonSide, ConnectionInfo, Services } from '../services';
import { loadComparison, sideDescription } from '../tree/comparisonTree';
import { pickConnectionAccount, pickScope, resolveScopeTarget } from '../ui/pickers';
import type { SecretScope } from '../model/types';
import type { CommandHandler } from './types';

async function pickSide(services: Services, which: 'A' | 'B'): Promise<ComparisonSide | undefined> {
  const connection = await pickConnectionAccount(services, { placeHolder: `Compare: the connection of side ${which}` });
  if (!connection) return undefined;
  const scope = await pickScope(services, connection.id, {
    placeHolder: `Compare: the scope of side ${which} (${connection.label})`,
    account: connection.account,
  });
  return scope && sideOf(connection, scope);
}

function sideOf(connection: ConnectionInfo, scope: SecretScope): ComparisonSide {
  return connection.account === undefined
    ? { connectionId: connection.id, scope }
    : { connectionId: connection.id, account: connection.account, scope };
}

/** Lists both sides and shows the result in the Comparison view (two requests, no value fetched). */
export async function showComparison(services: Services, a: ComparisonSide, b: ComparisonSide): Promise<void> {
  const comparison = await vscode.window.withProgress({ location: { viewId: COMPARISON_VIEW_ID }, title: 'Comparing…' }, () =>
    loadComparison(services.connections, a, b),
  );
  await services.comparison.set(comparison);
  await vscode.commands.executeCommand(`${COMPARISON_VIEW_ID}.focus`);
  const r = comparison.result;
  services.log.info(
    `Compared ${sideDescription(services.connections, a)} with ${sideDescription(services.connections, b)}: ${r.onlyA.length} only in A, ${r.onlyB.length} only in B, ${r.differentExpiry.length} with a different expiry, ${r.same.length} the same.`,
  );
  if (isEqualComparison(r)) {
    // eslint-disable-next-line @typescript-eslint/no-floating-promises -- notification: the flow goes on without waiting for it to be closed
    void services.prompts.info(`Both scopes hold the same ${r.same.length} name${r.same.length === 1 ? '' : 's'} with the same expiry.`);
  }
}

/**
 * Compare Scopes…: side A (the clicked scope, or picked), side B (picked), then names only in A,
 * only in B, in both with a different expiry, and in both. Only list calls are made.
 */
export const compareScopes: CommandHandler = async (services, node) => {
  const fromNode = node && (node.kind === 'scope' || node.kind === 'secret') ? await resolveScopeTarget(services, node) : undefined;
  const a: ComparisonSide | undefined = fromNode ? sideOf(fromNode.connection, fromNode.scope) : await pickSide(services, 'A');
  if (!a) return;
  const b = await pickSide(services, 'B');
  if (!b) return;
  if (a.connectionId === b.connectionId && a.account === b.account && sameScope(a.scope, b.scope)) {
    await services.prompts.error('Choose two different scopes to compare (another scope, or the same scope of another connection).');
    return;
  }
  await showComparison(services, a, b);
};

/** Lists both sides again. */
export const refreshComparison: CommandHandler = async (services) => {
  const current = services.comparison.current();
  if (!current) return;
  await showComparison(services, current.a, current.b);
};

export const closeComparison: CommandHandler = async (services) => {
  await services.comparison.set(undefined);
};
