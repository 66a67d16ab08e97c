import * as vscode from 'vscode';
import { ContextKeys } from '../constants';
import type { SecretMeta } from '../model/types';
import { resolveScopeTarget } from '../ui/pickers';
import { confirmReplace, promptExpiry, promptSecretName, promptSecretValue } from '../ui/secretPrompts';
import { scopeDescription } from '../model/scope';
import { isOperationCancelled } from '../stripe/cancel';
import { withCancellableProgress } from '../ui/progress';
import { scopeFullRefusal } from './secretRules';
import type { CommandHandler } from './types';
import { keepThenWrite, offerUndo, recheckBeforeWrite, where } from '../history/keepHistory';
import type { HistoryEntry } from '../history/historyStore';
import { valueEditorsOf } from '../valueEditor/valueEditorProvider';

/**
 * Set Secret…: from a scope row, the empty-scope hint or the palette it asks for a name (offering
 * the node's `name` when a quick fix in code passes one); from a secret row it replaces that
 * secret. A new name in a full scope is refused before any write.
 */
export const setSecret: CommandHandler = async (services, node) => {
  const target = await resolveScopeTarget(services, node);
  if (!target) return;
  const { connection, scope } = target;
  const client = await services.connections.client(connection.id);
  // A fresh listing (a read, never a write) drives the "will be replaced" warning and the
  // 10-per-scope check: the tree's cached one may be stale (another window, the Dashboard), and a
  // stale count would refuse a name Stripe accepts or let through one it refuses.
  const secrets: SecretMeta[] = await client.list(scope);

  let name: string | undefined;
  if (node?.kind === 'secret') {
    name = node.secret.name;
  } else {
    const prefill = node?.kind === 'scope' && typeof node.name === 'string' ? node.name : undefined;
    name = await promptSecretName(services, { scope, existing: secrets.map((s) => s.name), value: prefill });
    if (name === undefined) return;
  }

  const refusal = scopeFullRefusal(secrets.map((s) => s.name), name, scope);
  if (refusal) {
    await services.prompts.error(refusal);
    return;
  }
  const replacing = secrets.some((s) => s.name === name) || node?.kind === 'secret';

  const value = await promptSecretValue(services, name);
  if (!value) return;
  const expiry = await promptExpiry(services);
  if (!expiry) return;
  if (replacing && !(await confirmReplace(services, connection, scope, name))) return;

  const secretName = name;
  const checked = await recheckBeforeWrite(services, connection, client, scope, secretName, replacing);
  if (!checked) return;
  const { current } = checked;
  // Cancel aborts the request in the queue or on the wire. Stripe may still have applied a set
  // that was already sent, so the scope is refreshed either way.
  let saved: SecretMeta;
  let entry: HistoryEntry | undefined;
  try {
    ({ result: saved, entry } = await withCancellableProgress(`Saving '${secretName}' in ${scopeDescription(scope)}…`, (signal) =>
      keepThenWrite(services, connection, scope, secretName, current, value.payload, 'overwrite', () =>
        client.set({ name: secretName, scope, payload: value.payload, expiresAt: expiry.expiresAt }, { signal }),
      ),
    ));
  } catch (error) {
    if (isOperationCancelled(error)) services.tree.refreshScope(connection.id, scope);
    throw error;
  }

  valueEditorsOf(services).notifyChanged({ connectionId: connection.id, scope, name: secretName });
  void vscode.commands.executeCommand('setContext', ContextKeys.secretSet, true);
  services.tree.refreshScope(connection.id, scope);
  try {
    await services.tree.reveal({ kind: 'secret', connectionId: connection.id, scope, secret: saved });
  } catch (error) {
    // The secret is saved; failing to select its row (view hidden, say) is not worth an error.
    services.log.info(`Could not select '${secretName}' in the view: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (value.generated) {
    void services.prompts.info(`A random 32-byte value was generated and stored in '${secretName}'; use Copy Secret Value to get it.`);
  } else if (entry) {
    offerUndo(services, `Replaced '${secretName}' in ${where(connection, scope)}.`, [entry]);
  } else {
    vscode.window.setStatusBarMessage(`Saved '${secretName}' in ${scopeDescription(scope)}`, 5000);
  }
};
