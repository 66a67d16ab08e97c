import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../../../src/constants';
import type { Services } from '../../../../src/services';
import type { TestApi } from '../../../../src/testApi';

/** The extension's services through the TestApi that activate() returns in Test mode. */
export async function extensionServices(): Promise<Services> {
  const api = await vscode.extensions.getExtension<TestApi>(EXTENSION_ID)!.activate();
  if (!api?.services) throw new Error('activate() returned no TestApi: is the host in ExtensionMode.Test?');
  return api.services;
}

/** Removes every saved connection (and its key), so a suite starts from nothing. */
export async function removeAllConnections(services: Services): Promise<void> {
  for (const c of services.connections.list()) await services.connections.remove(c.id);
}

/** The lazily required parts of the bundle (dist/*.js besides extension.js) loaded in this extension host. */
export function loadedParts(): string[] {
  const dist = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'dist') + path.sep;
  return Object.keys(require.cache)
    .filter((f) => f.startsWith(dist) && path.basename(f) !== 'extension.js')
    .map((f) => path.basename(f))
    .sort();
}

/** Polls `condition` every 50 ms until it holds, failing with `what` after `timeoutMs`. */
export async function until(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
