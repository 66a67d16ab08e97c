/**
 * The recognisers by language, and the one entry point the VS Code layer calls. Adding a language:
 * a file in languages/ exporting a Recogniser, listed here, with fixtures in test/fixtures/references/<id>/.
 */
import { csharp } from './languages/csharp';
import { go } from './languages/go';
import { java } from './languages/java';
import { javascript } from './languages/javascript';
import { php } from './languages/php';
import { python } from './languages/python';
import { ruby } from './languages/ruby';
import { shell } from './languages/shell';
import type { Recogniser } from './recogniser';
import { LineIndex, tokenize } from './scanner';
import { TokenStream } from './structure';
import type { SecretReference } from './types';

export const RECOGNISERS: readonly Recogniser[] = [javascript, python, ruby, php, go, java, csharp, shell];

const byLanguageId = new Map<string, Recogniser>();
for (const r of RECOGNISERS) for (const id of r.languageIds) byLanguageId.set(id, r);

export function recogniserFor(languageId: string): Recogniser | undefined {
  return byLanguageId.get(languageId);
}

/** Every language id some recogniser reads (for document selectors). */
export function supportedLanguageIds(): string[] {
  return [...byLanguageId.keys()];
}

/** The Secret Store references in `text`, in order; names that are not string literals are left out. */
export function findReferences(text: string, languageId: string): SecretReference[] {
  const recogniser = byLanguageId.get(languageId);
  if (!recogniser || !recogniser.mentions.test(text)) return [];
  const stream = new TokenStream(tokenize(text, recogniser.syntax));
  const lines = new LineIndex(text);
  return recogniser
    .find(stream)
    .sort((a, b) => a.nameStart - b.nameStart)
    .map((ref) => ({ ...ref, language: recogniser.id, start: lines.position(ref.nameStart), end: lines.position(ref.nameEnd) }));
}

/** Whether [start, end] overlaps the name of a Secret Store call: that string names a secret, it is not a value to move. */
export function isSecretName(text: string, languageId: string, start: number, end: number): boolean {
  return findReferences(text, languageId).some((r) => r.nameStart <= end && start <= r.nameEnd);
}
