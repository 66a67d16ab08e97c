/**
 * Shell scripts: `curl [-G] https://api.stripe.com/v1/apps/secrets/find -d name=x -d "scope[type]=account"`
 * (-d, --data*, --data-urlencode, or the URL's query) and the Stripe CLI's
 * `stripe get|post /v1/apps/secrets[/find|/delete] -d name=x -d "scope[type]=user" -d "scope[user]=usr_…"`.
 * Only words without expansions count: `-d "name=$NAME"` is not a literal name.
 */
import { snippetText, type Recogniser } from '../recogniser';
import { decodeWord } from '../shellWords';
import { formScope, pathQueryFields, queryFields, secretPathCall, type FormField } from '../secretPath';
import type { TokenStream } from '../structure';
import type { CallKind, RawReference } from '../types';

/** One shell word: its value and where each character of it sits in the file. */
interface Arg {
  value: string;
  literal: boolean;
  offsets: number[];
  assignment: boolean;
}

const CURL_DATA = new Set(['-d', '--data', '--data-raw', '--data-ascii', '--data-binary']);
/** curl options whose next word is their value (so it is not taken for the URL). */
const CURL_VALUED = new Set([
  '-u',
  '--user',
  '-H',
  '--header',
  '-o',
  '--output',
  '-A',
  '--user-agent',
  '-e',
  '--referer',
  '-b',
  '--cookie',
  '-c',
  '--cookie-jar',
  '-K',
  '--config',
  '-m',
  '--max-time',
  '--connect-timeout',
  '-w',
  '--write-out',
  '--retry',
  '-x',
  '--proxy',
  '-T',
  '--upload-file',
  '-F',
  '--form',
  '--cacert',
  '--cert',
  '--key',
  '--resolve',
]);
const PREFIXES = new Set(['sudo', 'command', 'exec', 'time', 'env', 'nohup']);

export const shell: Recogniser = {
  id: 'shell',
  languageIds: ['shellscript'],
  syntax: { lineComments: [], blockComments: [], shell: true },
  mentions: /apps\/secrets/,
  find(s) {
    const out: RawReference[] = [];
    for (const command of commands(s)) {
      const ref = curlReference(command) ?? stripeCliReference(command);
      if (ref) out.push(ref);
    }
    return out;
  },
  lookup(name, scope) {
    const user = scope.type === 'user' ? ` --data-urlencode ${shellWord(`scope[user]=${scope.user ?? ''}`)}` : '';
    const curl = `curl -sSfG https://api.stripe.com/v1/apps/secrets/find -u "$STRIPE_SECRET_KEY:" -d ${shellWord(`scope[type]=${scope.type}`)}${user} --data-urlencode ${shellWord(`name=${name}`)} -d 'expand[]=payload'`;
    return `"$(${snippetText(curl)} | \${1:jq -r .payload})"`;
  },
};

/** A single-quoted POSIX shell word (nothing inside is expanded). */
export function shellWord(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The words of each simple command, split at operators and newlines. */
function commands(s: TokenStream): Arg[][] {
  const out: Arg[][] = [];
  let current: Arg[] = [];
  const t = s.tokens;
  for (let i = 0; i < t.length; i++) {
    const tok = t[i];
    if (tok.kind === 'punct') {
      if (current.length) out.push(current);
      current = [];
    } else if (tok.kind === 'ident' && t[i + 1]?.text === '=') {
      // NAME=value: one word; its value, if any, is the string token right after `=`.
      const next = t[i + 2];
      const hasValue = next?.kind === 'string' && next.start === t[i + 1].end;
      const word = hasValue ? decodeWord(next.text) : { value: '', offsets: [], literal: true };
      const head = `${tok.text}=`;
      current.push({
        value: head + word.value,
        literal: word.literal,
        offsets: [...[...head].map((_, k) => tok.start + k), ...word.offsets.map((o) => next!.start + o)],
        assignment: true,
      });
      i += hasValue ? 2 : 1;
    } else if (tok.kind === 'string') {
      const word = decodeWord(tok.text);
      current.push({ value: word.value, literal: word.literal, offsets: word.offsets.map((o) => tok.start + o), assignment: false });
    }
  }
  if (current.length) out.push(current);
  return out;
}

/** The command's words from its program on: leading assignments and sudo/env/… are skipped. */
function program(command: Arg[]): Arg[] {
  let i = 0;
  while (i < command.length && (command[i].assignment || PREFIXES.has(command[i].value))) i++;
  return command.slice(i);
}

interface Request {
  path: Arg;
  /** Body or query fields, each with the word it came from. */
  fields: Array<{ field: FormField; arg: Arg }>;
}

function curlReference(command: Arg[]): RawReference | undefined {
  const words = program(command);
  if (!/(^|\/)curl$/.test(words[0]?.value ?? '')) return undefined;
  let method: string | undefined;
  let get = false;
  let url: Arg | undefined;
  const fields: Request['fields'] = [];
  for (let i = 1; i < words.length; i++) {
    const w = words[i].value;
    const next = words[i + 1];
    if (w === '-G' || w === '--get') get = true;
    else if ((w === '-X' || w === '--request') && next) {
      method = next.value.toUpperCase();
      i++;
    } else if (w.startsWith('-X') && w.length > 2) method = w.slice(2).toUpperCase();
    else if (CURL_DATA.has(w) && next) {
      fields.push(...queryFields(next.value, 0).map((field) => ({ field, arg: next })));
      i++;
    } else if (w === '--data-urlencode' && next) {
      const field = rawField(next.value);
      if (field) fields.push({ field, arg: next });
      i++;
    } else if (w === '--url' && next) {
      url = next;
      i++;
    } else if (CURL_VALUED.has(w)) i++;
    else if (!w.startsWith('-') && secretPathCall(w)) url = words[i];
  }
  if (!url) return undefined;
  let call = secretPathCall(url.value);
  // The bare path read with GET lists secrets: no name to report.
  if (call === 'create' && (get || method === 'GET')) call = undefined;
  return call && reference({ path: url, fields }, call);
}

function stripeCliReference(command: Arg[]): RawReference | undefined {
  const words = program(command);
  if (!/(^|\/)stripe$/.test(words[0]?.value ?? '')) return undefined;
  const verb = words[1]?.value;
  const path = words[2];
  if (!path || !(verb === 'get' || verb === 'post' || verb === 'delete')) return undefined;
  let call = secretPathCall(path.value.startsWith('/') ? path.value : `/${path.value}`);
  if (call === 'create' && verb !== 'post') call = undefined;
  if (!call) return undefined;
  const fields: Request['fields'] = [];
  for (let i = 3; i < words.length; i++) {
    const w = words[i].value;
    const next = words[i + 1];
    if ((w === '-d' || w === '--data') && next) {
      const field = rawField(next.value);
      if (field) fields.push({ field, arg: next });
      i++;
    }
  }
  return reference({ path, fields }, call);
}

/** `key=value` taken as is (the tool encodes it). */
function rawField(text: string): FormField | undefined {
  const eq = text.indexOf('=');
  return eq > 0 ? { key: text.slice(0, eq), value: text.slice(eq + 1), valueStart: eq + 1, valueEnd: text.length } : undefined;
}

function reference(request: Request, call: CallKind): RawReference | undefined {
  const all = [...pathQueryFields(request.path.value).map((field) => ({ field, arg: request.path })), ...request.fields];
  const name = all.find((f) => f.field.key === 'name');
  if (!name || !name.arg.literal || name.field.valueEnd <= name.field.valueStart) return undefined;
  const start = name.arg.offsets[name.field.valueStart];
  const last = name.arg.offsets[name.field.valueEnd - 1];
  if (start === undefined || last === undefined) return undefined;
  const scopeFields = all.filter((f) => f.arg.literal).map((f) => f.field);
  return { name: name.field.value, nameStart: start, nameEnd: last + 1, scope: formScope(scopeFields), call };
}
