/** What the client tests share: a test key, a fetch that records what the SDK sends, and a client on it. */
import assert from 'node:assert/strict';
import { SecretStoreClient, type SecretStoreClientOptions } from '../../../src/stripe/client';
import { isSecretStoreError } from '../../../src/stripe/errors';
import type { ConnectionTarget } from '../../../src/model/types';

export const KEY = 'sk_test_51HxYzAbCdEfGhIjKlMnOpQrStUv1234';

export interface Sent {
  url: URL;
  method: string;
  headers: Headers;
  body: string;
}

export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** A fetch that records what the SDK sends and answers from `reply` (a thrown error is a connection failure). */
export function fakeFetch(reply: (req: Sent, n: number) => Reply | Promise<Reply>) {
  const sent: Sent[] = [];
  const fetch = async (url: string, init: { method: string; headers: Record<string, string>; body?: string }) => {
    const req = { url: new URL(url), method: init.method, headers: new Headers(init.headers), body: init.body ?? '' };
    sent.push(req);
    const { status, body, headers } = await reply(req, sent.length - 1);
    return new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', 'request-id': `req_${sent.length}`, ...headers },
    });
  };
  return { fetch, sent };
}

export function client(fetch: unknown, options: SecretStoreClientOptions = {}, target: Partial<ConnectionTarget> = {}) {
  return new SecretStoreClient(
    { apiKey: KEY, apiBase: 'http://127.0.0.1:9', ...target },
    { fetch, random: () => 0, maxNetworkRetries: 0, ...options },
  );
}

export async function rejectsWithKind(promise: Promise<unknown>, kind: string): Promise<Error> {
  try {
    await promise;
  } catch (e) {
    assert.ok(isSecretStoreError(e), `expected a SecretStoreError, got ${String(e)}`);
    assert.equal(e.kind, kind, e.message);
    return e;
  }
  assert.fail(`expected a ${kind} error`);
}
