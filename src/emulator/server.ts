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
import { ParamSyntaxError, canonicalParams, parseParams, type ParamObject } from './params';
import { checkRateLimit, makeRequestLimiter, type RateLimit, type RequestLimiter } from './rateLimiter';
import type { EmulatorBehaviour, EmulatorFault, EmulatorHandle, EmulatorOptions, StoredSecret } from './types';

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

/** Settings fixed when the server starts. */
interface ServerConfig {
  now: () => number;
  behaviour: Required<EmulatorBehaviour>;
  /** Listening off this computer's loopback address. */
  exposed: boolean;
  allowedHosts: ReadonlySet<string>;
  allowedKeys: ReadonlySet<string> | undefined;
  /** Accounts a key reaches through Stripe-Account or Stripe-Context; undefined: every account. */
  reachable: ReadonlySet<string> | undefined;
}

/** A request as `answer` needs it, its body read. */
interface IncomingRequest {
  method: string;
  path: string;
  query: string;
  body: string;
  tooLarge: boolean;
}

/** Starts the Secret Store emulator on `options.host:options.port` (default 127.0.0.1 and a free port). */
export async function startEmulator(options: EmulatorOptions = {}): Promise<EmulatorHandle> {
  return EmulatorServer.start(options);
}

/** The emulator: its stores, the faults and limits tests set, the request log, and the HTTP server. */
export class EmulatorServer implements EmulatorHandle {
  readonly testKey = EMULATOR_TEST_KEY;
  private readonly config: ServerConfig;
  private readonly host: string;
  private readonly stores: SecretStores;
  private latencyMs: number;
  private rateLimit: RateLimit | undefined;
  /** One rate limiter per mode and account. */
  private buckets = new Map<string, RequestLimiter>();
  private readonly faults: Array<{ fault: EmulatorFault; remaining: number }> = [];
  private readonly recorded: RecordedRequest[] = [];
  /** Replies to POSTs with an Idempotency-Key, for replay. */
  private readonly saved = new Map<string, SavedResponse>();
  /** Responses a `hang` fault keeps open until the client gives up or the server closes. */
  private readonly hanging = new Set<http.ServerResponse>();
  /** Latency waits, cut short by close(). */
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly server: http.Server;
  /** Set once listening; kept after close(), as the handle's url says where it was. */
  private listeningPort = 0;
  private closing: Promise<void> | undefined;

  static async start(options: EmulatorOptions = {}): Promise<EmulatorServer> {
    const emulator = new EmulatorServer(options);
    await emulator.listen(options.port ?? 0);
    return emulator;
  }

  private constructor(options: EmulatorOptions) {
    const host = options.host ?? '127.0.0.1';
    // Off this computer its well-known test key would let anyone in: only the keys given are accepted.
    const exposed = !isLoopbackHost(host);
    if (exposed && !options.apiKeys?.length) {
      throw new Error(
        `Listening on ${host}, which is not this computer's loopback address, needs apiKeys (--api-key): the emulator's test key is public.`,
      );
    }
    const now = options.now ?? Date.now;
    this.host = host;
    this.config = {
      now,
      behaviour: {
        keepIdOnReplace: options.behaviour?.keepIdOnReplace ?? false,
        keepExpiryOnReplace: options.behaviour?.keepExpiryOnReplace ?? true,
        allowListPayloadExpand: options.behaviour?.allowListPayloadExpand ?? true,
      },
      exposed,
      allowedHosts: new Set([host, ...(options.allowedHosts ?? [])].map((h) => h.toLowerCase())),
      allowedKeys: options.apiKeys ? new Set(options.apiKeys) : undefined,
      reachable: options.reachableAccounts ? new Set(options.reachableAccounts) : undefined,
    };
    this.stores = new SecretStores(
      now,
      options.limits
        ? { maxSecrets: options.limits.maxSecrets ?? MAX_SECRETS_TOTAL, maxBytes: options.limits.maxBytes ?? MAX_BYTES_TOTAL }
        : undefined,
    );
    this.latencyMs = options.latencyMs ?? 0;
    this.rateLimit = options.rateLimit;
    if (this.rateLimit) checkRateLimit(this.rateLimit);
    if (options.seed === 'demo') {
      const store = this.stores.get('test');
      for (const secret of demoSecrets(this.stores.nowSeconds())) store.push({ id: newSecretId(), ...secret });
    }
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch(() => {
        // An emulator bug must still answer like Stripe's 500, with a Request-Id.
        if (res.headersSent || res.destroyed) return;
        res.writeHead(500, { 'Content-Type': 'application/json', 'Request-Id': newRequestId() });
        res.end(JSON.stringify({ error: { type: 'api_error', message: 'An unknown error occurred' } }));
      });
    });
  }

  private listen(port: number): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, this.host, () => {
        this.server.off('error', reject);
        this.listeningPort = (this.server.address() as AddressInfo).port;
        resolve();
      });
    });
  }

  get port(): number {
    return this.listeningPort;
  }

  /** e.g. http://127.0.0.1:12111 */
  get url(): string {
    const urlHost = this.host.includes(':') ? `[${this.host}]` : this.host;
    return `http://${urlHost}:${this.port}`;
  }

  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      for (const timer of this.timers) clearTimeout(timer);
      this.timers.clear();
      for (const res of this.hanging) res.destroy();
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
    return this.closing;
  }

  injectFault(fault: EmulatorFault): void {
    this.faults.push({ fault, remaining: Math.max(1, fault.count ?? 1) });
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  setLatency(ms: number): void {
    this.latencyMs = Math.max(0, ms);
  }

  setRateLimit(limit: RateLimit | undefined): void {
    if (limit) checkRateLimit(limit);
    this.rateLimit = limit;
    this.buckets = new Map();
  }

  secrets(mode: KeyMode, stripeAccount?: string): StoredSecret[] {
    return this.stores.get(mode, stripeAccount ?? '');
  }

  requests(): RecordedRequest[] {
    return this.recorded.map((r) => ({ ...r }));
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const requestId = newRequestId();
    const method = req.method ?? 'GET';
    const rawUrl = req.url ?? '/';
    const q = rawUrl.indexOf('?');
    const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
    const query = q < 0 ? '' : rawUrl.slice(q + 1);
    const record = this.record(req, method, path);
    const { body, tooLarge } = await readBody(req);

    let reply: Reply | undefined;
    try {
      reply = this.reply(req, res, requestId, { method, path, query, body, tooLarge });
    } catch (error) {
      // The server's 500 answers it (see the constructor): log it as answered.
      record.status = 500;
      throw error;
    }
    if (!reply) return;
    await this.delay(this.latencyMs);
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

  /** Logs the request (no body) before it is read, so even a hung or reset one is seen. */
  private record(req: http.IncomingMessage, method: string, path: string): RecordedRequest {
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
    pushBounded(this.recorded, record, MAX_RECORDED_REQUESTS);
    return record;
  }

  /** The reply, or undefined when a fault took the response over (a reset, a hang). */
  private reply(req: http.IncomingMessage, res: http.ServerResponse, requestId: string, request: IncomingRequest): Reply | undefined {
    const hostHeader = req.headers.host;
    if (hostHeader !== undefined && !isAllowedHost(hostHeader, this.config.allowedHosts)) {
      // A page on another site that re-pointed its name at 127.0.0.1 (DNS rebinding) sends its own name.
      return errorReply(hostNotAllowed(hostHeader));
    }
    // Faults come before anything touches the store, so a faulted POST writes nothing.
    const fault = this.takeFault();
    if (fault?.kind === 'reset') {
      req.socket.destroy();
      return undefined;
    }
    if (fault?.kind === 'hang') {
      this.hanging.add(res);
      res.on('close', () => this.hanging.delete(res));
      return undefined;
    }
    if (fault?.kind === 'status') return errorReply(faultError(fault.status, fault.code, fault.message));
    if (fault?.kind === 'malformed') return { status: 200, body: MALFORMED_BODY, headers: {} };
    try {
      return this.answer(req, requestId, request);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      return errorReply(error);
    }
  }

  private takeFault(): EmulatorFault | undefined {
    const head = this.faults[0];
    if (!head) return undefined;
    head.remaining -= 1;
    if (head.remaining <= 0) this.faults.shift();
    return head.fault;
  }

  /** Everything after faults: auth, account, route, rate limit, parameters, idempotency, the endpoint. Synchronous, so requests never interleave. */
  private answer(req: http.IncomingMessage, requestId: string, request: IncomingRequest): Reply {
    const { method, path } = request;
    const auth = authenticate(req.headers.authorization, this.config.allowedKeys, !this.config.exposed);
    const acting = accountOf(auth, headerValue(req, 'stripe-account'), headerValue(req, 'stripe-context'), this.config.reachable);
    const account = acting === '' ? undefined : acting;
    const handler = findRoute(method, path);
    if (!handler) throw unrecognizedUrl(method, path);
    this.spendRateToken(`${auth.mode}|${account ?? ''}`);
    const params = requestParams(req, request);

    // Stripe ignores Idempotency-Key on GET.
    const idempotencyKey = method === 'POST' ? headerValue(req, 'idempotency-key') : undefined;
    const echo: Record<string, string> = idempotencyKey !== undefined ? { 'Idempotency-Key': idempotencyKey } : {};
    const replay =
      idempotencyKey === undefined
        ? undefined
        : this.idempotent(auth.key, account, idempotencyKey, `${method} ${path} ${canonicalParams(params)}`);
    if (replay?.previous) {
      return {
        status: replay.previous.status,
        body: replay.previous.body,
        headers: { ...echo, 'Idempotent-Replayed': 'true', 'Original-Request': replay.previous.requestId },
      };
    }

    let reply: Reply;
    try {
      const result = handler({
        params,
        store: this.stores.get(auth.mode, account ?? ''),
        livemode: auth.mode === 'live',
        now: this.stores.nowSeconds(),
        behaviour: this.config.behaviour,
        checkRoom: (addSecrets, addBytes) => this.stores.checkRoom(addSecrets, addBytes),
      });
      reply = { status: 200, body: JSON.stringify(result, null, 2), headers: echo };
    } catch (error) {
      // Only a result of an endpoint that ran is saved for replay; a validation failure is not (as at Stripe).
      if (!(error instanceof ApiError) || !error.executed) throw error;
      reply = { ...errorReply(error), headers: echo };
    }
    if (replay) {
      setBounded(
        this.saved,
        replay.savedKey,
        { fingerprint: replay.fingerprint, status: reply.status, body: reply.body, requestId },
        MAX_SAVED_IDEMPOTENT,
      );
    }
    return reply;
  }

  /** Over the rate limit of this mode and account: 429. */
  private spendRateToken(storeKey: string): void {
    if (!this.rateLimit) return;
    let bucket = this.buckets.get(storeKey);
    if (!bucket) {
      bucket = makeRequestLimiter(this.rateLimit, this.config.now);
      this.buckets.set(storeKey, bucket);
    }
    if (!bucket.tryTake()) throw rateLimited();
  }

  /** Where a POST with this Idempotency-Key is saved, and its earlier reply if it was sent before with the same parameters. */
  private idempotent(
    apiKey: string,
    account: string | undefined,
    idempotencyKey: string,
    fingerprint: string,
  ): { savedKey: string; fingerprint: string; previous?: SavedResponse } {
    if (idempotencyKey.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
      throw invalidRequest(`Invalid Idempotency-Key: must be at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters`);
    }
    // Replays are per API key and account; the key is hashed so it is not kept in the map.
    const savedKey = `${createHash('sha256').update(apiKey).digest('hex')}|${account ?? ''}|${idempotencyKey}`;
    const previous = this.saved.get(savedKey);
    if (previous && previous.fingerprint !== fingerprint) {
      throw new ApiError(400, {
        type: 'idempotency_error',
        message: `Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '${idempotencyKey}' if you meant to execute a different request.`,
      });
    }
    return { savedKey, fingerprint, ...(previous ? { previous } : {}) };
  }

  private delay(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      if (ms <= 0) return resolve();
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        resolve();
      }, ms);
      this.timers.add(timer);
    });
  }
}

function errorReply(error: ApiError): Reply {
  return { status: error.status, body: JSON.stringify({ error: error.body }, null, 2), headers: {} };
}

/** The query's parameters, and a POST's form body's; a body too large, JSON or malformed is a 4xx. */
function requestParams(req: http.IncomingMessage, { method, query, body, tooLarge }: IncomingRequest): ParamObject {
  if (tooLarge) throw invalidRequest('Invalid request: the request body is too large.', {}, 413);
  if (method === 'POST' && /^application\/json/i.test(req.headers['content-type'] ?? '')) {
    throw invalidRequest('Invalid request: the body must be form-encoded (Content-Type: application/x-www-form-urlencoded), not JSON.');
  }
  try {
    const params = parseParams(query);
    if (method === 'POST') parseParams(body, params);
    return params;
  } catch (error) {
    if (error instanceof ParamSyntaxError) throw invalidRequest(error.message);
    throw error;
  }
}

/** Appends `item`, first dropping the oldest entry when `list` already holds `max`. */
export function pushBounded<T>(list: T[], item: T, max: number): void {
  if (list.length >= max) list.shift();
  list.push(item);
}

/** Sets a new `key`, first dropping the oldest entry when `map` already holds `max`. */
export function setBounded<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  if (map.size >= max) map.delete(map.keys().next().value as K);
  map.set(key, value);
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
