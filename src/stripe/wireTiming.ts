/**
 * When a request's bytes leave the machine, for the adaptive pacing (see `AdaptiveController.written`).
 * The SDK and node-fetch hide the `http.ClientRequest`, and VS Code's proxy support may replace any
 * agent we pass, so the request is met where Node announces every client request it starts
 * (diagnostics channel `http.client.request.start`, which Node 20 publishes only once the request
 * has a socket, outside the caller's turn) and known by what it asks for: method, host, path and
 * account. Not by async context: on Node 20 and 22 an `AsyncLocalStorage` turns on promise hooks
 * for the whole process, which every promise of every extension in the host then pays for (this
 * client's own bursts took half as long again).
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

/** Hooks waiting for their request to start, oldest first, by `keyOf`. */
const waiting = new Map<string, Hook[]>();
let subscribed = false;

function keyOf(method: string, host: string, path: string, account: string): string {
  return `${method.toUpperCase()} ${host.toLowerCase().replace(/^\[(.*)\]$/, '$1')} ${path} ${account}`;
}

function header(request: ClientRequest, name: string): string | undefined {
  const value = request.getHeader(name);
  return typeof value === 'string' ? value : undefined;
}

function started(message: unknown): void {
  const request = (message as { request?: ClientRequest } | undefined)?.request;
  if (request === undefined || waiting.size === 0) return;
  const account = header(request, 'stripe-context') ?? header(request, 'stripe-account') ?? '';
  const key = keyOf(request.method, request.host, request.path, account);
  const hooks = waiting.get(key);
  const hook = hooks?.shift();
  if (hooks?.length === 0) waiting.delete(key);
  // 'finish': the request was handed to the socket in full, which happens after the socket connects.
  if (hook) request.once('finish', hook);
}

function forget(key: string, hook: Hook): void {
  const hooks = waiting.get(key);
  const at = hooks?.indexOf(hook) ?? -1;
  if (at < 0) return;
  hooks?.splice(at, 1);
  if (hooks?.length === 0) waiting.delete(key);
}

/**
 * Runs `send`; `hook` is called when the HTTP request for `identity` that `send` starts has been
 * written out. Two requests alike in all of `identity` at once may swap hooks, which moves each
 * signal by no more than the gap between their writes.
 */
export async function whenWritten<T>(hook: Hook, identity: RequestIdentity, send: () => Promise<T>): Promise<T> {
  if (!subscribed) {
    diagnostics.subscribe('http.client.request.start', started);
    subscribed = true;
  }
  const key = keyOf(identity.method, identity.host, identity.path, identity.account);
  const hooks = waiting.get(key) ?? [];
  hooks.push(hook);
  waiting.set(key, hooks);
  try {
    return await send();
  } finally {
    forget(key, hook);
  }
}
