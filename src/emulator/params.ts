/**
 * Stripe's form encoding: `a=1&scope[type]=user&expand[]=payload&expand[0]=payload`, spaces as `+` or `%20`.
 * Nested keys become objects, `[]` and `[n]` become arrays.
 */
export type ParamValue = string | ParamValue[] | ParamObject;
export interface ParamObject {
  [key: string]: ParamValue;
}

export class ParamSyntaxError extends Error {}

const KEY_PATTERN = /^([^[\]]+)((?:\[[^[\]]*\])*)$/;
const INDEX_PATTERN = /^\d{1,4}$/;
/** The emulator's own cap (Stripe's is unpublished): deeper keys would only exhaust the stack of the recursive helpers. */
export const MAX_BRACKET_DEPTH = 8;

export function parseParams(encoded: string, into: ParamObject = {}): ParamObject {
  for (const part of encoded.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = decode(eq < 0 ? part : part.slice(0, eq));
    const value = decode(eq < 0 ? '' : part.slice(eq + 1));
    const segments = splitKey(key);
    if (segments.length - 1 > MAX_BRACKET_DEPTH) {
      throw new ParamSyntaxError(
        `Invalid request: the parameter ${segments[0].slice(0, 40)}[…] nests more than ${MAX_BRACKET_DEPTH} brackets deep.`,
      );
    }
    assign(into, segments, value);
  }
  return into;
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    throw new ParamSyntaxError('Invalid request: the parameters are not valid URL encoding.');
  }
}

/** `scope[type]` -> ['scope', 'type']; a key that is not well-formed brackets stays whole (and is then unknown). */
export function splitKey(key: string): string[] {
  const match = KEY_PATTERN.exec(key);
  if (!match) return [key];
  const rest = match[2] === '' ? [] : match[2].slice(1, -1).split('][');
  return [match[1], ...rest];
}

type Container = ParamObject | ParamValue[];

function assign(root: ParamObject, segments: string[], value: string): void {
  let current: Container = root;
  for (let i = 0; i < segments.length - 1; i++) {
    const wantArray = segments[i + 1] === '' || INDEX_PATTERN.test(segments[i + 1]);
    let child = read(current, segments[i]);
    if (child === undefined || typeof child === 'string') {
      child = wantArray ? [] : {};
      write(current, segments[i], child);
    } else if (Array.isArray(child) && !wantArray) {
      child = Object.fromEntries(Object.entries(child)) as ParamObject;
      write(current, segments[i], child);
    }
    current = child;
  }
  write(current, segments[segments.length - 1], value);
}

function read(container: Container, segment: string): ParamValue | undefined {
  if (Array.isArray(container)) return segment === '' ? undefined : container[Number(segment)];
  return Object.hasOwn(container, segment) ? container[segment] : undefined;
}

/** Own properties only (defineProperty), so a key like `__proto__` cannot reach a prototype. */
function write(container: Container, segment: string, value: ParamValue): void {
  if (Array.isArray(container)) {
    if (segment === '') container.push(value);
    else container[Number(segment)] = value;
  } else {
    Object.defineProperty(container, segment, { value, enumerable: true, writable: true, configurable: true });
  }
}

/** The bracket name of a nested parameter, as Stripe reports it in `param`: `scope[type]`. */
export function paramName(path: string[]): string {
  return (
    path[0] +
    path
      .slice(1)
      .map((p) => `[${p}]`)
      .join('')
  );
}

/** A stable fingerprint of parsed parameters, for idempotency comparisons. */
export function canonicalParams(value: ParamValue): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value))
    return `[${value
      .filter((v) => v !== undefined)
      .map(canonicalParams)
      .join(',')}]`;
  const keys = Object.keys(value).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalParams(value[k])}`).join(',')}}`;
}
