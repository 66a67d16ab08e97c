/**
 * The one masking function: everything shown or logged goes through `maskSecrets`, and a value being
 * set is scrubbed out of Stripe's messages with `scrubValue`. Text is decoded first (percent, JSON and
 * backslash escapes, HTML entities) as often as it was encoded, so an escaped key is found too; the
 * decoded text is shown only when it held something to mask, so other text keeps its escapes.
 */

/** Zero-width characters and line breaks a key may be split by (a paste, a wrapped log line). */
const SEPARATOR_CHARS = '\\u00ad\\u180e\\u200b-\\u200f\\u2028\\u2029\\u2060-\\u2064\\ufeff\\r\\n';
const SEP = `[${SEPARATOR_CHARS}]*`;
const SEPARATORS = new RegExp(`[${SEPARATOR_CHARS}]`, 'g');

/** `sk_live_` as a pattern that also matches `S\u200bK_LIVE_` (case-insensitive, separators between characters). */
function spaced(literal: string): string {
  return literal
    .split('')
    .map((c) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join(SEP);
}

const MODES = `(?:${spaced('test')}|${spaced('live')})${SEP}_`;
/**
 * Secret, restricted, publishable and ephemeral keys (also organization keys, `sk_org_…`) and
 * webhook signing secrets, matched after any character: `Xsk_live_…` is a key glued to a word, and
 * masking a harmless `task_live_x` costs less than showing a key.
 */
const PREFIX = `(?:(?:${spaced('sk')}|${spaced('rk')}|${spaced('pk')}|${spaced('ek')})${SEP}_${SEP}(?:${spaced('org')}${SEP}_${SEP}(?:${MODES})?|${MODES})|${spaced('whsec')}${SEP}_)`;
const BODY = `[A-Za-z0-9](?:${SEP}[A-Za-z0-9])*`;
const KEY = new RegExp(`(${PREFIX})${SEP}(${BODY})`, 'gi');
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;

/**
 * Decoding explores every order of the layers (a JSON string holding a URL holding HTML is undone
 * outside in, and greedy decoding in one fixed order can garble it), up to this many distinct texts.
 * Text that needs more is withheld rather than guessed at: the work is bounded, any depth of one
 * encoding costs one text per layer.
 */
const MAX_DECODED_TEXTS = 600;
const WITHHELD = '[text withheld: encoded too many times to check it for keys]';

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lowbar: '_',
  underbar: '_',
  percnt: '%',
  bsol: '\\',
  num: '#',
  semi: ';',
  quot: '"',
  apos: "'",
  lt: '<',
  gt: '>',
  nbsp: '\u00a0',
  equals: '=',
  colon: ':',
  sol: '/',
  plus: '+',
  zwsp: '\u200b',
  zwnj: '\u200c',
  zwj: '\u200d',
};

function fromCodePoint(code: number): string | undefined {
  return Number.isInteger(code) && code >= 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
}

function decodePercentRun(run: string): string {
  try {
    return decodeURIComponent(run);
  } catch {
    // A broken UTF-8 sequence: byte by byte, which is enough for keys (ASCII).
    return run.replace(/%([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  }
}

/** One layer of one encoding each, every occurrence in one pass (never re-reading what it produced). */
const DECODERS: ReadonlyArray<(text: string) => string> = [
  (text) => text.replace(/(?:%[0-9A-Fa-f]{2})+/g, decodePercentRun),
  (text) =>
    text.replace(
      /&(?:#[xX]([0-9A-Fa-f]{1,6})|#([0-9]{1,7})|([A-Za-z]{2,8}));?/g,
      (m, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
        if (name !== undefined) return NAMED_ENTITIES[name.toLowerCase()] ?? m;
        return fromCodePoint(hex !== undefined ? parseInt(hex, 16) : Number(dec)) ?? m;
      },
    ),
  (text) =>
    text.replace(/\\(u\{[0-9A-Fa-f]{1,6}\}|u[0-9A-Fa-f]{4}|x[0-9A-Fa-f]{2}|[\s\S])/g, (_m, esc: string) => {
      if (esc.startsWith('u{')) return fromCodePoint(parseInt(esc.slice(2, -1), 16)) ?? esc;
      if (esc.length === 5 && esc[0] === 'u') return String.fromCharCode(parseInt(esc.slice(1), 16));
      if (esc.length === 3 && esc[0] === 'x') return String.fromCharCode(parseInt(esc.slice(1), 16));
      return esc === 'n' ? '\n' : esc === 'r' ? '\r' : esc === 't' ? '\t' : esc;
    }),
];

/** All layers of all kinds at once; used for one more path through the layers. */
function decodeAllOnce(text: string): string {
  return DECODERS.reduce((t, decode) => decode(t), text);
}

/** The text and every decoding of it, least decoded first; `complete` is false when the bound was hit. */
function decodings(text: string): { texts: string[]; complete: boolean } {
  const texts = [text];
  const seen = new Set<string>(texts);
  for (let i = 0; i < texts.length; i++) {
    for (const decode of [...DECODERS, decodeAllOnce]) {
      const next = decode(texts[i]);
      if (seen.has(next)) continue;
      if (seen.size >= MAX_DECODED_TEXTS) return { texts, complete: false };
      seen.add(next);
      texts.push(next);
    }
  }
  return { texts, complete: true };
}

/** The decoding on which `score` is highest (the first such, so the least decoded); undefined when it is 0 everywhere. */
function bestDecoding(text: string, score: (t: string) => number): { best?: string; complete: boolean } {
  const { texts, complete } = decodings(text);
  let best: string | undefined;
  let bestScore = 0;
  for (const t of texts) {
    const s = score(t);
    if (s > bestScore) {
      best = t;
      bestScore = s;
    }
  }
  return { best, complete };
}

/** Fully decoded along one path (all kinds at once), or undefined when that does not settle within the bound. */
export function decodeFully(text: string): string | undefined {
  let current = text;
  for (let i = 0; i < MAX_DECODED_TEXTS; i++) {
    const next = decodeAllOnce(current);
    if (next === current) return current;
    current = next;
  }
  return undefined;
}

/** How much of the text is key or credential: the characters masking would hide. */
function keyCoverage(text: string): number {
  let n = 0;
  for (const m of text.matchAll(KEY)) n += m[0].length;
  for (const m of text.matchAll(BEARER)) n += m[0].length;
  return n;
}

function maskPlain(text: string): string {
  return text
    .replace(BEARER, (_m, scheme: string) => `${scheme} ****`)
    .replace(KEY, (_m, prefix: string, body: string) => {
      const plainBody = body.replace(SEPARATORS, '');
      return `${prefix.replace(SEPARATORS, '')}****${plainBody.length >= 12 ? plainBody.slice(-4) : ''}`;
    });
}

/**
 * Replaces anything shaped like a Stripe key or webhook secret with `sk_test_****abcd` (the last four
 * only when the key is long), and `Bearer …`/`Basic …` credentials with `Bearer ****`.
 */
export function maskSecrets(text: string): string {
  const { best, complete } = bestDecoding(text, keyCoverage);
  if (!complete) return WITHHELD;
  return maskPlain(best ?? text);
}

/**
 * True when the text holds anything shaped like a Stripe key or webhook secret, in any encoding, with
 * at least `minBodyLength` characters after the prefix (a label such as `desk_test_env` is no key).
 */
export function containsKeyLike(text: string, minBodyLength = 1): boolean {
  const long = (t: string) => [...t.matchAll(KEY)].some((m) => m[2].replace(SEPARATORS, '').length >= minBodyLength);
  const { best, complete } = bestDecoding(text, (t) => (long(t) ? 1 : 0));
  return !complete || best !== undefined;
}

/** A run this long of a secret value is scrubbed wherever it appears (a truncated echo). */
export const VALUE_RUN = 8;
/** Shorter values would shred ordinary words. */
const MIN_SCRUBBED_VALUE = 4;

function scrubExact(text: string, value: string): string {
  if (value.length < VALUE_RUN) return text.split(value).join('****');
  const grams = new Set<string>();
  for (let i = 0; i + VALUE_RUN <= value.length; i++) grams.add(value.slice(i, i + VALUE_RUN));
  const covered = new Uint8Array(text.length);
  let any = false;
  for (let i = 0; i + VALUE_RUN <= text.length; i++) {
    if (!grams.has(text.slice(i, i + VALUE_RUN))) continue;
    covered.fill(1, i, i + VALUE_RUN);
    any = true;
  }
  if (!any) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    if (!covered[i]) out += text[i];
    else if (i === 0 || !covered[i - 1]) out += '****';
  }
  return out;
}

/**
 * Removes a secret value from text (a message that echoes it): an exact copy, any run of 8 or more
 * of its characters, and the same escaped, entity-encoded or percent-encoded, then masks keys.
 */
export function scrubValue(text: string, value: string | undefined): string {
  if (value === undefined || value.length < MIN_SCRUBBED_VALUE) return maskSecrets(text);
  const keepInvisible = value.replace(SEPARATORS, '') !== value;
  const visible = (t: string) => (keepInvisible ? t : t.replace(SEPARATORS, (c) => (c === '\n' || c === '\r' ? c : '')));
  const scrubbedLength = (t: string) => visible(t).length - scrubExact(visible(t), value).length;
  const { best, complete } = bestDecoding(text, (t) => scrubbedLength(t) + 1);
  if (!complete) return WITHHELD;
  return maskSecrets(scrubExact(visible(best ?? text), value));
}
