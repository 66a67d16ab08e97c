/**
 * The value editor: Reveal and Edit open a secret in a webview custom editor that the extension
 * owns. The value is held in the extension host's memory (SecretValueDocument) and in the page
 * only while the person shows it; no TextDocument ever holds it, so no other extension is handed
 * it, and a hot-exit backup stores nothing (backupCustomDocument writes no file).
 *
 * A value is written to Stripe only by the person's own save of this editor: Ctrl+S (Cmd+S, our
 * keybinding), its Save button, or Save Secret Value (save()). VS Code's saveCustomDocument never
 * writes: VS Code calls it for auto-save, a task's or debug session's save-before-run, Save All and
 * any extension's saveAll, without saying which, and a half-typed secret must not replace the
 * live one. Before it writes, save() checks the connection is the one the value came from and
 * reads Stripe's value again after every question (see decideSave).
 */
import * as vscode from 'vscode';
import { SECRET_URI_SCHEME, TREE_VIEW_ID, VALUE_EDITOR_VIEW_TYPE } from '../constants';
import { scopeDescription } from '../model/scope';
import {
  decideSave,
  describeIdentityChange,
  futureExpiry,
  identityOf,
  locationKey,
  modeQuery,
  parseModeQuery,
  parseSecretPath,
  sameIdentity,
  sameRemote,
  secretPath,
  type ConnectionIdentity,
  type RemoteValue,
  type SaveDecision,
  type SecretLocation,
  type ValueEditorMode,
} from '../model/secretValue';
import { parseWebviewMessage, type WebviewMessage } from '../model/valueEditorProtocol';
import type { SecretMeta, SecretWithPayload } from '../model/types';
import { validatePayload } from '../model/validation';
import type { ConnectionInfo, Services } from '../services';
import { isSecretStoreError } from '../stripe/errors';
import { copiedMessage } from '../ui/clipboardTimer';
import { reportError } from '../ui/errors';
import { REVEAL_NOTICE_MS, withCancellableProgress } from '../ui/progress';
import { confirmLiveValueAccess } from '../ui/secretPrompts';
import { SecretValueDocument, type ValueEdit } from './valueDocument';
import { pageRoots, valueEditorHtml, type PageRoots } from './webviewHtml';
import { saveWithHistory } from '../history/restore';
import { onDidRestoreSecret } from '../history/restoredSecrets';
import { actingOn } from '../model/accounts';
import { confirmDestructive } from '../ui/prompts';

export const CREATE_AGAIN_BUTTON = 'Create Again';
export const OVERWRITE_BUTTON = 'Overwrite';
export const SHOW_THEIRS_BUTTON = 'Show Theirs';
const KEEP_UNSAVED_BUTTON = 'Keep Unsaved';
export const SAVE_BUTTON = 'Save';
export const SAVE_LIVE_BUTTON = 'Save to LIVE';

/** Said once per editor, the first time something other than the person's own save tried to save it. */
export function saveHint(name: string): string {
  return `'${name}' was not written to Stripe: a secret value is saved only when you press Ctrl+S (Cmd+S) or Save in its editor. Your edit stays unsaved.`;
}

/** How long a value fetched by Reveal or Edit waits for its editor to open before it is dropped. */
const STAGED_MS = 30_000;
/** Questions in one save before it gives up because Stripe's value keeps changing. */
const MAX_SAVE_ROUNDS = 5;

interface Staged {
  secret: SecretWithPayload;
  from: ConnectionIdentity;
  shown: boolean;
  timer: ReturnType<typeof setTimeout>;
}

type SaveOutcome = { kind: 'written'; meta: SecretMeta } | { kind: 'unchanged' } | { kind: 'cancelled' };

export function valueEditorUri(location: SecretLocation, mode: ValueEditorMode): vscode.Uri {
  return vscode.Uri.from({ scheme: SECRET_URI_SCHEME, path: secretPath(location), query: modeQuery(mode) });
}

function restoredMessage(mode: ValueEditorMode, hadUnsavedChanges: boolean): string {
  const lost = hadUnsavedChanges
    ? 'Unsaved changes made before the window reloaded were not kept: a secret value is never backed up. '
    : '';
  return `${lost}The value is not shown until you fetch it again${mode === 'edit' ? ' to edit it' : ''}.`;
}

export class ValueEditorProvider implements vscode.CustomEditorProvider<SecretValueDocument>, vscode.Disposable {
  private readonly changes = new vscode.EventEmitter<
    vscode.CustomDocumentEditEvent<SecretValueDocument> | vscode.CustomDocumentContentChangeEvent<SecretValueDocument>
  >();
  // Edits carry undo steps; a content change (no undo step) only marks the tab dirty again.
  readonly onDidChangeCustomDocument = this.changes.event as vscode.Event<vscode.CustomDocumentEditEvent<SecretValueDocument>>;
  private readonly documents = new Map<string, SecretValueDocument>();
  private readonly staged = new Map<string, Staged>();
  private active: SecretValueDocument | undefined;
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly services: Services,
    private readonly pageRoots: PageRoots,
    private readonly now: () => number = Date.now,
  ) {
    this.subscriptions = [
      // VS Code marks the tab clean when saveCustomDocument resolves, though it wrote nothing:
      // while the edit is unsaved, the tab is marked dirty again.
      vscode.window.tabGroups.onDidChangeTabs((e) => {
        for (const tab of [...e.opened, ...e.changed]) {
          if (!(tab.input instanceof vscode.TabInputCustom) || tab.input.viewType !== VALUE_EDITOR_VIEW_TYPE || tab.isDirty) continue;
          const document = this.byUri(tab.input.uri);
          if (document?.dirty) this.changes.fire({ document });
        }
        // Closed with an unsaved edit (say, Save in VS Code's close dialog, which writes nothing):
        // the edit is dropped, and the person told it was not written.
        for (const tab of e.closed) {
          if (!(tab.input instanceof vscode.TabInputCustom) || tab.input.viewType !== VALUE_EDITOR_VIEW_TYPE) continue;
          const document = this.byUri(tab.input.uri);
          if (!document?.dirty) continue;
          document.unloaded('empty', 'The editor was closed with an unsaved edit, which was not written to Stripe.');
          // eslint-disable-next-line @typescript-eslint/no-floating-promises -- notification: the flow goes on without waiting for it to be closed
          void this.services.prompts.warning(
            `Your edit of '${document.location.name}' was not written to Stripe: a value is saved only by Ctrl+S (Cmd+S) or Save in its editor.`,
            {},
          );
        }
      }),
      services.connections.onDidChange(() => this.connectionsChanged()),
    ];
  }

  dispose(): void {
    for (const { timer } of this.staged.values()) clearTimeout(timer);
    this.staged.clear();
    for (const document of this.documents.values()) document.forget();
    this.documents.clear();
    this.subscriptions.forEach((s) => s.dispose());
    this.changes.dispose();
  }

  private byUri(uri: vscode.Uri): SecretValueDocument | undefined {
    const key = uri.toString();
    for (const document of this.documents.values()) if (document.uri.toString() === key) return document;
    return undefined;
  }

  /**
   * Reveal / Edit, once the command has resolved the secret and asked the live-mode question:
   * fetches the value (a failure goes to the command's error funnel) and opens the editor.
   */
  async open(
    connection: ConnectionInfo,
    location: SecretLocation,
    mode: ValueEditorMode,
    options: { shown?: boolean } = {},
  ): Promise<void> {
    const key = locationKey(location, mode);
    const open = this.documents.get(key);
    if (open) {
      if (open.status !== 'ready') this.show(open, await this.fetch(connection, location), identityOf(connection));
    } else {
      const secret = await this.fetch(connection, location);
      this.stage(key, { secret, from: identityOf(connection), shown: options.shown === true });
    }
    await vscode.commands.executeCommand('vscode.openWith', valueEditorUri(location, mode), VALUE_EDITOR_VIEW_TYPE, {
      preview: mode === 'reveal',
    });
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

  /** Ctrl+S (Cmd+S) in the value editor, and Save Secret Value: a save the person asked for. */
  async saveActive(): Promise<void> {
    const document = this.active;
    if (document) await this.save(document);
  }

  /**
   * The person's own save: the only path that writes. Checks the value, then (checkAndWrite) the
   * connection and Stripe's value, again after each question. Text typed meanwhile stays an
   * unsaved edit: VS Code is told the editor is saved only when nothing was typed since.
   */
  async save(document: SecretValueDocument): Promise<void> {
    if (document.mode !== 'edit' || document.status !== 'ready' || document.draft === undefined || document.base === undefined) return;
    if (document.saving) {
      document.announce('A save of this value is already under way.');
      return;
    }
    if (!document.dirty) {
      await this.markClean(document);
      document.announce('Nothing to save: the value has not changed.');
      return;
    }
    const draft = document.draft;
    const invalid = validatePayload(draft);
    if (invalid) {
      document.announce(`Not saved: ${invalid}`, true);
      return;
    }
    document.saving = true;
    this.postDirty(document);
    try {
      const outcome = await this.checkAndWrite(document, draft);
      if (outcome.kind === 'cancelled') {
        document.announce('Not saved.');
        return;
      }
      document.saved(draft, outcome.kind === 'written' ? outcome.meta : undefined);
      if (outcome.kind === 'written') {
        this.services.tree.refreshScope(document.location.connectionId, document.location.scope, document.location.account);
        this.notifyChanged(document.location, document);
      }
      const what = outcome.kind === 'written' ? 'Saved.' : 'Saved: Stripe already holds this value.';
      if (document.draft === draft) {
        await this.markClean(document);
        document.announce(what);
      } else {
        document.announce(`${what} What you typed during the save is not saved yet.`);
      }
    } catch (error) {
      // eslint-disable-next-line @typescript-eslint/no-floating-promises -- shows the error as a notification; the save has failed already
      void reportError(this.services, error, {
        action: 'Saving the secret value',
        node: { kind: 'connection', connectionId: document.location.connectionId },
      });
      document.announce('Not saved: the value could not be written. See the error message.', true);
    } finally {
      document.saving = false;
      this.postDirty(document);
    }
  }

  /** Tells VS Code the editor holds nothing unsaved (a save that writes nothing: see saveCustomDocument). */
  private async markClean(document: SecretValueDocument): Promise<void> {
    document.syncing = true;
    try {
      await vscode.workspace.save(document.uri);
    } finally {
      document.syncing = false;
    }
  }

  private postDirty(document: SecretValueDocument): void {
    document.post({ type: 'dirty', dirty: document.dirty, check: document.check(), saving: document.saving });
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
      () => this.connectionAt(location)?.label,
      () => this.connectionAt(location)?.mode === 'live',
    );
    const staged = this.staged.get(key);
    this.staged.delete(key);
    if (!this.connectionAt(location)) {
      document.unloaded('gone', goneMessage());
    } else if (staged) {
      clearTimeout(staged.timer);
      document.loaded(staged.secret, staged.from);
      document.showOnReady = staged.shown;
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
    panel.webview.options = {
      enableScripts: true,
      enableCommandUris: false,
      enableForms: false,
      localResourceRoots: [this.pageRoots.media, this.pageRoots.script],
    };
    panel.webview.html = valueEditorHtml(panel.webview, this.pageRoots, document.location.name);
    const subscriptions = [
      panel.webview.onDidReceiveMessage((raw: unknown) => {
        const message = parseWebviewMessage(raw);
        if (!message) {
          this.services.log.error(`The value editor of '${document.location.name}' sent a message it should not; ignored.`);
          return;
        }
        // eslint-disable-next-line @typescript-eslint/no-floating-promises -- message handler: nothing can wait for it
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
        // The page (re)loads when its tab comes back: it starts masked again, unless this is the
        // first page of a live Reveal or Edit the person has just confirmed.
        document.shown = document.showOnReady && document.status === 'ready';
        document.showOnReady = false;
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
        const edit = document.typed(message.text, this.now());
        if (edit !== undefined) this.reportEdit(document, edit, 'Edit');
        this.postDirty(document);
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
        await this.save(document);
        return;
      case 'revert':
        this.active = document;
        await vscode.commands.executeCommand('workbench.action.files.revert');
        return;
      case 'useTheirs': {
        const theirs = document.theirs;
        if (theirs === undefined || document.draft === undefined) return;
        const edit = document.addEdit({ before: document.draft, after: theirs });
        document.base = theirs;
        document.theirs = undefined;
        document.conflictSeen = false;
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
      case 'escape':
        await vscode.commands.executeCommand(`${TREE_VIEW_ID}.focus`);
        return;
    }
  }

  /**
   * Never writes (see the top of this file). Resolving, never failing, lets a task or debug session
   * that saved first go on; VS Code then marks the tab clean, and the tab listener in the
   * constructor marks it dirty again while the edit is unsaved. The person is told once how to save.
   */
  async saveCustomDocument(document: SecretValueDocument): Promise<void> {
    if (!document.dirty || document.syncing || document.saveHintShown) return;
    // Once: auto-save after a delay comes back after each of these (the tab turns dirty again).
    document.saveHintShown = true;
    // eslint-disable-next-line @typescript-eslint/no-floating-promises -- notification: the flow goes on without waiting for it to be closed
    void this.services.prompts.info(saveHint(document.location.name));
    document.announce('Not saved: press Ctrl+S (Cmd+S) or Save to write the value to Stripe.');
  }

  async saveCustomDocumentAs(): Promise<void> {
    throw new Error('A secret value cannot be saved to a file.');
  }

  async revertCustomDocument(document: SecretValueDocument): Promise<void> {
    if (document.conflictSeen || document.theirs !== undefined) {
      // Stripe holds another value than the one opened: that one is not shown as current.
      document.unloaded(
        'empty',
        'Reverted. The value changed in Stripe after you opened it: fetch it again to see the value Stripe holds now.',
      );
      document.render(this.now());
      document.announce(document.message);
      return;
    }
    document.setDraft(document.base);
    document.render(this.now());
    document.announce('Reverted to the value as opened.');
  }

  /** Hot exit and crash recovery: nothing is written, and a restored editor fetches nothing by itself. */
  async backupCustomDocument(document: SecretValueDocument): Promise<vscode.CustomDocumentBackup> {
    document.backups++;
    return { id: `no-backup:${document.mode}`, delete: () => undefined };
  }

  /** VS Code's undo stack gets the step's id only; a step from before the last load does nothing. */
  private reportEdit(document: SecretValueDocument, id: number, label: string): void {
    const step = (pick: (edit: ValueEdit) => string) => () => {
      const edit = document.edits.get(id);
      if (!edit) {
        document.announce('Nothing to undo or redo from before the value was last fetched.');
        // eslint-disable-next-line @typescript-eslint/no-floating-promises -- marks the tab clean in the background
        if (!document.dirty) void this.markClean(document);
        return;
      }
      document.setDraft(pick(edit));
      document.render(this.now());
    };
    this.changes.fire({ document, label, undo: step((e) => e.before), redo: step((e) => e.after) });
  }

  /**
   * The checks of a save, in a loop: each question is followed by every check again, and a write
   * happens only right after a read of Stripe that needed no question (or matched the one answered).
   */
  private async checkAndWrite(document: SecretValueDocument, draft: string): Promise<SaveOutcome> {
    const { location } = document;
    let acceptedConnection: ConnectionIdentity | undefined;
    let acceptedRemote: RemoteValue | undefined;
    for (let round = 0; round < MAX_SAVE_ROUNDS; round++) {
      const connection = this.connectionAt(location);
      if (!connection) throw new Error(`Not saved: the connection of '${location.name}' was removed.`);
      const identity = identityOf(connection);
      if (!sameIdentity(identity, document.loadedFrom) && !sameIdentity(identity, acceptedConnection)) {
        if (!(await this.confirmChangedConnection(document, connection))) return { kind: 'cancelled' };
        acceptedConnection = identity;
        continue;
      }
      const remote = await this.readRemote(connection, location);
      const base = document.base;
      if (base === undefined) return { kind: 'cancelled' };
      const decision = decideSave(base, draft, remote);
      if (decision === 'unchanged') return { kind: 'unchanged' };
      if (decision === 'write' || (acceptedRemote !== undefined && sameRemote(acceptedRemote, remote))) {
        const expiresAt = futureExpiry(remote.exists ? remote : document.meta, this.now());
        return { kind: 'written', meta: await this.write(connection, location, draft, expiresAt, remote) };
      }
      document.conflictSeen = true;
      if (!(await this.confirmOverwrite(document, connection, decision, remote))) return { kind: 'cancelled' };
      acceptedRemote = remote;
    }
    throw new Error(`Not saved: the value of '${location.name}' kept changing in Stripe while you were asked. Save again to see it.`);
  }

  /** The one step that writes a value, after every check. A replace sets payload and expiry anew, so the expiry is sent again to keep it. */
  private async write(
    connection: ConnectionInfo,
    location: SecretLocation,
    payload: string,
    expiresAt: number | null,
    replaced: RemoteValue,
  ): Promise<SecretMeta> {
    const client = await this.services.connections.client(connection.id, connection.account);
    // History keeps what Stripe held (read just before) and the notification offers Undo.
    return saveWithHistory(this.services, connection, location, replaced.exists ? replaced : undefined, payload, () =>
      withCancellableProgress(
        `Saving '${location.name}'…`,
        (signal) => client.set({ name: location.name, scope: location.scope, payload, expiresAt }, { signal }),
        { showAfterMs: REVEAL_NOTICE_MS },
      ),
    );
  }

  private async readRemote(connection: ConnectionInfo, location: SecretLocation): Promise<RemoteValue> {
    const client = await this.services.connections.client(connection.id, connection.account);
    try {
      const current = await withCancellableProgress(
        `Checking '${location.name}' in Stripe before saving…`,
        (signal) => client.reveal(location.name, location.scope, { signal }),
        { showAfterMs: REVEAL_NOTICE_MS },
      );
      return { exists: true, payload: current.payload, expiresAt: current.expiresAt };
    } catch (error) {
      if (!(isSecretStoreError(error) && error.kind === 'not_found')) throw error;
      return { exists: false };
    }
  }

  /** The connection's mode or key changed since the value was fetched: the save asks, as live mode does. */
  private async confirmChangedConnection(document: SecretValueDocument, connection: ConnectionInfo): Promise<boolean> {
    const { location } = document;
    const change = document.loadedFrom ? describeIdentityChange(document.loadedFrom, identityOf(connection)) : 'its key changed';
    const live = connection.mode === 'live';
    const button = live ? SAVE_LIVE_BUTTON : SAVE_BUTTON;
    const where = `${scopeDescription(location.scope)} of ${connection.label}`;
    const question = `${live ? 'LIVE · ' : ''}The connection ${connection.label} changed since you opened '${location.name}': ${change}. Save your edit to ${live ? 'the LIVE value in ' : ''}${where}?`;
    return confirmDestructive(this.services.prompts, question, button, KEEP_UNSAVED_BUTTON, 'Keep Unsaved leaves your edit in the editor.');
  }

  /** Stripe's value changed (or the secret was deleted) since it was opened. */
  private async confirmOverwrite(
    document: SecretValueDocument,
    connection: ConnectionInfo,
    decision: Exclude<SaveDecision, 'write' | 'unchanged'>,
    remote: RemoteValue,
  ): Promise<boolean> {
    const { location } = document;
    const where = `${scopeDescription(location.scope)} of ${connection.label}`;
    if (decision === 'deleted') {
      const answer = await this.services.prompts.warning(
        `Secret '${location.name}' no longer exists in ${where}. Create it again?`,
        { modal: true },
        CREATE_AGAIN_BUTTON,
      );
      return answer === CREATE_AGAIN_BUTTON;
    }
    const answer = await this.services.prompts.warning(
      `The value of '${location.name}' in ${where} changed since you opened it. Overwrite it with yours?`,
      { modal: true, detail: 'Show Theirs keeps your edit unsaved and shows the value Stripe holds now.' },
      // The safe answer first: VS Code's dialog gives the first button Enter.
      SHOW_THEIRS_BUTTON,
      OVERWRITE_BUTTON,
    );
    if (answer === SHOW_THEIRS_BUTTON && remote.exists) {
      document.theirs = remote.payload;
      document.shown = true;
      document.render(this.now());
      document.announce('Not saved. The value Stripe holds now is shown below yours.');
    }
    return answer === OVERWRITE_BUTTON;
  }

  /** Cancellable from its notification: a slow or stuck fetch need not hold the editor. */
  private async fetch(connection: ConnectionInfo, location: SecretLocation): Promise<SecretWithPayload> {
    const client = await this.services.connections.client(connection.id, connection.account);
    return withCancellableProgress(
      `Fetching the value of '${location.name}'…`,
      (signal) => client.reveal(location.name, location.scope, { signal }),
      { showAfterMs: REVEAL_NOTICE_MS },
    );
  }

  private stage(key: string, staged: Omit<Staged, 'timer'>): void {
    const previous = this.staged.get(key);
    if (previous) clearTimeout(previous.timer);
    const timer = setTimeout(() => this.staged.delete(key), STAGED_MS);
    this.staged.set(key, { ...staged, timer });
  }

  private show(document: SecretValueDocument, secret: SecretWithPayload, from: ConnectionIdentity): void {
    document.loaded(secret, from);
    document.render(this.now());
    document.announce('Value fetched. It stays hidden until you show it.');
  }

  /** The Fetch button of a restored (or replaced, or failed) editor; live mode asks first. */
  private async fetchAgain(document: SecretValueDocument): Promise<void> {
    const { location } = document;
    const connection = this.connectionAt(location);
    if (!connection) {
      this.orphan(document);
      return;
    }
    if (
      !(await confirmLiveValueAccess(
        this.services,
        connection,
        location.scope,
        location.name,
        document.mode === 'edit' ? 'Edit' : 'Reveal',
      ))
    )
      return;
    document.unloaded('loading', 'Fetching the value…');
    document.render(this.now());
    try {
      this.show(document, await this.fetch(connection, location), identityOf(connection));
    } catch (error) {
      if (isSecretStoreError(error) && error.kind === 'not_found') {
        document.unloaded('missing', `'${location.name}' no longer exists in ${scopeDescription(location.scope)} of ${connection.label}.`);
      } else {
        document.unloaded('failed', 'The value could not be fetched.');
        // eslint-disable-next-line @typescript-eslint/no-floating-promises -- shows the error as a notification; the fetch has failed already
        void reportError(this.services, error, {
          action: 'Fetching the secret value',
          node: { kind: 'connection', connectionId: connection.id },
        });
      }
      document.render(this.now());
      document.announce(document.message);
    }
  }

  private async copy(document: SecretValueDocument): Promise<void> {
    const { location } = document;
    const connection = this.connectionAt(location);
    if (!connection || document.status !== 'ready' || document.draft === undefined) return;
    if (!(await confirmLiveValueAccess(this.services, connection, location.scope, location.name, 'Copy'))) return;
    await this.services.clipboard.copySecret(location.name, document.draft);
    document.announce(copiedMessage(location.name, Math.max(0, this.services.settings().clipboardClearSeconds)));
  }

  /** The connection a location names, acting on its account; undefined once either is gone. */
  private connectionAt(location: SecretLocation): ConnectionInfo | undefined {
    const connection = this.services.connections.get(location.connectionId);
    return connection && actingOn(connection, location.account);
  }

  /** A removed connection: its editors drop their values and offer nothing that needs it. */
  private connectionsChanged(): void {
    for (const document of this.documents.values()) {
      if (document.status !== 'gone' && !this.connectionAt(document.location)) this.orphan(document);
    }
  }

  private orphan(document: SecretValueDocument): void {
    document.unloaded('gone', goneMessage());
    document.render(this.now());
    document.announce(document.message);
    // Nothing is left to save: VS Code need not ask about it when the tab closes.
    // eslint-disable-next-line @typescript-eslint/no-floating-promises -- marks the tab clean in the background
    if (document.panel) void this.markClean(document);
  }
}

function goneMessage(): string {
  return 'The connection this secret belongs to was removed, so its value can no longer be fetched or saved here. Close this editor; add the connection again to open the secret.';
}

/** The window's value editor; extension.ts registers it and hands it out as `services.valueEditors`. */
export function createValueEditor(services: Services): ValueEditorProvider {
  return new ValueEditorProvider(services, pageRoots(services.context.extensionUri));
}

/** Registers the value editor; VS Code opens it for every `stripe-secret:` URI. */
export function registerValueEditor(provider: ValueEditorProvider): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.window.registerCustomEditorProvider(VALUE_EDITOR_VIEW_TYPE, provider, {
      supportsMultipleEditorsPerDocument: false,
      // The page is rebuilt when its tab comes back: a hidden tab keeps no value in a webview.
      webviewOptions: { retainContextWhenHidden: false, enableFindWidget: false },
    }),
    provider,
    onDidRestoreSecret((location) => provider.notifyChanged(location)),
  );
}
