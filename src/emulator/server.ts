import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { KeyMode } from '../model/types';
import { isLoopbackHost } from '../model/validation';
import { MAX_BYTES_TOTAL, MAX_SECRETS_TOTAL, SecretStores, findRoute } from './api';
import { EMULATOR_TEST_KEY, accountOf, authenticate, redactKeyLike } from './auth';
import { demoSecrets } from './demo';
import { ApiError, faultError, hostNotAllowed, invalidRequest, rateLimited, unrecognizedUrl } from './errors';
import { newRequestId, newSecretId } from './ids';
import { ParamSyntaxError, canonicalParams, parseParams } from './params';
import { checkRateLimit, makeRequestLimiter, type RequestLimiter } from './rateLimiter';
import type { EmulatorBehaviour, EmulatorFault, EmulatorHandle, EmulatorOptions } from './types';

type RecordedRequest = ReturnType<EmulatorHandle['requests']>[number];

interface Reply {
  status: number;
  body: string;
  headers: Record<string, string>;
}

interface SavedResponse {
  fingerprint: string;
  status: number;
  body: string;
  requestId: string;
}

const MAX_BODY_BYTES = 1024 * 1024;
const MAX_SAVED_IDEMPOTENT = 10_000;
const MAX_RECORDED_REQUESTS = 10_000;
const MAX_IDEMPOTENCY_KEY_LENGTH = 255;
/** Each text field of a request-log entry (path, Idempotency-Key, Stripe-Account) is cut to this many characters. */
export const MAX_RECORDED_FIELD_LENGTH = 256;
const MALFORMED_BODY = '<!DOCTYPE html><html><body>Malformed response injected by the emulator</body></html>';

/** Starts the Secret Store emulator on `options.host:options.port` (default 127.0.0.1 and a free port). */
export async function startEmulator(options: EmulatorOptions = {}): Promise<EmulatorHandle> {
  const now = options.now ?? Date.now;
  const behaviour: Required<EmulatorBehaviour> = {
    keepIdOnReplace: options.behaviour?.keepIdOnReplace ?? false,
    keepExpiryOnReplace: options.behaviour?.keepExpiryOnReplace ?? true,
    allowListPayloadExpand: options.behaviour?.allowListPayloadExpand ?? true,
  };
  const host = options.host ?? '127.0.0.1';
  // Off this computer its well-known test key would let anyone in: only the keys given are accepted.
  const exposed = !isLoopbackHost(host);
  if (exposed && !options.apiKeys?.length) {
    throw new Error(`Listening on ${host}, which is not this computer's loopback address, needs apiKeys (--api-key): the emulator's test key is public.`);
  }
  const allowedHosts = new Set([host, ...(options.allowedHosts ?? [])].map((h) => h.toLowerCase()));
  const stores = new SecretStores(now, options.limits ? { maxSecrets: options.limits.maxSecrets ?? MAX_SECRETS_TOTAL, maxBytes: options.limits.maxBytes ?? MAX_BYTES_TOTAL } : undefined);
  const allowedKeys = options.apiKeys ? new Set(options.apiKeys) : undefined;
  const reachable = options.reachableAccounts ? new Set(options.reachableAccounts) : undefined;
  let latencyMs = options.latencyMs ?? 0;
  let rateLimit = options.rateLimit;
  let buckets = new Map<string, RequestLimiter>();
  const faults: Array<{ fault: EmulatorFault; remaining: number }> = [];
  const recorded: RecordedRequest[] = [];
  const saved = new Map<string, SavedResponse>();
  const hanging = new Set<http.ServerResponse>();
  const timers = new Set<NodeJS.Timeout>();

  if (rateLimit) checkRateLimit(rateLimit);
  if (options.seed === 'demo') {
    const store = stores.get('test');
    for (const secret of demoSecrets(stores.nowSeconds())) store.push({ id: newSecretId(), ...secret });
  }

  const delay = (ms: number) =>
    new Promise<void>((resolve) => {
      if (ms <= 0) return resolve();
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  function takeFault(): EmulatorFault | undefined {
    const head = faults[0];
    if (!head) return undefined;
    head.remaining -= 1;
    if (head.remaining <= 0) faults.shift();
    return head.fault;
  }

  function errorReply(error: ApiError): Reply {
    return { status: error.status, body: JSON.stringify({ error: error.body }, null, 2), headers: {} };
  }

  /** Everything after faults: auth, account, route, rate limit, parameters, idempotency, the endpoint. Synchronous, so requests never interleave. */
  function process(
    req: http.IncomingMessage,
    requestId: string,
    request: { method: string; path: string; query: string; body: string; tooLarge: boolean },
  ): Reply {
    const { method, path, query, body, tooLarge } = request;
    const auth = authenticate(req.headers.authorization, allowedKeys, !exposed);
    const acting = accountOf(auth, headerValue(req, 'stripe-account'), headerValue(req, 'stripe-context'), reachable);
    const account = acting === '' ? undefined : acting;
    const handler = findRoute(method, path);
    if (!handler) throw unrecognizedUrl(method, path);

    const storeKey = `${auth.mode}|${account ?? ''}`;
    if (rateLimit) {
      let bucket = buckets.get(storeKey);
      if (!bucket) {
        bucket = makeRequestLimiter(rateLimit, now);
        buckets.set(storeKey, bucket);
      }
      if (!bucket.tryTake()) throw rateLimited();
    }

    if (tooLarge) throw invalidRequest('Invalid request: the request body is too large.', {}, 413);
    if (method === 'POST' && /^application\/json/i.test(req.headers['content-type'] ?? '')) {
      throw invalidRequest(
        'Invalid request: the body must be form-encoded (Content-Type: application/x-www-form-urlencoded), not JSON.',
      );
    }
    let params;
    try {
      params = parseParams(query);
      if (method === 'POST') parseParams(body, params);
    } catch (error) {
      if (error instanceof ParamSyntaxError) throw invalidRequest(error.message);
      throw error;
    }

    // Stripe ignores Idempotency-Key on GET.
    const idempotencyKey = method === 'POST' ? headerValue(req, 'idempotency-key') : undefined;
    const echo: Record<string, string> = idempotencyKey !== undefined ? { 'Idempotency-Key': idempotencyKey } : {};
    let savedKey: string | undefined;
    let fingerprint = '';
    if (idempotencyKey !== undefined) {
      if (idempotencyKey.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
        throw invalidRequest(`Invalid Idempotency-Key: must be at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`);
      }
      // Replays are per API key and account; the key is hashed so it is not kept in the map.
      savedKey = `${createHash('sha256').update(auth.key).digest('hex')}|${account ?? ''}|${idempotencyKey}`;
      fingerprint = `${method} ${path} ${canonicalParams(params)}`;
      const previous = saved.get(savedKey);
      if (previous) {
        if (previous.fingerprint !== fingerprint) {
          throw new ApiError(400, {
            type: 'idempotency_error',
            message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
          });
        }
        return {
          status: previous.status,
          body: previous.body,
          headers: { ...echo, 'Idempotent-Replayed': 'true', 'Original-Request': previous.requestId },
        };
      }
    }

    let reply: Reply;
    try {
      const result = handler({
        params,
        store: stores.get(auth.mode, account ?? ''),
        livemode: auth.mode === 'live',
        now: stores.nowSeconds(),
        behaviour,
        checkRoom: (addSecrets, addBytes) => stores.checkRoom(addSecrets, addBytes),
      });
      reply = { status: 200, body: JSON.stringify(result, null, 2), headers: echo };
    } catch (error) {
      // Only a result of an endpoint that ran is saved for replay; a validation failure is not (as at Stripe).
      if (!(error instanceof ApiError) || !error.executed) throw error;
      reply = { ...errorReply(error), headers: echo };
    }
    if (savedKey !== undefined) {
      if (saved.size >= MAX_SAVED_IDEMPOTENT) saved.delete(saved.keys().next().value as string);
      saved.set(savedKey, { fingerprint, status: reply.status, body: reply.body, requestId });
    }
    return reply;
  }

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const requestId = newRequestId();
    const method = req.method ?? 'GET';
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
    const query = q < 0 ? '' : rawUrl.slice(q + 1);
    const idempotencyKey = headerValue(req, 'idempotency-key');
    const account = headerValue(req, 'stripe-account');
    const record: RecordedRequest = {
      method: cut(method),
      path: cut(path),
      ...(idempotencyKey !== undefined ? { idempotencyKey: cut(idempotencyKey) } : {}),
      ...(account !== undefined ? { stripeAccount: cut(redactKeyLike(account)) } : {}),
      status: 0,
    };
    // The extension runs this emulator for as long as a window stays open: keep the log bounded.
    if (recorded.length >= MAX_RECORDED_REQUESTS) recorded.shift();
    recorded.push(record);

    const { body, tooLarge } = await readBody(req);

    let reply: Reply;
    const hostHeader = req.headers.host;
    if (hostHeader !== undefined && !isAllowedHost(hostHeader, allowedHosts)) {
      // A page on another site that re-pointed its name at 127.0.0.1 (DNS rebinding) sends its own name.
      reply = errorReply(hostNotAllowed(hostHeader));
    } else {
      // Faults come before anything touches the store, so a faulted POST writes nothing.
      const fault = takeFault();
      if (fault?.kind === 'reset') {
        req.socket.destroy();
        return;
      }
      if (fault?.kind === 'hang') {
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      }
      if (fault?.kind === 'status') {
        reply = errorReply(faultError(fault.status, fault.code, fault.message));
      } else if (fault?.kind === 'malformed') {
        reply = { status: 200, body: MALFORMED_BODY, headers: {} };
      } else {
        try {
          reply = process(req, requestId, { method, path, query, body, tooLarge });
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          reply = errorReply(error);
        }
      }
    }
    await delay(latencyMs);
    record.status = reply.status;
    const version = headerValue(req, 'stripe-version');
    res.writeHead(reply.status, {
      'Content-Type': 'application/json',
      'Cache-Control': 'no-cache, no-store',
      'Request-Id': requestId,
      ...(version !== undefined ? { 'Stripe-Version': version } : {}),
      ...reply.headers,
    });
    res.end(reply.body);
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      // An emulator bug must still answer like Stripe's 500, with a Request-Id.
      if (res.headersSent || res.destroyed) return;
      res.writeHead(500, { 'Content-Type': 'application/json', 'Request-Id': newRequestId() });
      res.end(JSON.stringify({ error: { type: 'api_error', message: 'An unknown error occurred' } }));
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  let closing: Promise<void> | undefined;

  return {
    url: `http://${urlHost}:${port}`,
    port,
    testKey: EMULATOR_TEST_KEY,
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        for (const res of hanging) res.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
    injectFault(fault) {
      faults.push({ fault, remaining: Math.max(1, fault.count ?? 1) });
    },
    clearFaults() {
      faults.length = 0;
    },
    setLatency(ms) {
      latencyMs = Math.max(0, ms);
    },
    setRateLimit(limit) {
      if (limit) checkRateLimit(limit);
      rateLimit = limit;
      buckets = new Map();
    },
    secrets(mode: KeyMode, stripeAccount?: string) {
      return stores.get(mode, stripeAccount ?? '');
    },
    requests() {
      return recorded.map((r) => ({ ...r }));
    },
  };
}

function cut(text: string): string {
  return text.length > MAX_RECORDED_FIELD_LENGTH ? `${text.slice(0, MAX_RECORDED_FIELD_LENGTH - 1)}…` : text;
}

/** The name in a Host header (`name:port`, `[::1]:port`), lowercased, without a trailing dot. */
export function hostName(header: string): string {
  const host = header.trim().toLowerCase();
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d*$/, '');
  return name.replace(/\.$/, '');
}

function isAllowedHost(header: string, allowed: ReadonlySet<string>): boolean {
  const name = hostName(header);
  return isLoopbackHost(name) || allowed.has(name) || (name.startsWith('[') && allowed.has(name.slice(1, -1)));
}

function headerValue(req: http.IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text === '' ? undefined : text;
}

function readBody(req: http.IncomingMessage): Promise<{ body: string; tooLarge: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => resolve({ body: Buffer.concat(chunks).toString('utf8'), tooLarge: size > MAX_BODY_BYTES }));
    req.on('error', reject);
  });
}
