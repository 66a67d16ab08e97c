import * as vscode from 'vscode';
import { ContextKeys } from '../constants';
import type { SecretMeta } from '../model/types';
import { connectionOf, nodeConnection, pickAccount, pickConnection, pickScope } from '../ui/pickers';
import { hasAddedAccounts } from '../model/accounts';
import { confirmReplace, promptExpiry, promptSecretName, promptSecretValue, type ValueAnswer } from '../ui/secretPrompts';
import { MAX_SECRETS_PER_SCOPE, type SecretScope } from '../model/types';
import type { ConnectionInfo, SecretNode, Services, TreeNode } from '../services';
import type { SecretStore } from '../stripe/types';
import { writeTitle } from '../ui/labels';
import { runSteps } from '../ui/prompts';
import { scopeDescription } from '../model/scope';
import { isOperationCancelled } from '../stripe/cancel';
import { REVEAL_NOTICE_MS, withCancellableProgress } from '../ui/progress';
import { Commands } from '../constants';
import { fullScopeAdvice, scopeFullRefusal } from './secretRules';
import type { CommandHandler } from './types';
import { keepThenWrite, recheckBeforeWrite, where } from '../history/keepHistory';
import { offerUndo } from '../history/restore';
import type { HistoryEntry } from '../history/historyStore';

/**
 * Set Secret…: from a scope row, the empty-scope hint or the palette it asks for a name (offering
 * the node's `name` when a quick fix in code passes one); from a secret row it replaces that
 * secret. A new name in a full scope is refused before any write.
 */
export const setSecret: CommandHandler = async (services, node) => {
  const answers = await askSetSecret(services, node);
  if (!answers) return;
  const { connection, scope, client, secrets, name, value, expiry } = answers;
  const replacing = secrets.some((s) => s.name === name) || node?.kind === 'secret';
  if (replacing && !(await confirmReplace(services, connection, scope, name))) return;

  const secretName = name;
  // The read before the write is part of the save: a slow one offers the same Cancel.
  const checked = await withCancellableProgress(
    `Saving '${secretName}' in ${scopeDescription(scope)}…`,
    (signal) => recheckBeforeWrite(services, connection, client, scope, secretName, replacing, signal),
    { showAfterMs: REVEAL_NOTICE_MS },
  );
  if (!checked) return;
  const { current } = checked;
  // Cancel aborts the request in the queue or on the wire. Stripe may still have applied a set
  // that was already sent, so the scope is refreshed either way.
  let saved: SecretMeta;
  let entry: HistoryEntry | undefined;
  try {
    // Shown only when the save is slow: a notification for a quick save outlives it, and would still
    // say "Saving…" next to a status bar that already says "Saved".
    ({ result: saved, entry } = await withCancellableProgress(
      `Saving '${secretName}' in ${scopeDescription(scope)}…`,
      (signal) =>
        keepThenWrite(services, connection, scope, secretName, current, value.payload, 'overwrite', () =>
          client.set({ name: secretName, scope, payload: value.payload, expiresAt: expiry.expiresAt }, { signal }),
        ),
      { showAfterMs: REVEAL_NOTICE_MS },
    ));
  } catch (error) {
    if (isOperationCancelled(error)) services.tree.refreshScope(connection.id, scope, connection.account);
    throw error;
  }

  services.valueEditors.notifyChanged({ connectionId: connection.id, account: connection.account, scope, name: secretName });
  // eslint-disable-next-line @typescript-eslint/no-floating-promises -- a context key: nothing waits for the round trip to the window
  void vscode.commands.executeCommand('setContext', ContextKeys.secretSet, true);
  services.tree.refreshScope(connection.id, scope, connection.account);
  try {
    // Started in an editor (a quick fix passes the name), or from the palette over an open editor:
    // the keyboard stays where it was. From the palette with no editor open, the new row is where
    // the work goes on (the palette hands the focus back to the view it was opened from).
    const fromView =
      node !== undefined
        ? !(node.kind === 'scope' && node.name !== undefined)
        : vscode.window.tabGroups.activeTabGroup.activeTab === undefined;
    await services.tree.reveal(secretNodeOf(connection, scope, saved), { focus: fromView });
  } catch (error) {
    // The secret is saved; failing to select its row (view hidden, say) is not worth an error.
    services.log.info(`Could not select '${secretName}' in the view: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (value.generated) {
    const secretNode: SecretNode = secretNodeOf(connection, scope, saved);
    // eslint-disable-next-line @typescript-eslint/no-floating-promises -- notification: the flow goes on without waiting for it to be closed
    void services.prompts.info(`A random 32-byte value was generated and stored in '${secretName}'.`, COPY_VALUE_BUTTON).then((choice) => {
      // eslint-disable-next-line @typescript-eslint/no-floating-promises -- runs its own command after the notification is answered
      if (choice === COPY_VALUE_BUTTON) void vscode.commands.executeCommand(Commands.copySecretValue, secretNode);
    });
  } else if (entry) {
    offerUndo(services, `Replaced '${secretName}' in ${where(connection, scope)}.`, [entry]);
  } else {
    vscode.window.setStatusBarMessage(`Saved '${secretName}' in ${scopeDescription(scope)}`, 5000);
  }
};

export const COPY_VALUE_BUTTON = 'Copy Secret Value';

interface SetAnswers {
  connection: ConnectionInfo;
  scope: SecretScope;
  client: SecretStore;
  secrets: SecretMeta[];
  name: string;
  value: ValueAnswer;
  expiry: { expiresAt: number | null };
}

/**
 * The steps of Set, each titled "Set Secret (Step n of m)" (with LIVE · <connection> on a live one)
 * and each after the first with a Back button: connection (when several), its account (when it has
 * added ones), scope (unless a row gave it), name (unless a secret row gave it), value, expiry. Undefined when cancelled.
 */
async function askSetSecret(services: Services, node: TreeNode | undefined): Promise<SetAnswers | undefined> {
  const a: Partial<SetAnswers> = { secrets: [] };
  const fromRow = node?.kind === 'secret';
  // A connection row does not say which account: that is asked, as from the palette.
  if (node) a.connection = node.kind === 'connection' ? connectionOf(services, node.connectionId) : nodeConnection(services, node);
  if (node && (node.kind === 'scope' || node.kind === 'secret' || (node.kind === 'message' && node.scope)))
    a.scope = (node as { scope: SecretScope }).scope;
  if (fromRow) a.name = node.secret.name;
  const prefill = node?.kind === 'scope' && typeof node.name === 'string' ? node.name : undefined;
  const all = services.connections.list();
  if (!a.connection && all.length === 1) a.connection = all[0];
  const askConnection = !a.connection;
  const askScope = !a.scope;
  // From the palette with several connections, the account (when the picked one has added
  // accounts) is asked within the connection's step, so the count holds whichever is picked.
  const askAccount = askScope && !askConnection && a.connection!.account === undefined && hasAddedAccounts(a.connection!);

  // A fresh listing (a read, never a write) drives the "will be replaced" warning and the
  // 10-per-scope check: the tree's cached one may be stale (another window, the Dashboard), and a
  // stale count would refuse a name Stripe accepts or let through one it refuses.
  const list = async (): Promise<void> => {
    a.client = await services.connections.client(a.connection!.id, a.connection!.account);
    a.secrets = await a.client.list(a.scope!);
  };
  const steps: Array<(k: number) => Promise<boolean>> = [];
  if (askConnection) {
    steps.push(async (k) => {
      const picked = await pickConnection(services, { title: step(k).title });
      a.connection = picked && (askScope ? await pickAccount(services, picked, { title: step(k).title }) : picked);
      return a.connection !== undefined;
    });
  }
  if (askAccount) {
    const own = a.connection!;
    steps.push(async (k) => (a.connection = await pickAccount(services, own, step(k))) !== undefined);
  }
  if (askScope) {
    steps.push(
      async (k) =>
        (a.scope = await pickScope(services, a.connection!.id, {
          ...step(k),
          account: a.connection!.account,
          refuseFull: fullScopeAdvice,
        })) !== undefined,
    );
  }
  if (!fromRow) {
    steps.push(async (k) => {
      await list();
      // From a full scope's row no pick came first: refuse before a name is typed.
      if (!askScope && a.secrets!.length >= MAX_SECRETS_PER_SCOPE) {
        await services.prompts.error(
          fullScopeAdvice(
            a.scope!,
            a.secrets!.map((s) => s.name),
          ),
        );
        return false;
      }
      const names = a.secrets!.map((s) => s.name);
      a.name = await promptSecretName(services, { scope: a.scope!, existing: names, value: a.name ?? prefill, ...step(k) });
      if (a.name === undefined) return false;
      const refusal = scopeFullRefusal(names, a.name, a.scope!);
      if (refusal) await services.prompts.error(refusal);
      return refusal === undefined;
    });
  }
  steps.push(async (k) => {
    if (fromRow) await list();
    return (a.value = await promptSecretValue(services, a.name!, step(k))) !== undefined;
  });
  steps.push(async (k) => (a.expiry = await promptExpiry(services, Date.now, step(k))) !== undefined);

  function step(k: number): { title: string; canGoBack: boolean } {
    return { title: writeTitle('Set Secret', a.connection ? [a.connection] : [], { n: k, of: steps.length }), canGoBack: k > 1 };
  }
  if (!(await runSteps(steps.map((run, i) => () => run(i + 1))))) return undefined;
  return a as SetAnswers;
}

function secretNodeOf(connection: ConnectionInfo, scope: SecretScope, secret: SecretMeta): SecretNode {
  const node: SecretNode = { kind: 'secret', connectionId: connection.id, scope, secret };
  if (connection.account !== undefined) node.account = connection.account;
  return node;
}
