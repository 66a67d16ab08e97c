import type { Token } from '../../../src/references/scanner';

/** A token as `kind:text`, and for a string `=value` when literal or `~` when it substitutes. */
export function showToken(t: Token): string {
  const head = `${t.kind}:${t.text}`;
  if (t.kind !== 'string') return head;
  return t.literal ? `${head}=${t.value}` : `${head}~`;
}
