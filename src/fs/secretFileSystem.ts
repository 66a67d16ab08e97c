/**
 * The `stripe-secret` file system: Reveal opens a read-only document and Edit an editable one whose
 * save replaces the secret. Values live only in the editor's memory and in Stripe; nothing here
 * writes them to disk or keeps them (only whether a value ended with a line break, and its size).
 *
 * Backups: VS Code backs up *dirty* editors (hot exit, crash recovery) into the profile's backup
 * store, whatever their scheme, and 1.90 offers no per-scheme opt-out. Reveal documents are
 * read-only (FilePermission.Readonly) so they never become dirty and are never backed up. An Edit
 * document left unsaved can be backed up until it is saved or reverted, like any unsaved file.
 * With `files.autoSave` on, every auto-save of an Edit document replaces the secret.
 */
import * as vscode from 'vscode';
import { SECRET_URI_SCHEME } from '../constants';
import { validatePayload } from '../model/validation';
import type { SecretMeta } from '../model/types';
import type { Services } from '../services';
import { isSecretStoreError } from '../stripe/errors';
import type { SecretStore } from '../stripe/types';
import { scopeDescription } from '../commands/secretRules';
import { shortReason } from '../ui/errorReport';
import { confirmLiveValueAccess } from '../ui/secretPrompts';
import { endsWithNewline, isSecretLocation, parseSecretPath, payloadFromText, READONLY_QUERY, secretPath, type SecretLocation } from './secretPath';

export const CREATE_AGAIN_BUTTON = 'Create Again';

export function secretUri(location: SecretLocation, readonly: boolean): vscode.Uri {
  return vscode.Uri.from({ scheme: SECRET_URI_SCHEME, path: secretPath(location), query: readonly ? READONLY_QUERY : '' });
}

export function isReadonlyUri(uri: vscode.Uri): boolean {
  return uri.query.split('&').includes(READONLY_QUERY);
}

interface Remembered {
  meta?: SecretMeta;
  /** Whether the value as last read or written ended with a line break (see payloadFromText). */
  endedWithNewline?: boolean;
  /** UTF-8 bytes of the value as last read or written; stat reports it. */
  size?: number;
}

export class SecretFileSystemProvider implements vscode.FileSystemProvider, vscode.Disposable {
  private readonly changes = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changes.event;
  /** Live secrets the person agreed to see in this session (so a reload of the editor asks no more). */
  private readonly granted = new Set<string>();
  private readonly remembered = new Map<string, Remembered>();

  constructor(
    private readonly services: Services,
    private readonly now: () => number = Date.now,
  ) {}

  dispose(): void {
    this.changes.dispose();
    this.granted.clear();
    this.remembered.clear();
  }

  /** Records that the command already asked the live-mode confirmation for this secret. */
  grant(location: SecretLocation): void {
    this.granted.add(secretPath(location));
  }

  /** Open documents of the secret reload (after a set elsewhere in the extension). */
  notifyChanged(location: SecretLocation): void {
    this.changes.fire([
      { type: vscode.FileChangeType.Changed, uri: secretUri(location, true) },
      { type: vscode.FileChangeType.Changed, uri: secretUri(location, false) },
    ]);
  }

  /**
   * Open documents of the secret show it as deleted. What was remembered of it stays: a save that
   * creates it again needs its expiry and final newline.
   */
  notifyDeleted(location: SecretLocation): void {
    this.changes.fire([
      { type: vscode.FileChangeType.Deleted, uri: secretUri(location, true) },
      { type: vscode.FileChangeType.Deleted, uri: secretUri(location, false) },
    ]);
  }

  watch(): vscode.Disposable {
    // Changes made through this extension are fired by the provider itself; there is nothing to poll.
    return new vscode.Disposable(() => undefined);
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const location = parseSecretPath(uri.path);
    if (!location) throw vscode.FileSystemError.FileNotFound(uri);
    if (!isSecretLocation(location)) return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0, permissions: vscode.FilePermission.Readonly };
    const meta = await this.call(location, (client) => client.find(location.name, location.scope));
    const entry = this.entry(location);
    entry.meta = meta;
    return {
      type: vscode.FileType.File,
      ctime: meta.created * 1000,
      mtime: meta.created * 1000,
      size: entry.size ?? 0,
      permissions: isReadonlyUri(uri) ? vscode.FilePermission.Readonly : undefined,
    };
  }

  async readDirectory(uri: vscode.Uri): Promise<[string, vscode.FileType][]> {
    const location = parseSecretPath(uri.path);
    if (isSecretLocation(location)) throw vscode.FileSystemError.FileNotADirectory(uri);
    throw vscode.FileSystemError.NoPermissions('Secrets are listed in the Stripe Secrets view, not as folders.');
  }

  async readFile(uri: vscode.Uri): Promise<Uint8Array> {
    const location = this.secretLocation(uri);
    const connection = this.services.connections.get(location.connectionId);
    if (connection && !this.granted.has(secretPath(location))) {
      if (!(await confirmLiveValueAccess(this.services, connection, location.scope, location.name, isReadonlyUri(uri) ? 'Reveal' : 'Edit'))) {
        throw vscode.FileSystemError.NoPermissions(`The live value of '${location.name}' was not revealed.`);
      }
      if (connection.mode === 'live') this.grant(location);
    }
    const secret = await this.call(location, (client) => client.reveal(location.name, location.scope));
    const bytes = Buffer.from(secret.payload, 'utf8');
    const { payload: _value, ...meta } = secret;
    Object.assign(this.entry(location), { meta, endedWithNewline: endsWithNewline(secret.payload), size: bytes.byteLength });
    return bytes;
  }

  async writeFile(uri: vscode.Uri, content: Uint8Array): Promise<void> {
    const location = this.secretLocation(uri);
    if (isReadonlyUri(uri)) throw vscode.FileSystemError.NoPermissions('This document is read-only; use Edit Secret to change the value.');
    const entry = this.entry(location);
    const payload = payloadFromText(Buffer.from(content).toString('utf8'), entry.endedWithNewline ?? false);
    const invalid = validatePayload(payload);
    if (invalid) throw vscode.FileSystemError.NoPermissions(`Not saved: ${invalid}`);

    let expiresAt: number | null;
    try {
      const current = await this.call(location, (client) => client.find(location.name, location.scope), { rethrowNotFound: true });
      expiresAt = this.futureExpiry(current);
    } catch (error) {
      if (!(isSecretStoreError(error) && error.kind === 'not_found')) throw error;
      const label = this.services.connections.get(location.connectionId)?.label ?? 'this connection';
      const answer = await this.services.prompts.warning(
        `Secret '${location.name}' no longer exists in ${scopeDescription(location.scope)} of ${label}. Create it again?`,
        { modal: true },
        CREATE_AGAIN_BUTTON,
      );
      if (answer !== CREATE_AGAIN_BUTTON) throw vscode.FileSystemError.FileNotFound(`Not saved: '${location.name}' no longer exists in ${scopeDescription(location.scope)}.`);
      expiresAt = this.futureExpiry(entry.meta);
    }

    // A replace sets payload and expiry anew, so the expiry is sent again to keep it.
    const meta = await this.call(location, (client) => client.set({ name: location.name, scope: location.scope, payload, expiresAt }));
    Object.assign(entry, { meta, endedWithNewline: endsWithNewline(payload), size: Buffer.byteLength(payload, 'utf8') });
    this.changes.fire([{ type: vscode.FileChangeType.Changed, uri: secretUri(location, true) }]);
    this.services.tree.refreshScope(location.connectionId, location.scope);
  }

  createDirectory(): void {
    throw vscode.FileSystemError.NoPermissions('Folders cannot be created here.');
  }

  delete(): void {
    throw vscode.FileSystemError.NoPermissions('Use Delete Secret in the Stripe Secrets view to delete a secret.');
  }

  rename(): void {
    throw vscode.FileSystemError.NoPermissions('Secrets cannot be renamed; set a new name and delete the old one.');
  }

  private futureExpiry(meta: SecretMeta | undefined): number | null {
    const at = meta?.expiresAt ?? null;
    return at !== null && at > this.now() / 1000 ? at : null;
  }

  private entry(location: SecretLocation): Remembered {
    const key = secretPath(location);
    let entry = this.remembered.get(key);
    if (!entry) this.remembered.set(key, (entry = {}));
    return entry;
  }

  private secretLocation(uri: vscode.Uri): SecretLocation {
    const location = parseSecretPath(uri.path);
    if (!location) throw vscode.FileSystemError.FileNotFound(uri);
    if (!isSecretLocation(location)) throw vscode.FileSystemError.FileIsADirectory(uri);
    return location;
  }

  /**
   * Runs a client call and turns its failure into a FileSystemError whose message is the short
   * sentence (with the Request-Id) that VS Code shows; the full detail goes to the log.
   */
  private async call<T>(location: SecretLocation, run: (client: SecretStore) => Promise<T>, options: { rethrowNotFound?: boolean } = {}): Promise<T> {
    const connection = this.services.connections.get(location.connectionId);
    if (!connection) throw vscode.FileSystemError.Unavailable('That connection no longer exists; refresh the Stripe Secrets view.');
    try {
      return await run(await this.services.connections.client(connection.id));
    } catch (error) {
      if (options.rethrowNotFound && isSecretStoreError(error) && error.kind === 'not_found') throw error;
      if (isSecretStoreError(error) && error.kind === 'not_found') {
        throw vscode.FileSystemError.FileNotFound(`Secret '${location.name}' no longer exists in ${scopeDescription(location.scope)} of ${connection.label}.`);
      }
      this.services.log.error(`'${location.name}' (${connection.label}):`, error);
      const message = shortReason(error, connection.emulator === true);
      if (isSecretStoreError(error) && (error.kind === 'permission' || error.kind === 'invalid_key')) throw vscode.FileSystemError.NoPermissions(message);
      throw vscode.FileSystemError.Unavailable(message);
    }
  }
}

const providers = new WeakMap<Services, SecretFileSystemProvider>();

/** Registers the `stripe-secret` provider; per-file read-only comes from FileStat.permissions. */
export function registerSecretFileSystem(services: Services): vscode.Disposable {
  const provider = new SecretFileSystemProvider(services);
  providers.set(services, provider);
  return vscode.Disposable.from(
    vscode.workspace.registerFileSystemProvider(SECRET_URI_SCHEME, provider, { isCaseSensitive: true }),
    provider,
    { dispose: () => providers.delete(services) },
  );
}

/** The registered provider, for the commands that grant access or announce changes. */
export function secretFileSystemOf(services: Services): SecretFileSystemProvider {
  const provider = providers.get(services);
  if (!provider) throw new Error('The stripe-secret file system is not registered.');
  return provider;
}
