/**
 * When a request's bytes leave the machine, for the adaptive pacing (see `AdaptiveController.written`).
 * The SDK and node-fetch hide the `http.ClientRequest`, and VS Code's proxy support may replace any
 * agent we pass, so the request is met where Node announces every client request it starts
 * (diagnostics channel `http.client.request.start`, which Node 20 publishes only once the request
 * has a socket, outside the caller's turn) and known by what it asks for: method, host, path and
 * account. Not by async context: on Node 20 and 22 an `AsyncLocalStorage` turns on promise hooks
 * for the whole process, which every promise of every extension in the host then pays for (this
 * client's own bursts took twice the CPU).
 */
import diagnostics from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';

type Hook = () => void;

/** What a request asks for, as both its sender and the `ClientRequest` can tell. */
export interface RequestIdentity {
  method: string;
  /** As a URL gives it (an IPv6 address in brackets or not). */
  host: string;
  /** Path and query. */
  path: string;
  /** Its `Stripe-Context` or `Stripe-Account` header ('' for none). */
  account: string;
}

/** Hooks waiting for their request to start, oldest first. */
const waiting: { key: string; hook: Hook }[] = [];

function keyOf(method: string, host: string, path: string, account: string): string {
  return `${method} ${host} ${path} ${account}`;
}

function started(message: unknown): void {
  const request = (message as { request?: ClientRequest } | undefined)?.request;
  // Every HTTP request in the extension host comes through here, other extensions' too.
  if (request === undefined || waiting.length === 0) return;
  const account = request.getHeader('stripe-context') ?? request.getHeader('stripe-account') ?? '';
  const key = keyOf(request.method, request.host, request.path, String(account));
  const at = waiting.findIndex((w) => w.key === key);
  if (at < 0) return;
  const [{ hook }] = waiting.splice(at, 1);
  // 'finish': the request was handed to the socket in full, which happens after the socket connects.
  request.once('finish', hook);
}

diagnostics.subscribe('http.client.request.start', started);

/**
 * Runs `send`; `hook` is called when the HTTP request for `identity` that `send` starts has been
 * written out. Two requests alike in all of `identity` at once may swap hooks, which moves each
 * signal by no more than the gap between their writes.
 */
export async function whenWritten<T>(hook: Hook, identity: RequestIdentity, send: () => Promise<T>): Promise<T> {
  // A URL gives an IPv6 host in brackets; Node's request keeps it without.
  const host = identity.host.startsWith('[') ? identity.host.slice(1, -1) : identity.host;
  const entry = { key: keyOf(identity.method, host, identity.path, identity.account), hook };
  waiting.push(entry);
  try {
    return await send();
  } finally {
    const at = waiting.indexOf(entry);
    if (at >= 0) waiting.splice(at, 1);
  }
}
