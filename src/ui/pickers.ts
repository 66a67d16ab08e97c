/**
 * The questions every command asks when it is run from the palette instead of a tree row: which
 * connection, which scope, which secret(s). A tree node answers them without prompting.
 */
import * as vscode from 'vscode';
import { Commands } from '../constants';
import { displayName } from '../model/displayName';
import { describeExpiry } from '../model/expiry';
import { sameScope, scopeLabel } from '../model/scope';
import { MAX_SECRETS_PER_SCOPE, type SecretMeta, type SecretScope } from '../model/types';
import { validateUserId } from '../model/validation';
import type { ConnectionInfo, SecretNode, Services, TreeNode } from '../services';
import { connectionDescription, fillDescription, keyDescription } from './labels';
import { activeFirst } from '../connections/connectionList';
import { accountName, accountsOf, actingOn, hasAddedAccounts, isContextPath } from '../model/accounts';

/** `connection` acts on the account the target lives in (see actingOn: `connection.account`). */
export interface ScopeTarget {
  connection: ConnectionInfo;
  scope: SecretScope;
}

export interface SecretTarget extends ScopeTarget {
  secret: SecretMeta;
}

export interface PickOptions {
  placeHolder?: string;
  /** Title of the quick pick (a flow's step, `LIVE · …`). */
  title?: string;
  /** Shows a Back button (the pick is a later step of a flow). */
  canGoBack?: boolean;
  /**
   * List each scope afresh and show its fill (`7/10`); a full scope is refused when picked with
   * this sentence (given the scope and its names), and the pick is shown again.
   */
  refuseFull?: (scope: SecretScope, names: readonly string[]) => string;
  /** The added account whose scopes to offer (undefined: the connection's own). */
  account?: string;
}

/** Thrown when a node names a connection that was removed meanwhile (e.g. from another window). */
export class MissingConnectionError extends Error {
  constructor(message = 'That connection no longer exists; refresh the Stripe Secrets view.') {
    super(message);
    this.name = 'MissingConnectionError';
  }
}

export const ANOTHER_USER_LABEL = 'Another user id…';

/** The connection, acting on `account` when one is given (see actingOn). */
export function connectionOf(services: Services, connectionId: string, account?: string): ConnectionInfo {
  const connection = services.connections.get(connectionId);
  if (!connection) throw new MissingConnectionError();
  const view = actingOn(connection, account);
  if (!view)
    throw new MissingConnectionError(
      `The account ${account ?? ''} is no longer listed under ${connection.label}; refresh the Stripe Secrets view.`,
    );
  return view;
}

/** The account a tree node belongs to (undefined: the connection's own, or no node). */
export function nodeAccount(node: TreeNode | undefined): string | undefined {
  return node && 'account' in node ? node.account : undefined;
}

/** The connection a node names, acting on the node's account. */
export function nodeConnection(services: Services, node: TreeNode): ConnectionInfo {
  return connectionOf(services, node.connectionId, nodeAccount(node));
}

/**
 * Which account of `connection` to act on: asked only when the person added accounts to it (a
 * connection with one account skips the step). Undefined when cancelled.
 */
export async function pickAccount(
  services: Services,
  connection: ConnectionInfo,
  options: PickOptions = {},
): Promise<ConnectionInfo | undefined> {
  if (connection.account !== undefined || !hasAddedAccounts(connection)) return connection;
  const items = accountsOf(connection).map((view) => ({
    label: displayName(accountName(view)),
    description: [
      view.account === undefined ? 'own account' : isContextPath(view.account) ? 'Stripe-Context' : 'added account',
      view.userIds.length === 0 ? 'no user scopes' : `${view.userIds.length} user scope${view.userIds.length === 1 ? '' : 's'}`,
    ].join(' · '),
    account: view.account,
  }));
  const picked = await services.prompts.quickPick(items, {
    title: options.title,
    canGoBack: options.canGoBack,
    placeHolder: options.placeHolder ?? `Choose an account of ${connection.label}`,
    matchOnDescription: true,
  });
  return picked && actingOn(connection, picked.account);
}

/** The connection (asked when several), then its account (asked when it has added ones). */
export async function pickConnectionAccount(services: Services, options: PickOptions = {}): Promise<ConnectionInfo | undefined> {
  const connection = await pickConnection(services, options);
  return connection && pickAccount(services, connection, { title: options.title });
}

/**
 * The connection to act on: with one connection, that one; with several, a quick pick listing the
 * active one first. With none, offers Add Connection and returns undefined.
 */
export async function pickConnection(services: Services, options: PickOptions = {}): Promise<ConnectionInfo | undefined> {
  const all = services.connections.list();
  if (all.length === 0) {
    const add = 'Add Connection…';
    const choice = await services.prompts.info(
      'There is no Stripe connection yet: add one with an API key, or start the local emulator.',
      add,
    );
    if (choice === add) await vscode.commands.executeCommand(Commands.addConnection);
    return undefined;
  }
  if (all.length === 1) return all[0];
  const items = connectionPickItems(all, services.connections.active()?.id);
  const picked = await services.prompts.quickPick(items, {
    title: options.title,
    placeHolder: options.placeHolder ?? 'Choose a connection',
    matchOnDescription: true,
  });
  return picked?.connection;
}

/** Quick-pick rows for connections, the active one first and marked. */
export function connectionPickItems(all: readonly ConnectionInfo[], activeId: string | undefined) {
  return activeFirst(all, activeId).map((connection) => ({
    label: displayName(connection.label),
    description: connectionDescription(connection) + (connection.id === activeId ? ' · active' : ''),
    detail: keyDescription(connection),
    connection,
  }));
}

/** Account, each user id of the connection, and "Another user id…" (typed, validated). */
export async function pickScope(services: Services, connectionId: string, options: PickOptions = {}): Promise<SecretScope | undefined> {
  const connection = connectionOf(services, connectionId, options.account);
  type Item = vscode.QuickPickItem & { scope?: SecretScope; names?: string[] };
  const scopes: SecretScope[] = [{ type: 'account' }, ...connection.userIds.map((user): SecretScope => ({ type: 'user', user }))];
  const listed = options.refuseFull
    ? listEach(services, connection, scopes)
    : Promise.resolve(scopes.map((scope) => services.tree.cachedScope(connection.id, scope, connection.account)));
  const items: Thenable<Item[]> = listed.then((listings) => [
    ...scopes.map((scope, i): Item => {
      const names = listings[i]?.map((s) => s.name);
      const fill = names
        ? ` · ${fillDescription(names.length, MAX_SECRETS_PER_SCOPE)}${names.length >= MAX_SECRETS_PER_SCOPE ? ' full' : ''}`
        : '';
      return scope.type === 'account'
        ? { label: 'Account', description: `the account scope${fill}`, scope, names }
        : { label: displayName(scope.user), description: `user scope${fill}`, scope, names };
    }),
    { label: ANOTHER_USER_LABEL, description: 'a user scope not listed in the tree' },
  ]);
  let picked: Item | undefined;
  for (;;) {
    picked = await services.prompts.quickPick(items, {
      title: options.title,
      canGoBack: options.canGoBack,
      placeHolder: options.placeHolder ?? `Choose a scope of ${connection.label}`,
    });
    if (!picked) return undefined;
    if (!options.refuseFull || !picked.scope || !picked.names || picked.names.length < MAX_SECRETS_PER_SCOPE) break;
    // Refused now, before anything is typed; the pick comes back for another scope.
    // eslint-disable-next-line @typescript-eslint/no-floating-promises -- notification: the flow goes on without waiting for it to be closed
    void services.prompts.error(options.refuseFull(picked.scope, picked.names));
  }
  if (picked.scope) return picked.scope;
  const user = await services.prompts.inputBox({
    title: options.title ?? 'User scope',
    prompt: 'The id of the user whose scope to use',
    placeHolder: 'usr_…',
    ignoreFocusOut: true,
    validateInput: (value) => validateUserId(value.trim()),
  });
  return user === undefined ? undefined : { type: 'user', user: user.trim() };
}

/** Each scope's listing, or undefined where it failed (the pick still offers the scope). */
function listEach(
  services: Services,
  connection: ConnectionInfo,
  scopes: readonly SecretScope[],
): Promise<Array<SecretMeta[] | undefined>> {
  return services.connections.client(connection.id, connection.account).then(
    (client) => Promise.all(scopes.map((scope) => client.list(scope).catch(() => undefined))),
    () => scopes.map(() => undefined),
  );
}

/** A scope from a scope, secret or message node, or by asking for the connection and scope. */
export async function resolveScopeTarget(services: Services, node?: TreeNode, options: PickOptions = {}): Promise<ScopeTarget | undefined> {
  if (node && (node.kind === 'scope' || node.kind === 'secret' || (node.kind === 'message' && node.scope))) {
    return { connection: nodeConnection(services, node), scope: (node as { scope: SecretScope }).scope };
  }
  // A connection row asks for the account; an account, Users or message row names it.
  const connection = node
    ? node.kind === 'connection'
      ? await pickAccount(services, connectionOf(services, node.connectionId))
      : nodeConnection(services, node)
    : await pickConnectionAccount(services);
  if (!connection) return undefined;
  const scope = await pickScope(services, connection.id, { ...options, account: connection.account });
  return scope && { connection, scope };
}

/**
 * The secrets of a scope, listed afresh: the tree's cache may predate changes made by another
 * window or a backend, and a pick must offer what exists now.
 */
export async function scopeSecrets(services: Services, target: ScopeTarget): Promise<SecretMeta[]> {
  const client = await services.connections.client(target.connection.id, target.connection.account);
  return client.list(target.scope);
}

function secretItems(secrets: readonly SecretMeta[]): Array<vscode.QuickPickItem & { secret: SecretMeta }> {
  const now = Date.now();
  return [...secrets]
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((secret) => ({ label: displayName(secret.name), description: describeExpiry(secret.expiresAt, now), secret }));
}

async function noSecrets(services: Services, target: ScopeTarget): Promise<undefined> {
  await services.prompts.info(`There are no secrets in ${scopeLabel(target.scope)} of ${target.connection.label}.`);
  return undefined;
}

/** A secret from a secret node, or by asking for connection, scope and then one of its secrets. */
export async function resolveSecretTarget(
  services: Services,
  node?: TreeNode,
  options: PickOptions = {},
): Promise<SecretTarget | undefined> {
  if (node?.kind === 'secret') return { connection: nodeConnection(services, node), scope: node.scope, secret: node.secret };
  const target = await resolveScopeTarget(services, node);
  if (!target) return undefined;
  const secrets = await scopeSecrets(services, target);
  if (secrets.length === 0) return noSecrets(services, target);
  const picked = await services.prompts.quickPick(secretItems(secrets), {
    placeHolder: options.placeHolder ?? `Choose a secret in ${scopeLabel(target.scope)}`,
    matchOnDescription: true,
  });
  return picked && { ...target, secret: picked.secret };
}

/**
 * Several secrets: the tree's multi-selection when the clicked node is part of it (VS Code passes
 * the clicked node first and the whole selection second), the single clicked secret, or a
 * multi-select pick over a scope.
 */
export async function resolveSecretTargets(
  services: Services,
  node?: TreeNode,
  selection?: readonly TreeNode[],
  options: PickOptions = {},
): Promise<SecretTarget[] | undefined> {
  if (node?.kind === 'secret') {
    const inSelection = selection?.some((n) => n.kind === 'secret' && sameSecretNode(n, node)) ?? false;
    const nodes = inSelection ? selection!.filter((n): n is SecretNode => n.kind === 'secret') : [node];
    return nodes.map((n) => ({ connection: nodeConnection(services, n), scope: n.scope, secret: n.secret }));
  }
  const target = await resolveScopeTarget(services, node);
  if (!target) return undefined;
  const secrets = await scopeSecrets(services, target);
  if (secrets.length === 0) return noSecrets(services, target);
  const picked = await services.prompts.quickPickMany(secretItems(secrets), {
    placeHolder: options.placeHolder ?? `Choose secrets in ${scopeLabel(target.scope)}`,
    canPickMany: true,
    matchOnDescription: true,
  });
  if (!picked || picked.length === 0) return undefined;
  return picked.map((item) => ({ ...target, secret: item.secret }));
}

function sameSecretNode(a: SecretNode, b: SecretNode): boolean {
  return a.connectionId === b.connectionId && a.account === b.account && sameScope(a.scope, b.scope) && a.secret.name === b.secret.name;
}

/**
 * Said when a command that acts on one secret is run on a multi-selection: which one it acts on.
 * Undefined when the selection holds at most that one secret.
 */
export function oneAtATime(what: string, node: TreeNode | undefined, selection: readonly TreeNode[] | undefined): string | undefined {
  if (node?.kind !== 'secret' || !selection) return undefined;
  const others = selection.filter((n) => n.kind === 'secret' && !sameSecretNode(n, node));
  return others.length > 0 && others.length < selection.length ? `${what} one secret at a time: '${node.secret.name}'.` : undefined;
}
