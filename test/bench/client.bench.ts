/**
 * Prints figures, asserts nothing: list time for 3 and 20 scopes at 20 ms latency with 1 vs 4
 * requests in flight, and memory after 1,000 set+list rounds. Run with `npm run bench`.
 */
import { startEmulator } from '../../src/emulator/index';
import { SecretStoreClient } from '../../src/stripe/client';
import type { SecretScope } from '../../src/model/types';

const SECRETS_PER_SCOPE = 5;

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

async function listTimes(): Promise<void> {
  const emu = await startEmulator({});
  try {
    const seed = new SecretStoreClient({ apiKey: emu.testKey, apiBase: emu.url }, { maxConcurrentRequests: 8 });
    const scopes: SecretScope[] = Array.from({ length: 20 }, (_, i) => ({ type: 'user', user: `usr_bench${i}` }));
    await Promise.all(scopes.flatMap((scope) => Array.from({ length: SECRETS_PER_SCOPE }, (_, k) => seed.set({ name: `s${k}`, scope, payload: `v${k}` }))));
    emu.setLatency(20);
    console.log(`List scopes (${SECRETS_PER_SCOPE} secrets each, one page per scope), emulator latency 20 ms:`);
    for (const count of [3, 20]) {
      for (const concurrency of [1, 4]) {
        const client = new SecretStoreClient({ apiKey: emu.testKey, apiBase: emu.url }, { maxConcurrentRequests: concurrency });
        await client.verify();
        const started = process.hrtime.bigint();
        await Promise.all(scopes.slice(0, count).map((scope) => client.list(scope)));
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        console.log(`  ${String(count).padStart(2)} scopes, concurrency ${concurrency}: ${ms.toFixed(0).padStart(5)} ms`);
      }
    }
  } finally {
    await emu.close();
  }
}

async function memory(): Promise<void> {
  const emu = await startEmulator({});
  try {
    const client = new SecretStoreClient({ apiKey: emu.testKey, apiBase: emu.url });
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const before = process.memoryUsage();
    const started = process.hrtime.bigint();
    const scope: SecretScope = { type: 'account' };
    for (let i = 0; i < 1000; i++) {
      await client.set({ name: `s${i % 10}`, scope, payload: `value-${i}` });
      await client.list(scope);
    }
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    gc?.();
    const after = process.memoryUsage();
    console.log(`1,000 set+list rounds (2,000 requests, no latency): ${ms.toFixed(0)} ms, ${(ms / 2000).toFixed(2)} ms per request`);
    console.log(`  RSS ${mb(before.rss)} -> ${mb(after.rss)}; heap used ${mb(before.heapUsed)} -> ${mb(after.heapUsed)}${gc ? ' (after gc)' : ' (run node --expose-gc for figures after gc)'}`);
  } finally {
    await emu.close();
  }
}

async function main(): Promise<void> {
  await listTimes();
  await memory();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
