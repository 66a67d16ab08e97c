/**
 * What every recogniser shares: bracket matching over tokens, a reader of argument lists and
 * literals (`{name: 'x'}`, `name="x"`, `'name' => 'x'`, `Name = "x"`, `Name: stripe.String("x")`),
 * and the step from "the arguments of a Secret Store call" to a reference.
 */
import type { Token } from './scanner';
import type { CallKind, RawReference, ReferenceScope } from './types';

const OPEN: Record<string, string> = { '(': ')', '[': ']', '{': '}' };

export class TokenStream {
  /** For each opening bracket, the index of its closing one (or the end when unbalanced). */
  readonly match: Int32Array;

  constructor(readonly tokens: readonly Token[]) {
    this.match = new Int32Array(tokens.length).fill(-1);
    const stack: number[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const t = tokens[i];
      if (t.kind !== 'punct') continue;
      if (OPEN[t.text]) stack.push(i);
      else if (t.text === ')' || t.text === ']' || t.text === '}') {
        // Pop to the matching opener; a stray closer (broken code mid-edit) is ignored.
        for (let k = stack.length - 1; k >= 0; k--) {
          if (OPEN[tokens[stack[k]].text] === t.text) {
            for (let m = stack.length - 1; m >= k; m--) this.match[stack[m]] = m === k ? i : tokens.length;
            stack.length = k;
            break;
          }
        }
      }
    }
    for (const open of stack) this.match[open] = tokens.length;
  }

  text(i: number): string | undefined {
    return this.tokens[i]?.text;
  }

  /** The index after the group opened at `open`. */
  after(open: number): number {
    return Math.min(this.match[open] + 1, this.tokens.length);
  }

  /**
   * Indices where the token texts follow `pattern` (strings compare exactly, `?.` counts as `.`);
   * returns the index of the pattern's last token.
   */
  *matches(pattern: ReadonlyArray<string | RegExp>, first: RegExp): Generator<{ at: number; end: number }> {
    const head = pattern[0];
    for (let i = 0; i < this.tokens.length; i++) {
      const t = this.tokens[i];
      if (!first.test(t.text)) continue;
      if (typeof head === 'string' ? t.text !== head : !head.test(t.text)) continue;
      let ok = true;
      for (let k = 1; k < pattern.length && ok; k++) {
        const tok = this.tokens[i + k];
        if (!tok || tok.kind === 'string') ok = false;
        else {
          const text = tok.text === '?.' ? '.' : tok.text;
          const p = pattern[k];
          ok = typeof p === 'string' ? text === p : p.test(text);
        }
      }
      if (ok) yield { at: i, end: i + pattern.length - 1 };
    }
  }
}

/** A value in an argument list: a string literal, a bracketed group of entries, or other code. */
export interface Value {
  from: number;
  to: number;
  /** The literal (a lone string, or a call wrapping one: `stripe.String("x")`). */
  string?: Token;
  /** Entries of a lone group or of a trailing one (`&Params{…}`, `new Options {…}`, `array(…)`). */
  entries?: Entry[];
}

export interface Entry {
  key?: string;
  value: Value;
}

const KEY_SEPARATORS = new Set([':', '=', '=>']);

/** The entries between the brackets opened at `open`, split at top-level commas. */
export function readGroup(s: TokenStream, open: number): Entry[] {
  const close = Math.min(s.match[open], s.tokens.length);
  const entries: Entry[] = [];
  let start = open + 1;
  for (let i = open + 1; i <= close; i++) {
    const t = s.tokens[i];
    if (i === close || (t.kind === 'punct' && t.text === ',')) {
      if (i > start) entries.push(readEntry(s, start, i));
      start = i + 1;
      continue;
    }
    if (t.kind === 'punct' && OPEN[t.text]) i = Math.min(s.match[i], close - 1);
  }
  return entries;
}

function keyText(t: Token | undefined): string | undefined {
  if (!t) return undefined;
  if (t.kind === 'ident') return t.text;
  if (t.kind === 'string' && t.literal) return t.value;
  return undefined;
}

function readEntry(s: TokenStream, from: number, to: number): Entry {
  const t = s.tokens;
  // Ruby `:name => 'x'`.
  if (t[from].text === ':' && to - from > 2 && t[from + 1].kind === 'ident' && t[from + 2].text === '=>') {
    return { key: t[from + 1].text, value: readValue(s, from + 3, to) };
  }
  const key = keyText(t[from]);
  if (key !== undefined && to - from > 2 && KEY_SEPARATORS.has(t[from + 1].text)) {
    return { key, value: readValue(s, from + 2, to) };
  }
  return { value: readValue(s, from, to) };
}

export function readValue(s: TokenStream, from: number, to: number): Value {
  const t = s.tokens;
  const value: Value = { from, to };
  if (to - from === 1 && t[from].kind === 'string') {
    value.string = t[from];
    return value;
  }
  const last = to - 1;
  let open = -1;
  // A group left open (code being typed) reaches to the end: read it anyway, before any group closed inside it.
  if (OPEN[t[from]?.text ?? ''] && s.match[from] >= to) open = from;
  else if (last >= from && (t[last].text === ')' || t[last].text === ']' || t[last].text === '}')) {
    // The group that ends the value: find its opener.
    for (let k = last; k >= from && open < 0; k--) if (OPEN[t[k].text] && s.match[k] === last) open = k;
  }
  if (open < 0) return value;
  const entries = readGroup(s, open);
  if (t[open].text === '(' && entries.length === 1 && entries[0].key === undefined) {
    // A call wrapping one value: `stripe.String("x")`, `string(stripe.AppsSecretScopeTypeAccount)`.
    const inner = entries[0].value;
    if (inner.string) value.string = inner.string;
    if (inner.entries) value.entries = inner.entries;
    return value;
  }
  value.entries = entries;
  return value;
}

/** Identifier texts inside a value (to read enum-like scope types such as `Type.ACCOUNT`). */
export function identifiers(s: TokenStream, value: Value): string[] {
  const out: string[] = [];
  for (let i = value.from; i < value.to; i++) if (s.tokens[i].kind === 'ident') out.push(s.tokens[i].text);
  return out;
}

/** Keys compared without case or underscores: `Name`, `name`, `NAME`. */
function normal(key: string): string {
  return key.replace(/_/g, '').toLowerCase();
}

export function entryMap(entries: readonly Entry[]): Map<string, Value> {
  const map = new Map<string, Value>();
  for (const e of entries) if (e.key !== undefined && !map.has(normal(e.key))) map.set(normal(e.key), e.value);
  return map;
}

/**
 * The parameters of a call: keyword arguments (`name=…`), or the first positional object
 * (`find({…})`, `find([…])`), or a `params={…}` argument (Python's StripeClient).
 */
export function callParams(entries: readonly Entry[]): Map<string, Value> {
  const direct = entryMap(entries);
  if (direct.has('name')) return direct;
  const params = direct.get('params');
  if (params?.entries) return entryMap(params.entries);
  const positional = entries.find((e) => e.key === undefined && e.value.entries);
  return positional?.value.entries ? entryMap(positional.value.entries) : direct;
}

function literal(value: Value | undefined): string | undefined {
  return value?.string?.literal ? value.string.value : undefined;
}

/** 'account', 'user' or undefined from a string literal or an enum-like name (`…ScopeTypeAccount`, `Type.USER`). */
function scopeType(s: TokenStream, value: Value | undefined): 'account' | 'user' | undefined {
  if (!value) return undefined;
  const text = literal(value) ?? (value.string ? undefined : identifiers(s, value).pop());
  if (text === undefined) return undefined;
  if (/account$/i.test(text)) return 'account';
  if (/user$/i.test(text)) return 'user';
  return undefined;
}

export function readScope(s: TokenStream, value: Value | undefined): ReferenceScope {
  if (!value?.entries) return { type: 'unknown' };
  const map = entryMap(value.entries);
  const type = scopeType(s, map.get('type'));
  if (type === 'account') return { type: 'account' };
  if (type === 'user') {
    const user = literal(map.get('user'));
    return user === undefined ? { type: 'user' } : { type: 'user', user };
  }
  return { type: 'unknown' };
}

/** A reference from a call's parameters, when the name is a string literal. */
export function referenceFrom(s: TokenStream, params: Map<string, Value>, call: CallKind): RawReference | undefined {
  const name = params.get('name')?.string;
  if (!name || !name.literal || name.value === undefined) return undefined;
  return { name: name.value, nameStart: name.contentStart!, nameEnd: name.contentEnd!, scope: readScope(s, params.get('scope')), call };
}

/** The call kind from a method or type name (`find`, `delete_where`, `DeleteWhere`, `Create`). */
export function callKind(text: string): CallKind {
  const t = text.toLowerCase().replace(/_/g, '');
  if (t.includes('deletewhere')) return 'deleteWhere';
  if (t.includes('create') || t === 'appssecretparams') return 'create';
  return 'find';
}

/** A token pattern, a test on its first token, and (optionally) which token of the pattern names the call. */
export type CallPattern = readonly [pattern: ReadonlyArray<string | RegExp>, first: RegExp, kindAt?: number];

/**
 * References from every match of `patterns`, each ending at the bracket that opens the
 * parameters. `kindFrom` says which token names the call: the method before the bracket
 * (`secrets.find(`) or the type that starts the match (`AppsSecretFindParams{`); a pattern's own
 * `kindAt` overrides both. Two patterns matching the same name yield one reference.
 */
export function referencesAt(s: TokenStream, patterns: readonly CallPattern[], kindFrom: 'method' | 'type'): RawReference[] {
  const matches = patterns
    .flatMap(([pattern, first, kindAt]) => [...s.matches(pattern, first)].map((m) => ({ ...m, kindAt })))
    .sort((a, b) => a.at - b.at);
  const out: RawReference[] = [];
  const seen = new Set<number>();
  for (const m of matches) {
    const entries = readGroup(s, m.end);
    const kindToken = m.kindAt !== undefined ? m.at + m.kindAt : kindFrom === 'method' ? m.end - 1 : m.at;
    const params = kindFrom === 'method' ? callParams(entries) : entryMap(entries);
    const ref = referenceFrom(s, params, callKind(s.text(kindToken)!));
    if (ref && !seen.has(ref.nameStart)) {
      seen.add(ref.nameStart);
      out.push(ref);
    }
  }
  return out;
}

/** Keyed entries from alternating keys and values (`Map.of("name", "x", "scope", Map.of(…))`), nested groups too. */
export function pairedEntries(entries: readonly Entry[]): Entry[] {
  if (entries.length % 2 !== 0 || entries.some((e) => e.key !== undefined)) return [...entries];
  const out: Entry[] = [];
  for (let i = 0; i < entries.length; i += 2) {
    const key = entries[i].value.string;
    if (!key?.literal || key.value === undefined) return [...entries];
    const value = entries[i + 1].value;
    out.push({ key: key.value, value: value.entries ? { ...value, entries: pairedEntries(value.entries) } : value });
  }
  return out;
}
