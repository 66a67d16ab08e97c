/**
 * The extensionTestsPath of the index bench: inside the real extension host, indexes the generated
 * workspace once while a timer measures how long the event loop is held, then re-indexes one
 * changed file several times, and reports the heap the index added.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import * as vscode from 'vscode';
import { EXTENSION_ID } from '../../../src/constants';
import type { TestApi } from '../../../src/testApi';
import { RESULT_MARKER, type HostResult } from '../../host/suite/protocol';
import { INDEX_SAMPLE_MARKER, type IndexSample } from './protocol';

const SETTLE_MS = 3000;
const TICK_MS = 5;
const REFRESH_ROUNDS = 20;

export async function run(): Promise<void> {
  let sample: IndexSample;
  try {
    sample = await measure();
  } catch (error) {
    sample = { error: error instanceof Error ? error.message : String(error) };
  }
  console.log(INDEX_SAMPLE_MARKER + JSON.stringify(sample));
  const result: HostResult = { passed: sample.error ? 0 : 1, failed: sample.error ? 1 : 0, pending: 0 };
  console.log(RESULT_MARKER + JSON.stringify(result));
}

async function measure(): Promise<IndexSample> {
  const api = (await vscode.extensions.getExtension<TestApi>(EXTENSION_ID)!.activate())!;
  const indexer = api.codeInsight.indexer;
  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  // Before the monitor starts: the full collection it forces is the bench's block, not the index's.
  const heapBefore = heapAfterGc();
  let longest = 0;
  let longestOnCpu: number | undefined;
  let last = performance.now();
  let lastRan = ranMs();
  const monitor = setInterval(() => {
    const now = performance.now();
    const ran = ranMs();
    longest = Math.max(longest, now - last - TICK_MS);
    // The part of a gap the host's thread spent on a CPU: on a loaded machine the rest of the drift is waiting for one.
    if (ran !== undefined && lastRan !== undefined) longestOnCpu = Math.max(longestOnCpu ?? 0, Math.min(ran - lastRan, now - last));
    last = now;
    lastRan = ran;
  }, TICK_MS);
  const started = performance.now();
  const cpu = process.cpuUsage();
  await (indexer.started ? indexer.rescan() : indexer.start());
  await indexer.ready();
  const scanMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const load = os.loadavg()[0];
  clearInterval(monitor);
  const heapDeltaBytes = heapAfterGc() - heapBefore;
  const all = indexer.index.all();
  const target = vscode.Uri.parse(all[0].file);
  const original = fs.readFileSync(target.fsPath, 'utf8');
  const refreshMs: number[] = [];
  try {
    for (let i = 0; i < REFRESH_ROUNDS; i++) {
      fs.writeFileSync(
        target.fsPath,
        `${original}// edit ${i}\nconst extra${i} = stripe.apps.secrets.find({scope: {type: 'account'}, name: 'bench_edit_${i}'});\n`,
      );
      const t = performance.now();
      await indexer.refresh(target);
      refreshMs.push(performance.now() - t);
      if (!indexer.index.referencesIn(target.toString()).some((r) => r.name === `bench_edit_${i}`))
        throw new Error('the refresh did not see the edit');
    }
  } finally {
    fs.writeFileSync(target.fsPath, original);
  }
  return {
    findMs: indexer.stats.findMs,
    scanCpuMs: (used.user + used.system) / 1000,
    longestSliceMs: indexer.stats.longestSliceMs,
    load,
    scanMs,
    longestBlockMs: longest,
    longestBlockOnCpuMs: longestOnCpu,
    files: indexer.stats.files,
    filesWithCalls: indexer.index.fileCount(),
    calls: all.length,
    refreshMs,
    heapDeltaBytes,
  };
}

/**
 * Milliseconds this thread has run on a CPU (Linux's /proc/thread-self/schedstat, in ns; undefined
 * elsewhere). Unlike timer drift, it leaves out the time spent waiting for a CPU.
 */
function ranMs(): number | undefined {
  try {
    return Number(fs.readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
  } catch {
    return undefined;
  }
}

/** Heap used after a full collection, so the figure is what the index keeps, not garbage left by the reads. */
function heapAfterGc(): number {
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as (() => void) | undefined;
  gc?.();
  return process.memoryUsage().heapUsed;
}
