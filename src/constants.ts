/** Every identifier the extension shares with its manifest, in one place. */

export const EXTENSION_ID = 'stripe-app-secrets.stripe-app-secrets';

export const VIEW_CONTAINER_ID = 'stripeSecrets';
export const TREE_VIEW_ID = 'stripeSecrets.secrets';
/** The comparison of two scopes (Compare Scopes…), shown while one exists. */
export const COMPARISON_VIEW_ID = 'stripeSecrets.comparison';

/**
 * The URI scheme of the value editor's resources: a URI names a secret and a mode, never a value.
 * No FileSystemProvider or TextDocumentContentProvider serves it, so nothing can read a value
 * through it; only the value editor (a webview custom editor) opens it.
 */
export const SECRET_URI_SCHEME = 'stripe-secret';

/** The view type of the value editor (contributes.customEditors). */
export const VALUE_EDITOR_VIEW_TYPE = 'stripeSecrets.valueEditor';

export const Commands = {
  addConnection: 'stripeSecrets.addConnection',
  removeConnection: 'stripeSecrets.removeConnection',
  switchConnection: 'stripeSecrets.switchConnection',
  replaceApiKey: 'stripeSecrets.replaceApiKey',
  enterApiKey: 'stripeSecrets.enterApiKey',
  startEmulator: 'stripeSecrets.startEmulator',
  stopEmulator: 'stripeSecrets.stopEmulator',
  refresh: 'stripeSecrets.refresh',
  addUserScope: 'stripeSecrets.addUserScope',
  removeUserScope: 'stripeSecrets.removeUserScope',
  addAccount: 'stripeSecrets.addAccount',
  removeAccount: 'stripeSecrets.removeAccount',
  labelAccount: 'stripeSecrets.labelAccount',
  findSecretAcrossAccounts: 'stripeSecrets.findSecretAcrossAccounts',
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
  addConnectionFromStripeCli: 'stripeSecrets.addConnectionFromStripeCli',
  reimportFromStripeCli: 'stripeSecrets.reimportFromStripeCli',
  compareScopes: 'stripeSecrets.compareScopes',
  refreshComparison: 'stripeSecrets.refreshComparison',
  closeComparison: 'stripeSecrets.closeComparison',
  copyMissingSecrets: 'stripeSecrets.copyMissingSecrets',
  showExpiringSecrets: 'stripeSecrets.showExpiringSecrets',
  saveSecretValue: 'stripeSecrets.saveSecretValue',
  moveToSecretStore: 'stripeSecrets.moveToSecretStore',
  showHistory: 'stripeSecrets.showHistory',
  clearHistory: 'stripeSecrets.clearHistory',
  extendExpiry: 'stripeSecrets.extendExpiry',
  showUsagesInCode: 'stripeSecrets.showUsagesInCode',
  checkGoLiveReadiness: 'stripeSecrets.checkGoLiveReadiness',
  setSecretUsedInCode: 'stripeSecrets.setSecretUsedInCode',
  getStarted: 'stripeSecrets.getStarted',
} as const;
export type CommandId = (typeof Commands)[keyof typeof Commands];

export const ContextKeys = {
  /** True once connections are loaded and there are none: chooses the welcome view. */
  noConnections: 'stripeSecrets.noConnections',
  /** True when at least one connection exists. */
  hasConnections: 'stripeSecrets.hasConnections',
  /** True while the in-process local emulator is serving. */
  emulatorRunning: 'stripeSecrets.emulatorRunning',
  /** True while a comparison of two scopes exists: shows the Comparison view. */
  hasComparison: 'stripeSecrets.hasComparison',
  /** True once a scope row was expanded in this window: completes the walkthrough's second step. */
  openedScope: 'stripeSecrets.openedScope',
  /** True once Set Secret… saved a secret in this window: completes the walkthrough's third step. */
  secretSet: 'stripeSecrets.secretSet',
} as const;

/**
 * Tree item `contextValue`s are `;`-joined tags, first the kind, matched in the manifest with
 * `viewItem =~ /^kind;/` and `viewItem =~ /;tag/`.
 */
export const NodeKinds = {
  connection: 'connection',
  account: 'account',
  users: 'users',
  scope: 'scope',
  secret: 'secret',
  message: 'message',
  codeName: 'codeName',
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
  expiryNotification: boolean;
  historyRetentionDays: number;
  expiryReminderDays: number;
}

export const SettingDefaults: Settings = {
  expiringSoonDays: 7,
  clipboardClearSeconds: 30,
  confirmRevealInLiveMode: true,
  deleteConfirmation: 'typeNameInLiveMode',
  autoRefreshSeconds: 120,
  maxConcurrentRequests: 32,
  requestTimeoutSeconds: 30,
  expiryNotification: false,
  historyRetentionDays: 30,
  expiryReminderDays: 3,
};

/** `stripeSecrets.codeDiagnostics.enabled`: secret names and hard-coded keys checked in open code. Read where used (not a guard). */
export const CODE_DIAGNOSTICS_SETTING = 'codeDiagnostics.enabled';

/** The `source` and `code`s of the extension's diagnostics; code actions match on them. */
export const DIAGNOSTIC_SOURCE = 'Stripe Secrets';
export const DiagnosticCodes = {
  missingSecret: 'secret-missing',
  expiringSecret: 'secret-expiring',
  hardcodedKey: 'hardcoded-key',
  manifestSecretWrite: 'manifest-secret-write',
} as const;

export const StorageKeys = {
  /** globalState: ConnectionInfo[] (no keys). */
  connections: 'stripeSecrets.connections',
  /** globalState, never synced: connections that point at this machine (the local emulator's). */
  localConnections: 'stripeSecrets.localConnections',
  /** globalState: id of the active connection. */
  activeConnection: 'stripeSecrets.activeConnection',
  /** SecretStorage key of a connection's API key: prefix + connection id. */
  apiKeyPrefix: 'stripeSecrets.apiKey.',
  /** globalState: the local day (YYYY-MM-DD) the expiring-secrets notification was last shown. */
  expiryNotifiedDay: 'stripeSecrets.expiryNotifiedDay',
  /** globalState: the marker of the demo connection the person removed, so it stays removed. */
  demoDismissed: 'stripeSecrets.demoDismissed',
  /** globalState: true once the walkthrough was offered after install, so it opens only once. */
  walkthroughShown: 'stripeSecrets.walkthroughShown',
} as const;

/** globalState keys Settings Sync carries to the person's other machines (never a key: those are in SecretStorage). */
export const SYNCED_STATE_KEYS: readonly string[] = [StorageKeys.connections];

/** The id of the Get Started walkthrough (contributes.walkthroughs). */
export const WALKTHROUGH_ID = 'getStarted';

/**
 * The demo hook: `npm run demo` passes an emulator URL and a one-time token; the token's SHA-256 is
 * in a file the demo wrote into the extension's own install folder. Outside development and test
 * runs the URL is obeyed only when both match (see addDemoConnection in extension.ts).
 */
export const DemoHook = {
  urlEnv: 'STRIPE_SECRETS_DEMO_EMULATOR_URL',
  tokenEnv: 'STRIPE_SECRETS_DEMO_TOKEN',
  tokenFile: '.demo-token',
} as const;

/** Environment variables the tests use to steer the extension host. */
export const TestEnv = {
  /** When set, the in-process emulator listens on this port instead of a free one. */
  emulatorPort: 'STRIPE_SECRETS_EMULATOR_PORT',
} as const;
