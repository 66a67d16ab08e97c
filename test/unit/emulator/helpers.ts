import http from 'node:http';
import { EMULATOR_TEST_KEY, startEmulator } from '../../../src/emulator';
import type { EmulatorHandle } from '../../../src/emulator';

export const KEY = EMULATOR_TEST_KEY;
export const LIVE_KEY = 'sk_live_emulatorUnitTestLiveKey0000000000abcd';

export interface CallResult {
  status: number;
  headers: Headers;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

export interface CallOptions {
  /** Form-encoded, as written on the wire: query string for GET, body for POST. */
  params?: string;
  /** Default: Bearer KEY; null: no Authorization header. */
  key?: string | null;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** One raw HTTP call, so tests see exactly what goes over the wire. */
export async function call(
  emu: EmulatorHandle,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  options: CallOptions = {},
): Promise<CallResult> {
  const headers: Record<string, string> = { ...options.headers };
  const key = options.key === undefined ? KEY : options.key;
  if (key !== null && headers.Authorization === undefined) headers.Authorization = `Bearer ${key}`;
  let url = emu.url + path;
  let body: string | undefined;
  if (options.params !== undefined) {
    if (method === 'GET') url += `?${options.params}`;
    else {
      body = options.params;
      headers['Content-Type'] ??= 'application/x-www-form-urlencoded';
    }
  }
  const response = await fetch(url, { method, headers, body, signal: options.signal });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

export const SECRETS = '/v1/apps/secrets';
export const ACCOUNT = 'scope[type]=account';
export const userScope = (user: string) => `scope[type]=user&scope[user]=${user}`;

export async function setSecret(
  emu: EmulatorHandle,
  name: string,
  payload: string,
  extra = ACCOUNT,
  options: CallOptions = {},
): Promise<CallResult> {
  return call(emu, 'POST', SECRETS, {
    ...options,
    params: `name=${encodeURIComponent(name)}&payload=${encodeURIComponent(payload)}&${extra}`,
  });
}

/** A clock tests move by hand. */
export function manualClock(startMs = Date.UTC(2030, 0, 1)) {
  let now = startMs;
  return {
    now: () => now,
    advance(ms: number) {
      now += ms;
    },
    seconds: () => Math.floor(now / 1000),
  };
}

/** One request through node:http, which (unlike fetch) sends any Host header, and a body on GET. */
export function rawRequest(
  emu: EmulatorHandle,
  options: { method?: string; path?: string; host?: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: emu.port,
        method: options.method ?? 'GET',
        path: options.path ?? `${SECRETS}?${ACCOUNT}`,
        setHost: options.host === undefined,
        headers: { Authorization: `Bearer ${KEY}`, ...(options.host !== undefined ? { Host: options.host } : {}), ...options.headers },
      },
      (res) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** Runs `run` against an emulator of its own, closed afterwards whatever happens. */
export async function withEmulator(
  run: (emu: EmulatorHandle) => Promise<void>,
  options: Parameters<typeof startEmulator>[0] = {},
): Promise<void> {
  const emu = await startEmulator(options);
  try {
    await run(emu);
  } finally {
    await emu.close();
  }
}
