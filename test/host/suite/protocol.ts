/** What the host suite (inside VS Code) and its launcher (outside) agree on. No `vscode` import. */

/** The suite logs this marker followed by a HostResult as JSON, once, when mocha ends. */
export const RESULT_MARKER = 'HOST_RESULT ';

export interface HostResult {
  passed: number;
  failed: number;
  pending: number;
}

/** A mocha --grep pattern handed to the suite through code-server's environment. */
export const GREP_ENV = 'STRIPE_SECRETS_HOST_GREP';
