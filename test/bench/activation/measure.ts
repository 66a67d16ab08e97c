/**
 * The extensionTestsPath of the activation bench: runs inside the real extension host, before
 * anything has activated the extension, and times `Extension.activate()`, which requires the main
 * file and awaits its activate() exactly as the host does for an activation event.
 */
import * as vscode from 'vscode';
import { RESULT_MARKER, type HostResult } from '../../host/suite/protocol';
import { BENCH_EXTENSION_ENV, SAMPLE_MARKER, type ActivationSample } from './protocol';

export async function run(): Promise<void> {
  const id = process.env[BENCH_EXTENSION_ENV] ?? '';
  const sample = await measure(id);
  console.log(SAMPLE_MARKER + JSON.stringify(sample));
  const result: HostResult = { passed: sample.error ? 0 : 1, failed: sample.error ? 1 : 0, pending: 0 };
  console.log(RESULT_MARKER + JSON.stringify(result));
  if (sample.error) throw new Error(sample.error);
}

/** The window's own start-up (built-in extensions, the workbench restoring) shares this thread: let it settle first. */
const SETTLE_MS = 3000;

async function measure(id: string): Promise<ActivationSample> {
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const extension = vscode.extensions.getExtension(id);
  if (!extension) return { error: `extension ${id} is not in this host` };
  if (extension.isActive) return { error: `${id} was already active: the figure would not be its activation` };
  const started = performance.now();
  await extension.activate();
  return { ms: performance.now() - started };
}
