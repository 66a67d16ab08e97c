/** What the structure tests share: a token stream of a text, and entry lists as plain data to compare. */
import { javascript } from '../../../src/references/languages/javascript';
import { tokenize, type Syntax } from '../../../src/references/scanner';
import { TokenStream, readGroup, type Entry, type Value } from '../../../src/references/structure';

export const stream = (text: string, syntax: Syntax = javascript.syntax) => new TokenStream(tokenize(text, syntax));

/** An entry list as plain data: keys, string values, and nested entries. */
export function plainEntries(entries: readonly Entry[] | undefined): unknown {
  return entries?.map((e) => [e.key, plainValue(e.value)]);
}

export function plainValue(v: Value): unknown {
  if (v.string) return v.string.literal ? v.string.value : '~';
  if (v.entries) return plainEntries(v.entries);
  return null;
}

export const group = (text: string, syntax?: Syntax) => plainEntries(readGroup(stream(text, syntax), 0));
