/**
 * Prints figures, asserts nothing. Run with `npm run bench` (`BENCH_QUICK=1` skips the sequential
 * client, which takes half a minute per case).
 *
 * Throughput at Stripe's rate limits, every case: two limiter shapes (a token bucket with bursts of
 * rate/5, and a strict sliding one-second window) x 25 and 100 requests/s x two workloads (1
 * account with 200 user scopes; 20 accounts reached with `Stripe-Account`, each with 10 user
 * scopes), one page per scope, 150 ms latency, against the emulator, which counts each request
 * against the account it acts on. The bound is the least time the limit allows: the requests of the
 * busiest account over the rate, and never less than one round trip. Target: 1.10x the bound, 0
 * failures, 1 list request per scope. The adaptive client is shown side by side with a sequential one.
 * Then memory after 1,000 set+list rounds.
 */
import { startEmulator, type EmulatorHandle } from '../../src/emulator/index';
import type { RateLimit } from '../../src/emulator/rateLimiter';
import { SecretStoreClient, type SecretStoreClientOptions } from '../../src/stripe/client';
import type { SecretScope } from '../../src/model/types';

const LATENCY_MS = 150;
const RATES = [25, 100];
/** Stripe's 25/s is test mode's and 100/s live mode's; the client expects the rate of its key's mode. */
const LIVE_KEY = `sk_live_${'bench'.repeat(6)}`;
const keyFor = (emu: EmulatorHandle, rate: number) => (rate >= 100 ? LIVE_KEY : emu.testKey);
const QUICK = process.env.BENCH_QUICK === '1';

interface Workload {
  label: string;
  /** '' for the key's own account. */
  accounts: string[];
  userScopes: number;
}

const WORKLOADS: Workload[] = [
  { label: '1 account x 200 users', accounts: [''], userScopes: 200 },
  { label: '20 accounts x 10 users', accounts: Array.from({ length: 20 }, (_, i) => `acct_bench${i}`), userScopes: 10 },
];

const LIMITERS: Array<{ label: string; make: (rate: number) => RateLimit }> = [
  { label: 'token bucket', make: (rate) => ({ ratePerSecond: rate, burst: Math.max(1, Math.round(rate / 5)) }) },
  { label: 'sliding 1 s window', make: (rate) => ({ kind: 'sliding-window', ratePerSecond: rate }) },
];

const CLIENTS: Array<{ label: string; options: SecretStoreClientOptions }> = [
  { label: 'sequential (1 in flight per account)', options: { maxConcurrentRequests: 1, adaptive: false } },
  { label: 'adaptive (default)', options: {} },
];

interface Job {
  account: string;
  scope: SecretScope;
}

interface Result {
  timeS: number;
  failures: number;
  absorbed: number;
  perScope: string;
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function jobsOf(workload: Workload): Job[] {
  return workload.accounts.flatMap((account, a) => [
    { account, scope: { type: 'account' } as SecretScope },
    ...Array.from({ length: workload.userScopes }, (_, i): Job => ({ account, scope: { type: 'user', user: `usr_bench${a}x${i}` } })),
  ]);
}

/** What the limit allows: the busiest account's requests over the rate, but never less than the same lists take with no limit at all (CPU, one round trip). */
function boundS(workload: Workload, rate: number, unlimitedS: number): number {
  return Math.max((workload.userScopes + 1) / rate, unlimitedS);
}

async function run(emu: EmulatorHandle, jobs: Job[], apiKey: string, limit: RateLimit | undefined, options: SecretStoreClientOptions): Promise<Result> {
  emu.setRateLimit(undefined);
  emu.setLatency(0);
  const client = new SecretStoreClient({ apiKey, apiBase: emu.url }, { timeoutMs: 120_000, ...options });
  // Let the previous case's second pass, so each case starts from a full allowance.
  await new Promise((r) => setTimeout(r, 1200));
  emu.setRateLimit(limit);
  emu.setLatency(LATENCY_MS);
  const before = emu.requests().length;
  const started = process.hrtime.bigint();
  const results = await Promise.allSettled(jobs.map((job) => client.list(job.scope, undefined, job.account === '' ? {} : { stripeAccount: job.account })));
  const timeS = Number(process.hrtime.bigint() - started) / 1e9;
  const requests = emu.requests().slice(before).filter((r) => r.method === 'GET');
  // The emulator's log has no query string: every scope has one page, so answered lists / scopes is the figure.
  const answered = requests.filter((r) => r.status === 200).length;
  return {
    timeS,
    failures: results.filter((r) => r.status === 'rejected').length,
    absorbed: requests.filter((r) => r.status === 429).length,
    perScope: answered === jobs.length ? '1' : (answered / jobs.length).toFixed(2),
  };
}

async function throughput(): Promise<void> {
  const emu = await startEmulator({});
  try {
    for (const apiKey of [emu.testKey, LIVE_KEY]) {
      const seed = new SecretStoreClient({ apiKey, apiBase: emu.url }, { expectedRatePerSecond: null });
      for (const workload of WORKLOADS) {
        await Promise.all(
          jobsOf(workload).map((job, i) => seed.set({ name: `s${i % 3}`, scope: job.scope, payload: `v${i}` }, job.account === '' ? {} : { stripeAccount: job.account })),
        );
      }
    }
    console.log(`Key: test mode at 25/s, live mode at 100/s (Stripe's documented limits). Every scope listed once (one page each), ${LATENCY_MS} ms latency; the emulator answers 429 above the rate, counting each request against the account it acts on.`);
    console.log('Token bucket: bursts of rate/5. Sliding window: at most `rate` requests accepted in any second.');
    console.log('Bound: the busiest account\'s requests / rate, but never less than the same lists take here with no limit at all (the no-limit column: one round trip plus this machine\'s CPU).');
    console.log('');
    console.log('| workload | limiter | limit | no-limit time | bound | client | time | time/bound | failures | 429s absorbed | requests per scope |');
    console.log('|---|---|---|---|---|---|---|---|---|---|---|');
    for (const workload of WORKLOADS) {
      const jobs = jobsOf(workload);
      // The best of three, so one slow moment of a busy machine does not lower the bar.
      const unlimited: Record<number, number> = {};
      for (const rate of RATES) {
        const times: number[] = [];
        for (let i = 0; i < 3; i++) times.push((await run(emu, jobs, keyFor(emu, rate), undefined, { expectedRatePerSecond: null })).timeS);
        unlimited[rate] = Math.min(...times);
      }
      for (const limiter of LIMITERS) {
        for (const rate of RATES) {
          const bound = boundS(workload, rate, unlimited[rate]);
          for (const client of CLIENTS) {
            if (QUICK && client.label.startsWith('sequential')) continue;
            const r = await run(emu, jobs, keyFor(emu, rate), limiter.make(rate), client.options);
            console.log(
              `| ${workload.label} (${jobs.length} lists) | ${limiter.label} | ${rate}/s | ${unlimited[rate].toFixed(2)} s | ${bound.toFixed(2)} s | ${client.label} | ${r.timeS.toFixed(2)} s | ${(r.timeS / bound).toFixed(2)}x | ${r.failures} | ${r.absorbed} | ${r.perScope} |`,
            );
          }
        }
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
  await throughput();
  if (!QUICK) await memory();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
