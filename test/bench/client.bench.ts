/**
 * Prints figures, asserts nothing. Run with `npm run bench`.
 *
 * Throughput at Stripe's rate limits: 1 account + 200 user scopes (one page each) listed at once
 * against the emulator with 150 ms latency behind a token bucket that answers 429 above 25
 * requests/s (test mode) and 100 requests/s (live mode). The bound is requests / rate; the target
 * is 1.10x the bound, 0 failures and 1 list request per scope. The adaptive client is compared
 * with a sequential client and with the fixed 4-in-flight limit the extension shipped before.
 * Then memory after 1,000 set+list rounds.
 */
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index';
import { SecretStoreClient, type SecretStoreClientOptions } from '../../src/stripe/client';
import type { SecretScope } from '../../src/model/types';

const USER_SCOPES = 200;
const LATENCY_MS = 150;
const RATES = [25, 100];
/** Bucket size, in requests: a fifth of a second's worth, so the limit is felt from the start. */
const burstOf = (rate: number) => Math.max(1, Math.round(rate / 5));

const CLIENTS: Array<{ label: string; options: SecretStoreClientOptions }> = [
  { label: 'sequential (1 in flight)', options: { maxConcurrentRequests: 1, adaptive: false } },
  { label: 'fixed 4 in flight (old default)', options: { maxConcurrentRequests: 4, adaptive: false } },
  { label: 'adaptive, ceiling 32 (default)', options: {} },
];

interface Row {
  client: string;
  rate: number;
  boundS: number;
  timeS: number;
  failures: number;
  absorbed: number;
  perScope: string;
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

async function run(emu: EmulatorHandle, scopes: SecretScope[], rate: number, label: string, options: SecretStoreClientOptions): Promise<Row> {
  emu.setRateLimit(undefined);
  emu.setLatency(0);
  const listed = new Map<string, number>();
  const client = new SecretStoreClient(
    { apiKey: emu.testKey, apiBase: emu.url },
    { timeoutMs: 120_000, ...options, onRequest: (e) => e.status === 200 && listed.set(e.path, (listed.get(e.path) ?? 0) + 1) },
  );
  // Refill the bucket, then start counting.
  await new Promise((r) => setTimeout(r, 1200));
  emu.setRateLimit({ ratePerSecond: rate, burst: burstOf(rate) });
  emu.setLatency(LATENCY_MS);
  const before = emu.requests().length;
  const started = process.hrtime.bigint();
  const results = await Promise.allSettled(scopes.map((scope) => client.list(scope)));
  const timeS = Number(process.hrtime.bigint() - started) / 1e9;
  const requests = emu.requests().slice(before).filter((r) => r.method === 'GET');
  const counts = [...listed.values()];
  return {
    client: label,
    rate,
    boundS: scopes.length / rate,
    timeS,
    failures: results.filter((r) => r.status === 'rejected').length,
    absorbed: requests.filter((r) => r.status === 429).length,
    perScope: counts.length === scopes.length && counts.every((c) => c === 1) ? '1' : `${Math.min(...counts)}-${Math.max(...counts)} (${counts.length} scopes)`,
  };
}

async function throughput(): Promise<void> {
  const emu = await startEmulator({});
  try {
    const seed = new SecretStoreClient({ apiKey: emu.testKey, apiBase: emu.url });
    const scopes: SecretScope[] = [{ type: 'account' }, ...Array.from({ length: USER_SCOPES }, (_, i): SecretScope => ({ type: 'user', user: `usr_bench${i}` }))];
    await Promise.all(scopes.map((scope, i) => seed.set({ name: `s${i % 3}`, scope, payload: `v${i}` })));
    const rows: Row[] = [];
    for (const { label, options } of CLIENTS) {
      for (const rate of RATES) {
        if (label.startsWith('sequential') && rate !== RATES[0]) continue;
        rows.push(await run(emu, scopes, rate, label, options));
      }
    }
    console.log(`List ${scopes.length} scopes (1 account + ${USER_SCOPES} users, one page each), latency ${LATENCY_MS} ms, 429 above the rate (token bucket, burst rate/5):`);
    console.log('| client | limit | bound | time | time/bound | failures | 429s absorbed | requests per scope |');
    console.log('|---|---|---|---|---|---|---|---|');
    for (const r of rows) {
      console.log(`| ${r.client} | ${r.rate}/s (burst ${burstOf(r.rate)}) | ${r.boundS.toFixed(2)} s | ${r.timeS.toFixed(2)} s | ${(r.timeS / r.boundS).toFixed(2)}x | ${r.failures} | ${r.absorbed} | ${r.perScope} |`);
    }
    console.log('(The sequential client does not depend on the limit: it never exceeds 1 request per latency.)');
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
  await throughput();
  await memory();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
