import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../../../src/constants';
import type { Prompts, Services } from '../../../../src/services';
import type { TestApi } from '../../../../src/testApi';

/** The TestApi of the activated extension (what activate() returned in Test mode). */
export function testApi(): TestApi {
  const api = vscode.extensions.getExtension<TestApi>(EXTENSION_ID)?.exports;
  if (!api?.services) throw new Error('no TestApi: activate the extension first (extensionServices), in ExtensionMode.Test');
  return api;
}

/** Until disposed, services.prompts is `prompts` (often a scripted one with a step replaced). */
export function usePrompts(prompts: Prompts): vscode.Disposable {
  return testApi().usePrompts(prompts);
}

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
