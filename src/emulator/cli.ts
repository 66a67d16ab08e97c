/**
 * `npm run emulator -- --port 12111 [--host 127.0.0.1] [--allow-host NAME ...] [--seed demo] [--latency MS] [--rate-limit N/BURST|N/sliding] [--api-key KEY ...]`
 */
import { isLoopbackHost } from '../model/validation';
import { startEmulator } from './server';
import type { EmulatorOptions } from './types';

// Stryker disable next-line all: printed only by main(), the process entry point (see below).
const USAGE = `Usage: npm run emulator -- [--port 12111] [--host 127.0.0.1] [--allow-host NAME ...] [--seed demo] [--latency MS] [--rate-limit N/BURST|N/sliding] [--api-key KEY ...]

  --port N              port to listen on (default 12111; 0 picks a free one)
  --host HOST           interface to bind (default 127.0.0.1); any other than loopback needs --api-key,
                        and then the emulator's public test key is refused
  --allow-host NAME     also answer requests whose Host header names NAME (repeatable); loopback
                        names and HOST are always allowed, others get 403 (DNS rebinding protection)
  --seed demo           load the demo secrets into the test-mode store
  --latency MS          delay every response by MS milliseconds
  --rate-limit N/BURST  token bucket: N requests per second, bursts of up to BURST (e.g. 25/25); over it: 429
  --rate-limit N/sliding  strict sliding window: at most N requests in any second (e.g. 100/sliding)
  --api-key KEY         accept only these keys (repeatable); on loopback the emulator's own test key works too`;

export class UsageError extends Error {}

export function parseArgs(argv: string[]): EmulatorOptions {
  const options: EmulatorOptions = { port: 12111 };
  const apiKeys: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const [name, inline] =
      flag.startsWith('--') && flag.includes('=')
        ? [flag.slice(0, flag.indexOf('=')), flag.slice(flag.indexOf('=') + 1)]
        : [flag, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || (inline === undefined && v.startsWith('--'))) throw new UsageError(`${name} needs a value.`);
      return v;
    };
    switch (name) {
      case '--port': {
        const v = value();
        if (!/^\d+$/.test(v) || Number(v) > 65535) throw new UsageError(`--port must be a number from 0 to 65535, not '${v}'.`);
        options.port = Number(v);
        break;
      }
      case '--host':
        options.host = value();
        break;
      case '--allow-host': {
        const v = value().toLowerCase();
        if (!/^[a-z0-9.:[\]-]+$/.test(v)) throw new UsageError(`--allow-host takes a host name or address, not '${v}'.`);
        (options.allowedHosts ??= []).push(v);
        break;
      }
      case '--seed': {
        const v = value();
        if (v !== 'demo') throw new UsageError(`--seed accepts only 'demo', not '${v}'.`);
        options.seed = 'demo';
        break;
      }
      case '--latency': {
        const v = value();
        if (!/^\d+$/.test(v)) throw new UsageError(`--latency must be a whole number of milliseconds, not '${v}'.`);
        options.latencyMs = Number(v);
        break;
      }
      case '--rate-limit': {
        const v = value();
        const sliding = /^(\d+)\/sliding$/.exec(v);
        if (sliding && Number(sliding[1]) >= 1) {
          options.rateLimit = { kind: 'sliding-window', ratePerSecond: Number(sliding[1]) };
          break;
        }
        const match = /^(\d+(?:\.\d+)?)\/(\d+)$/.exec(v);
        if (!match || Number(match[1]) <= 0 || Number(match[2]) < 1) {
          throw new UsageError(`--rate-limit must look like N/BURST (e.g. 25/25) or N/sliding (e.g. 100/sliding), not '${v}'.`);
        }
        options.rateLimit = { ratePerSecond: Number(match[1]), burst: Number(match[2]) };
        break;
      }
      case '--api-key': {
        const v = value();
        if (!/^(?:(?:sk|rk)_(?:test|live)_[A-Za-z0-9]+|sk_org_[A-Za-z0-9_]+)$/.test(v))
          throw new UsageError('--api-key must be a secret, restricted or organization key (sk_..., rk_... or sk_org_...).');
        apiKeys.push(v);
        break;
      }
      case '--help':
      case '-h':
        throw new UsageError('');
      default:
        throw new UsageError(`Unknown option '${flag}'.`);
    }
  }
  if (apiKeys.length > 0) options.apiKeys = apiKeys;
  if (options.host !== undefined && !isLoopbackHost(options.host) && apiKeys.length === 0) {
    throw new UsageError(
      `--host ${options.host} makes the emulator reachable from other computers: give the keys it accepts with --api-key KEY (its built-in test key is public and is then refused).`,
    );
  }
  return options;
}

// Stryker disable all: main() is the process entry point (it prints, listens and exits the process); the
// tests call parseArgs and startEmulator, which hold all its logic, and not the process around them.
async function main(): Promise<void> {
  let options: EmulatorOptions;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    if (error.message) console.error(`emulator: ${error.message}\n`);
    console.error(USAGE);
    process.exit(error.message ? 2 : 0);
  }
  const emulator = await startEmulator(options);
  const stop = () => {
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  console.log(`Stripe Secret Store emulator listening on ${emulator.url}${options.seed ? ` (seed: ${options.seed})` : ''}`);
  const loopback = isLoopbackHost(options.host ?? '127.0.0.1');
  if (loopback) console.log(`Test key (this emulator's own): ${emulator.testKey}`);
  if (options.apiKeys)
    console.log(`${loopback ? 'Also accepting' : 'Accepting only'} the ${options.apiKeys.length} key(s) given with --api-key.`);
  console.log(`Try: curl -g -u ${loopback ? emulator.testKey : 'YOUR_KEY'}: '${emulator.url}/v1/apps/secrets?scope[type]=account'`);
  console.log('Stop with Ctrl+C.');
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(`emulator: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
// Stryker restore all
