/**
 * The messages between the value editor's webview (media/valueEditor.js) and the extension. The
 * webview is another process's page: everything it sends is checked here before it is used.
 * No `vscode` import: unit-tested in plain Node.
 */
import { MAX_PAYLOAD_LENGTH } from './types';
import type { ValueEditorMode } from './secretValue';

/** Text longer than this is not an edit of a secret (Stripe's limit is 5000 characters). */
export const MAX_EDIT_MESSAGE_LENGTH = 4 * MAX_PAYLOAD_LENGTH;

export type WebviewMessage =
  | { type: 'ready' }
  | { type: 'show' }
  | { type: 'hide' }
  | { type: 'edit'; text: string }
  | { type: 'copy' }
  | { type: 'fetch' }
  | { type: 'save' }
  | { type: 'revert' }
  | { type: 'useTheirs' }
  | { type: 'dismissTheirs' }
  | { type: 'escape' };

const SIMPLE = new Set<WebviewMessage['type']>(['ready', 'show', 'hide', 'copy', 'fetch', 'save', 'revert', 'useTheirs', 'dismissTheirs', 'escape']);

/** The message, or undefined for anything that is not exactly one of ours. */
export function parseWebviewMessage(raw: unknown): WebviewMessage | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const message = raw as Record<string, unknown>;
  const type = message.type;
  if (typeof type !== 'string') return undefined;
  const keys = Object.keys(message);
  if (type === 'edit') {
    const text = message.text;
    if (typeof text !== 'string' || text.length > MAX_EDIT_MESSAGE_LENGTH || keys.length !== 2) return undefined;
    return { type, text };
  }
  if (!SIMPLE.has(type as WebviewMessage['type']) || keys.length !== 1) return undefined;
  return { type } as WebviewMessage;
}

/** `gone`: the connection was removed, so nothing can be fetched or saved. */
export type ValueStatus = 'empty' | 'loading' | 'ready' | 'missing' | 'failed' | 'gone';

/** The edited value against Stripe's limit, shown before anything is sent; never the value itself. */
export interface ValueCheckView {
  lengthText: string;
  tooLong: boolean;
  /** Set when the value starts like JSON but does not parse (a warning, not a refusal). */
  warning?: string;
}

/** What the webview renders. The value travels only while the person has chosen to show it. */
export interface ViewState {
  mode: ValueEditorMode;
  name: string;
  /** `the account scope of My app`. */
  where: string;
  live: boolean;
  status: ValueStatus;
  /** One sentence about the status, for the page and the screen reader; never the value. */
  message: string;
  /** `expires in 3 days`, or empty. */
  expiry: string;
  shown: boolean;
  value?: string;
  /** Whether the value changed elsewhere and the person asked to see it. */
  hasTheirs: boolean;
  theirs?: string;
  dirty: boolean;
  /** Edit mode with a value loaded: its length and JSON check. */
  check?: ValueCheckView;
  /** A save of this editor is under way. */
  saving: boolean;
}

/**
 * `dirty` follows typing without sending the value back (an echo would race the keystrokes).
 * `announce` is shown next to the buttons and read by screen readers; `error` styles it as a failure.
 */
export type HostMessage =
  | { type: 'state'; state: ViewState }
  | { type: 'announce'; text: string; error?: boolean }
  | { type: 'dirty'; dirty: boolean; check?: ValueCheckView; saving?: boolean };
