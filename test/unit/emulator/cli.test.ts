import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { UsageError, parseArgs } from '../../../src/emulator/cli';

describe('emulator CLI flags', () => {
  it('defaults to port 12111 on 127.0.0.1 (host left to startEmulator)', () => {
    assert.deepEqual(parseArgs([]), { port: 12111 });
  });

  it('reads every flag, in both --flag value and --flag=value forms', () => {
    assert.deepEqual(
      parseArgs([
        '--port',
        '0',
        '--host=0.0.0.0',
        '--seed',
        'demo',
        '--latency',
        '50',
        '--rate-limit',
        '25/10',
        '--api-key',
        'sk_test_a1',
        '--api-key=rk_live_b2',
      ]),
      {
        port: 0,
        host: '0.0.0.0',
        seed: 'demo',
        latencyMs: 50,
        rateLimit: { ratePerSecond: 25, burst: 10 },
        apiKeys: ['sk_test_a1', 'rk_live_b2'],
      },
    );
  });

  it('rejects bad flags with a clear message', () => {
    const bad: Array<[string[], RegExp]> = [
      [['--port', 'abc'], /--port/],
      [['--port', '70000'], /--port/],
      [['--port'], /needs a value/],
      [['--port', '--seed'], /needs a value/],
      [['--seed', 'prod'], /--seed/],
      [['--latency', '-5'], /--latency/],
      [['--rate-limit', '25'], /N\/BURST/],
      [['--rate-limit', '0/5'], /N\/BURST/],
      [['--api-key', 'pk_test_x'], /--api-key/],
      [['--verbose'], /Unknown option '--verbose'/],
    ];
    for (const [argv, message] of bad)
      assert.throws(
        () => parseArgs(argv),
        (e: unknown) => e instanceof UsageError && message.test(e.message),
        argv.join(' '),
      );
  });

  it('--rate-limit N/sliding is a strict sliding window; organization keys are accepted keys', () => {
    assert.deepEqual(parseArgs(['--rate-limit', '100/sliding', '--api-key', 'sk_org_test_a1']), {
      port: 12111,
      rateLimit: { kind: 'sliding-window', ratePerSecond: 100 },
      apiKeys: ['sk_org_test_a1'],
    });
    for (const v of ['0/sliding', '2.5/sliding', 'sliding'])
      assert.throws(
        () => parseArgs(['--rate-limit', v]),
        (e: unknown) => e instanceof UsageError && /N\/sliding/.test(e.message),
        v,
      );
  });

  it('does not echo a rejected --api-key', () => {
    assert.throws(
      () => parseArgs(['--api-key', 'pk_live_SecretLooking123']),
      (e: unknown) => e instanceof Error && !e.message.includes('SecretLooking'),
    );
  });
});
