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
  /**
   * The text of the app's other files in this language that call the Secret Store: when this file
   * passes no account, the account their calls pass is the one the lookup passes.
   */
  appFiles?: readonly string[];
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

const CONTROL = new Set([
  'if',
  'for',
  'while',
  'switch',
  'catch',
  'with',
  'foreach',
  'using',
  'lock',
  'fixed',
  'return',
  'typeof',
  'await',
]);

export function lookupContext(place: LookupPlace): LookupContext {
  const recogniser = recogniserFor(place.languageId);
  if (!recogniser) return { canAwait: false };
  const tokens = tokenize(place.text, recogniser.syntax);
  const stream = new TokenStream(tokens);
  const context: LookupContext = { canAwait: false };
  const option = ACCOUNT_OPTION[recogniser.id];
  let account = accountExpression(place, stream, option);
  for (const text of place.appFiles ?? []) {
    if (account) break;
    account = accountExpression({ ...place, text }, new TokenStream(tokenize(text, recogniser.syntax)), option);
  }
  if (account) context.stripeAccount = account;
  if (recogniser.id === 'java') context.throwsChecked = javaThrowsChecked(stream, place.offset);
  if (recogniser.id === 'python') context.canAwait = pythonAsync(place.text, place.offset);
  else if (recogniser.id === 'javascript' || recogniser.id === 'csharp') {
    const where = enclosingFunction(stream, place.offset);
    if (where === 'async') context.canAwait = true;
    else if (where === 'module' && recogniser.id === 'javascript')
      context.canAwait = place.esm ?? (place.languageId.startsWith('javascript') && usesModuleSyntax(stream));
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
    } else if (
      depth === 0 &&
      t.kind === 'ident' &&
      (t.text === 'export' || (t.text === 'import' && s.text(i + 1) !== '(' && s.text(i + 1) !== '.'))
    )
      return true;
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
  for (let i = 0; i < t.length; i++) if (s.match[i] >= 0 && s.match[i] < t.length) closeToOpen.set(s.match[i], i);
  for (let k = openers.length - 1; k >= 0; k--) {
    const brace = openers[k];
    const before = t[brace - 1];
    if (!before) continue;
    if (before.text === '=>') return arrowIsAsync(t, brace - 1, closeToOpen) ? 'async' : 'sync';
    // `(…): (A | B) {`: the group before the brace is the return type, not the parameters.
    const typeGroup = before.text === ')' && t[(closeToOpen.get(brace - 1) ?? 0) - 1]?.text === ':';
    const params = before.text === ')' && !typeGroup ? brace - 1 : returnTypeStart(t, brace);
    if (params >= 0) {
      const open = closeToOpen.get(params);
      if (open === undefined) continue;
      const name = beforeTypeParams(t, open - 1, closeToOpen);
      const head = t[name];
      if (head?.kind === 'ident' && !CONTROL.has(head.text)) return headerIsAsync(t, name) ? 'async' : 'sync';
      if (head?.text === 'function' || t[name - 1]?.text === 'function') return headerIsAsync(t, name) ? 'async' : 'sync';
      continue;
    }
    if (isClassBody(t, brace)) return 'class';
  }
  return 'module';
}

/** Types that, declared or caught, let a StripeException through the compiler. */
const HANDLES_STRIPE_EXCEPTION = /^(?:(?:com\.stripe\.exception\.)?StripeException|(?:java\.lang\.)?(?:Exception|Throwable))$/;
const JAVA_CONTROL = new Set(['if', 'for', 'while', 'switch', 'catch', 'synchronized', 'do', 'else', 'finally']);

/**
 * Java: whether a checked StripeException may be thrown at `offset`: inside a try whose catch takes
 * it (or Exception/Throwable), or directly in a method or constructor that declares it. A lambda
 * body, a field initializer, an initializer block or an anonymous class's body does not pass it on.
 */
function javaThrowsChecked(s: TokenStream, offset: number): boolean {
  const t = s.tokens;
  const openers: number[] = [];
  for (let i = 0; i < t.length && t[i].start < offset; i++) {
    if (t[i].text === '{' && (s.match[i] >= t.length || t[s.match[i]].start >= offset)) openers.push(i);
  }
  const closeToOpen = new Map<number, number>();
  for (let i = 0; i < t.length; i++) if (t[i].text === '(' && s.match[i] < t.length) closeToOpen.set(s.match[i], i);
  const typeAt = (from: number): { text: string; next: number } => {
    let i = from;
    let text = '';
    while (t[i]?.kind === 'ident') {
      text += t[i++].text;
      if (t[i]?.text !== '.') break;
      text += t[i++].text;
    }
    return { text, next: i };
  };
  for (let k = openers.length - 1; k >= 0; k--) {
    const brace = openers[k];
    const before = t[brace - 1];
    if (!before) return false;
    if (before.text === '->') return false;
    const tryHead =
      before.text === 'try'
        ? brace - 1
        : before.text === ')' && t[(closeToOpen.get(brace - 1) ?? 0) - 1]?.text === 'try'
          ? closeToOpen.get(brace - 1)! - 1
          : -1;
    if (tryHead >= 0) {
      // Each `catch (A | B e)` after the block.
      let i = s.match[brace] + 1;
      while (t[i]?.text === 'catch' && t[i + 1]?.text === '(') {
        const close = s.match[i + 1];
        let j = i + 2;
        while (j < close) {
          // `catch (final @Ann StripeException e)`: modifiers and annotations come before the type.
          while (t[j]?.text === 'final' || t[j]?.text === '@') {
            if (t[j].text === '@') j = typeAt(j + 1).next;
            else j++;
            if (t[j]?.text === '(') j = s.match[j] + 1;
          }
          const type = typeAt(j);
          if (HANDLES_STRIPE_EXCEPTION.test(type.text)) return true;
          j = type.next;
          while (j < close && t[j].text !== '|') j++;
          j++;
        }
        i = close + 1;
        if (t[i]?.text === '{') i = s.match[i] + 1;
      }
      continue;
    }
    // A method's `) throws A, B {`.
    let j = brace - 1;
    const declared: string[] = [];
    while (j > 0 && (t[j].kind === 'ident' || t[j].text === '.' || t[j].text === ',') && t[j].text !== 'throws') {
      j--;
    }
    if (t[j]?.text === 'throws') {
      for (let x = j + 1; x < brace;) {
        const type = typeAt(x);
        declared.push(type.text);
        x = type.next + 1;
      }
      return declared.some((d) => HANDLES_STRIPE_EXCEPTION.test(d));
    }
    if (before.text === ')') {
      const open = closeToOpen.get(brace - 1);
      const head = open === undefined ? undefined : t[open - 1];
      if (head?.kind === 'ident' && JAVA_CONTROL.has(head.text)) continue;
      // A method or constructor without throws, or `new Type() {` (an anonymous class).
      return false;
    }
    if (
      before.text === 'else' ||
      before.text === 'do' ||
      before.text === 'finally' ||
      before.text === '{' ||
      before.text === '}' ||
      before.text === ';' ||
      before.text === ':'
    )
      continue;
    // A class body, `static {` or an instance initializer.
    return false;
  }
  return false;
}

/** `f<T extends { id: string } = X>(`: the index before the type parameters ending at `end` (the name), or `end` itself. */
function beforeTypeParams(t: readonly Token[], end: number, closeToOpen: Map<number, number>): number {
  if (t[end]?.text !== '>') return end;
  for (let i = end, depth = 0; i >= 0; i--) {
    const x = t[i].text;
    if (x === '>') depth++;
    else if (x === '<') depth--;
    else if (closeToOpen.has(i)) i = closeToOpen.get(i)!;
    else if (x === '(' || x === '{' || x === '[' || x === ';') return end; // Out of the group or statement: `case x > (y): {`.
    if (depth === 0) return i - 1;
  }
  return end;
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
  // `async (…): Promise<T> =>`: the parameters end before the return type.
  const typed = returnTypeStart(t, arrow);
  const end = typed >= 0 ? typed : arrow - 1;
  const start = t[end]?.text === ')' ? closeToOpen.get(end) : end;
  return start !== undefined && t[start - 1]?.text === 'async';
}

/** `async` among the words before a function's name (up to the previous statement's end). */
function headerIsAsync(t: readonly Token[], from: number): boolean {
  for (let i = from; i >= 0 && i > from - 12; i--) {
    const x = t[i];
    if (x.text === 'async') return true;
    if (x.kind === 'punct' && (x.text === ';' || x.text === '{' || x.text === '}' || x.text === '=' || x.text === ',' || x.text === ':'))
      return false;
  }
  return false;
}

function isClassBody(t: readonly Token[], brace: number): boolean {
  for (let i = brace - 1; i >= 0 && i > brace - 16; i--) {
    if (t[i].text === 'class' || t[i].text === 'interface' || t[i].text === 'struct' || t[i].text === 'record') return true;
    if (t[i].kind === 'punct' && (t[i].text === ';' || t[i].text === '{' || t[i].text === '}' || t[i].text === '=' || t[i].text === '('))
      return false;
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
      const key = t.kind === 'string' ? (t.value ?? '') : t.text;
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
