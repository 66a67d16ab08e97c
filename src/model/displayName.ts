/**
 * How a name Stripe holds is shown, so that two names that differ only in characters nobody can see
 * never look the same: a backend can create `api_key ` or `api\u200bkey`, and the tree must not
 * draw either as `api_key`.
 */

/** Shown for each space at the start or end of a name. */
export const VISIBLE_SPACE = '␣';

const NAMED: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Characters that draw as nothing or as a plain space: C0 and C1 controls, whitespace other than
 * the plain space, soft hyphen, zero-width characters, bidi controls and marks, word joiners,
 * invisible operators, the byte-order mark, and unpaired surrogates.
 */
const HIDDEN =
  /[\u0000-\u001f\u007f-\u00a0\u00ad\u034f\u061c\u115f\u1160\u1680\u17b4\u17b5\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f\u3000\u3164\ufeff\uffa0]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g; // eslint-disable-line no-control-regex, no-misleading-character-class

function escape(ch: string): string {
  return NAMED[ch] ?? `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/**
 * The name as the tree, tooltips, screen-reader labels and pickers show it. A name with nothing
 * hidden is returned unchanged. Otherwise spaces at either end become `␣`, hidden characters become
 * escapes (`\n`, `\t`, `\u200b`), and a backslash becomes `\\` so an escape cannot be mistaken for
 * a name that holds a backslash and a letter.
 */
export function displayName(name: string): string {
  if (!hasHiddenCharacters(name)) return name;
  const lead = /^ */.exec(name)?.[0].length ?? 0;
  const core = name.slice(lead);
  const trail = /^[^]*?( *)$/.exec(core)?.[1].length ?? 0;
  const middle = core
    .slice(0, core.length - trail)
    .replace(/\\/g, '\\\\')
    .replace(HIDDEN, escape);
  return VISIBLE_SPACE.repeat(lead) + middle + VISIBLE_SPACE.repeat(trail);
}

/** Whether the name holds characters that `displayName` must make visible. */
export function hasHiddenCharacters(name: string): boolean {
  HIDDEN.lastIndex = 0;
  return name.startsWith(' ') || name.endsWith(' ') || HIDDEN.test(name);
}
