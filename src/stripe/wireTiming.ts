/**
 * When a request's bytes leave the machine, for the adaptive pacing (see `AdaptiveController.written`).
 * The SDK and node-fetch hide the `http.ClientRequest`, and VS Code's proxy support may replace any
 * agent we pass, so the request is met where Node announces every client request it starts
 * (diagnostics channel `http.client.request.start`), and told apart by the async context it starts in.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import diagnostics from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';

const hooks = new AsyncLocalStorage<() => void>();
let subscribed = false;

function started(message: unknown): void {
  const hook = hooks.getStore();
  if (hook === undefined) return;
  const request = (message as { request?: ClientRequest } | undefined)?.request;
  // 'finish': the request was handed to the socket in full, which happens after the socket connects.
  request?.once('finish', hook);
}

/** Runs `send`; `hook` is called when an HTTP request started within it has been written out. */
export function whenWritten<T>(hook: () => void, send: () => T): T {
  if (!subscribed) {
    diagnostics.subscribe('http.client.request.start', started);
    subscribed = true;
  }
  return hooks.run(hook, send);
}
