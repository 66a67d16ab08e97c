/** The endpoints of src/emulator/api.ts called directly (no HTTP), for the api tests. */
import assert from 'node:assert/strict';
import { findRoute, type ApiContext } from '../../../src/emulator/api';
import { ApiError } from '../../../src/emulator/errors';
import { parseParams } from '../../../src/emulator/params';
import type { StoredSecret } from '../../../src/emulator/types';

export const NOW = 2_000_000_000;
export const behaviour = { keepIdOnReplace: false, keepExpiryOnReplace: true, allowListPayloadExpand: true };

/** Runs one endpoint on `store` (no checkRoom: a caller with a single store) and returns its JSON. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function run(method: string, path: string, query: string, store: StoredSecret[] = [], extra: Partial<ApiContext> = {}): any {
  const handler = findRoute(method, path);
  assert.ok(handler, `${method} ${path}`);
  return handler({ params: parseParams(query), store, livemode: false, now: NOW, behaviour, ...extra });
}

/** The ApiError an endpoint throws. */
export function failure(
  method: string,
  path: string,
  query: string,
  store: StoredSecret[] = [],
  extra: Partial<ApiContext> = {},
): ApiError {
  try {
    run(method, path, query, store, extra);
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  assert.fail(`${method} ${path}?${query} succeeded`);
}
