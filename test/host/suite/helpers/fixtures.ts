import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../../../src/constants';
import { startEmulator, type EmulatorHandle, type StoredSecret } from '../../../../src/emulator';
import type { SecretScope } from '../../../../src/model/types';
import type { ConnectionInfo, Services } from '../../../../src/services';
import type { TestApi } from '../../../../src/testApi';
import { testApi } from './extension';

export const ACCOUNT: SecretScope = { type: 'account' };
export const DAY = 24 * 3600;

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** Puts a secret straight into an emulator store (no request), created a minute ago. */
export function seedSecret(
  store: StoredSecret[],
  name: string,
  payload: string,
  expiresAt: number | null = null,
  scope: SecretScope = ACCOUNT,
): StoredSecret {
  const secret: StoredSecret = {
    id: `appsecret_${name.replace(/\W/g, '')}${store.length}`,
    name,
    scope,
    payload,
    created: nowSeconds() - 60,
    expiresAt,
  };
  store.push(secret);
  return secret;
}

export interface EmulatorConnection {
  api: TestApi;
  services: Services;
  emulator: EmulatorHandle;
  connection: ConnectionInfo;
}

/**
 * Mocha hooks for a suite that works on one emulator: the TestApi, an emulator started in this
 * process and a connection to it, removed after; an empty store and no faults before each test.
 * The returned object is filled in by the `before` hook.
 */
export function useEmulatorConnection(label: string): EmulatorConnection {
  const fixture = {} as EmulatorConnection;
  before(async () => {
    fixture.api = await vscode.extensions.getExtension<TestApi>(EXTENSION_ID)!.activate();
    fixture.services = fixture.api.services;
    fixture.emulator = await startEmulator();
    fixture.connection = await fixture.services.connections.add({ label, apiBase: fixture.emulator.url, apiKey: fixture.emulator.testKey });
  });
  after(async () => {
    await fixture.services.connections.remove(fixture.connection.id);
    await fixture.emulator.close();
  });
  beforeEach(() => {
    fixture.emulator.secrets('test').splice(0);
    fixture.emulator.clearFaults();
  });
  return fixture;
}

/**
 * Runs `action` once, right after the next listing of `connectionId`'s scopes made once `armed()`
 * is true: a flow re-lists right before its writes, and a test puts a change after that re-list.
 * Returns the undo of the wrap.
 */
export function afterNextList(_services: Services, connectionId: string, armed: () => boolean, action: () => void): () => void {
  let done = false;
  const wrap = testApi().wrapClients((client, id) => {
    if (id !== connectionId) return client;
    const wrapped = Object.create(client) as typeof client;
    wrapped.list = async (...args) => {
      const listed = await client.list(...args);
      if (!done && armed()) {
        done = true;
        action();
      }
      return listed;
    };
    return wrapped;
  });
  return () => wrap.dispose();
}
