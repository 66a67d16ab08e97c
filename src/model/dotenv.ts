/**
 * Reading and writing `.env` text, for Import .env File and Export Scope as .env. Plain Node.
 *
 * The judge is the `dotenv` package, which the app's backend runs: an import takes every value from
 * `dotenv.parse`, so it never sets a value that dotenv would not load, and an export is written so
 * that `dotenv.parse` reads back exactly what Stripe holds. Our own scan runs dotenv's line pattern
 * again only to learn what dotenv does not say: the line of each name, the lines it skips, and the
 * lines where dotenv's reading is probably not what the author meant. Problems name line numbers and
 * names, never a value: a value is a secret, and a broken line may be one too.
 */
import { parse as dotenvParse } from 'dotenv';
import { validatePayload, validateSecretName } from './validation';

export interface DotenvEntry {
  name: string;
  /** Exactly what `dotenv.parse` gives for the name. */
  value: string;
  /** 1-based line of the `NAME=` that dotenv keeps (the last one, for a name set twice). */
  line: number;
  /** Set when dotenv's reading of the line is probably not what its author meant; the preview leaves it unpicked. */
  warning?: string;
}

export interface DotenvProblem {
  line: number;
  message: string;
  /** The dotenv name this problem keeps out of the import; never shown (it may be a line of a key). */
  skipped?: string;
}

export interface ParsedDotenv {
  entries: DotenvEntry[];
  problems: DotenvProblem[];
}

/**
 * dotenv's `LINE` pattern (lib/main.js of dotenv 16 to 18, the default parser), unchanged but for
 * the `d` flag that gives the positions of its groups.
 */
const DOTENV_LINE =
  /(?:^|^)\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)/dgm;

/** What dotenv does with the raw value it matched (its `parse`, step by step). */
function dotenvValue(raw: string): string {
  let value = raw.trim();
  const maybeQuote = value[0];
  value = value.replace(/^(['"`])([\s\S]*)\1$/gm, '$2');
  if (maybeQuote === '"') value = value.replace(/\\n/g, '\n').replace(/\\r/g, '\r');
  return value;
}

/** The name of a line dotenv reads: letters A–Z and a–z, digits, `_`, `.` and `-`. */
const DOTENV_NAME = /^[\w.-]+$/;
const NAME_RULE = 'dotenv reads only names made of the letters A–Z and a–z, digits, _, . and -';
const CLOSED_QUOTED: Record<string, RegExp> = { "'": /^'(?:\\'|[^'])*'$/, '"': /^"(?:\\"|[^"])*"$/, '`': /^`(?:\\`|[^`])*`$/ };

interface Assignment {
  name: string;
  value: string;
  line: number;
  /** Line where the value starts, when it is not the name's line. */
  valueLine: number;
  raw: string;
  colon: boolean;
  /** The character right after the matched value, `#` when dotenv cut the value at a comment. */
  cutAt: string;
}

export function parseDotenv(text: string): ParsedDotenv {
  const loaded = dotenvParse(text);
  // dotenv's own line splitting: CRLF and a lone CR both end a line.
  const source = text.replace(/\r\n?/g, '\n');
  const lineStarts = [0];
  for (let i = source.indexOf('\n'); i >= 0; i = source.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  const lineOf = (index: number): number => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid] <= index) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const lines = source.split('\n');

  const problems: DotenvProblem[] = [];
  const problem = (line: number, message: string, skipped?: string) => problems.push({ line, message, skipped });

  const loneCr = /\r(?!\n)/.exec(text);
  if (loneCr) {
    const line = (text.slice(0, loneCr.index).match(/\r\n?|\n/g)?.length ?? 0) + 1;
    problem(line, `line ${line} ends with a lone CR (carriage return); as dotenv does, every CR is read as a line break`);
  }

  const assignments: Assignment[] = [];
  const covered = new Set<number>();
  /** The assignment whose name or value is on a line. */
  const assignmentOn = new Map<number, Assignment>();
  for (const match of source.matchAll(DOTENV_LINE)) {
    const indices = match.indices!;
    const line = lineOf(indices[1][0]);
    const end = match.index + match[0].length;
    for (let l = line, last = lineOf(Math.max(match.index, end - 1)); l <= last; l++) covered.add(l);
    const raw = match[2] ?? '';
    const valueStart = indices[2] ? indices[2][0] + (raw.length - raw.trimStart().length) : indices[1][1];
    const afterName = source.slice(indices[1][1], end);
    const assignment: Assignment = {
      name: match[1],
      value: dotenvValue(raw),
      line,
      valueLine: raw.trim() === '' ? line : lineOf(valueStart),
      raw,
      colon: !/^\s*=/.test(afterName),
      cutAt: indices[2] ? (source[indices[2][1]] ?? '') : (/^[ \t]*[=:][ \t]*(.)/.exec(afterName)?.[1] ?? ''),
    };
    assignments.push(assignment);
    for (let l = line, last = indices[2] ? lineOf(Math.max(indices[2][0], indices[2][1] - 1)) : line; l <= last; l++)
      assignmentOn.set(l, assignment);
  }

  // A PEM block outside quotes: dotenv keeps only its BEGIN line and reads base64 lines ending in
  // `=` as names. Every line up to its END belongs to it.
  const pemBlockOf = new Map<number, number>();
  const openPem = (begin: number) => {
    for (let l = begin + 1; l <= lines.length; l++) {
      pemBlockOf.set(l, begin);
      if (lines[l - 1].includes('-----END')) break;
    }
  };
  const pemBegins = new Set<number>();
  for (let l = 1; l <= lines.length; l++) {
    if (pemBlockOf.has(l) || !lines[l - 1].includes('-----BEGIN') || /^\s*#/.test(lines[l - 1])) continue;
    // Inside a quoted value that spans lines, or a one-line value that holds the whole block.
    const here = assignmentOn.get(l);
    if (here && (here.raw.trim().includes('\n') || here.value.includes('-----END'))) continue;
    pemBegins.add(l);
    openPem(l);
  }

  const last = new Map<string, Assignment>();
  for (const a of assignments) last.set(a.name, a);
  const entries: DotenvEntry[] = [];
  for (const a of assignments) {
    const kept = last.get(a.name)!;
    const inPem = pemBlockOf.get(a.line);
    if (inPem !== undefined) {
      // The name is a line of a key: never named.
      if (kept === a)
        problem(
          a.line,
          `line ${a.line} is inside the PEM block that starts on line ${inPem} outside quotes; dotenv reads it as a name of its own, so it is skipped. Put the whole block in double quotes`,
          a.name,
        );
      continue;
    }
    if (kept !== a) {
      problem(
        a.line,
        `line ${a.line}: ${a.name} is set again on line ${kept.line}; dotenv keeps the last one, so line ${a.line} is not imported`,
      );
      continue;
    }
    const skip = (message: string) => problem(a.line, `line ${a.line}: ${message}`, a.name);
    if (!Object.hasOwn(loaded, a.name) || loaded[a.name] !== a.value) {
      skip(`${a.name} cannot be matched to what dotenv loads, so it is not imported`);
      continue;
    }
    if (pemBegins.has(a.line)) {
      skip(
        `${a.name} holds only the first line of a PEM block (-----BEGIN outside quotes), which is all dotenv loads. Put the whole block in double quotes`,
      );
      continue;
    }
    if (a.value === '') {
      skip(
        `${a.name} has an empty value, and a secret cannot be empty${a.cutAt === '#' ? ' (dotenv reads everything from # on as a comment)' : ''}`,
      );
      continue;
    }
    const badName = validateSecretName(a.name);
    if (badName) {
      skip(lowerFirst(badName));
      continue;
    }
    const badValue = validatePayload(a.value);
    if (badValue) {
      skip(`${a.name}: ${lowerFirst(badValue)}`);
      continue;
    }
    const warnings = ambiguities(a);
    entries.push({
      name: a.name,
      value: a.value,
      line: a.line,
      ...(warnings.length > 0 ? { warning: `line ${a.line}: ${warnings.join('; ')}` } : {}),
    });
  }

  const seen = new Set(assignments.map((a) => a.name));
  for (const name of Object.keys(loaded)) {
    if (!seen.has(name)) problem(0, `dotenv loads ${name} from a line this import could not place, so it is not imported`, name);
  }

  for (let l = 1; l <= lines.length; l++) {
    if (covered.has(l) || /^\s*(#|$)/.test(lines[l - 1])) continue;
    const pem = pemBlockOf.get(l);
    if (pem !== undefined || pemBegins.has(l)) {
      problem(
        l,
        `line ${l} is part of a PEM block outside quotes${pem !== undefined ? ` (it starts on line ${pem})` : ''}; dotenv skips it. Put the whole block in double quotes`,
      );
    } else problem(l, skippedLineProblem(l, lines[l - 1]));
  }
  problems.sort((a, b) => a.line - b.line);
  entries.sort((a, b) => a.line - b.line);
  return { entries, problems };
}

/** Why dotenv skips a line it reads nothing from. Never quotes the line: it may be a value. */
function skippedLineProblem(line: number, text: string): string {
  const eq = text.indexOf('=');
  if (eq < 0) return `line ${line} has no '=' (expected NAME=value), so dotenv skips it`;
  const name = text
    .slice(0, eq)
    .trim()
    .replace(/^export\s+/, '');
  if (name === '') return `line ${line}: there is no name before the =, so dotenv skips it`;
  if (!DOTENV_NAME.test(name))
    return `line ${line}: dotenv skips this line: its name has characters dotenv does not read (only A–Z, a–z, digits, _, . and -)`;
  return `line ${line}: dotenv skips this line`;
}

/** Lines dotenv reads one way where the author may have meant another. */
function ambiguities(a: Assignment): string[] {
  const found: string[] = [];
  const raw = a.raw.trim();
  const quote = raw[0];
  const quoted = (quote === "'" || quote === '"' || quote === '`') && CLOSED_QUOTED[quote].test(raw);
  if (a.colon) found.push(`${a.name} is written NAME: value, which dotenv reads as NAME=value`);
  if (a.valueLine !== a.line)
    found.push(`nothing follows ${a.name}= on its line, and dotenv takes the quoted value on line ${a.valueLine}`);
  if (!quoted && a.cutAt === '#' && !/\s$/.test(a.raw))
    found.push(`dotenv cuts the value of ${a.name} at a # with no space before it (a comment); quote the value if the # belongs to it`);
  if ((quote === "'" || quote === '"' || quote === '`') && !quoted)
    found.push(
      `the quote that opens the value of ${a.name} does not close at the end of the value, so dotenv keeps the quotes as part of it`,
    );
  if (quoted && quote === '`') found.push(`${a.name} is in backticks: dotenv removes them, other .env readers may keep them`);
  if (quote === '"' && /\\(?![nr])|\\\\[nr]/.test(raw))
    found.push(
      `the double-quoted value of ${a.name} has a backslash: dotenv turns only \\n and \\r into line breaks and keeps \\", \\\\ and \\t as written`,
    );
  return found;
}

function lowerFirst(sentence: string): string {
  return sentence[0].toLowerCase() + sentence.slice(1);
}

/**
 * Why `name` cannot be written as a .env name that dotenv reads back, or undefined when it can.
 * Stripe holds names dotenv cannot read (`a=b`, `MY KEY`, `CLÉ`), so an export leaves those out.
 */
export function dotenvNameProblem(name: string): string | undefined {
  if (!DOTENV_NAME.test(name)) return NAME_RULE;
  return undefined;
}

/** Kind of quoting an export picks for a value. */
export type DotenvQuoting = 'plain' | 'single' | 'double' | 'backtick' | 'bare' | 'loose single' | 'loose double' | 'loose backtick';

type Quote = "'" | '"' | '`';
const QUOTES: readonly Quote[] = ["'", '"', '`'];
const isQuote = (c: string | undefined): c is Quote => c === "'" || c === '"' || c === '`';

/** What to write inside a `"` so that dotenv gives `v`: LF and CR as \n and \r; a \n or \r already in `v` cannot be written. */
const escapeBreaks = (v: string) => v.replace(/\n/g, '\\n').replace(/\r/g, '\\r');

/**
 * True when dotenv's quoted form, started by the quote at `text[0]`, cannot run past the end of
 * the line: a quote of that kind with no backslash before it stops it (dotenv's `\q` alternative
 * skips the others). Then it closes inside the line or fails, and dotenv reads the line unquoted.
 */
function quoteStopsInLine(text: string): boolean {
  for (let i = 1; i < text.length; i++) if (text[i] === text[0] && text[i - 1] !== '\\') return true;
  return false;
}

/**
 * A one-line text that dotenv reads as an unquoted value (no #, no line break of any kind), and
 * the value it gives: trimmed, outer quotes stripped, and \n and \r turned into characters when
 * it starts with `"`. Undefined when the text does not read back as `v`.
 */
function looseLine(v: string, text: string): string | undefined {
  if (/[#\r\n\u2028\u2029]/.test(text) || text !== text.trim() || text === '') return undefined;
  if (isQuote(text[0]) && !quoteStopsInLine(text)) return undefined;
  let value = text.length >= 2 && isQuote(text[0]) && text.endsWith(text[0]) ? text.slice(1, -1) : text;
  if (text[0] === '"') value = value.replace(/\\n/g, '\n').replace(/\\r/g, '\r');
  return value === v ? text : undefined;
}

/** The one-line text for `v` in `quote`, or `v` itself when `quote` is empty, before any check. */
function looseText(v: string, quote: Quote | ''): string | undefined {
  if (quote === '"' || (quote === '' && v[0] === '"')) {
    if (/\\[nr]/.test(v)) return undefined;
    return quote + escapeBreaks(v) + quote;
  }
  return quote + v + quote;
}

/**
 * The ways to write a value, in order of preference, each with the values it carries exactly
 * through dotenv's pattern. Quoted forms may span lines and hold a #; a quoted form must not end
 * in a backslash, since dotenv's `\q` alternative would then run on into the next lines. A CR
 * can only come from \r in a value that starts with `"`: dotenv turns every CR in the file into
 * a line break before it reads.
 */
const QUOTINGS: ReadonlyArray<{ kind: DotenvQuoting; write(v: string): string | undefined }> = [
  // Plain text every .env reader takes as it is.
  { kind: 'plain', write: (v) => (/^[A-Za-z0-9_\-.,:/@+%~=]+$/.test(v) ? v : undefined) },
  { kind: 'single', write: (v) => (/['\r]|\\$/.test(v) ? undefined : `'${v}'`) },
  // dotenv turns \n and \r into characters and nothing else: a " stays only after a backslash
  // (which stays too), and a \n or \r pair in the value cannot survive.
  {
    kind: 'double',
    write: (v) => {
      const inner = v.replace(/\r/g, '\\r');
      return /\\[nr]|\\$/.test(v) || /(^|[^\\])"/.test(inner) ? undefined : `"${inner}"`;
    },
  },
  { kind: 'backtick', write: (v) => (/[`\r]|\\$/.test(v) ? undefined : `\`${v}\``) },
  // One line that dotenv reads unquoted, when no quoted form fits.
  { kind: 'bare', write: (v) => maybe(looseText(v, ''), (t) => looseLine(v, t)) },
  ...QUOTES.map((q) => ({
    kind: `loose ${q === "'" ? 'single' : q === '"' ? 'double' : 'backtick'}` as DotenvQuoting,
    write: (v: string) => maybe(looseText(v, q), (t) => looseLine(v, t)),
  })),
];

function maybe<T, U>(value: T | undefined, then: (value: T) => U | undefined): U | undefined {
  return value === undefined ? undefined : then(value);
}

/** How `value` is written, or undefined when dotenv cannot read any form of it back exactly. */
export function dotenvQuoting(value: string): DotenvQuoting | undefined {
  return QUOTINGS.find((q) => q.write(value) !== undefined)?.kind;
}

export function formatDotenvValue(value: string): string | undefined {
  for (const q of QUOTINGS) {
    const written = q.write(value);
    if (written !== undefined) return written;
  }
  return undefined;
}

export const VALUE_REFUSAL = 'dotenv has no way to read this value back exactly (see ".env rules" in the README)';

export interface FormatOptions {
  /** Comment lines at the top (each gets `# `). */
  header?: readonly string[];
}

/**
 * `.env` text that `dotenv.parse` reads back to the same names and values. Throws for a name that
 * dotenvNameProblem refuses, a value formatDotenvValue cannot write (the caller filters first), or
 * a name given twice.
 */
export function formatDotenv(entries: ReadonlyArray<Pick<DotenvEntry, 'name' | 'value'>>, options: FormatOptions = {}): string {
  // A header line must stay one comment line: no line break of any kind survives in it.
  const header = (options.header ?? []).flatMap((h) => h.split(/\r\n?|\n|\u2028|\u2029/)).map((h) => (h === '' ? '#' : `# ${h}`));
  const seen = new Set<string>();
  const body = entries.map(({ name, value }) => {
    const badName = dotenvNameProblem(name);
    if (badName) throw new RangeError(`Cannot write '${name}' to a .env file: ${badName}.`);
    if (seen.has(name)) throw new RangeError(`'${name}' is given twice.`);
    seen.add(name);
    const written = formatDotenvValue(value);
    if (written === undefined) throw new RangeError(`Cannot write the value of '${name}' to a .env file: ${VALUE_REFUSAL}.`);
    return `${name}=${written}`;
  });
  return [...header, ...body].map((l) => l + '\n').join('');
}
