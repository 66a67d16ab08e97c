import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { StorageKeys } from '../constants';
import {
  findAccount,
  userIdsOf,
  validateAccountPath,
  withAccountLabel,
  withAccounts,
  withAccountUserIds,
  withoutAccount,
} from '../model/accounts';
import type { KeyMode } from '../model/types';
import {
  isOrganizationKey,
  keyKindOf,
  keyLast4,
  keyModeOf,
  validateAccountId,
  validateApiBase,
  validateApiKey,
  validateConnectionLabel,
  validateStripeContext,
  validateUserId,
} from '../model/validation';
import type { ConnectionInfo, ConnectionManager } from '../services';
import { SecretStoreError } from '../stripe/errors';
import type { SecretStore } from '../stripe/types';
import { ClientCache } from './clientCache';
import { onAccount } from './accountClient';
import type { ClientMaker } from './clientFactory';
import {
  activeAfterRemoval,
  duplicateUserId,
  makeConnectionId,
  parseStoredConnections,
  splitForSync,
  withoutUserId,
  withUserId,
} from './connectionList';
import { tagErrors } from './errorSource';

type AddInput = Parameters<ConnectionManager['add']>[0];

function check(message: string | undefined): void {
  if (message !== undefined) throw new SecretStoreError('validation', message);
}

/** The key's mode: an organization key's is Stripe's report (`mode`), and unknown counts as live, the careful side. */
function modeOf(apiKey: string, mode: KeyMode | undefined): KeyMode {
  return isOrganizationKey(apiKey) ? (mode ?? 'live') : keyModeOf(apiKey);
}

function requireAccount(c: ConnectionInfo, account: string | undefined): void {
  if (!findAccount(c, account))
    throw new SecretStoreError(
      'validation',
      `The account ${account ?? ''} is no longer listed under "${c.label}"; refresh the Stripe Secrets view.`,
    );
}

/**
 * Connections kept in globalState (metadata only) with each API key in SecretStorage under
 * `StorageKeys.apiKeyPrefix + id`, and one cached client per connection. Ephemeral connections
 * (the demo's) live in memory only: listed after the stored ones, never written to either store.
 * Settings Sync carries `StorageKeys.connections` (see extension.ts) but never a key; the local
 * emulator's connection points at this machine, so it is kept apart in `StorageKeys.localConnections`.
 */
export class StoredConnectionManager implements ConnectionManager, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  /** One client per connection, shared by concurrent callers; a key change invalidates it. */
  private readonly clients = new ClientCache<SecretStore>((id) => this.buildClient(id));
  private readonly ephemeral = new Map<string, { info: ConnectionInfo; apiKey: string }>();
  private readonly subscriptions: vscode.Disposable[];
  /** Stored connections whose key this machine's SecretStorage lacks, as last checked. */
  private missing = new Set<string>();
  /** The stored list as last seen, to notice a change Settings Sync made (globalState has no change event). */
  private seen = '';
  /** globalState edits run one after another, so two quick commands cannot lose each other's change. */
  private writes: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly state: vscode.Memento,
    private readonly secrets: vscode.SecretStorage,
    private readonly makeClient: ClientMaker,
  ) {
    // Another window (or this one) changed or deleted a key: a cached client may hold the old one.
    this.subscriptions = [
      secrets.onDidChange((e) => {
        if (!e.key.startsWith(StorageKeys.apiKeyPrefix)) return;
        this.clients.invalidate(e.key.slice(StorageKeys.apiKeyPrefix.length));
        // eslint-disable-next-line @typescript-eslint/no-floating-promises -- event handler: nothing can wait for it; onDidChange redraws when it ends
        void this.checkKeys();
        this.emitter.fire();
      }),
      // Settings Sync updates globalState without telling the extension: look again when the window is back.
      vscode.window.onDidChangeWindowState((e) => {
        // eslint-disable-next-line @typescript-eslint/no-floating-promises -- event handler: nothing can wait for it; onDidChange redraws when it ends
        if (e.focused) void this.checkKeys();
      }),
    ];
    // eslint-disable-next-line @typescript-eslint/no-floating-promises -- the first check runs in the background; onDidChange redraws the rows when it ends
    void this.checkKeys();
    // A version that kept the emulator's connection in the synced list: move it out before it syncs.
    const synced = parseStoredConnections(state.get(StorageKeys.connections));
    if (synced.some((c) => c.emulator)) void this.serialized(() => this.writeStored(this.stored())).catch(() => undefined);
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.emitter.dispose();
  }

  list(): ConnectionInfo[] {
    return [...this.stored(), ...[...this.ephemeral.values()].map((e) => e.info)];
  }

  get(id: string): ConnectionInfo | undefined {
    return this.list().find((c) => c.id === id);
  }

  active(): ConnectionInfo | undefined {
    const all = this.list();
    const id = this.state.get<string>(StorageKeys.activeConnection);
    return all.find((c) => c.id === id) ?? all[0];
  }

  async setActive(id: string): Promise<void> {
    this.require(id);
    await this.serialized(() => this.state.update(StorageKeys.activeConnection, id));
    this.emitter.fire();
  }

  /**
   * Adds a connection held in memory only: never stored, never made active (the person picks it,
   * unless it is the only one), gone when the window closes.
   */
  addEphemeral(input: AddInput): ConnectionInfo {
    const apiKey = input.apiKey.trim();
    const info: ConnectionInfo = { ...this.newInfo(input, apiKey), ephemeral: true };
    this.ephemeral.set(info.id, { info, apiKey });
    this.emitter.fire();
    return info;
  }

  async add(input: AddInput): Promise<ConnectionInfo> {
    const apiKey = input.apiKey.trim();
    const info = await this.serialized(async () => {
      const info = this.newInfo(input, apiKey);
      await this.secrets.store(StorageKeys.apiKeyPrefix + info.id, apiKey);
      try {
        await this.writeStored([...this.stored(), info]);
      } catch (error) {
        await this.secrets.delete(StorageKeys.apiKeyPrefix + info.id);
        throw error;
      }
      return info;
    });
    this.emitter.fire();
    return info;
  }

  private newInfo(input: AddInput, apiKey: string): ConnectionInfo {
    check(validateApiKey(apiKey));
    check(validateConnectionLabel(input.label));
    if (input.stripeAccount !== undefined) check(validateAccountId(input.stripeAccount));
    if (input.stripeContext !== undefined) check(validateStripeContext(input.stripeContext));
    if (isOrganizationKey(apiKey) && input.stripeContext === undefined)
      check('An organization key needs the Stripe-Context it acts on (acct_… or acct_platform/acct_connected).');
    if (input.apiBase !== undefined) check(validateApiBase(input.apiBase));
    for (const user of input.userIds ?? []) check(validateUserId(user));
    const all = this.list();
    const info: ConnectionInfo = {
      id: makeConnectionId(
        all.map((c) => c.id),
        () => randomBytes(6).toString('hex'),
      ),
      label: input.label,
      mode: modeOf(apiKey, input.mode),
      keyLast4: keyLast4(apiKey),
      keyKind: keyKindOf(apiKey),
      userIds: [...new Set(input.userIds ?? [])],
    };
    if (input.stripeAccount !== undefined) info.stripeAccount = input.stripeAccount;
    if (input.stripeContext !== undefined) info.stripeContext = input.stripeContext;
    if (input.sandbox) info.sandbox = { ...input.sandbox };
    if (input.apiBase !== undefined) info.apiBase = input.apiBase;
    if (input.emulator) info.emulator = true;
    if (input.stripeCli) info.stripeCli = { ...input.stripeCli };
    return info;
  }

  async remove(id: string): Promise<void> {
    await this.serialized(async () => {
      const next = activeAfterRemoval(this.list(), this.state.get<string>(StorageKeys.activeConnection), id);
      if (this.ephemeral.delete(id)) {
        await this.state.update(StorageKeys.activeConnection, next);
        return;
      }
      await this.writeStored(this.stored().filter((c) => c.id !== id));
      await this.state.update(StorageKeys.activeConnection, next);
      this.clients.invalidate(id);
      await this.secrets.delete(StorageKeys.apiKeyPrefix + id);
    });
    this.clients.invalidate(id);
    this.emitter.fire();
  }

  async replaceKey(id: string, apiKey: string, mode?: KeyMode): Promise<ConnectionInfo> {
    const key = apiKey.trim();
    check(validateApiKey(key));
    const info = await this.edit(id, async (c) => {
      if (isOrganizationKey(key) && c.stripeContext === undefined)
        check(`"${c.label}" names no Stripe-Context, which an organization key needs: add a new connection for this key.`);
      this.clients.invalidate(id);
      const held = this.ephemeral.get(id);
      if (held) held.apiKey = key;
      else await this.secrets.store(StorageKeys.apiKeyPrefix + id, key);
      return { ...c, mode: modeOf(key, mode), keyLast4: keyLast4(key), keyKind: keyKindOf(key) };
    });
    this.clients.invalidate(id);
    return info;
  }

  async update(id: string, changes: Partial<Pick<ConnectionInfo, 'label' | 'apiBase' | 'stripeCli' | 'sandbox'>>): Promise<ConnectionInfo> {
    if (changes.apiBase !== undefined) check(validateApiBase(changes.apiBase));
    const info = await this.edit(id, async (c) => ({ ...c, ...changes }));
    this.clients.invalidate(id);
    return info;
  }

  async addUserId(id: string, userId: string, account?: string): Promise<void> {
    check(validateUserId(userId));
    await this.edit(id, async (c) => {
      requireAccount(c, account);
      check(duplicateUserId(userIdsOf(c, account), userId));
      return withAccountUserIds(c, account, (ids) => withUserId(ids, userId));
    });
  }

  async addUserIds(id: string, userIds: readonly string[], account?: string): Promise<string[]> {
    for (const user of userIds) check(validateUserId(user));
    let added: string[] = [];
    await this.edit(id, async (c) => {
      requireAccount(c, account);
      const listed = userIdsOf(c, account);
      added = [...new Set(userIds)].filter((u) => !listed.includes(u));
      return withAccountUserIds(c, account, (ids) => [...ids, ...added]);
    });
    return added;
  }

  async removeUserId(id: string, userId: string, account?: string): Promise<void> {
    await this.edit(id, async (c) => withAccountUserIds(c, account, (ids) => withoutUserId(ids, userId)));
  }

  async addAccounts(id: string, accounts: readonly string[]): Promise<string[]> {
    for (const account of accounts) check(validateAccountPath(account));
    let added: string[] = [];
    await this.edit(id, async (c) => {
      const result = withAccounts(c, accounts);
      added = result.added;
      return result.next;
    });
    return added;
  }

  async removeAccount(id: string, account: string): Promise<void> {
    await this.edit(id, async (c) => withoutAccount(c, account));
  }

  async labelAccount(id: string, account: string | undefined, label: string): Promise<void> {
    check(validateConnectionLabel(label));
    await this.edit(id, async (c) => {
      requireAccount(c, account);
      return withAccountLabel(c, account, label);
    });
  }

  async client(id: string, account?: string): Promise<SecretStore> {
    const store = await this.clients.get(id);
    if (account === undefined) return store;
    requireAccount(this.require(id), account);
    return onAccount(store, account);
  }

  async hasKey(id: string): Promise<boolean> {
    if (this.ephemeral.has(id)) return true;
    const present = (await this.secrets.get(StorageKeys.apiKeyPrefix + id)) !== undefined;
    // eslint-disable-next-line @typescript-eslint/no-floating-promises -- a re-check in the background; onDidChange redraws when it ends
    if (present === this.missing.has(id)) void this.checkKeys();
    return present;
  }

  keyMissing(id: string): boolean {
    return this.missing.has(id);
  }

  /** Which stored connections lack their key here; fires onDidChange when that or the stored list changed. */
  async checkKeys(): Promise<void> {
    const stored = this.stored();
    const present = await Promise.all(
      stored.map(
        async (c) =>
          await this.secrets.get(StorageKeys.apiKeyPrefix + c.id).then(
            (k) => k !== undefined,
            () => true,
          ),
      ),
    );
    const missing = new Set(stored.filter((_c, i) => !present[i]).map((c) => c.id));
    const seen = JSON.stringify(stored);
    const changed = seen !== this.seen || missing.size !== this.missing.size || [...missing].some((id) => !this.missing.has(id));
    this.seen = seen;
    this.missing = missing;
    if (changed) this.emitter.fire();
  }

  /** Forget every cached client, e.g. after the concurrency or timeout settings changed. */
  dropClients(): void {
    this.clients.clear();
  }

  private stored(): ConnectionInfo[] {
    const local = parseStoredConnections(this.state.get(StorageKeys.localConnections));
    const synced = parseStoredConnections(this.state.get(StorageKeys.connections)).filter((c) => !local.some((l) => l.id === c.id));
    return [...synced, ...local];
  }

  /** The synced list and this machine's own (the local emulator's connection), each written only when it changed. */
  private async writeStored(all: readonly ConnectionInfo[]): Promise<void> {
    const { synced, local } = splitForSync(all);
    await this.state.update(StorageKeys.connections, synced);
    if (local.length > 0 || this.state.get(StorageKeys.localConnections) !== undefined)
      await this.state.update(StorageKeys.localConnections, local);
  }

  private async buildClient(id: string): Promise<SecretStore> {
    const info = this.require(id);
    const apiKey = this.ephemeral.get(id)?.apiKey ?? (await this.secrets.get(StorageKeys.apiKeyPrefix + id));
    if (apiKey === undefined) {
      throw new SecretStoreError(
        'invalid_key',
        `"${info.label}" has no API key on this machine (Settings Sync never carries keys): use Enter API Key… on its row.`,
      );
    }
    const current = this.require(id);
    const { stripeAccount, stripeContext, apiBase, mode } = current;
    return tagErrors(this.makeClient({ apiKey, stripeAccount, stripeContext, apiBase, mode }, current.label), id);
  }

  private require(id: string): ConnectionInfo {
    const info = this.get(id);
    if (!info) throw new SecretStoreError('validation', 'That connection no longer exists; refresh the Stripe Secrets view.');
    return info;
  }

  private async edit(id: string, change: (c: ConnectionInfo) => Promise<ConnectionInfo>): Promise<ConnectionInfo> {
    const info = await this.serialized(async () => {
      const held = this.ephemeral.get(id);
      if (held) {
        held.info = await change(held.info);
        return held.info;
      }
      const all = this.stored();
      const index = all.findIndex((c) => c.id === id);
      if (index < 0) this.require(id);
      const next = await change(all[index]);
      await this.writeStored(all.map((c, i) => (i === index ? next : c)));
      return next;
    });
    this.emitter.fire();
    return info;
  }

  private serialized<T>(work: () => Thenable<T> | Promise<T>): Promise<T> {
    const run = this.writes.then(() => work());
    this.writes = run.catch(() => undefined);
    return run;
  }
}
