/**
 * The value editor: Reveal and Edit open a secret in a webview custom editor that the extension
 * owns. The value is held in the extension host's memory (SecretValueDocument) and in the page
 * only while the person shows it; no TextDocument ever holds it, so no other extension is handed
 * it, and a hot-exit backup stores nothing (backupCustomDocument writes no file).
 *
 * A save writes to Stripe only when the person asked for it (Ctrl+S or the Save button, or any
 * save while auto-save is off): VS Code's auto-save calls the same save, and a half-typed secret
 * must not replace the live one. Before it writes, the save fetches Stripe's value and compares it
 * with the value as opened (see decideSave).
 */
import * as vscode from 'vscode';
import { SECRET_URI_SCHEME, VALUE_EDITOR_VIEW_TYPE } from '../constants';
import { scopeDescription } from '../model/scope';
import { decideSave, futureExpiry, locationKey, modeQuery, parseModeQuery, parseSecretPath, secretPath, type RemoteValue, type SecretLocation, type ValueEditorMode } from '../model/secretValue';
import { parseWebviewMessage, type WebviewMessage } from '../model/valueEditorProtocol';
import type { SecretWithPayload } from '../model/types';
import { validatePayload } from '../model/validation';
import type { ConnectionInfo, Services } from '../services';
import { isSecretStoreError } from '../stripe/errors';
import { copySecretToClipboard } from '../ui/clipboard';
import { reportError } from '../ui/errors';
import { REVEAL_NOTICE_MS, withAbortSignal, withCancellableProgress } from '../ui/progress';
import { confirmLiveValueAccess } from '../ui/secretPrompts';
import { SecretValueDocument, type ValueEdit } from './valueDocument';
import { valueEditorHtml } from './webviewHtml';
import { saveWithHistory } from '../history/keepHistory';

export const CREATE_AGAIN_BUTTON = 'Create Again';
export const OVERWRITE_BUTTON = 'Overwrite';
export const SHOW_THEIRS_BUTTON = 'Show Theirs';
export const AUTO_SAVE_HINT = 'Auto-save does not save secret values: press Ctrl+S (Cmd+S) or Save in the editor to write the value to Stripe.';

/** How long a value fetched by Reveal or Edit waits for its editor to open before it is dropped. */
const STAGED_MS = 30_000;

export function valueEditorUri(location: SecretLocation, mode: ValueEditorMode): vscode.Uri {
  return vscode.Uri.from({ scheme: SECRET_URI_SCHEME, path: secretPath(location), query: modeQuery(mode) });
}

function restoredMessage(mode: ValueEditorMode, hadUnsavedChanges: boolean): string {
  const lost = hadUnsavedChanges ? 'Unsaved changes made before the window reloaded were not kept: a secret value is never backed up. ' : '';
  return `${lost}The value is not shown until you fetch it again${mode === 'edit' ? ' to edit it' : ''}.`;
}

export class ValueEditorProvider implements vscode.CustomEditorProvider<SecretValueDocument>, vscode.Disposable {
  private readonly changes = new vscode.EventEmitter<vscode.CustomDocumentEditEvent<SecretValueDocument>>();
  readonly onDidChangeCustomDocument = this.changes.event;
  private readonly documents = new Map<string, SecretValueDocument>();
  private readonly staged = new Map<string, { secret: SecretWithPayload; timer: ReturnType<typeof setTimeout> }>();
  private active: SecretValueDocument | undefined;

  constructor(
    private readonly services: Services,
    private readonly mediaRoot: vscode.Uri,
    private readonly now: () => number = Date.now,
  ) {}

  dispose(): void {
    for (const { timer } of this.staged.values()) clearTimeout(timer);
    this.staged.clear();
    for (const document of this.documents.values()) document.forget();
    this.documents.clear();
    this.changes.dispose();
  }

  /**
   * Reveal / Edit, once the command has resolved the secret and asked the live-mode question:
   * fetches the value (a failure goes to the command's error funnel) and opens the editor.
   */
  async open(connection: ConnectionInfo, location: SecretLocation, mode: ValueEditorMode): Promise<void> {
    const key = locationKey(location, mode);
    const open = this.documents.get(key);
    if (open) {
      if (open.status !== 'ready') this.show(open, await this.fetch(connection, location));
    } else {
      const secret = await this.fetch(connection, location);
      this.stage(key, secret);
    }
    await vscode.commands.executeCommand('vscode.openWith', valueEditorUri(location, mode), VALUE_EDITOR_VIEW_TYPE, { preview: mode === 'reveal' });
  }

  /** The open editor of a secret, if any (for the host tests). */
  document(location: SecretLocation, mode: ValueEditorMode): SecretValueDocument | undefined {
    return this.documents.get(locationKey(location, mode));
  }

  /** Set Secret (or an import) replaced the value: an editor without changes shows the new one. */
  notifyChanged(location: SecretLocation, except?: SecretValueDocument): void {
    for (const mode of ['reveal', 'edit'] as const) {
      const document = this.documents.get(locationKey(location, mode));
      if (!document || document === except || document.status !== 'ready' || document.dirty) continue;
      document.unloaded('empty', 'The value was replaced in Stripe. Fetch it again to see the new value.');
      document.render(this.now());
      document.announce(document.message);
    }
  }

  /** Delete Secret removed it: open editors say so (an edit can still create it again on save). */
  notifyDeleted(location: SecretLocation): void {
    for (const mode of ['reveal', 'edit'] as const) {
      const document = this.documents.get(locationKey(location, mode));
      if (!document || document.dirty) continue;
      document.unloaded('missing', `'${location.name}' was deleted from ${scopeDescription(location.scope)}.`);
      document.render(this.now());
      document.announce(document.message);
    }
  }

  /** Ctrl+S (Cmd+S) in the value editor, and its Save button: a save the person asked for. */
  async saveActive(): Promise<void> {
    const document = this.active;
    if (!document) return;
    document.requestExplicitSave(this.now());
    await vscode.commands.executeCommand('workbench.action.files.save');
  }

  async openCustomDocument(uri: vscode.Uri, openContext: vscode.CustomDocumentOpenContext): Promise<SecretValueDocument> {
    const location = parseSecretPath(uri.path);
    if (!location) throw new Error('This is not a secret the Stripe Secrets view can open.');
    const mode = parseModeQuery(uri.query);
    const key = locationKey(location, mode);
    const document = new SecretValueDocument(
      uri,
      location,
      mode,
      () => this.services.connections.get(location.connectionId)?.label,
      () => this.services.connections.get(location.connectionId)?.mode === 'live',
    );
    const staged = this.staged.get(key);
    this.staged.delete(key);
    if (staged) {
      clearTimeout(staged.timer);
      document.loaded(staged.secret);
    } else {
      // A tab VS Code restored after a reload (or any open that did not come through Reveal or
      // Edit): nothing is fetched until the person asks, so a live value is never shown unasked.
      document.unloaded('empty', restoredMessage(mode, openContext.backupId !== undefined));
    }
    this.documents.set(key, document);
    document.onDidDispose(() => {
      if (this.documents.get(key) === document) this.documents.delete(key);
      if (this.active === document) this.active = undefined;
    });
    return document;
  }

  async resolveCustomEditor(document: SecretValueDocument, panel: vscode.WebviewPanel): Promise<void> {
    document.panel = panel;
    document.shown = false;
    panel.webview.options = { enableScripts: true, enableCommandUris: false, enableForms: false, localResourceRoots: [this.mediaRoot] };
    panel.webview.html = valueEditorHtml(panel.webview, this.mediaRoot, document.location.name);
    const subscriptions = [
      panel.webview.onDidReceiveMessage((raw: unknown) => {
        const message = parseWebviewMessage(raw);
        if (!message) {
          this.services.log.error(`The value editor of '${document.location.name}' sent a message it should not; ignored.`);
          return;
        }
        void this.receive(document, message);
      }),
      panel.onDidChangeViewState((e) => {
        if (e.webviewPanel.active) this.active = document;
        else if (this.active === document) this.active = undefined;
      }),
    ];
    if (panel.active) this.active = document;
    panel.onDidDispose(() => {
      subscriptions.forEach((s) => s.dispose());
      if (document.panel === panel) document.panel = undefined;
      if (this.active === document) this.active = undefined;
    });
  }

  /** A message from the page (already validated). Public so the host tests can act as the page. */
  async receive(document: SecretValueDocument, message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        // The page (re)loads when its tab comes back: it starts masked again.
        document.shown = false;
        document.render(this.now());
        return;
      case 'show':
        if (document.status !== 'ready') return;
        document.shown = true;
        document.render(this.now());
        return;
      case 'hide':
        document.shown = false;
        document.render(this.now());
        document.announce('Value hidden.');
        return;
      case 'edit': {
        const wasDirty = document.dirty;
        const edit = document.typed(message.text, this.now());
        if (edit) this.reportEdit(document, edit, 'Edit');
        if (document.dirty !== wasDirty) document.post({ type: 'dirty', dirty: document.dirty });
        return;
      }
      case 'copy':
        await this.copy(document);
        return;
      case 'fetch':
        await this.fetchAgain(document);
        return;
      case 'save':
        this.active = document;
        await this.saveActive();
        return;
      case 'revert':
        this.active = document;
        await vscode.commands.executeCommand('workbench.action.files.revert');
        return;
      case 'useTheirs': {
        const theirs = document.theirs;
        if (theirs === undefined || document.draft === undefined) return;
        const edit = { before: document.draft, after: theirs };
        document.base = theirs;
        document.theirs = undefined;
        document.setDraft(theirs);
        this.reportEdit(document, edit, 'Use Their Value');
        document.render(this.now());
        document.announce('Their value replaced your edit.');
        return;
      }
      case 'dismissTheirs':
        document.theirs = undefined;
        document.render(this.now());
        return;
    }
  }

  async saveCustomDocument(document: SecretValueDocument, cancellation: vscode.CancellationToken): Promise<void> {
    const explicit = document.takeExplicitSave(this.now());
    // Nothing loaded (a restored tab) or a read-only editor: there is nothing to write.
    if (document.mode !== 'edit' || document.status !== 'ready' || document.draft === undefined || document.base === undefined) return;
    if (!explicit && vscode.workspace.getConfiguration('files', document.uri).get<string>('autoSave', 'off') !== 'off') {
      // Said once per editor: auto-save comes back after every pause in typing.
      if (!document.autoSaveHintShown) void this.services.prompts.info(AUTO_SAVE_HINT);
      document.autoSaveHintShown = true;
      throw new vscode.CancellationError();
    }
    const connection = this.services.connections.get(document.location.connectionId);
    try {
      if (!connection) throw new Error('Not saved: that connection no longer exists.');
      await withAbortSignal(cancellation, (signal) => this.write(connection, document, cancellation, signal));
    } catch (error) {
      // The edit stays either way (a rejected save leaves the editor dirty). A failure is reported
      // once, through the funnel; VS Code says nothing more for a cancellation.
      if (!(error instanceof vscode.CancellationError)) {
        void reportError(this.services, error, { action: 'Saving the secret value', node: { kind: 'connection', connectionId: document.location.connectionId } });
        document.announce('Not saved.');
      }
      throw new vscode.CancellationError();
    }
  }

  async saveCustomDocumentAs(): Promise<void> {
    throw new Error('A secret value cannot be saved to a file.');
  }

  async revertCustomDocument(document: SecretValueDocument): Promise<void> {
    document.theirs = undefined;
    document.setDraft(document.base);
    document.render(this.now());
    document.announce('Reverted to the value as opened.');
  }

  /** Hot exit and crash recovery: nothing is written, and a restored editor fetches nothing by itself. */
  async backupCustomDocument(document: SecretValueDocument): Promise<vscode.CustomDocumentBackup> {
    return { id: `no-backup:${document.mode}`, delete: () => undefined };
  }

  private reportEdit(document: SecretValueDocument, edit: ValueEdit, label: string): void {
    this.changes.fire({
      document,
      label,
      undo: () => {
        document.setDraft(edit.before);
        document.render(this.now());
      },
      redo: () => {
        document.setDraft(edit.after);
        document.render(this.now());
      },
    });
  }

  private async write(connection: ConnectionInfo, document: SecretValueDocument, cancellation: vscode.CancellationToken, signal: AbortSignal): Promise<void> {
    const { location } = document;
    const draft = document.draft!;
    const base = document.base!;
    const invalid = validatePayload(draft);
    if (invalid) throw new Error(`Not saved: ${invalid}`);
    const client = await this.services.connections.client(connection.id);
    const where = `${scopeDescription(location.scope)} of ${connection.label}`;

    let remote: RemoteValue;
    try {
      const current = await client.reveal(location.name, location.scope, { signal });
      remote = { exists: true, payload: current.payload, expiresAt: current.expiresAt };
    } catch (error) {
      if (!(isSecretStoreError(error) && error.kind === 'not_found')) throw error;
      remote = { exists: false };
    }
    if (cancellation.isCancellationRequested) throw new vscode.CancellationError();

    let expiresAt: number | null;
    switch (decideSave(base, draft, remote)) {
      case 'unchanged':
        document.saved(draft, undefined);
        document.announce('Saved: Stripe already holds this value.');
        document.render(this.now());
        return;
      case 'write':
        expiresAt = futureExpiry(remote.exists ? remote : undefined, this.now());
        break;
      case 'conflict': {
        const answer = await this.services.prompts.warning(
          `The value of '${location.name}' in ${where} changed since you opened it. Overwrite it with yours?`,
          { modal: true, detail: 'Show Theirs keeps your edit unsaved and shows the value Stripe holds now.' },
          OVERWRITE_BUTTON,
          SHOW_THEIRS_BUTTON,
        );
        if (answer === SHOW_THEIRS_BUTTON && remote.exists) {
          document.theirs = remote.payload;
          document.shown = true;
          document.render(this.now());
          document.announce('Not saved. The value Stripe holds now is shown below yours.');
        }
        if (answer !== OVERWRITE_BUTTON) throw new vscode.CancellationError();
        expiresAt = futureExpiry(remote.exists ? remote : undefined, this.now());
        break;
      }
      case 'deleted': {
        const answer = await this.services.prompts.warning(`Secret '${location.name}' no longer exists in ${where}. Create it again?`, { modal: true }, CREATE_AGAIN_BUTTON);
        if (answer !== CREATE_AGAIN_BUTTON) throw new vscode.CancellationError();
        expiresAt = futureExpiry(document.meta, this.now());
        break;
      }
    }

    // A replace sets payload and expiry anew, so the expiry is sent again to keep it.
    // History keeps what Stripe held (read just above) and the notification offers Undo.
    const meta = await saveWithHistory(this.services, connection, location, remote.exists ? remote : undefined, draft, () =>
      client.set({ name: location.name, scope: location.scope, payload: draft, expiresAt }, { signal }),
    );
    document.saved(draft, meta);
    document.status = 'ready';
    document.message = '';
    document.render(this.now());
    document.announce('Saved.');
    this.services.tree.refreshScope(location.connectionId, location.scope);
    this.notifyChanged(location, document);
  }

  /** Cancellable from its notification: a slow or stuck fetch need not hold the editor. */
  private async fetch(connection: ConnectionInfo, location: SecretLocation): Promise<SecretWithPayload> {
    const client = await this.services.connections.client(connection.id);
    return withCancellableProgress(`Fetching the value of '${location.name}'…`, (signal) => client.reveal(location.name, location.scope, { signal }), { showAfterMs: REVEAL_NOTICE_MS });
  }

  private stage(key: string, secret: SecretWithPayload): void {
    const previous = this.staged.get(key);
    if (previous) clearTimeout(previous.timer);
    const timer = setTimeout(() => this.staged.delete(key), STAGED_MS);
    this.staged.set(key, { secret, timer });
  }

  private show(document: SecretValueDocument, secret: SecretWithPayload): void {
    document.loaded(secret);
    document.render(this.now());
    document.announce('Value fetched. It stays hidden until you show it.');
  }

  /** The Fetch button of a restored (or replaced, or failed) editor; live mode asks first. */
  private async fetchAgain(document: SecretValueDocument): Promise<void> {
    const { location } = document;
    const connection = this.services.connections.get(location.connectionId);
    if (!connection) {
      document.unloaded('failed', 'That connection no longer exists; add it again in the Stripe Secrets view.');
      document.render(this.now());
      document.announce(document.message);
      return;
    }
    if (!(await confirmLiveValueAccess(this.services, connection, location.scope, location.name, document.mode === 'edit' ? 'Edit' : 'Reveal'))) return;
    document.unloaded('loading', 'Fetching the value…');
    document.render(this.now());
    try {
      this.show(document, await this.fetch(connection, location));
    } catch (error) {
      if (isSecretStoreError(error) && error.kind === 'not_found') {
        document.unloaded('missing', `'${location.name}' no longer exists in ${scopeDescription(location.scope)} of ${connection.label}.`);
      } else {
        document.unloaded('failed', 'The value could not be fetched.');
        void reportError(this.services, error, { action: 'Fetching the secret value', node: { kind: 'connection', connectionId: connection.id } });
      }
      document.render(this.now());
      document.announce(document.message);
    }
  }

  private async copy(document: SecretValueDocument): Promise<void> {
    const { location } = document;
    const connection = this.services.connections.get(location.connectionId);
    if (!connection || document.status !== 'ready' || document.draft === undefined) return;
    if (!(await confirmLiveValueAccess(this.services, connection, location.scope, location.name, 'Copy'))) return;
    await copySecretToClipboard(this.services, location.name, document.draft);
    document.announce('Value copied to the clipboard.');
  }
}

const providers = new WeakMap<Services, ValueEditorProvider>();

/** Registers the value editor; VS Code opens it for every `stripe-secret:` URI. */
export function registerValueEditor(services: Services): vscode.Disposable {
  const provider = new ValueEditorProvider(services, vscode.Uri.joinPath(services.context.extensionUri, 'media'));
  providers.set(services, provider);
  return vscode.Disposable.from(
    vscode.window.registerCustomEditorProvider(VALUE_EDITOR_VIEW_TYPE, provider, {
      supportsMultipleEditorsPerDocument: false,
      // The page is rebuilt when its tab comes back: a hidden tab keeps no value in a webview.
      webviewOptions: { retainContextWhenHidden: false, enableFindWidget: false },
    }),
    provider,
    { dispose: () => providers.delete(services) },
  );
}

/** The registered value editor, for the commands that open it or announce changes. */
export function valueEditorsOf(services: Services): ValueEditorProvider {
  const provider = providers.get(services);
  if (!provider) throw new Error('The value editor is not registered.');
  return provider;
}
