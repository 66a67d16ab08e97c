import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { StorageKeys } from '../constants';
import { keyKindOf, keyLast4, keyModeOf, validateAccountId, validateApiBase, validateApiKey, validateConnectionLabel, validateUserId } from '../model/validation';
import type { ConnectionInfo, ConnectionManager } from '../services';
import { SecretStoreError } from '../stripe/errors';
import type { SecretStore } from '../stripe/types';
import type { ClientMaker } from './clientFactory';
import { activeAfterRemoval, duplicateUserId, makeConnectionId, parseStoredConnections, withoutUserId, withUserId } from './connectionList';
import { tagErrors } from './errorSource';

type AddInput = Parameters<ConnectionManager['add']>[0];

function check(message: string | undefined): void {
  if (message !== undefined) throw new SecretStoreError('validation', message);
}

/**
 * Connections kept in globalState (metadata only) with each API key in SecretStorage under
 * `StorageKeys.apiKeyPrefix + id`, and one cached client per connection.
 */
export class StoredConnectionManager implements ConnectionManager, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;
  private readonly clients = new Map<string, SecretStore>();
  private readonly subscription: vscode.Disposable;
  /** globalState edits run one after another, so two quick commands cannot lose each other's change. */
  private writes: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly state: vscode.Memento,
    private readonly secrets: vscode.SecretStorage,
    private readonly makeClient: ClientMaker,
  ) {
    // Another window (or this one) changed or deleted a key: a cached client may hold the old one.
    this.subscription = secrets.onDidChange((e) => {
      if (!e.key.startsWith(StorageKeys.apiKeyPrefix)) return;
      this.clients.delete(e.key.slice(StorageKeys.apiKeyPrefix.length));
      this.emitter.fire();
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }

  list(): ConnectionInfo[] {
    return parseStoredConnections(this.state.get(StorageKeys.connections));
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

  async add(input: AddInput): Promise<ConnectionInfo> {
    const apiKey = input.apiKey.trim();
    check(validateApiKey(apiKey));
    check(validateConnectionLabel(input.label));
    if (input.stripeAccount !== undefined) check(validateAccountId(input.stripeAccount));
    if (input.apiBase !== undefined) check(validateApiBase(input.apiBase));
    for (const user of input.userIds ?? []) check(validateUserId(user));
    const info = await this.serialized(async () => {
      const all = this.list();
      const info: ConnectionInfo = {
        id: makeConnectionId(all.map((c) => c.id), () => randomBytes(6).toString('hex')),
        label: input.label,
        mode: keyModeOf(apiKey),
        keyLast4: keyLast4(apiKey),
        keyKind: keyKindOf(apiKey),
        userIds: [...new Set(input.userIds ?? [])],
      };
      if (input.stripeAccount !== undefined) info.stripeAccount = input.stripeAccount;
      if (input.apiBase !== undefined) info.apiBase = input.apiBase;
      if (input.emulator) info.emulator = true;
      await this.secrets.store(StorageKeys.apiKeyPrefix + info.id, apiKey);
      try {
        await this.state.update(StorageKeys.connections, [...all, info]);
      } catch (error) {
        await this.secrets.delete(StorageKeys.apiKeyPrefix + info.id);
        throw error;
      }
      return info;
    });
    this.emitter.fire();
    return info;
  }

  async remove(id: string): Promise<void> {
    await this.serialized(async () => {
      const all = this.list();
      const next = activeAfterRemoval(all, this.state.get<string>(StorageKeys.activeConnection), id);
      await this.state.update(StorageKeys.connections, all.filter((c) => c.id !== id));
      await this.state.update(StorageKeys.activeConnection, next);
      await this.secrets.delete(StorageKeys.apiKeyPrefix + id);
    });
    this.clients.delete(id);
    this.emitter.fire();
  }

  async replaceKey(id: string, apiKey: string): Promise<ConnectionInfo> {
    const key = apiKey.trim();
    check(validateApiKey(key));
    const info = await this.edit(id, async (c) => {
      await this.secrets.store(StorageKeys.apiKeyPrefix + id, key);
      return { ...c, mode: keyModeOf(key), keyLast4: keyLast4(key), keyKind: keyKindOf(key) };
    });
    this.clients.delete(id);
    return info;
  }

  async update(id: string, changes: Partial<Pick<ConnectionInfo, 'label' | 'apiBase'>>): Promise<ConnectionInfo> {
    if (changes.apiBase !== undefined) check(validateApiBase(changes.apiBase));
    const info = await this.edit(id, async (c) => ({ ...c, ...changes }));
    this.clients.delete(id);
    return info;
  }

  async addUserId(id: string, userId: string): Promise<void> {
    check(validateUserId(userId));
    await this.edit(id, async (c) => {
      check(duplicateUserId(c.userIds, userId));
      return { ...c, userIds: withUserId(c.userIds, userId) };
    });
  }

  async removeUserId(id: string, userId: string): Promise<void> {
    await this.edit(id, async (c) => ({ ...c, userIds: withoutUserId(c.userIds, userId) }));
  }

  async client(id: string): Promise<SecretStore> {
    const cached = this.clients.get(id);
    if (cached) return cached;
    const info = this.require(id);
    const apiKey = await this.secrets.get(StorageKeys.apiKeyPrefix + id);
    if (apiKey === undefined) {
      throw new SecretStoreError('invalid_key', `The API key of "${info.label}" is missing from this machine's secret storage; re-enter it.`);
    }
    const client = tagErrors(this.makeClient({ apiKey, stripeAccount: info.stripeAccount, apiBase: info.apiBase }, info.label), id);
    // A concurrent replaceKey/remove may have run while the key was read; cache only if still current.
    if (this.get(id) !== undefined && !this.clients.has(id)) this.clients.set(id, client);
    return client;
  }

  /** Forget every cached client, e.g. after the concurrency or timeout settings changed. */
  dropClients(): void {
    this.clients.clear();
  }

  private require(id: string): ConnectionInfo {
    const info = this.get(id);
    if (!info) throw new SecretStoreError('validation', 'That connection no longer exists; refresh the Stripe Secrets view.');
    return info;
  }

  private async edit(id: string, change: (c: ConnectionInfo) => Promise<ConnectionInfo>): Promise<ConnectionInfo> {
    const info = await this.serialized(async () => {
      const all = this.list();
      const index = all.findIndex((c) => c.id === id);
      if (index < 0) this.require(id);
      const next = await change(all[index]);
      await this.state.update(StorageKeys.connections, all.map((c, i) => (i === index ? next : c)));
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
