/** Every identifier the extension shares with its manifest, in one place. */

export const EXTENSION_ID = 'stripe-app-secrets.stripe-app-secrets';

export const VIEW_CONTAINER_ID = 'stripeSecrets';
export const TREE_VIEW_ID = 'stripeSecrets.secrets';

/** The URI scheme of the virtual documents that show and edit secret values (never written to disk). */
export const SECRET_URI_SCHEME = 'stripe-secret';

/**
 * The language of those documents. The manifest turns auto-save off for it (the web workbench
 * auto-saves by default, which would write half-typed values to Stripe) and word-based and inline
 * suggestions, so a value never feeds completions in other documents or a completion service.
 */
export const SECRET_LANGUAGE_ID = 'stripe-secret-value';

/**
 * Read-only documents holding an exported scope. An untitled document would count as unsaved, and
 * VS Code backs unsaved editors up to disk; these never become dirty. Save As still works.
 */
export const EXPORT_URI_SCHEME = 'stripe-secret-export';

export const Commands = {
  addConnection: 'stripeSecrets.addConnection',
  removeConnection: 'stripeSecrets.removeConnection',
  switchConnection: 'stripeSecrets.switchConnection',
  replaceApiKey: 'stripeSecrets.replaceApiKey',
  startEmulator: 'stripeSecrets.startEmulator',
  stopEmulator: 'stripeSecrets.stopEmulator',
  refresh: 'stripeSecrets.refresh',
  addUserScope: 'stripeSecrets.addUserScope',
  removeUserScope: 'stripeSecrets.removeUserScope',
  goToSecret: 'stripeSecrets.goToSecret',
  setSecret: 'stripeSecrets.setSecret',
  revealSecret: 'stripeSecrets.revealSecret',
  editSecret: 'stripeSecrets.editSecret',
  copySecretValue: 'stripeSecrets.copySecretValue',
  copySecretName: 'stripeSecrets.copySecretName',
  copyBackendSnippet: 'stripeSecrets.copyBackendSnippet',
  deleteSecret: 'stripeSecrets.deleteSecret',
  importEnvFile: 'stripeSecrets.importEnvFile',
  exportScopeToEnv: 'stripeSecrets.exportScopeToEnv',
  showLog: 'stripeSecrets.showLog',
} as const;
export type CommandId = (typeof Commands)[keyof typeof Commands];

export const ContextKeys = {
  /** True once connections are loaded and there are none: chooses the welcome view. */
  noConnections: 'stripeSecrets.noConnections',
  /** True when at least one connection exists. */
  hasConnections: 'stripeSecrets.hasConnections',
  /** True while the in-process local emulator is serving. */
  emulatorRunning: 'stripeSecrets.emulatorRunning',
} as const;

/**
 * Tree item `contextValue`s are `;`-joined tags, first the kind, matched in the manifest with
 * `viewItem =~ /^kind;/` and `viewItem =~ /;tag/`.
 */
export const NodeKinds = {
  connection: 'connection',
  users: 'users',
  scope: 'scope',
  secret: 'secret',
  message: 'message',
} as const;

export const SETTINGS_SECTION = 'stripeSecrets';

/** Every setting, typed. Keys are relative to `stripeSecrets.`. */
export interface Settings {
  expiringSoonDays: number;
  clipboardClearSeconds: number;
  confirmRevealInLiveMode: boolean;
  deleteConfirmation: 'modal' | 'typeNameInLiveMode' | 'typeNameAlways';
  autoRefreshSeconds: number;
  maxConcurrentRequests: number;
  requestTimeoutSeconds: number;
}

export const SettingDefaults: Settings = {
  expiringSoonDays: 7,
  clipboardClearSeconds: 30,
  confirmRevealInLiveMode: true,
  deleteConfirmation: 'typeNameInLiveMode',
  autoRefreshSeconds: 120,
  maxConcurrentRequests: 32,
  requestTimeoutSeconds: 30,
};

export const StorageKeys = {
  /** globalState: ConnectionInfo[] (no keys). */
  connections: 'stripeSecrets.connections',
  /** globalState: id of the active connection. */
  activeConnection: 'stripeSecrets.activeConnection',
  /** SecretStorage key of a connection's API key: prefix + connection id. */
  apiKeyPrefix: 'stripeSecrets.apiKey.',
} as const;

/** Environment variables the tests use to steer the extension host. */
export const TestEnv = {
  /** When set, the in-process emulator listens on this port instead of a free one. */
  emulatorPort: 'STRIPE_SECRETS_EMULATOR_PORT',
} as const;
