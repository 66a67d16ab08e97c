import * as vscode from 'vscode';
import { describeExpiry } from '../model/expiry';
import { scopeDescription } from '../model/scope';
import {
  asTextareaValue,
  EditCoalescer,
  restoreLineBreaks,
  type ConnectionIdentity,
  type SecretLocation,
  type ValueEditorMode,
} from '../model/secretValue';
import { checkValue } from '../model/valueChecks';
import type { HostMessage, ValueCheckView, ValueStatus, ViewState } from '../model/valueEditorProtocol';
import type { SecretMeta, SecretWithPayload } from '../model/types';

/** One change the person made, as VS Code's undo stack holds it (in memory only). */
export interface ValueEdit {
  before: string;
  after: string;
}

/**
 * A secret opened in the value editor: its value as opened (`base`), the person's edit (`draft`),
 * and what the page shows. Both live only in this object, in the extension host's memory, and are
 * dropped when the editor closes: never in a TextDocument, a backup or the webview's state.
 */
export class SecretValueDocument implements vscode.CustomDocument {
  status: ValueStatus = 'empty';
  message = '';
  base: string | undefined;
  draft: string | undefined;
  meta: SecretMeta | undefined;
  /** Stripe's value after a conflict, once the person asked to see it. */
  theirs: string | undefined;
  shown = false;
  panel: vscode.WebviewPanel | undefined;
  readonly coalescer = new EditCoalescer();
  /**
   * The undo steps of the value now loaded, by id. VS Code's undo stack holds only the ids, so a
   * load (fetch, re-fetch) clears this and no older step can bring back a value from before it.
   */
  readonly edits = new Map<number, ValueEdit>();
  private nextEditId = 1;
  private currentEditId: number | undefined;
  /** The connection's mode and key when the value was fetched: a save to anything else asks again. */
  loadedFrom: ConnectionIdentity | undefined;
  /** A save found Stripe holding another value than the one opened: the value as opened is stale. */
  conflictSeen = false;
  saving = false;
  /** A save that only tells VS Code the editor is clean is under way (it must not say "not saved"). */
  syncing = false;
  /** Set by a live Reveal or Edit the person confirmed: the page opens shown, once. */
  showOnReady = false;
  saveHintShown = false;
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposeEmitter.event;
  /** What was posted to the page, for the host tests: each message's type, whether a value went along, an announcement's text (never a value). */
  readonly posted: Array<{ type: HostMessage['type']; carriesValue: boolean; text?: string }> = [];
  /** How often VS Code backed this editor up, for the host tests (a backup writes nothing). */
  backups = 0;

  constructor(
    readonly uri: vscode.Uri,
    readonly location: SecretLocation,
    readonly mode: ValueEditorMode,
    private readonly connectionLabel: () => string | undefined,
    private readonly live: () => boolean,
  ) {}

  dispose(): void {
    this.forget();
    this.disposeEmitter.fire();
    this.disposeEmitter.dispose();
  }

  /** Drops every value held. */
  forget(): void {
    this.base = undefined;
    this.draft = undefined;
    this.theirs = undefined;
    this.dropUndoSteps();
    this.loadedFrom = undefined;
    this.conflictSeen = false;
    this.shown = false;
    this.posted.length = 0;
  }

  private dropUndoSteps(): void {
    this.edits.clear();
    this.currentEditId = undefined;
    this.coalescer.close();
  }

  get dirty(): boolean {
    return this.draft !== undefined && this.draft !== this.base;
  }

  loaded(secret: SecretWithPayload, from: ConnectionIdentity): void {
    const { payload, ...meta } = secret;
    this.base = payload;
    this.draft = payload;
    this.meta = meta;
    this.theirs = undefined;
    this.loadedFrom = from;
    this.conflictSeen = false;
    // A fetched value starts hidden, whatever was asked before it arrived.
    this.shown = false;
    this.status = 'ready';
    this.message = '';
    this.dropUndoSteps();
  }

  unloaded(status: Exclude<ValueStatus, 'ready'>, message: string): void {
    this.forget();
    this.status = status;
    this.message = message;
  }

  saved(payload: string, meta: SecretMeta | undefined): void {
    this.base = payload;
    if (meta) this.meta = meta;
    this.theirs = undefined;
    this.conflictSeen = false;
    this.coalescer.close();
  }

  /** Records an undo step; VS Code is told only its id. */
  addEdit(edit: ValueEdit): number {
    const id = this.nextEditId++;
    this.edits.set(id, edit);
    this.currentEditId = id;
    return id;
  }

  /**
   * Applies text typed in the page; returns the id of a new undo step to report to VS Code, or
   * undefined when the change joined the current step (or changed nothing).
   */
  typed(text: string, nowMs: number): number | undefined {
    if (this.mode !== 'edit' || this.status !== 'ready' || this.draft === undefined || this.base === undefined) return undefined;
    const value = restoreLineBreaks(text, this.base);
    if (value === this.draft) return undefined;
    const before = this.draft;
    this.draft = value;
    const current = this.currentEditId === undefined ? undefined : this.edits.get(this.currentEditId);
    if (!this.coalescer.startsNewStep(nowMs) && current) {
      current.after = value;
      return undefined;
    }
    return this.addEdit({ before, after: value });
  }

  /** Undo, redo and revert set the draft directly; the next keystroke starts a new step. */
  setDraft(value: string | undefined): void {
    if (this.status !== 'ready') return;
    this.draft = value;
    this.coalescer.close();
  }

  /** The length and JSON check of the edited value, for the page; undefined when there is nothing to edit. */
  check(): ValueCheckView | undefined {
    if (this.mode !== 'edit' || this.status !== 'ready' || this.draft === undefined) return undefined;
    const { lengthText, tooLong, jsonWarning } = checkValue(this.draft);
    return jsonWarning === undefined ? { lengthText, tooLong } : { lengthText, tooLong, warning: jsonWarning };
  }

  viewState(nowMs: number): ViewState {
    const label = this.connectionLabel();
    const showValue = this.shown && this.status === 'ready';
    return {
      mode: this.mode,
      name: this.location.name,
      where: `${scopeDescription(this.location.scope)}${label ? ` of ${label}` : ''}`,
      live: this.live(),
      status: this.status,
      message: this.message,
      expiry: this.meta ? describeExpiry(this.meta.expiresAt, nowMs) : '',
      shown: showValue,
      // The page's textarea reports \n line breaks; it gets the value the same way.
      value: showValue && this.draft !== undefined ? asTextareaValue(this.draft) : undefined,
      hasTheirs: this.theirs !== undefined,
      theirs: showValue && this.theirs !== undefined ? asTextareaValue(this.theirs) : undefined,
      dirty: this.dirty,
      check: this.check(),
      saving: this.saving,
    };
  }

  post(message: HostMessage): void {
    if (!this.panel) return;
    const carriesValue = message.type === 'state' && (message.state.value !== undefined || message.state.theirs !== undefined);
    this.posted.push(
      message.type === 'announce' ? { type: message.type, carriesValue, text: message.text } : { type: message.type, carriesValue },
    );
    // eslint-disable-next-line @typescript-eslint/no-floating-promises -- a message to the page: a closed page is not an error
    void this.panel.webview.postMessage(message);
  }

  render(nowMs = Date.now()): void {
    this.post({ type: 'state', state: this.viewState(nowMs) });
  }

  /** A status line next to the buttons, also read by screen readers (aria-live); never the value. */
  announce(text: string, error = false): void {
    this.post(error ? { type: 'announce', text, error } : { type: 'announce', text });
  }
}
