import * as vscode from 'vscode';
import { describeExpiry } from '../model/expiry';
import { scopeDescription } from '../model/scope';
import { asTextareaValue, EditCoalescer, restoreLineBreaks, type SecretLocation, type ValueEditorMode } from '../model/secretValue';
import type { HostMessage, ValueStatus, ViewState } from '../model/valueEditorProtocol';
import type { SecretMeta, SecretWithPayload } from '../model/types';

/** One change the person made, as VS Code's undo stack holds it (in memory only). */
export interface ValueEdit {
  before: string;
  after: string;
}

/** How long an explicit save request (Ctrl+S, the Save button) waits for VS Code's save call. */
const EXPLICIT_SAVE_WINDOW_MS = 10_000;

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
  currentEdit: ValueEdit | undefined;
  private explicitSaveUntil = 0;
  autoSaveHintShown = false;
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  readonly onDidDispose = this.disposeEmitter.event;
  /** What was posted to the page, for the host tests: each message's type and whether a value went along. */
  readonly posted: Array<{ type: HostMessage['type']; carriesValue: boolean }> = [];

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
    this.currentEdit = undefined;
    this.shown = false;
    this.posted.length = 0;
  }

  get dirty(): boolean {
    return this.draft !== undefined && this.draft !== this.base;
  }

  loaded(secret: SecretWithPayload): void {
    const { payload, ...meta } = secret;
    this.base = payload;
    this.draft = payload;
    this.meta = meta;
    this.theirs = undefined;
    // A fetched value starts hidden, whatever was asked before it arrived.
    this.shown = false;
    this.status = 'ready';
    this.message = '';
    this.coalescer.close();
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
    this.coalescer.close();
  }

  /**
   * Applies text typed in the page; returns a new undo step to report to VS Code, or undefined
   * when the change joined the current step (or changed nothing).
   */
  typed(text: string, nowMs: number): ValueEdit | undefined {
    if (this.mode !== 'edit' || this.status !== 'ready' || this.draft === undefined || this.base === undefined) return undefined;
    const value = restoreLineBreaks(text, this.base);
    if (value === this.draft) return undefined;
    const before = this.draft;
    this.draft = value;
    if (!this.coalescer.startsNewStep(nowMs) && this.currentEdit) {
      this.currentEdit.after = value;
      return undefined;
    }
    this.currentEdit = { before, after: value };
    return this.currentEdit;
  }

  /** Undo, redo and revert set the draft directly; the next keystroke starts a new step. */
  setDraft(value: string | undefined): void {
    if (this.status !== 'ready') return;
    this.draft = value;
    this.coalescer.close();
  }

  requestExplicitSave(nowMs: number): void {
    this.explicitSaveUntil = nowMs + EXPLICIT_SAVE_WINDOW_MS;
  }

  /** True once after an explicit save request (so an auto-save that follows is not mistaken for one). */
  takeExplicitSave(nowMs: number): boolean {
    const explicit = nowMs <= this.explicitSaveUntil;
    this.explicitSaveUntil = 0;
    return explicit;
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
    };
  }

  post(message: HostMessage): void {
    if (!this.panel) return;
    this.posted.push({ type: message.type, carriesValue: message.type === 'state' && (message.state.value !== undefined || message.state.theirs !== undefined) });
    void this.panel.webview.postMessage(message);
  }

  render(nowMs = Date.now()): void {
    this.post({ type: 'state', state: this.viewState(nowMs) });
  }

  /** A status line for screen readers (aria-live); never the value. */
  announce(text: string): void {
    this.post({ type: 'announce', text });
  }
}
