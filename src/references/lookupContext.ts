/**
 * Where a generated lookup goes, so it compiles there: whether `await` is allowed at that point
 * (an async function, or an ES module's top level), and the account expression the app's own
 * Secret Store calls pass (`stripeAccount: accountId`), which the lookup passes too.
 */
import type { LookupContext } from './recogniser';
import { findReferences, recogniserFor } from './registry';
import { tokenize, type Token } from './scanner';
import { TokenStream } from './structure';

export interface LookupPlace {
  text: string;
  languageId: string;
  /** The literal the lookup replaces. */
  offset: number;
  /**
   * JavaScript/TypeScript: the file is an ES module (`.mjs`, `.mts`, `"type": "module"`) or CommonJS
   * (`.cjs`, `.cts`). Undefined: JavaScript is judged by its `import`/`export`; TypeScript, which
   * usually compiles to CommonJS, gets no top-level await.
   */
  esm?: boolean;
}

/** The option each SDK takes for the connected account, as the app's code spells it. */
const ACCOUNT_OPTION: Record<string, RegExp> = {
  javascript: /^stripeAccount$/,
  python: /^stripe_account$/,
  ruby: /^stripe_account$/,
  php: /^stripe_account$/,
  go: /^StripeAccount$/,
  java: /^setStripeAccount$/,
  csharp: /^StripeAccount$/,
};

const CONTROL = new Set(['if', 'for', 'while', 'switch', 'catch', 'with', 'foreach', 'using', 'lock', 'fixed', 'return', 'typeof', 'await']);

export function lookupContext(place: LookupPlace): LookupContext {
  const recogniser = recogniserFor(place.languageId);
  if (!recogniser) return { canAwait: false };
  const tokens = tokenize(place.text, recogniser.syntax);
  const stream = new TokenStream(tokens);
  const context: LookupContext = { canAwait: false };
  const account = accountExpression(place, stream, ACCOUNT_OPTION[recogniser.id]);
  if (account) context.stripeAccount = account;
  if (recogniser.id === 'python') context.canAwait = pythonAsync(place.text, place.offset);
  else if (recogniser.id === 'javascript' || recogniser.id === 'csharp') {
    const where = enclosingFunction(stream, place.offset);
    if (where === 'async') context.canAwait = true;
    else if (where === 'module' && recogniser.id === 'javascript') context.canAwait = place.esm ?? (place.languageId.startsWith('javascript') && usesModuleSyntax(stream));
  }
  return context;
}

/** `import x from` / `export …` at the top level: an ES module (JavaScript; bundlers and Node agree). */
function usesModuleSyntax(s: TokenStream): boolean {
  let depth = 0;
  for (let i = 0; i < s.tokens.length; i++) {
    const t = s.tokens[i];
    if (t.kind === 'punct') {
      if (t.text === '{' || t.text === '(' || t.text === '[') depth++;
      else if (t.text === '}' || t.text === ')' || t.text === ']') depth--;
    } else if (depth === 0 && t.kind === 'ident' && (t.text === 'export' || (t.text === 'import' && s.text(i + 1) !== '(' && s.text(i + 1) !== '.'))) return true;
  }
  return false;
}

/**
 * The innermost function around `offset` in a brace language: 'async', 'sync', 'module' (no function
 * at all), or 'class' (a class body or field initializer, where `await` is never allowed).
 */
function enclosingFunction(s: TokenStream, offset: number): 'async' | 'sync' | 'module' | 'class' {
  const t = s.tokens;
  const openers: number[] = [];
  for (let i = 0; i < t.length && t[i].start < offset; i++) {
    if (t[i].kind !== 'punct' || t[i].text !== '{') continue;
    if (s.match[i] >= t.length || t[s.match[i]].start >= offset) openers.push(i);
  }
  const closeToOpen = new Map<number, number>();
  for (let i = 0; i < t.length; i++) if (t[i].text === '(' && s.match[i] < t.length) closeToOpen.set(s.match[i], i);
  for (let k = openers.length - 1; k >= 0; k--) {
    const brace = openers[k];
    const before = t[brace - 1];
    if (!before) continue;
    if (before.text === '=>') return arrowIsAsync(t, brace - 1, closeToOpen) ? 'async' : 'sync';
    const params = before.text === ')' ? brace - 1 : returnTypeStart(t, brace);
    if (params >= 0) {
      const open = closeToOpen.get(params);
      if (open === undefined) continue;
      const head = t[open - 1];
      if (head?.kind === 'ident' && !CONTROL.has(head.text)) return headerIsAsync(t, open - 1) ? 'async' : 'sync';
      if (head?.text === 'function' || t[open - 2]?.text === 'function') return headerIsAsync(t, open - 1) ? 'async' : 'sync';
      continue;
    }
    if (isClassBody(t, brace)) return 'class';
  }
  return 'module';
}

/** TypeScript's `(…): Type {`: the `)` before the return type's `:`, or -1. */
function returnTypeStart(t: readonly Token[], brace: number): number {
  for (let i = brace - 1; i > 0 && i > brace - 16; i--) {
    if (t[i].text === ':' && t[i - 1].text === ')') return i - 1;
    if (t[i].kind === 'punct' && (t[i].text === ';' || t[i].text === '{' || t[i].text === '}' || t[i].text === '=')) return -1;
  }
  return -1;
}

function arrowIsAsync(t: readonly Token[], arrow: number, closeToOpen: Map<number, number>): boolean {
  const params = t[arrow - 1];
  const start = params?.text === ')' ? closeToOpen.get(arrow - 1) : arrow - 1;
  return start !== undefined && t[start - 1]?.text === 'async';
}

/** `async` among the words before a function's name (up to the previous statement's end). */
function headerIsAsync(t: readonly Token[], from: number): boolean {
  for (let i = from; i >= 0 && i > from - 12; i--) {
    const x = t[i];
    if (x.text === 'async') return true;
    if (x.kind === 'punct' && (x.text === ';' || x.text === '{' || x.text === '}' || x.text === '=' || x.text === ',' || x.text === ':')) return false;
  }
  return false;
}

function isClassBody(t: readonly Token[], brace: number): boolean {
  for (let i = brace - 1; i >= 0 && i > brace - 16; i--) {
    if (t[i].text === 'class' || t[i].text === 'interface' || t[i].text === 'struct' || t[i].text === 'record') return true;
    if (t[i].kind === 'punct' && (t[i].text === ';' || t[i].text === '{' || t[i].text === '}' || t[i].text === '=' || t[i].text === '(')) return false;
  }
  return false;
}

/** Python: inside an `async def` (by indentation, the nearest enclosing def or class decides). */
function pythonAsync(text: string, offset: number): boolean {
  const lines = text.slice(0, offset).split('\n');
  const indentOf = (line: string) => /^[ \t]*/.exec(line)![0].length;
  let indent = indentOf(lines[lines.length - 1]);
  for (let i = lines.length - 2; i >= 0 && indent > 0; i--) {
    const line = lines[i];
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const own = indentOf(line);
    if (own >= indent) continue;
    const body = line.trimStart();
    if (body.startsWith('async def ')) return true;
    if (body.startsWith('def ') || body.startsWith('class ') || body.startsWith('lambda')) return false;
    indent = own;
  }
  return false;
}

/** The account the app's other Secret Store calls pass: the expression after the SDK's option. */
function accountExpression(place: LookupPlace, s: TokenStream, option: RegExp | undefined): string | undefined {
  if (!option) return undefined;
  for (const ref of findReferences(place.text, place.languageId)) {
    const nameToken = s.tokens.findIndex((t) => t.start <= ref.nameStart && ref.nameEnd <= t.end);
    if (nameToken < 0) continue;
    const group = outermostCall(s, nameToken);
    for (let i = group.from; i < group.to; i++) {
      const t = s.tokens[i];
      const key = t.kind === 'string' ? t.value ?? '' : t.text;
      if (!option.test(key)) continue;
      return expressionAfter(place.text, s, i + 1, group.to);
    }
  }
  return undefined;
}

const CALL = /^(find|create|delete_?where|new)(_?async)?$/i;
const PARAMS = /Secret\w*(Params|Options)$/;

/** The token range of the Secret Store call around a name: its `find(…)`, or the `…Params{…}` / `…Options {…}` literal. */
function outermostCall(s: TokenStream, at: number): { from: number; to: number } {
  let depth = 0;
  let literal: { from: number; to: number } | undefined;
  for (let i = at - 1; i >= 0; i--) {
    const t = s.tokens[i].text;
    if (t === ')' || t === ']' || t === '}') depth++;
    else if (t === '(' || t === '[' || t === '{') {
      if (depth > 0) {
        depth--;
        continue;
      }
      const before = s.tokens[i - 1]?.text ?? '';
      const group = { from: i, to: Math.min(s.match[i], s.tokens.length) };
      if (t === '(' && CALL.test(before)) return group;
      if (t === '{' && PARAMS.test(before)) literal ??= group;
    }
  }
  return literal ?? { from: at, to: at };
}

/** The source text of the value after an option's `:`, `=`, `=>` or `(`: names, dots, strings and calls. */
function expressionAfter(text: string, s: TokenStream, from: number, to: number): string | undefined {
  let i = from;
  while (i < to && [':', '=', '=>', '(', ','].includes(s.text(i) ?? '')) i++;
  const start = i;
  for (; i < to; i++) {
    const t = s.tokens[i];
    if (t.kind === 'ident' || t.kind === 'string' || t.kind === 'number' || ['.', '->', '?.', '::', '&'].includes(t.text)) continue;
    if (t.text === '(' && i > start) i = Math.min(s.match[i], to - 1);
    else break;
  }
  if (i === start) return undefined;
  return text.slice(s.tokens[start].start, s.tokens[i - 1].end);
}
