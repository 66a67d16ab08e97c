import {
  MAX_EXPIRY_SECONDS_AHEAD,
  MAX_NAME_LENGTH,
  MAX_PAYLOAD_LENGTH,
  MAX_SECRETS_PER_SCOPE,
  type KeyMode,
  type SecretScope,
} from '../model/types';
import { ApiError, SECRET_LIMIT_CODE, invalidRequest, noSuchSecret, parameterEmpty, parameterMissing, parameterUnknown } from './errors';
import { newSecretId } from './ids';
import { sameScope } from '../model/scope';
import type { ParamObject, ParamValue } from './params';
import type { EmulatorBehaviour, StoredSecret } from './types';

export const SECRETS_PATH = '/v1/apps/secrets';
/** The emulator's own caps, so a script or a stray page cannot grow its memory without bound. */
export const MAX_ACCOUNTS_PER_MODE = 100;
export const MAX_USER_SCOPES_PER_STORE = 1000;
/** Across every mode, account and scope: the per-dimension caps alone multiply to millions of secrets. */
export const MAX_SECRETS_TOTAL = 10_000;
/** UTF-8 bytes of names and payloads across every store. */
export const MAX_BYTES_TOTAL = 32 * 1024 * 1024;
export const STORE_LIMIT_CODE = 'emulator_store_limit';

export interface OverallLimits {
  maxSecrets: number;
  maxBytes: number;
}

export function secretBytes(secret: { name: string; payload: string }): number {
  return Buffer.byteLength(secret.name, 'utf8') + Buffer.byteLength(secret.payload, 'utf8');
}

/** One store per (key mode, Stripe-Account); each is an array in creation order, oldest first. */
export class SecretStores {
  private readonly stores = new Map<string, StoredSecret[]>();

  constructor(
    private readonly nowMs: () => number,
    private readonly limits: OverallLimits = { maxSecrets: MAX_SECRETS_TOTAL, maxBytes: MAX_BYTES_TOTAL },
  ) {}

  /** Throws Stripe's shape of error when `addSecrets` more secrets and `addBytes` more bytes would pass the overall cap. */
  checkRoom(addSecrets: number, addBytes: number): void {
    let secrets = 0;
    let bytes = 0;
    for (const store of this.stores.values()) {
      secrets += store.length;
      for (const s of store) bytes += secretBytes(s);
    }
    if (secrets + addSecrets > this.limits.maxSecrets || bytes + addBytes > this.limits.maxBytes) {
      throw invalidRequest(
        `The emulator keeps at most ${this.limits.maxSecrets} secrets and ${Math.floor(this.limits.maxBytes / 1024 / 1024)} MiB of names and values in all; delete secrets you no longer need, or restart the emulator to start afresh.`,
        { code: STORE_LIMIT_CODE },
      );
    }
  }

  nowSeconds(): number {
    return Math.floor(this.nowMs() / 1000);
  }

  /** The live array, with every expired secret removed first: an expired secret is gone on every access. */
  get(mode: KeyMode, stripeAccount = ''): StoredSecret[] {
    const key = `${mode}|${stripeAccount}`;
    let store = this.stores.get(key);
    if (!store) {
      if (stripeAccount !== '' && this.accountsIn(mode) >= MAX_ACCOUNTS_PER_MODE) {
        throw invalidRequest(
          `The emulator keeps at most ${MAX_ACCOUNTS_PER_MODE} Stripe-Account values per mode; reuse one of them, or restart the emulator to start afresh.`,
          { code: 'emulator_account_limit' },
        );
      }
      store = [];
      this.stores.set(key, store);
    }
    const now = this.nowSeconds();
    for (let i = store.length - 1; i >= 0; i--) {
      const expiresAt = store[i].expiresAt;
      if (expiresAt !== null && expiresAt <= now) store.splice(i, 1);
    }
    return store;
  }

  private accountsIn(mode: KeyMode): number {
    let count = 0;
    for (const key of this.stores.keys()) if (key.startsWith(`${mode}|`) && key !== `${mode}|`) count++;
    return count;
  }
}

export interface ApiContext {
  params: ParamObject;
  store: StoredSecret[];
  livemode: boolean;
  now: number;
  behaviour: Required<EmulatorBehaviour>;
  /** The overall cap (see SecretStores.checkRoom); absent in callers that keep a single store. */
  checkRoom?: (addSecrets: number, addBytes: number) => void;
}

export type Handler = (ctx: ApiContext) => unknown;

export function findRoute(method: string, path: string): Handler | undefined {
  if (path === SECRETS_PATH) return method === 'POST' ? setSecret : method === 'GET' ? listSecrets : undefined;
  if (path === `${SECRETS_PATH}/find`) return method === 'GET' ? findSecret : undefined;
  if (path === `${SECRETS_PATH}/delete`) return method === 'POST' ? deleteSecret : undefined;
  return undefined;
}

export function secretJson(secret: StoredSecret, livemode: boolean, withPayload: boolean): Record<string, unknown> {
  return {
    id: secret.id,
    object: 'apps.secret',
    created: secret.created,
    expires_at: secret.expiresAt,
    livemode,
    name: secret.name,
    ...(withPayload ? { payload: secret.payload } : {}),
    scope: secret.scope.type === 'user' ? { type: 'user', user: secret.scope.user } : { type: 'account' },
  };
}

function setSecret(ctx: ApiContext): unknown {
  const { params, store, now, behaviour } = ctx;
  allowOnly(params, ['name', 'payload', 'scope', 'expires_at', 'expand']);
  const scope = readScope(params);
  const name = readString(params, 'name', MAX_NAME_LENGTH);
  const payload = readString(params, 'payload', MAX_PAYLOAD_LENGTH);
  const expiresAt = readExpiresAt(params, now);
  const expand = readExpand(params, ['payload']);

  const index = store.findIndex((s) => s.name === name && sameScope(s.scope, scope));
  let secret: StoredSecret;
  if (index >= 0) {
    const old = store[index];
    ctx.checkRoom?.(0, secretBytes({ name, payload }) - secretBytes(old));
    const expiry = expiresAt !== undefined ? expiresAt : behaviour.keepExpiryOnReplace ? old.expiresAt : null;
    if (behaviour.keepIdOnReplace) {
      old.payload = payload;
      old.expiresAt = expiry;
      secret = old;
    } else {
      store.splice(index, 1);
      secret = { id: newSecretId(), name, scope, payload, created: now, expiresAt: expiry };
      store.push(secret);
    }
  } else {
    if (store.filter((s) => sameScope(s.scope, scope)).length >= MAX_SECRETS_PER_SCOPE) {
      throw new ApiError(
        400,
        {
          type: 'invalid_request_error',
          code: SECRET_LIMIT_CODE,
          message: `This scope already holds the maximum of ${MAX_SECRETS_PER_SCOPE} secrets. Delete a secret before adding '${truncate(name)}'.`,
          param: 'name',
        },
        true,
      );
    }
    if (scope.type === 'user' && !store.some((s) => sameScope(s.scope, scope))) {
      const users = new Set(store.flatMap((s) => (s.scope.type === 'user' ? [s.scope.user] : [])));
      if (users.size >= MAX_USER_SCOPES_PER_STORE) {
        throw invalidRequest(
          `The emulator keeps at most ${MAX_USER_SCOPES_PER_STORE} user scopes per account; delete the contents of one, or restart the emulator to start afresh.`,
          { code: 'emulator_user_scope_limit', param: 'scope[user]' },
        );
      }
    }
    ctx.checkRoom?.(1, secretBytes({ name, payload }));
    secret = { id: newSecretId(), name, scope, payload, created: now, expiresAt: expiresAt ?? null };
    store.push(secret);
  }
  return secretJson(secret, ctx.livemode, expand.includes('payload'));
}

function listSecrets(ctx: ApiContext): unknown {
  const { params, store } = ctx;
  allowOnly(params, ['scope', 'limit', 'starting_after', 'ending_before', 'expand']);
  const scope = readScope(params);
  const limit = readLimit(params);
  const startingAfter = readOptionalString(params, 'starting_after');
  const endingBefore = readOptionalString(params, 'ending_before');
  if (startingAfter !== undefined && endingBefore !== undefined) {
    throw invalidRequest('You may only specify one of these parameters: ending_before, starting_after.', {
      code: 'parameters_exclusive',
      param: 'ending_before',
    });
  }
  const expand = readExpand(params, ctx.behaviour.allowListPayloadExpand ? ['data.payload'] : []);

  // Newest first, like every Stripe list.
  const all = store.filter((s) => sameScope(s.scope, scope)).reverse();
  let page: StoredSecret[];
  let hasMore: boolean;
  if (startingAfter !== undefined) {
    const at = cursorIndex(all, startingAfter, 'starting_after');
    page = all.slice(at + 1, at + 1 + limit);
    hasMore = all.length - (at + 1) > limit;
  } else if (endingBefore !== undefined) {
    const at = cursorIndex(all, endingBefore, 'ending_before');
    page = all.slice(Math.max(0, at - limit), at);
    hasMore = at > limit;
  } else {
    page = all.slice(0, limit);
    hasMore = all.length > limit;
  }
  const withPayload = expand.includes('data.payload');
  return { object: 'list', data: page.map((s) => secretJson(s, ctx.livemode, withPayload)), has_more: hasMore, url: SECRETS_PATH };
}

function findSecret(ctx: ApiContext): unknown {
  const { params, store } = ctx;
  allowOnly(params, ['name', 'scope', 'expand']);
  const scope = readScope(params);
  const name = readString(params, 'name', MAX_NAME_LENGTH);
  const expand = readExpand(params, ['payload']);
  const secret = store.find((s) => s.name === name && sameScope(s.scope, scope));
  if (!secret) throw noSuchSecret(truncate(name));
  return secretJson(secret, ctx.livemode, expand.includes('payload'));
}

function deleteSecret(ctx: ApiContext): unknown {
  const { params, store } = ctx;
  allowOnly(params, ['name', 'scope', 'expand']);
  const scope = readScope(params);
  const name = readString(params, 'name', MAX_NAME_LENGTH);
  readExpand(params, []);
  const index = store.findIndex((s) => s.name === name && sameScope(s.scope, scope));
  if (index < 0) throw noSuchSecret(truncate(name));
  const [secret] = store.splice(index, 1);
  return { ...secretJson(secret, ctx.livemode, false), deleted: true };
}

function truncate(text: string): string {
  return text.length > 100 ? `${text.slice(0, 100)}...` : text;
}

function cursorIndex(list: StoredSecret[], id: string, param: string): number {
  const index = list.findIndex((s) => s.id === id);
  if (index < 0) throw noSuchSecret(truncate(id), param, 400);
  return index;
}

function allowOnly(params: ParamObject, allowed: string[]): void {
  for (const key of Object.keys(params)) {
    if (!allowed.includes(key)) throw parameterUnknown(key);
  }
}

function isObject(value: ParamValue | undefined): value is ParamObject {
  return typeof value === 'object' && !Array.isArray(value);
}

function readScope(params: ParamObject): SecretScope {
  const raw = params.scope;
  if (raw === undefined) throw parameterMissing('scope');
  if (raw === '') throw parameterEmpty('scope');
  if (!isObject(raw)) throw invalidRequest('Invalid scope: must be a hash with type (and user).', { param: 'scope' });
  for (const key of Object.keys(raw)) {
    if (key !== 'type' && key !== 'user') throw parameterUnknown(`scope[${key}]`);
  }
  const type = raw.type;
  if (type === undefined) throw parameterMissing('scope[type]');
  if (type === '') throw parameterEmpty('scope[type]');
  if (type !== 'account' && type !== 'user') {
    throw invalidRequest('Invalid scope[type]: must be one of account or user', { param: 'scope[type]' });
  }
  if (type === 'account') {
    if (raw.user !== undefined) throw parameterUnknown('scope[user]', '. scope[user] may only be set when scope[type] is user.');
    return { type: 'account' };
  }
  const user = raw.user;
  if (user === undefined) throw parameterMissing('scope[user]');
  if (user === '') throw parameterEmpty('scope[user]');
  if (typeof user !== 'string') throw invalidRequest('Invalid scope[user]: must be a string', { param: 'scope[user]' });
  return { type: 'user', user };
}

function readString(params: ParamObject, name: string, maxLength: number): string {
  const raw = params[name];
  if (raw === undefined) throw parameterMissing(name);
  if (raw === '') throw parameterEmpty(name);
  if (typeof raw !== 'string') throw invalidRequest(`Invalid ${name}: must be a string`, { param: name });
  // Counted in characters (code points), not UTF-16 units. The value is never echoed: it may be a secret.
  if (Array.from(raw).length > maxLength) {
    throw invalidRequest(`Invalid ${name}: must be at most ${maxLength} characters`, { param: name });
  }
  return raw;
}

function readOptionalString(params: ParamObject, name: string): string | undefined {
  const raw = params[name];
  if (raw === undefined || raw === '') return undefined;
  if (typeof raw !== 'string') throw invalidRequest(`Invalid ${name}: must be a string`, { param: name });
  return raw;
}

function readInteger(params: ParamObject, name: string): number | undefined {
  const raw = params[name];
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !/^-?\d{1,15}$/.test(raw)) {
    const shown = typeof raw === 'string' ? truncate(raw) : 'a hash';
    throw invalidRequest(`Invalid integer: ${shown}`, { code: 'parameter_invalid_integer', param: name });
  }
  return Number(raw);
}

/** Omitted: undefined; empty (Stripe's "unset"): null; else validated unix seconds. */
function readExpiresAt(params: ParamObject, now: number): number | null | undefined {
  if (params.expires_at === '') return null;
  const value = readInteger(params, 'expires_at');
  if (value === undefined) return undefined;
  if (value <= now) throw invalidRequest('Invalid expires_at: must be in the future', { param: 'expires_at' });
  if (value > now + MAX_EXPIRY_SECONDS_AHEAD) {
    throw invalidRequest('Invalid expires_at: must be at most 100 years in the future', { param: 'expires_at' });
  }
  return value;
}

function readLimit(params: ParamObject): number {
  if (params.limit === '') return 10;
  const value = readInteger(params, 'limit') ?? 10;
  if (value < 1 || value > 100) throw invalidRequest('Invalid limit: must be between 1 and 100', { param: 'limit' });
  return value;
}

function readExpand(params: ParamObject, allowed: string[]): string[] {
  const raw = params.expand;
  if (raw === undefined || raw === '') return [];
  if (!Array.isArray(raw)) throw invalidRequest('Invalid array', { param: 'expand' });
  const items = raw.filter((item) => item !== undefined);
  for (const item of items) {
    if (typeof item !== 'string') throw invalidRequest('Invalid array', { param: 'expand' });
    if (!allowed.includes(item)) {
      throw invalidRequest(`This property cannot be expanded (${truncate(item)}).`, { param: 'expand' });
    }
  }
  return items as string[];
}
