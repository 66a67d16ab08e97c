import type { Syntax } from './scanner';
import type { TokenStream } from './structure';
import type { RawReference, ReferenceScope } from './types';

/**
 * One language: how its text is tokenized, how its Secret Store calls look, and the lookup that
 * replaces a hard-coded key. Adding a language is one such file in languages/ plus its fixtures.
 */
export interface Recogniser {
  /** A short id, also the fixture folder name: test/fixtures/references/<id>/. */
  id: string;
  /** VS Code language ids it reads. */
  languageIds: readonly string[];
  syntax: Syntax;
  /** A cheap test on the raw text: no match means no call, so the text is not tokenized. */
  mentions: RegExp;
  find(stream: TokenStream): RawReference[];
  /**
   * The code that reads the secret `name` (a snippet: `${1:stripe}` placeholders, `$` escaped),
   * replacing a hard-coded value. Scope is account or a literal user. Without a context, the
   * lookup awaits where the language has async calls.
   */
  lookup(name: string, scope: Exclude<ReferenceScope, { type: 'unknown' }>, context?: LookupContext): string;
}

/** Where the lookup goes (see lookupContext.ts). */
export interface LookupContext {
  /** `await` is allowed there (an async function; an ES module's top level). */
  canAwait: boolean;
  /** The account expression the app's own Secret Store calls pass, which the lookup passes too. */
  stripeAccount?: string;
  /**
   * Java: a checked StripeException may leave the code there (the method declares it, or a try
   * around it catches it). Otherwise the lookup handles it itself.
   */
  throwsChecked?: boolean;
}

/** Escapes `$`, `}` and `\` for a snippet's text. */
export function snippetText(text: string): string {
  return text.replace(/[$}\\]/g, '\\$&');
}
