/** The test API, next to `activate`; only extension.ts and tests import it. */
import * as vscode from 'vscode';
import type { CodeInsight } from './codeInsight/registerCodeInsight';
import type { SecretNode, SecretsTree, Services } from './services';
import type { ComparisonTreeProvider } from './tree/comparisonTree';
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
  /**
   * Until disposed, everything that reads the Secrets tree's loaded secrets (the expiry status bar
   * and reminder, Show Expiring Secrets) gets `loaded()` instead: secrets of any expiry without
   * loading them. The rest of the tree stays the real one.
   */
  fakeLoadedSecrets(loaded: () => SecretNode[]): vscode.Disposable;
}

export function fakeLoadedSecrets(services: Services, loaded: () => SecretNode[]): vscode.Disposable {
  const seam = services as { tree: SecretsTree };
  const real = seam.tree;
  seam.tree = new Proxy(real, { get: (tree, key) => (key === 'loadedSecrets' ? loaded : Reflect.get(tree, key)) });
  return new vscode.Disposable(() => (seam.tree = real));
}
