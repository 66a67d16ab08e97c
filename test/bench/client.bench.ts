/**
 * Prints figures, asserts nothing. `npm run bench` (`BENCH_QUICK=1`: one run per case instead of
 * three, no memory figures; `BENCH_RUNS=N`: N runs per case; `BENCH_ONLY=text`: the cases whose
 * "workload limiter rate" contains it).
 *
 * Listing at Stripe's rate limits, every case: two limiter shapes in the emulator (a token bucket
 * with bursts of rate/5, and a strict sliding one-second window) x 25 and 100 requests/s x two
 * workloads (1 account with 200 user scopes; 20 accounts reached with `Stripe-Account`, each with
 * 10 user scopes), one page per scope, 150 ms latency. The emulator counts each request against the
 * account it acts on (see README "Rate limits"), and runs in a process of its own (emulatorProcess.ts).
 *
 * Every figure printed is measured here, except the limit's own bound, which is computed from the
 * emulator's limiter itself (see `limitBoundS`):
 * - bound: the larger of (a) the least time the limit allows, every request of the busiest account
 *   sent at the first millisecond the emulator's limiter would accept it, plus one round trip, and
 *   (b) the no-limit time: the same lists by the same client with no limit and no expected rate to
 *   pace by (so at most 32 requests in flight per account, its ceiling), the best of as
 *   many runs, each just before a limited run so both meet the same load (on a small shared machine
 *   this is mostly CPU, above all for 20 accounts x 11 lists at once);
 * - sequential: one request in flight per account, no pacing, one run (it is never near the limit);
 * - adaptive: the default client, the median of the runs (the range is printed beside it);
 * - 429s absorbed, failures and lists per scope: of the median run; lists per scope counts the
 *   successful list requests of each scope (each scope has one page, so 1 is the target).
 * The sequential cases run side by side, each against its own emulator, before anything else; the
 * adaptive runs go one at a time.
 */
import { startEmulator } from '../../src/emulator/index';
import { SlidingWindow, TokenBucket, type RateLimit, type RequestLimiter } from '../../src/emulator/rateLimiter';
import { SecretStoreClient, type SecretStoreClientOptions } from '../../src/stripe/client';
import type { SecretScope } from '../../src/model/types';
import { startEmulatorProcess, type BenchEmulator } from './emulatorProcess';

const LATENCY_MS = 150;
const RATES = [25, 100];
/** Stripe's 25/s is test mode's and 100/s live mode's; the client expects the rate of its key's mode. */
const LIVE_KEY = `sk_live_${'bench'.repeat(6)}`;
const QUICK = process.env.BENCH_QUICK === '1';
/** Only the cases whose label contains this (for working on one case). */
const ONLY = process.env.BENCH_ONLY ?? '';
const RUNS = Math.max(1, Number(process.env.BENCH_RUNS ?? (QUICK ? 1 : 3)) || 1);

interface Workload {
  label: string;
  /** '' for the key's own account. */
  accounts: string[];
  userScopes: number;
}

const WORKLOADS: Workload[] = [
  { label: '1 account x 200 user scopes', accounts: [''], userScopes: 200 },
  { label: '20 accounts x 10 user scopes', accounts: Array.from({ length: 20 }, (_, i) => `acct_bench${i}`), userScopes: 10 },
];

interface Shape {
  label: string;
  limit: (rate: number) => RateLimit;
  make: (rate: number, now: () => number) => RequestLimiter;
}

const SHAPES: Shape[] = [
  {
    label: 'token bucket (burst rate/5)',
    limit: (rate) => ({ ratePerSecond: rate, burst: Math.max(1, Math.round(rate / 5)) }),
    make: (rate, now) => new TokenBucket(rate, Math.max(1, Math.round(rate / 5)), now),
  },
  {
    label: 'strict sliding 1 s window',
    limit: (rate) => ({ kind: 'sliding-window', ratePerSecond: rate }),
    make: (rate, now) => new SlidingWindow(rate, now),
  },
];

const SEQUENTIAL: SecretStoreClientOptions = { maxConcurrentRequests: 1, adaptive: false };
const ADAPTIVE: SecretStoreClientOptions = {};
/** The same client with nothing to pace by: no expected rate, and no 429 to learn one from. */
const UNPACED: SecretStoreClientOptions = { expectedRatePerSecond: null };

interface Job {
  account: string;
  scope: SecretScope;
}

type Fetch = (url: string, init?: { method?: string; headers?: Record<string, string> }) => Promise<{ status: number }>;

let nodeFetch: Promise<Fetch> | undefined;
/** The client's own default (node-fetch), wrapped to see which account each list went to. */
async function loadFetch(): Promise<Fetch> {
  nodeFetch ??= import('node-fetch').then((m) => m.default as unknown as Fetch);
  return nodeFetch;
}

interface Result {
  timeS: number;
  failures: number;
  absorbed: number;
  /** Successful lists per scope: "1", or the range seen. */
  perScope: string;
}

const keyFor = (emu: BenchEmulator, rate: number) => (rate >= 100 ? LIVE_KEY : emu.testKey);
const seconds = (s: number) => `${s.toFixed(2)} s`;

function jobsOf(workload: Workload): Job[] {
  return workload.accounts.flatMap((account, a) => [
    { account, scope: { type: 'account' } as SecretScope },
    ...Array.from({ length: workload.userScopes }, (_, i): Job => ({ account, scope: { type: 'user', user: `usr_bench${a}x${i}` } })),
  ]);
}

/** The least time the limit allows: the busiest account's requests, each at the first ms the emulator's own limiter accepts it, plus one round trip. */
function limitBoundS(workload: Workload, shape: Shape, rate: number): number {
  let t = 0;
  const limiter = shape.make(rate, () => t);
  for (let sent = 0; sent < workload.userScopes + 1;) {
    if (limiter.tryTake()) sent++;
    else t++;
  }
  return (t + LATENCY_MS) / 1000;
}

/** An emulator holding a secret in every scope of `workloads`, for both keys. */
async function seeded(workloads: Workload[], keys: (emu: BenchEmulator) => string[]): Promise<BenchEmulator> {
  const emu = await startEmulatorProcess();
  for (const apiKey of keys(emu)) {
    const seed = new SecretStoreClient({ apiKey, apiBase: emu.url }, { expectedRatePerSecond: null, timeoutMs: 300_000 });
    for (const workload of workloads) {
      await Promise.all(
        jobsOf(workload).map((job, i) =>
          seed.set({ name: `s${i % 3}`, scope: job.scope, payload: `v${i}` }, job.account === '' ? {} : { stripeAccount: job.account }),
        ),
      );
    }
  }
  return emu;
}

async function run(
  emu: BenchEmulator,
  jobs: Job[],
  apiKey: string,
  limit: RateLimit | undefined,
  options: SecretStoreClientOptions,
): Promise<Result> {
  const base = await loadFetch();
  /** Successful lists per "account|scope". */
  const listed = new Map<string, number>();
  let absorbed = 0;
  const fetch: Fetch = async (url, init) => {
    const res = await base(url, init);
    if (res.status === 429) absorbed++;
    if ((init?.method ?? 'GET') === 'GET' && res.status === 200) {
      const query = new URL(url).searchParams;
      const key = `${new Headers(init?.headers).get('stripe-account') ?? ''}|${query.get('scope[type]')}|${query.get('scope[user]') ?? ''}`;
      listed.set(key, (listed.get(key) ?? 0) + 1);
    }
    return res;
  };
  const client = new SecretStoreClient({ apiKey, apiBase: emu.url }, { timeoutMs: 120_000, ...options, fetch });
  // A fresh limiter per account in the emulator: every run starts from a full allowance.
  await emu.setRateLimit(limit);
  await emu.setLatency(LATENCY_MS);
  const started = process.hrtime.bigint();
  const results = await Promise.allSettled(
    jobs.map((job) => client.list(job.scope, undefined, job.account === '' ? {} : { stripeAccount: job.account })),
  );
  const timeS = Number(process.hrtime.bigint() - started) / 1e9;
  await emu.setRateLimit(undefined);
  await emu.setLatency(0);
  const counts = jobs.map((j) => listed.get(`${j.account}|${j.scope.type}|${j.scope.type === 'user' ? j.scope.user : ''}`) ?? 0);
  const min = Math.min(...counts);
  const max = Math.max(...counts);
  return {
    timeS,
    failures: results.filter((r) => r.status === 'rejected').length,
    absorbed,
    perScope: min === max ? String(min) : `${min}-${max}`,
  };
}

function median<T>(items: T[], by: (t: T) => number): T {
  const sorted = [...items].sort((a, b) => by(a) - by(b));
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

interface Case {
  workload: Workload;
  shape: Shape;
  rate: number;
}

async function throughput(): Promise<void> {
  const cases: Case[] = WORKLOADS.flatMap((workload) => SHAPES.flatMap((shape) => RATES.map((rate) => ({ workload, shape, rate })))).filter(
    (c) => `${c.workload.label} ${c.shape.label} ${c.rate}/s`.includes(ONLY),
  );
  const benchStarted = Date.now();

  // The sequential client side by side, each case against its own emulator: it is slow, not busy.
  const sequential = await Promise.all(
    cases.map(async (c) => {
      const emu = await seeded([c.workload], (e) => [keyFor(e, c.rate)]);
      try {
        return await run(emu, jobsOf(c.workload), keyFor(emu, c.rate), c.shape.limit(c.rate), SEQUENTIAL);
      } finally {
        await emu.close();
      }
    }),
  );

  const emu = await seeded(WORKLOADS, (e) => [e.testKey, LIVE_KEY]);
  const rows: string[] = [];
  try {
    for (const [i, c] of cases.entries()) {
      const jobs = jobsOf(c.workload);
      const runs: Result[] = [];
      const free: number[] = [];
      // The no-limit runs alternate with the limited ones, so both meet the same load on a shared machine.
      for (let r = 0; r < RUNS; r++) {
        free.push((await run(emu, jobs, keyFor(emu, c.rate), undefined, UNPACED)).timeS);
        runs.push(await run(emu, jobs, keyFor(emu, c.rate), c.shape.limit(c.rate), ADAPTIVE));
      }
      const mid = median(runs, (x) => x.timeS);
      const byLimit = limitBoundS(c.workload, c.shape, c.rate);
      const bound = Math.max(byLimit, Math.min(...free));
      const times = runs.map((x) => x.timeS);
      const range = RUNS > 1 ? ` (${Math.min(...times).toFixed(2)}-${Math.max(...times).toFixed(2)})` : '';
      const seq = sequential[i];
      rows.push(
        `| ${c.workload.label} (${jobs.length} lists) | ${c.shape.label} | ${c.rate}/s | ${seconds(bound)} (${byLimit >= Math.min(...free) ? 'limit' : 'no limit'}) | ` +
          `${seconds(seq.timeS)} (${seq.failures} failed) | ${seconds(mid.timeS)}${range} | ${(mid.timeS / bound).toFixed(2)}x | ${mid.absorbed} | ${mid.failures} | ${mid.perScope} |`,
      );
    }
    console.log(
      `Every scope listed once (one page each), ${LATENCY_MS} ms latency, one emulator limiter per account. Key: test mode for 25/s, live mode for 100/s (Stripe's documented limits, which the client expects for the key's mode).`,
    );
    console.log(
      "bound = the larger of the least time the limit allows (the busiest account's requests each at the first ms the emulator's limiter accepts it, plus one round trip) and the least no-limit time measured here; which one is in brackets.",
    );
    console.log(
      `sequential: 1 request in flight per account, one run. adaptive: the default client, median of ${RUNS} run${RUNS > 1 ? 's (range in brackets)' : ''}; 429s, failures and lists per scope of that run.`,
    );
    console.log('');
    console.log(
      '| case | limiter | rate | bound | sequential | adaptive | adaptive / bound | 429s absorbed | failures | lists per scope |',
    );
    console.log('|---|---|---|---|---|---|---|---|---|---|');
    for (const row of rows) console.log(row);
    console.log(`\n(bench wall time ${((Date.now() - benchStarted) / 1000).toFixed(0)} s)`);
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
    const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
    console.log(`1,000 set+list rounds (2,000 requests, no latency): ${ms.toFixed(0)} ms, ${(ms / 2000).toFixed(2)} ms per request`);
    console.log(
      `  RSS ${mb(before.rss)} -> ${mb(after.rss)}; heap used ${mb(before.heapUsed)} -> ${mb(after.heapUsed)}${gc ? ' (after gc)' : ' (run node --expose-gc for figures after gc)'}`,
    );
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
