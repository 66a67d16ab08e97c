/**
 * Shell words for the shell recogniser: a word is one string token (quotes joined as the shell
 * joins them), an assignment `NAME=value` is the identifier, `=` and the value, and `\n ; | & ( ) < >`
 * are punctuation that ends a command. `#` at a word's start comments to the end of the line. A
 * word that expands anything (`$x`, `$(…)`, backticks) is not literal. Nothing is executed.
 */

import type { Token } from './scanner';

export interface DecodedWord {
  value: string;
  /** For each character of `value`, its offset in the raw word. */
  offsets: number[];
  literal: boolean;
}

const OPERATORS = new Set(['\n', ';', '|', '&', '(', ')', '<', '>', '`']);

/** What the shell makes of one raw word: quotes removed, escapes applied. */
export function decodeWord(raw: string): DecodedWord {
  let value = '';
  const offsets: number[] = [];
  let literal = true;
  const push = (ch: string, at: number) => {
    value += ch;
    offsets.push(at);
  };
  let i = 0;
  while (i < raw.length) {
    const c = raw[i];
    if (c === "'") {
      const close = raw.indexOf("'", i + 1);
      const end = close < 0 ? raw.length : close;
      for (let k = i + 1; k < end; k++) push(raw[k], k);
      i = end + 1;
    } else if (c === '"') {
      let k = i + 1;
      while (k < raw.length && raw[k] !== '"') {
        if (raw[k] === '\\' && k + 1 < raw.length && '$`"\\\n'.includes(raw[k + 1])) {
          if (raw[k + 1] !== '\n') push(raw[k + 1], k + 1);
          k += 2;
          continue;
        }
        if (raw[k] === '$' || raw[k] === '`') literal = false;
        push(raw[k], k);
        k++;
      }
      i = k + 1;
    } else if (c === '\\') {
      if (i + 1 < raw.length && raw[i + 1] !== '\n') push(raw[i + 1], i + 1);
      i += 2;
    } else {
      if (c === '$' || c === '`') literal = false;
      push(c, i);
      i++;
    }
  }
  return { value, offsets, literal };
}

/** The offset of the `)` that closes the `$(` at `at` (quotes inside are skipped whole). */
function substitutionEnd(text: string, at: number): number {
  let depth = 0;
  for (let j = at + 1; j < text.length; j++) {
    const c = text[j];
    if (c === "'" || c === '"') {
      const close = text.indexOf(c, j + 1);
      if (close < 0) return text.length;
      j = close;
    } else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return j;
  }
  return text.length;
}

/** The `$(…)` inside a word, as [offset of `$`, offset of `)`] pairs (not inside single quotes). */
function substitutions(text: string, from: number, to: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let single = false;
  for (let j = from; j < to; j++) {
    const c = text[j];
    if (c === "'" && !single) {
      // A single quote opens a literal only outside double quotes; inside them the word is already non-literal.
      const before = text.slice(from, j);
      if ((before.split('"').length - 1) % 2 === 0) single = true;
    } else if (c === "'" && single) single = false;
    else if (!single && c === '$' && text[j + 1] === '(') {
      const close = substitutionEnd(text, j);
      out.push([j, close]);
      j = close;
    }
  }
  return out;
}

/** The end of the raw word starting at `i`. */
function wordEnd(text: string, i: number): number {
  let j = i;
  while (j < text.length) {
    const c = text[j];
    if (c === ' ' || c === '\t' || c === '\r' || OPERATORS.has(c)) break;
    if (c === '\\') j += 2;
    else if (c === "'") {
      const close = text.indexOf("'", j + 1);
      j = close < 0 ? text.length : close + 1;
    } else if (c === '"') {
      j++;
      while (j < text.length && text[j] !== '"') {
        if (text[j] === '$' && text[j + 1] === '(') j = substitutionEnd(text, j) + 1;
        else j += text[j] === '\\' ? 2 : 1;
      }
      j++;
    } else if (c === '$' && text[j + 1] === '(') j = substitutionEnd(text, j) + 1;
    else j++;
  }
  return Math.min(j, text.length);
}

function stringToken(text: string, start: number, end: number): Token {
  const raw = text.slice(start, end);
  const word = decodeWord(raw);
  const quoted =
    raw.length >= 2 &&
    (raw[0] === "'" || raw[0] === '"') &&
    raw[raw.length - 1] === raw[0] &&
    word.offsets.every((o) => o > 0 && o < raw.length - 1);
  return {
    kind: 'string',
    text: raw,
    start,
    end,
    value: word.literal ? word.value : undefined,
    literal: word.literal,
    contentStart: quoted ? start + 1 : start,
    contentEnd: quoted ? end - 1 : end,
  };
}

function shifted(t: Token, by: number): Token {
  return {
    ...t,
    start: t.start + by,
    end: t.end + by,
    contentStart: t.contentStart === undefined ? undefined : t.contentStart + by,
    contentEnd: t.contentEnd === undefined ? undefined : t.contentEnd + by,
  };
}

function plain(kind: Token['kind'], text: string, start: number): Token {
  return {
    kind,
    text,
    start,
    end: start + text.length,
    value: undefined,
    literal: undefined,
    contentStart: undefined,
    contentEnd: undefined,
  };
}

/** From the line after a `<<WORD`, past each pending here-document's closing line. */
function skipHeredocs(text: string, from: number, pending: ReadonlyArray<{ delimiter: string; tabs: boolean }>): number {
  let i = from;
  for (const { delimiter, tabs } of pending) {
    while (i < text.length) {
      const nl = text.indexOf('\n', i);
      const lineEnd = nl < 0 ? text.length : nl;
      const line = text.slice(i, lineEnd).replace(/\r$/, '');
      i = nl < 0 ? text.length : nl + 1;
      if ((tabs ? line.replace(/^\t+/, '') : line) === delimiter) break;
    }
  }
  return i;
}

export function scanShell(text: string): Token[] {
  const tokens: Token[] = [];
  const heredocs: Array<{ delimiter: string; tabs: boolean }> = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t' || c === '\r') i++;
    else if (c === '\\' && text[i + 1] === '\n') i += 2;
    else if (c === '#') {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
    } else if (c === '<' && text.startsWith('<<<', i)) {
      // A here-string: its word is on this line. Taken whole, so its last two `<` do not start a here-document.
      for (let k = 0; k < 3; k++) tokens.push(plain('punct', '<', i + k));
      i += 3;
    } else if (c === '<' && text[i + 1] === '<') {
      // A here-document: its body is text, not commands. Skip it from the next line to its delimiter.
      const m = /^<<-?[ \t]*(['"]?)([A-Za-z0-9_]+)\1/.exec(text.slice(i, i + 80));
      tokens.push(plain('punct', '<', i));
      if (!m) {
        i += 2;
        continue;
      }
      heredocs.push({ delimiter: m[2], tabs: m[0].startsWith('<<-') });
      i += m[0].length;
    } else if (c === '\n' && heredocs.length) {
      tokens.push(plain('punct', c, i));
      i = skipHeredocs(text, i + 1, heredocs.splice(0));
    } else if (OPERATORS.has(c)) {
      tokens.push(plain('punct', c, i));
      i++;
    } else {
      const end = Math.max(wordEnd(text, i), i + 1);
      const assignment = /^[A-Za-z_][A-Za-z0-9_]*=/.exec(text.slice(i, end));
      if (assignment) {
        const eq = i + assignment[0].length - 1;
        tokens.push(plain('ident', text.slice(i, eq), i), plain('punct', '=', eq));
        if (eq + 1 < end) tokens.push(stringToken(text, eq + 1, end));
      } else tokens.push(stringToken(text, i, end));
      // Commands inside `$(…)` are commands too: `VALUE="$(curl …)"`.
      for (const [open, close] of substitutions(text, i, end)) {
        tokens.push(plain('punct', '(', open + 1));
        for (const t of scanShell(text.slice(open + 2, close))) tokens.push(shifted(t, open + 2));
        tokens.push(plain('punct', ')', Math.min(close, text.length - 1)));
      }
      i = end;
    }
  }
  return tokens;
}
