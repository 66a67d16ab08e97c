/**
 * The emulator on an event loop of its own, in a child process, as Stripe answers from its own
 * servers. In the client's process, 220 requests in flight made the server's arrivals wait on the
 * client's own work, and arrive bunched: a limiter then refuses what Stripe's would have taken.
 *
 * `startEmulatorProcess()` forks this file; the child starts an emulator, sends its url and test
 * key, then obeys `setRateLimit`, `setLatency` and `close` over IPC.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { startEmulator } from '../../src/emulator/index';
import type { RateLimit } from '../../src/emulator/rateLimiter';

type Command = { op: 'setRateLimit'; limit: RateLimit | null } | { op: 'setLatency'; ms: number } | { op: 'close' };
type Order = Command & { id: number };
type Reply = { id: number; error?: string } | { ready: { url: string; testKey: string } };

/** What the bench needs of an emulator, near or far. */
export interface BenchEmulator {
  url: string;
  testKey: string;
  setRateLimit(limit: RateLimit | undefined): Promise<void>;
  setLatency(ms: number): Promise<void>;
  close(): Promise<void>;
}

export async function startEmulatorProcess(): Promise<BenchEmulator> {
  const child: ChildProcess = fork(__filename, ['--child'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const waiting = new Map<number, { resolve: () => void; reject: (err: Error) => void }>();
  let next = 0;
  const ready = await new Promise<{ url: string; testKey: string }>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the emulator process exited (${code}) before it was ready`)));
    child.on('message', (reply: Reply) => {
      if ('ready' in reply) return resolve(reply.ready);
      const waiter = waiting.get(reply.id);
      waiting.delete(reply.id);
      if (reply.error === undefined) waiter?.resolve();
      else waiter?.reject(new Error(reply.error));
    });
  });
  child.removeAllListeners('exit');
  const send = (command: Command) =>
    new Promise<void>((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve, reject });
      child.send({ ...command, id });
    });
  return {
    ...ready,
    setRateLimit: (limit) => send({ op: 'setRateLimit', limit: limit ?? null }),
    setLatency: (ms) => send({ op: 'setLatency', ms }),
    close: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await send({ op: 'close' });
      child.disconnect();
      await exited;
    },
  };
}

async function child(): Promise<void> {
  const emu = await startEmulator({});
  const reply = (message: Reply) => process.send?.(message);
  const obey = async (order: Order): Promise<void> => {
    if (order.op === 'setRateLimit') emu.setRateLimit(order.limit ?? undefined);
    else if (order.op === 'setLatency') emu.setLatency(order.ms);
    else await emu.close();
  };
  process.on('message', (order: Order) => {
    obey(order).then(
      () => reply({ id: order.id }),
      (err: unknown) => reply({ id: order.id, error: err instanceof Error ? err.message : String(err) }),
    );
  });
  reply({ ready: { url: emu.url, testKey: emu.testKey } });
}

if (process.argv.includes('--child')) {
  child().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
