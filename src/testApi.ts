/** The test API's type, next to `activate`; only extension.ts and tests import it. */
import type { CodeInsight } from './codeInsight/registerCodeInsight';
import type { Services } from './services';
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
}
