import type * as vscode from 'vscode';
import type { Settings } from './constants';
import type {
  AddedAccount,
  ConnectionTarget,
  HistoryEntry,
  HistoryPlace,
  KeepInput,
  KeepResult,
  KeyMode,
  ScopeComparison,
  SecretMeta,
  SecretScope,
} from './model/types';
import type { IndexedReference, ManifestInfo } from './references/types';
import type { RequestLogEvent, SecretStore } from './stripe/types';

/** A saved connection, without its key (the key lives only in SecretStorage). Kept in globalState. */
export interface ConnectionInfo {
  id: string;
  label: string;
  mode: KeyMode;
  /** Last four characters of the key, to tell keys apart. */
  keyLast4: string;
  /** `sk` secret key, `rk` restricted key or `sk_org_` organization key. */
  keyKind: 'secret' | 'restricted' | 'organization';
  stripeAccount?: string;
  /** `acct_…` or `acct_platform/acct_connected`, sent as `Stripe-Context` on every request (an organization key's account). */
  stripeContext?: string;
  /** A sandbox (the Stripe CLI profile it came from said so): its expiry `YYYY-MM-DD`, when known. */
  sandbox?: { expiresAt?: string };
  apiBase?: string;
  /** User ids whose scopes this connection shows (on its own account), in the order added. */
  userIds: string[];
  /** The label the person gave the connection's own account (shown once accounts were added). */
  ownAccountLabel?: string;
  /** Accounts the key reaches that the person added, each with its own user scopes; absent when none. */
  accounts?: AddedAccount[];
  /**
   * Set only on a connection as a command sees it acting on one of its added accounts (actingOn in
   * model/accounts.ts: `stripeAccount`, `userIds` and `label` are then that account's); never stored.
   * Pass it on: `connections.client(c.id, c.account)`, `tree.refreshScope(c.id, scope, c.account)`.
   */
  account?: string;
  /** True for the connection to the in-process local emulator. */
  emulator?: boolean;
  /** Set when the key was imported from a Stripe CLI profile (the key stays in SecretStorage only). */
  stripeCli?: StripeCliOrigin;
  /** True for a connection held in memory only (the demo's): gone when the window closes. */
  ephemeral?: boolean;
}

/** Where a connection's key came from in the Stripe CLI's config, to re-import it when it expires. */
export interface StripeCliOrigin {
  profile: string;
  /** `YYYY-MM-DD`, the CLI's `test_mode_key_expires_at`. */
  keyExpiresAt?: string;
}

/**
 * Tree nodes are plain data: commands invoked from the tree receive one of these as their first
 * argument (and the selection as their second); from the palette they receive nothing and prompt.
 */
export type TreeNode = SecretsViewNode | ComparisonNode;
/** The rows of the Secrets view (tree/secretsTreeProvider.ts). */
export type SecretsViewNode = ConnectionNode | AccountNode | UsersNode | ScopeNode | SecretNode | MessageNode | CodeNameNode;
/**
 * `account` on a node: the added account it belongs to (`acct_…` or a Stripe-Context path);
 * undefined for the connection's own account, so nodes of a connection without added accounts are
 * as they always were.
 */
export interface ConnectionNode {
  kind: 'connection';
  connectionId: string;
}
/** One account under a connection, shown once the person added accounts. */
export interface AccountNode {
  kind: 'account';
  connectionId: string;
  account?: string;
}
export interface UsersNode {
  kind: 'users';
  connectionId: string;
  account?: string;
}
/** `name`: Set Secret… offers this name first (a quick fix in code passes it; tree rows never do). */
export interface ScopeNode {
  kind: 'scope';
  connectionId: string;
  scope: SecretScope;
  name?: string;
  account?: string;
}
export interface SecretNode {
  kind: 'secret';
  connectionId: string;
  scope: SecretScope;
  secret: SecretMeta;
  account?: string;
}
/** An error row ("Couldn't load: ... Retry") or an empty-scope hint under a scope. */
export interface MessageNode {
  kind: 'message';
  connectionId: string;
  scope?: SecretScope;
  message: string;
  error?: boolean;
  account?: string;
}
/** A name the workspace's code reads that the scope lacks (tree/codeUsage.ts). */
export interface CodeNameNode {
  kind: 'codeName';
  connectionId: string;
  scope: SecretScope;
  name: string;
  account?: string;
}

export type ComparisonGroup = 'onlyA' | 'onlyB' | 'differentExpiry' | 'same';
/**
 * Rows of the Comparison view (tree/comparisonTree.ts). `connectionId` is the side the row belongs
 * to (A for shared rows), so the command funnel treats them as nodes and names the right connection in errors.
 */
export type ComparisonNode =
  | { kind: 'comparisonSide'; connectionId: string; side: 'a' | 'b' }
  | { kind: 'comparisonGroup'; connectionId: string; group: ComparisonGroup }
  | { kind: 'comparisonSecret'; connectionId: string; group: ComparisonGroup; name: string };

/** One side of a comparison: a scope of a connection. */
export interface ComparisonSide {
  connectionId: string;
  /** An added account of the connection (undefined: its own). */
  account?: string;
  scope: SecretScope;
}

export interface Comparison {
  a: ComparisonSide;
  b: ComparisonSide;
  result: ScopeComparison;
  /** Unix ms of the listings. */
  at: number;
}

/**
 * The app's code as the commands read it (src/codeInsight): the workspace index of Secret Store
 * calls, which starts on first use, and the workspace's app manifests.
 */
export interface AppCode {
  /** Starts indexing the workspace if it has not started; nothing waits for it. */
  startIndex(): void;
  /** The index once it is current, started first if it had not. */
  indexed(): Promise<CodeIndex>;
  /** Each `stripe-app.json` once read: its app, and one Secret Store call of its code when the index knows one. */
  apps(): Promise<Array<{ uri: vscode.Uri; info: ManifestInfo; storeCall: IndexedReference | undefined }>>;
  /** The text of the other files of `doc`'s app, in its language, that call the Secret Store. */
  appFilesOf(doc: vscode.TextDocument): Promise<string[]>;
}

/** Secret Store calls found in the workspace's code. */
export interface CodeIndex {
  /** The literal names read in a scope type. */
  names(scopeType: 'account' | 'user'): string[];
  /** The calls that read this name in this scope. */
  usesOf(name: string, scope: SecretScope): IndexedReference[];
}

/** The Comparison view (tree/comparisonTree.ts), as the commands use it. */
export interface ComparisonView {
  /** The comparison shown, if any. */
  current(): Comparison | undefined;
  /** Shows a comparison; undefined closes it. */
  set(comparison: Comparison | undefined): Promise<void>;
}

export interface ConnectionManager {
  /** All connections, in the order added. */
  list(): ConnectionInfo[];
  get(id: string): ConnectionInfo | undefined;
  active(): ConnectionInfo | undefined;
  setActive(id: string): Promise<void>;
  /** Saves the key to SecretStorage and the rest to globalState; returns the stored info. */
  add(
    input: Omit<ConnectionInfo, 'id' | 'mode' | 'keyLast4' | 'keyKind' | 'userIds'> & {
      apiKey: string;
      userIds?: string[];
      mode?: KeyMode;
    },
  ): Promise<ConnectionInfo>;
  remove(id: string): Promise<void>;
  /** `mode` is required for an organization key (Stripe's report, not the prefix); others take the prefix's. */
  replaceKey(id: string, apiKey: string, mode?: KeyMode): Promise<ConnectionInfo>;
  /** False when this machine's SecretStorage has no key for the connection (it came through Settings Sync). */
  hasKey(id: string): Promise<boolean>;
  /** The last check of `hasKey`, synchronously (rows are drawn from it); onDidChange fires when it changes. */
  keyMissing(id: string): boolean;
  /** Changes a connection's label or API base (e.g. the local emulator's new port), never its key. */
  update(id: string, changes: Partial<Pick<ConnectionInfo, 'label' | 'apiBase' | 'stripeCli' | 'sandbox'>>): Promise<ConnectionInfo>;
  /** `account`: an added account's id; undefined for the connection's own account (as everywhere below). */
  addUserId(id: string, userId: string, account?: string): Promise<void>;
  /** Adds several user ids in one change, skipping those listed already; returns the ones added. */
  addUserIds(id: string, userIds: readonly string[], account?: string): Promise<string[]>;
  removeUserId(id: string, userId: string, account?: string): Promise<void>;
  /** Adds accounts (`acct_…` ids or Stripe-Context paths), each validated, skipping listed ones; returns the ones added. */
  addAccounts(id: string, accounts: readonly string[]): Promise<string[]>;
  removeAccount(id: string, account: string): Promise<void>;
  /** Labels an account (the connection's own when undefined); an empty label removes it. */
  labelAccount(id: string, account: string | undefined, label: string): Promise<void>;
  /**
   * A client for the connection, acting on `account` (an added account) or on the connection's own;
   * throws a SecretStoreError if its key is missing from SecretStorage. Every account shares one
   * client (one key, one limiter per account).
   */
  client(id: string, account?: string): Promise<SecretStore>;
  /** Fires when connections, the active one, or a key change (including from another window). */
  readonly onDidChange: vscode.Event<void>;
}

export interface SecretsTree {
  /** Reload one scope (only that node re-renders); `account` as on nodes (undefined: the connection's own). */
  refreshScope(connectionId: string, scope: SecretScope, account?: string): void;
  /** Reload a connection, or everything when no id is given. */
  refresh(connectionId?: string): void;
  /** Show a transient description on a secret row ("Deleting…"); undefined clears it. */
  setBusy(connectionId: string, scope: SecretScope, name: string, label: string | undefined, account?: string): void;
  /** Secrets of the scopes loaded so far, per connection and scope. */
  loadedSecrets(): SecretNode[];
  /** True while a scope's listing is on its way (counts drawn from loadedSecrets would still change). */
  loading?(): boolean;
  /** The cached listing of a scope, if it was loaded (used to check the 10-per-scope limit before a request). */
  cachedScope(connectionId: string, scope: SecretScope, account?: string): SecretMeta[] | undefined;
  /**
   * A listed scope's listing through the tree's own cache, so a caller and the rows share one request;
   * undefined when the tree does not list that scope (its own listing is then the caller's).
   */
  listing?(connectionId: string, scope: SecretScope, account?: string): Promise<SecretMeta[]> | undefined;
  /** Select and reveal a secret's row in the view; `focus: false` leaves the keyboard where it is (an editor). */
  reveal(node: SecretNode, options?: { focus?: boolean }): Promise<void>;
  /** The row that has keyboard focus, and the selection it acts on (a key pressed in the view). */
  focusedRows?(openMessage?: boolean): Promise<{ node: TreeNode; selection: TreeNode[] } | undefined>;
  /** After rows were deleted: focus the next row of the scope, else the previous, else the scope. */
  focusAfterRemoval?(connectionId: string, scope: SecretScope, removed: readonly string[], account?: string): Promise<void>;
}

export interface Log {
  request(connectionLabel: string, event: RequestLogEvent): void;
  info(message: string): void;
  /** Full detail of an error (status, code, Request-Id), masked. */
  error(message: string, error?: unknown): void;
  show(): void;
}

/** A step of a multi-step flow: with `canGoBack`, the prompt shows a Back button, which throws GoBack (src/ui/prompts.ts). */
export interface StepOptions {
  canGoBack?: boolean;
}

/** A multi-select pick that says what accepting does with what is checked now. */
export interface ManyOptions<T> extends StepOptions {
  /** The title for the items checked now; it follows every check ("Import 5 secrets from …"). */
  titleFor?: (checked: readonly T[]) => string;
  /** What accepting does ("Import 5 secrets"): the tooltip and accessible name of a title-bar button that accepts. */
  acceptLabel?: (checked: readonly T[]) => string;
}

/**
 * Every prompt goes through here, so host tests can script the answers. The real implementation
 * forwards to `vscode.window`.
 */
export interface Prompts {
  quickPick<T extends vscode.QuickPickItem>(
    items: readonly T[] | Thenable<readonly T[]>,
    options: vscode.QuickPickOptions & StepOptions & { canPickMany?: false },
  ): Thenable<T | undefined>;
  quickPickMany<T extends vscode.QuickPickItem>(
    items: readonly T[] | Thenable<readonly T[]>,
    options: vscode.QuickPickOptions & ManyOptions<T>,
  ): Thenable<readonly T[] | undefined>;
  inputBox(options: vscode.InputBoxOptions & StepOptions): Thenable<string | undefined>;
  /** Modal or not, as the options say. */
  warning(message: string, options: vscode.MessageOptions, ...items: string[]): Thenable<string | undefined>;
  info(message: string, ...items: string[]): Thenable<string | undefined>;
  error(message: string, ...items: string[]): Thenable<string | undefined>;
  saveDialog(options: vscode.SaveDialogOptions): Thenable<vscode.Uri | undefined>;
}

/** Where a secret lives: connection, scope, name (model/secretValue.ts's SecretLocation). */
export interface SecretPlace {
  connectionId: string;
  /** An added account of the connection (undefined: its own account). */
  account?: string;
  scope: SecretScope;
  name: string;
}

/** The value editor (valueEditor/valueEditorProvider.ts), as the commands use it. */
export interface ValueEditors {
  /** Opens the secret's editor with the value the command fetched; `shown` when the person already chose to see it. */
  open(connection: ConnectionInfo, location: SecretPlace, mode: 'reveal' | 'edit', options?: { shown?: boolean }): Promise<void>;
  /** The secret was written elsewhere: an open editor without changes follows it, one with changes is told. */
  notifyChanged(location: SecretPlace): void;
  notifyDeleted(location: SecretPlace): void;
  /** Save Secret Value: the person's own save of the active editor. */
  saveActive(): Promise<void>;
}

/** A client for a key not saved yet (connections/clientFactory.ts): Add Connection verifies the key with it. */
export type ClientMaker = (target: ConnectionTarget, connectionLabel: string) => SecretStore;

/** The in-process local emulator and its connection (connections/localEmulator.ts), as the commands use it. */
export interface LocalEmulatorControl {
  readonly running: { readonly url: string } | undefined;
  /** Starts it (or reuses the running one) and returns its connection. */
  start(): Promise<{ handle: { readonly url: string }; connection: ConnectionInfo }>;
  /** False when it was not running. */
  stop(): Promise<boolean>;
}

/** The clipboard behind the auto-clear timer (ui/clipboard.ts). */
export interface SecretClipboard {
  /** Puts a value on the clipboard and clears it after clipboardClearSeconds if it still holds it. */
  copySecret(name: string, value: string): Promise<void>;
  /** Plain text (a name, a snippet); it cancels a pending clear, which no longer applies. */
  copyText(text: string, statusMessage: string): Promise<void>;
}

/** Values this extension replaced or deleted, in SecretStorage (history/historyStore.ts). */
export interface History {
  /** False while the retention setting is 0. */
  readonly enabled: boolean;
  keep(input: KeepInput): Promise<KeepResult>;
  list(filter?: Partial<HistoryPlace>): Promise<HistoryEntry[]>;
  get(id: string): Promise<HistoryEntry | undefined>;
  remove(id: string): Promise<void>;
  prune(): Promise<void>;
  clear(): Promise<void>;
}

/** Everything commands and providers reach: one object per window, made in extension.ts. */
export interface Services {
  readonly context: vscode.ExtensionContext;
  readonly connections: ConnectionManager;
  readonly tree: SecretsTree;
  readonly log: Log;
  readonly prompts: Prompts;
  settings(): Settings;
  readonly history: History;
  readonly valueEditors: ValueEditors;
  readonly comparison: ComparisonView;
  readonly codeInsight: AppCode;
  readonly emulator: LocalEmulatorControl;
  readonly clipboard: SecretClipboard;
  readonly makeClient: ClientMaker;
}
