/**
 * Reading and writing `.env` text, for Import .env File and Export Scope as .env. Plain Node.
 *
 * The rules are the common ones (dotenv, docker compose): `KEY=value`, an optional `export `,
 * `#` comments and blank lines; single quotes are literal; double quotes take \n \r \t \" \\
 * escapes and may span lines; unquoted values are trimmed and lose an inline comment (a `#` after
 * whitespace). No variable expansion. Problems name line numbers and names, never a value: a value
 * is a secret, and a broken line may be one too.
 */
import { validatePayload, validateSecretName } from './validation';

export interface DotenvEntry {
  name: string;
  value: string;
  /** 1-based line of the `NAME=` that set it (the last one, for a name set twice). */
  line: number;
}

export interface DotenvProblem {
  line: number;
  message: string;
}

export interface ParsedDotenv {
  entries: DotenvEntry[];
  problems: DotenvProblem[];
}

const EXPORT_PREFIX = /^export[ \t]+/;
const DOUBLE_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

export function parseDotenv(text: string): ParsedDotenv {
  const lines = text.replace(/^\uFEFF/, '').split('\n').map((l) => l.replace(/\r$/, ''));
  const entries: DotenvEntry[] = [];
  const problems: DotenvProblem[] = [];
  const byName = new Map<string, DotenvEntry>();
  const problem = (line: number, message: string) => problems.push({ line, message });

  for (let i = 0; i < lines.length; i++) {
    const lineNo = i + 1;
    const raw = lines[i];
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    // Kept untrimmed at the end, so `rest` is a suffix of `raw` and its column is known.
    const body = raw.trimStart().replace(EXPORT_PREFIX, '');
    const eq = body.indexOf('=');
    if (eq < 0) {
      problem(lineNo, `line ${lineNo} has no '=' (expected NAME=value)`);
      continue;
    }
    const name = body.slice(0, eq).trim();
    const afterEq = body.slice(eq + 1);
    const rest = afterEq.replace(/^[ \t]+/, '');

    let value: string;
    const quote = rest[0];
    if (quote === "'" || quote === '"') {
      const read = readQuoted(lines, i, raw.length - rest.length + 1, quote);
      if (!read) {
        // Everything after an unclosed quote belongs to the broken value: parsing on could turn
        // lines of it (a PEM key's base64, say) into names shown in the preview.
        problem(lineNo, `line ${lineNo}: the quoted value has no closing ${quote}, so lines ${lineNo}–${lines.length} were skipped`);
        break;
      }
      const after = lines[read.endLine].slice(read.endColumn);
      i = read.endLine;
      if (!isCommentOrBlank(after)) {
        problem(read.endLine + 1, `line ${read.endLine + 1}: unexpected text after the closing quote`);
        continue;
      }
      value = read.value;
    } else {
      // `A=#x` is the value #x; `A= #x` is an empty value and a comment.
      const comment = /[ \t]#/.exec(afterEq);
      value = (comment ? afterEq.slice(0, comment.index) : afterEq).trim();
    }

    const badName = name === '' ? 'there is no name before the =' : validateSecretName(name);
    if (badName) {
      problem(lineNo, `line ${lineNo}: ${lowerFirst(badName)}`);
      continue;
    }
    if (value === '') {
      problem(lineNo, `line ${lineNo}: ${name} has an empty value, and a secret cannot be empty`);
      continue;
    }
    const badValue = validatePayload(value);
    if (badValue) {
      problem(lineNo, `line ${lineNo} (${name}): ${lowerFirst(badValue)}`);
      continue;
    }
    const earlier = byName.get(name);
    if (earlier) {
      problem(lineNo, `line ${lineNo}: ${name} was already set on line ${earlier.line}; the later value is used`);
      earlier.value = value;
      earlier.line = lineNo;
      continue;
    }
    const entry = { name, value, line: lineNo };
    byName.set(name, entry);
    entries.push(entry);
  }
  return { entries, problems };
}

function isCommentOrBlank(text: string): boolean {
  return /^[ \t]*(#.*)?$/.test(text);
}

function lowerFirst(sentence: string): string {
  return sentence[0].toLowerCase() + sentence.slice(1);
}

/**
 * From the character after the opening quote; undefined when it never closes. Both quotes may
 * span lines; only double quotes take escapes.
 */
function readQuoted(lines: readonly string[], startLine: number, startColumn: number, quote: "'" | '"'): { value: string; endLine: number; endColumn: number } | undefined {
  let value = '';
  for (let l = startLine; l < lines.length; l++) {
    const line = lines[l];
    for (let c = l === startLine ? startColumn : 0; c < line.length; c++) {
      const ch = line[c];
      if (ch === quote) return { value, endLine: l, endColumn: c + 1 };
      if (quote === '"' && ch === '\\' && c + 1 < line.length) {
        // An unknown escape stays as written, as dotenv leaves it.
        value += DOUBLE_ESCAPES[line[c + 1]] ?? ch + line[c + 1];
        c++;
        continue;
      }
      value += ch;
    }
    value += '\n';
  }
  return undefined;
}

/**
 * Why `name` cannot be written as a .env key that reads back as itself, or undefined when it can.
 * Stripe accepts names this format cannot carry (`a=b`, `# x`), so an export leaves those out.
 */
export function dotenvNameProblem(name: string): string | undefined {
  const invalid = validateSecretName(name);
  if (invalid) return invalid;
  if (name.includes('=')) return 'a .env name cannot contain =';
  if (name.startsWith('#')) return 'a .env name cannot start with #';
  if (EXPORT_PREFIX.test(name)) return 'a .env name cannot start with "export "';
  return undefined;
}

/** Values that every dotenv reader takes as they are, unquoted (no spaces, quotes, #, $ or \). */
const PLAIN_VALUE = /^[A-Za-z0-9_\-.,:/@+%~=]+$/;

export function formatDotenvValue(value: string): string {
  if (PLAIN_VALUE.test(value)) return value;
  // Single quotes are literal everywhere, so $ and \ stay as they are in readers that expand them.
  // eslint-disable-next-line no-control-regex
  if (!/['\u0000-\u001f\u007f]/.test(value)) return `'${value}'`;
  const escaped = value.replace(/[\\"\n\r\t]/g, (ch) => ({ '\\': '\\\\', '"': '\\"', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[ch]!);
  return `"${escaped}"`;
}

export interface FormatOptions {
  /** Comment lines at the top (each gets `# `). */
  header?: readonly string[];
}

/**
 * `.env` text that parseDotenv reads back to the same names and values. Throws for a name that
 * dotenvNameProblem refuses (the caller filters first) or a name given twice.
 */
export function formatDotenv(entries: ReadonlyArray<Pick<DotenvEntry, 'name' | 'value'>>, options: FormatOptions = {}): string {
  const header = (options.header ?? []).flatMap((h) => h.split(/\r?\n/)).map((h) => (h === '' ? '#' : `# ${h}`));
  const seen = new Set<string>();
  const body = entries.map(({ name, value }) => {
    const bad = dotenvNameProblem(name);
    if (bad) throw new RangeError(`Cannot write '${name}' to a .env file: ${bad}.`);
    if (seen.has(name)) throw new RangeError(`'${name}' is given twice.`);
    seen.add(name);
    return `${name}=${formatDotenvValue(value)}`;
  });
  return [...header, ...body].map((l) => l + '\n').join('');
}
