/**
 * Raw requests to the Secret Store: a path or URL such as `/v1/apps/secrets/find?name=x&scope[type]=account`
 * (stripe-node's rawRequest, the older StripeResource.extend pattern, curl and the Stripe CLI).
 * `/find` reads, `/delete` deletes, and the bare path with a name creates (listing takes no name).
 */
import type { CallKind, ReferenceScope } from './types';

const PATH = /^(?:https?:\/\/[^/\s]+)?\/?(?:v1\/)?apps\/secrets(\/find|\/delete)?\/?(?:\?|#|$)/;

/** The call a Secret Store path makes, or undefined when it is not one. */
export function secretPathCall(path: string): CallKind | undefined {
  const m = PATH.exec(path);
  if (!m) return undefined;
  return m[1] === '/find' ? 'find' : m[1] === '/delete' ? 'deleteWhere' : 'create';
}

/** One `key=value` of a form body or query, with the offsets of the value in the text it came from. */
export interface FormField {
  key: string;
  value: string;
  valueStart: number;
  valueEnd: number;
}

/** The fields of a query string (`a=1&b=2`) starting at `offset` of its text; keys and values are decoded. */
export function queryFields(query: string, offset: number): FormField[] {
  const out: FormField[] = [];
  let at = 0;
  for (const part of query.split('&')) {
    const eq = part.indexOf('=');
    if (eq > 0) {
      const key = decodeForm(part.slice(0, eq));
      const value = decodeForm(part.slice(eq + 1));
      if (key !== undefined && value !== undefined)
        out.push({ key, value, valueStart: offset + at + eq + 1, valueEnd: offset + at + part.length });
    }
    at += part.length + 1;
  }
  return out;
}

/** The fields in a path's query string (after `?`, before `#`); offsets count from the path's start. */
export function pathQueryFields(path: string): FormField[] {
  const q = path.indexOf('?');
  if (q < 0) return [];
  const hash = path.indexOf('#', q);
  return queryFields(path.slice(q + 1, hash < 0 ? path.length : hash), q + 1);
}

function decodeForm(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

/** The scope that form fields describe (`scope[type]=user`, `scope[user]=usr_…`). */
export function formScope(fields: readonly FormField[]): ReferenceScope {
  const type = fields.find((f) => f.key === 'scope[type]')?.value;
  if (type === 'account') return { type: 'account' };
  if (type === 'user') {
    const user = fields.find((f) => f.key === 'scope[user]')?.value;
    return user === undefined ? { type: 'user' } : { type: 'user', user };
  }
  return { type: 'unknown' };
}
