/** The test API, next to `activate`; only extension.ts and tests import it. */
import * as vscode from 'vscode';
import type { CodeInsight } from './codeInsight/registerCodeInsight';
import type { StoredConnectionManager } from './connections/connectionManager';
import type { ConnectionManager, Prompts, SecretNode, SecretsTree, SecretsViewNode, Services } from './services';
import type { SecretStore } from './stripe/types';
import type { ComparisonTreeProvider } from './tree/comparisonTree';
import type { SecretsTreeProvider } from './tree/secretsTreeProvider';
import type { ValueEditorProvider } from './valueEditor/valueEditorProvider';

/** What `activate` returns in `ExtensionMode.Test` only (never in production: it would hand out clients). */
export interface TestApi {
  services: Services;
  /** The Comparison view's provider (Compare Scopes…, Copy Missing Secrets…). */
  comparison?: ComparisonTreeProvider;
  /** The value editor, so host tests can act as its page does. */
  valueEditors: ValueEditorProvider;
  /** Listings, diagnostics and manifests of the code insight, so host tests can wait for them. */
  codeInsight: CodeInsight;
  /** The Secrets view's provider and view, so host tests can read rows as VS Code does. */
  tree: SecretsTreeProvider;
  view: vscode.TreeView<SecretsViewNode>;
  /** The connection manager itself (services.connections may be a test's wrapper, see wrapClients). */
  connections: StoredConnectionManager;
  /** Until disposed, `services.prompts` is `prompts`: host tests script the answers. */
  usePrompts(prompts: Prompts): vscode.Disposable;
  /** Until disposed, each client `services.connections` hands out is `wrap(client, connectionId, account)`. */
  wrapClients(wrap: ClientWrap): vscode.Disposable;
  /**
   * Until disposed, everything that reads the Secrets tree's loaded secrets (the expiry status bar
   * and reminder, Show Expiring Secrets) gets `loaded()` instead: secrets of any expiry without
   * loading them. The rest of the tree stays the real one.
   */
  fakeLoadedSecrets(loaded: () => SecretNode[]): vscode.Disposable;
}

type Seam = 'prompts' | 'tree' | 'connections';
type ClientWrap = (client: SecretStore, connectionId: string, account: string | undefined) => SecretStore;

/**
 * The parts of Services a host test may stand in for: Services reads them through getters, so no
 * test assigns into it. Each replacement lasts until its disposable restores what was there before.
 */
export class ServiceSeams {
  prompts: Prompts;
  tree: SecretsTree;
  connections: ConnectionManager;

  constructor(real: Pick<Services, Seam>) {
    this.prompts = real.prompts;
    this.tree = real.tree;
    this.connections = real.connections;
  }

  usePrompts(prompts: Prompts): vscode.Disposable {
    return this.replace('prompts', prompts);
  }

  wrapClients(wrap: ClientWrap): vscode.Disposable {
    const real = this.connections;
    const client = async (id: string, account?: string) => wrap(await real.client(id, account), id, account);
    return this.replace(
      'connections',
      new Proxy(real, { get: (target, key) => (key === 'client' ? client : (Reflect.get(target, key) as unknown)) }),
    );
  }

  fakeLoadedSecrets(loaded: () => SecretNode[]): vscode.Disposable {
    const real = this.tree;
    return this.replace(
      'tree',
      new Proxy(real, { get: (tree, key) => (key === 'loadedSecrets' ? loaded : (Reflect.get(tree, key) as unknown)) }),
    );
  }

  private replace<K extends Seam>(key: K, value: this[K]): vscode.Disposable {
    const before = this[key];
    this[key] = value;
    return new vscode.Disposable(() => (this[key] = before));
  }
}
