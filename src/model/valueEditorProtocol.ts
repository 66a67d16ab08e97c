/**
 * The messages between the value editor's webview (src/webview/valueEditor/main.ts) and the
 * extension. The webview is another process's page: everything it sends is checked here before it
 * is used, and the page checks what it receives with parseHostMessage, from this same module.
 * No `vscode` import: unit-tested in plain Node, and bundled into the page.
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

const SIMPLE = new Set<WebviewMessage['type']>([
  'ready',
  'show',
  'hide',
  'copy',
  'fetch',
  'save',
  'revert',
  'useTheirs',
  'dismissTheirs',
  'escape',
]);

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

type FieldCheck = (value: unknown) => boolean;
const isString: FieldCheck = (value) => typeof value === 'string';
const isBoolean: FieldCheck = (value) => typeof value === 'boolean';
const optional =
  (check: FieldCheck): FieldCheck =>
  (value) =>
    value === undefined || check(value);

/** An object whose fields each pass their check (other fields are ignored). */
function hasFields<T>(value: unknown, checks: Record<keyof T, FieldCheck>): value is T {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return Object.entries<FieldCheck>(checks).every(([key, check]) => check(record[key]));
}

// `satisfies` makes the compiler name a field of the interface that has no check, or a check of no field.
const CHECK_VIEW_FIELDS = { lengthText: isString, tooLong: isBoolean, warning: optional(isString) } satisfies Record<
  keyof ValueCheckView,
  FieldCheck
>;
const isCheckView = (value: unknown): value is ValueCheckView => hasFields<ValueCheckView>(value, CHECK_VIEW_FIELDS);

const VIEW_STATE_FIELDS = {
  mode: (value) => value === 'reveal' || value === 'edit',
  name: isString,
  where: isString,
  live: isBoolean,
  status: isString,
  message: isString,
  expiry: isString,
  shown: isBoolean,
  value: optional(isString),
  hasTheirs: isBoolean,
  theirs: optional(isString),
  dirty: isBoolean,
  check: optional(isCheckView),
  saving: isBoolean,
} satisfies Record<keyof ViewState, FieldCheck>;

/** What the page acts on from a message of the extension, or undefined for anything it ignores. */
export function parseHostMessage(raw: unknown): HostMessage | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const message = raw as Record<string, unknown>;
  if (message.type === 'state') {
    return hasFields<ViewState>(message.state, VIEW_STATE_FIELDS) ? { type: 'state', state: message.state } : undefined;
  }
  if (message.type === 'announce') {
    return typeof message.text === 'string' ? { type: 'announce', text: message.text, error: message.error === true } : undefined;
  }
  if (message.type === 'dirty' && typeof message.dirty === 'boolean' && (message.check === undefined || isCheckView(message.check))) {
    return { type: 'dirty', dirty: message.dirty, check: message.check, saving: message.saving === true };
  }
  return undefined;
}
