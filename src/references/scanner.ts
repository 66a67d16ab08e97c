/**
 * A small tokenizer that knows each supported language's strings and comments, so recognisers see
 * code only: a comment or string that merely mentions `secrets.find` yields no call. It reads text;
 * it never evaluates anything. Unterminated strings end at the end of their line (a person typing).
 */
import { scanShell } from './shellWords';

export type TokenKind = 'ident' | 'string' | 'punct' | 'number';

export interface Token {
  kind: TokenKind;
  /** Source text (for a string: the whole literal, quotes included). */
  text: string;
  start: number;
  end: number;
  /** Strings only: the decoded value, when the literal has no interpolation. */
  value?: string;
  /** Strings only: false for a template, f-string or interpolated string that substitutes values. */
  literal?: boolean;
  /** Strings only: offsets of the content between the quotes. */
  contentStart?: number;
  contentEnd?: number;
}

export interface Syntax {
  lineComments: readonly string[];
  blockComments: ReadonlyArray<readonly [string, string]>;
  /** JavaScript: backtick templates with `${}`, and regex literals. */
  js?: boolean;
  /** Go: backtick raw strings. */
  goRaw?: boolean;
  /** Python: r/b/u/f prefixes and triple quotes. */
  python?: boolean;
  /** Ruby: `#{}` interpolation, %q() strings, =begin/=end comments. */
  ruby?: boolean;
  /** PHP: `$` variables are identifiers and "…$x…" interpolates. */
  php?: boolean;
  /** C#: @"verbatim", $"interpolated" and """raw""" strings. */
  csharp?: boolean;
  /** Java: """text blocks""". */
  textBlocks?: boolean;
  /** POSIX shell: words, not identifiers (see shellWords.ts). */
  shell?: boolean;
}

const MULTI_PUNCT = ['::', '->', '=>', ':=', '?.'];
const MULTI_FIRST = new Set(MULTI_PUNCT.map((p) => p.charCodeAt(0)));
/** r, b, u, f in either case: letters that may start a Python string. */
const PY_PREFIX = new Set([...'rRbBuUfF'].map((ch) => ch.charCodeAt(0)));

function pythonStringAt(text: string, i: number): boolean {
  return /^[rRbBuUfF]{1,2}['"]/.test(text.slice(i, i + 3)) && !isIdentPart(text[i - 1] ?? ' ');
}
const ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '0': '\0', b: '\b', f: '\f', v: '\v' };

// Character tests by code, not by regex: the scanner runs on every keystroke's debounce.
function isIdentStartCode(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c === 36 || c >= 0xc0;
}
function isIdentPartCode(c: number): boolean {
  return isIdentStartCode(c) || (c >= 48 && c <= 57);
}
function isIdentPart(c: string): boolean {
  return c.length > 0 && isIdentPartCode(c.charCodeAt(0));
}

function decode(raw: string, escapes: boolean): string {
  if (!escapes || !raw.includes('\\')) return raw;
  return raw.replace(/\\(u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[\s\S])/g, (_m, e: string) => {
    if (e.startsWith('u{')) return String.fromCodePoint(parseInt(e.slice(2, -1), 16));
    if (e.length > 1 && (e[0] === 'u' || e[0] === 'x')) return String.fromCharCode(parseInt(e.slice(1), 16));
    return ESCAPES[e] ?? e;
  });
}

/** After a value (a name, a number, a string, a closing bracket) Ruby's `%` is the operator, not a literal: `"%s" %(a)`, `café %(b)`. */
function afterValue(t: Token | undefined): boolean {
  return t !== undefined && (t.kind !== 'punct' || t.text === ')' || t.text === ']');
}

/** Every token has every field, so the engine keeps one object shape. */
function plain(kind: TokenKind, text: string, start: number, end: number): Token {
  return { kind, text, start, end, value: undefined, literal: undefined, contentStart: undefined, contentEnd: undefined };
}

/** The last result: references and hard-coded keys of one document version read the same tokens. */
let last: { text: string; syntax: Syntax; tokens: Token[] } | undefined;

export function tokenize(text: string, syntax: Syntax): Token[] {
  if (last && last.syntax === syntax && last.text === text) return last.tokens;
  const tokens = syntax.shell ? scanShell(text) : scan(text, syntax);
  last = { text, syntax, tokens };
  return tokens;
}

function scan(text: string, syntax: Syntax): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;

  const lineEnd = (from: number) => {
    const nl = text.indexOf('\n', from);
    return nl < 0 ? n : nl;
  };

  /** A quoted string from `open` (after any prefix) with closing `close`; returns the token. */
  const quoted = (
    start: number,
    contentStart: number,
    close: string,
    opts: { escapes: boolean; multiline: boolean; interp?: (content: string) => boolean; doubledQuote?: boolean },
  ): Token => {
    let j = contentStart;
    let end = -1;
    while (j < n) {
      const c = text[j];
      if (opts.escapes && c === '\\') {
        j += 2;
        continue;
      }
      if (text.startsWith(close, j)) {
        if (opts.doubledQuote && text.startsWith(close + close, j)) {
          j += 2 * close.length;
          continue;
        }
        end = j;
        break;
      }
      if (c === '\n' && !opts.multiline) break;
      j++;
    }
    const contentEnd = end < 0 ? Math.min(j, n) : end;
    const tokenEnd = end < 0 ? contentEnd : end + close.length;
    let content = text.slice(contentStart, contentEnd);
    const literal = !(opts.interp?.(content) ?? false);
    if (opts.doubledQuote) content = content.split(close + close).join(close);
    return {
      kind: 'string',
      text: text.slice(start, tokenEnd),
      start,
      end: tokenEnd,
      value: literal ? decode(content, opts.escapes) : undefined,
      literal,
      contentStart,
      contentEnd,
    };
  };

  /** A JS template literal: `${…}` may nest strings and templates; any substitution makes it non-literal. */
  const template = (start: number): Token => {
    let j = start + 1;
    let substitutes = false;
    while (j < n && text[j] !== '`') {
      if (text[j] === '\\') {
        j += 2;
        continue;
      }
      if (text[j] === '$' && text[j + 1] === '{') {
        substitutes = true;
        j = skipBraces(j + 1);
        continue;
      }
      j++;
    }
    const contentEnd = Math.min(j, n);
    const end = Math.min(j + 1, n);
    const content = text.slice(start + 1, contentEnd);
    return {
      kind: 'string',
      text: text.slice(start, end),
      start,
      end,
      value: substitutes ? undefined : decode(content, true),
      literal: !substitutes,
      contentStart: start + 1,
      contentEnd,
    };
  };

  /** From an opening `{`, the offset after its matching `}`, skipping nested strings. */
  const skipBraces = (open: number): number => {
    let depth = 0;
    let j = open;
    while (j < n) {
      const c = text[j];
      if (c === '{') depth++;
      else if (c === '}') {
        depth--;
        if (depth === 0) return j + 1;
      } else if (c === '`') {
        j = template(j).end;
        continue;
      } else if (c === '"' || c === "'") {
        j = quoted(j, j + 1, c, { escapes: true, multiline: false }).end;
        continue;
      }
      j++;
    }
    return n;
  };

  const prevSignificant = () => tokens[tokens.length - 1];

  /** Whether `/` here starts a regex: not after a value (identifier, number, string, closing bracket). */
  const regexAllowed = (): boolean => {
    const p = prevSignificant();
    if (!p) return true;
    if (p.kind === 'number' || p.kind === 'string') return false;
    if (p.kind === 'ident') return /^(return|typeof|case|do|else|in|of|new|delete|void|throw|await|yield)$/.test(p.text);
    return !(p.text === ')' || p.text === ']' || p.text === '}');
  };

  const regex = (start: number): number => {
    let j = start + 1;
    let inClass = false;
    while (j < n && text[j] !== '\n') {
      const c = text[j];
      if (c === '\\') j += 2;
      else {
        if (c === '[') inClass = true;
        else if (c === ']') inClass = false;
        else if (c === '/' && !inClass) {
          j++;
          while (j < n && /[a-z]/i.test(text[j])) j++;
          return j;
        }
        j++;
      }
    }
    return j;
  };

  const RUBY_PAIRS: Record<string, string> = { '(': ')', '[': ']', '{': '}', '<': '>' };

  const commentStarts = new Set([...syntax.lineComments, ...syntax.blockComments.map(([open]) => open)].map((m) => m.charCodeAt(0)));
  const startsAny = (markers: readonly string[], at: number): boolean => {
    for (const m of markers) if (text.startsWith(m, at)) return true;
    return false;
  };

  while (i < n) {
    const code = text.charCodeAt(i);
    if (code === 32 || code === 9 || code === 10 || code === 13) {
      i++;
      continue;
    }
    // Identifiers first: most tokens are.
    if (
      isIdentStartCode(code) &&
      !(code === 36 && !syntax.php && !syntax.js) &&
      !(syntax.python && PY_PREFIX.has(code) && pythonStringAt(text, i))
    ) {
      let j = i + 1;
      while (j < n && isIdentPartCode(text.charCodeAt(j))) j++;
      tokens.push(plain('ident', text.slice(i, j), i, j));
      i = j;
      continue;
    }
    const c = text[i];
    // Comments.
    if (commentStarts.has(code)) {
      if (startsAny(syntax.lineComments, i)) {
        i = lineEnd(i);
        continue;
      }
      let closed = false;
      for (const [open, close] of syntax.blockComments) {
        if (!text.startsWith(open, i)) continue;
        const at = text.indexOf(close, i + open.length);
        i = at < 0 ? n : at + close.length;
        closed = true;
        break;
      }
      if (closed) continue;
    }
    if (syntax.ruby && c === '=' && (i === 0 || text[i - 1] === '\n') && text.startsWith('=begin', i)) {
      const close = text.indexOf('\n=end', i);
      i = close < 0 ? n : lineEnd(close + 1);
      continue;
    }

    // Strings, with the prefixes each language allows.
    if (syntax.python && (code === 34 || code === 39 || PY_PREFIX.has(code))) {
      const m = /^([rRbBuUfF]{0,2})('''|"""|'|")/.exec(text.slice(i, i + 5));
      if (m && (m[1] === '' || !isIdentPart(text[i - 1] ?? ' '))) {
        const prefix = m[1].toLowerCase();
        const quote = m[2];
        const f = prefix.includes('f');
        const tok = quoted(i, i + m[0].length, quote, {
          escapes: !prefix.includes('r'),
          multiline: quote.length === 3,
          interp: f ? (s) => /\{(?!\{)/.test(s.replace(/\{\{/g, '')) : undefined,
        });
        if (f && tok.literal && tok.value !== undefined) tok.value = tok.value.replace(/\{\{/g, '{').replace(/\}\}/g, '}');
        tokens.push(tok);
        i = tok.end;
        continue;
      }
    }
    if (syntax.csharp && (code === 34 || code === 36 || code === 64)) {
      const m = /^(\$?@|@\$|\$)?("""|")/.exec(text.slice(i, i + 5));
      if (m && (m[1] !== undefined || m[2] !== undefined) && (m[1] !== undefined || c === '"')) {
        const prefix = m[1] ?? '';
        const verbatim = prefix.includes('@');
        // A raw string (`"""`) is never verbatim: `@"""a"` is `@"` then an escaped quote.
        const quote = verbatim ? '"' : m[2];
        const interp = prefix.includes('$');
        const tok = quoted(i, i + prefix.length + quote.length, quote, {
          escapes: !verbatim && quote.length === 1,
          multiline: verbatim || quote.length === 3,
          doubledQuote: verbatim,
          interp: interp ? (s) => /\{(?!\{)/.test(s.replace(/\{\{/g, '')) : undefined,
        });
        tokens.push(tok);
        i = tok.end;
        continue;
      }
    }
    if (syntax.textBlocks && text.startsWith('"""', i)) {
      const tok = quoted(i, i + 3, '"""', { escapes: true, multiline: true });
      tokens.push(tok);
      i = tok.end;
      continue;
    }
    if (syntax.ruby && c === '%' && /^[qQ]?[([{<|!/]/.test(text.slice(i + 1, i + 3)) && !afterValue(prevSignificant())) {
      const q = text[i + 1] === 'q' || text[i + 1] === 'Q' ? text[i + 1] : '';
      const open = text[i + 1 + q.length];
      const close = RUBY_PAIRS[open] ?? open;
      const tok = quoted(i, i + 2 + q.length, close, {
        escapes: q !== 'q',
        multiline: true,
        interp: q === 'q' ? undefined : (s) => s.includes('#{'),
      });
      tokens.push(tok);
      i = tok.end;
      continue;
    }
    if (c === '"' || c === "'") {
      const interp =
        syntax.ruby && c === '"'
          ? (s: string) => s.includes('#{')
          : syntax.php && c === '"'
            ? (s: string) => /\$[A-Za-z_{]|\{\$/.test(s)
            : undefined;
      // Single quotes in Ruby and PHP only escape the quote and the backslash; close enough for names.
      const tok = quoted(i, i + 1, c, { escapes: true, multiline: !!(syntax.python === undefined && (syntax.ruby || syntax.php)), interp });
      tokens.push(tok);
      i = tok.end;
      continue;
    }
    if (c === '`' && syntax.js) {
      const tok = template(i);
      tokens.push(tok);
      i = tok.end;
      continue;
    }
    if (c === '`' && syntax.goRaw) {
      const tok = quoted(i, i + 1, '`', { escapes: false, multiline: true });
      tokens.push(tok);
      i = tok.end;
      continue;
    }
    if (c === '/' && syntax.js && regexAllowed()) {
      i = regex(i);
      continue;
    }

    if (code >= 48 && code <= 57) {
      let j = i + 1;
      while (j < n && (isIdentPartCode(text.charCodeAt(j)) || text.charCodeAt(j) === 46)) j++;
      tokens.push(plain('number', text.slice(i, j), i, j));
      i = j;
      continue;
    }
    const len = MULTI_FIRST.has(code) && startsAny(MULTI_PUNCT, i) ? 2 : 1;
    tokens.push(plain('punct', text.slice(i, i + len), i, i + len));
    i += len;
  }
  return tokens;
}

/** Offsets to zero-based line/character, by binary search over line starts. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }

  position(offset: number): { line: number; character: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo, character: offset - this.starts[lo] };
  }

  offset(line: number, character: number): number {
    return (this.starts[line] ?? this.starts[this.starts.length - 1]) + character;
  }
}
