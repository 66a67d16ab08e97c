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

describe('emulator CLI flags, at their bounds', () => {
  const refused = (argv: string[], message: RegExp) =>
    assert.throws(
      () => parseArgs(argv),
      (e: unknown) => e instanceof UsageError && message.test(e.message),
      argv.join(' '),
    );

  it('takes ports 0 to 65535 written as whole numbers', () => {
    assert.equal(parseArgs(['--port', '65535']).port, 65535);
    for (const port of ['65536', 'a1', '1a']) refused(['--port', port], /^--port must be a number from 0 to 65535, not '.*'\.$/);
  });

  it('takes a value that starts with -- only after =', () => {
    refused(['--seed=--demo'], /^--seed accepts only 'demo', not '--demo'\.$/);
    refused(['--host', '--port'], /^--host needs a value\.$/);
  });

  it('takes a latency in whole milliseconds', () => {
    assert.equal(parseArgs(['--latency=0']).latencyMs, 0);
    for (const latency of ['5ms', 'x5']) refused(['--latency', latency], /^--latency must be a whole number of milliseconds/);
  });

  it('takes N/BURST with a fractional rate, or N/sliding, and nothing around them', () => {
    assert.deepEqual(parseArgs(['--rate-limit', '2.5/5']).rateLimit, { ratePerSecond: 2.5, burst: 5 });
    assert.deepEqual(parseArgs(['--rate-limit', '1/1']).rateLimit, { ratePerSecond: 1, burst: 1 });
    assert.deepEqual(parseArgs(['--rate-limit', '1/sliding']).rateLimit, { kind: 'sliding-window', ratePerSecond: 1 });
    for (const limit of ['5/0', 'x5/5', '5/5x', 'x5/sliding', '5/slidingx'])
      refused(['--rate-limit', limit], /^--rate-limit must look like/);
  });

  it('takes only whole secret, restricted and organization keys', () => {
    assert.deepEqual(parseArgs(['--api-key', 'sk_org_a_b', '--api-key', 'rk_test_A1']).apiKeys, ['sk_org_a_b', 'rk_test_A1']);
    for (const key of ['xsk_test_a', 'sk_test_a-b', 'xsk_org_a', 'sk_org_a-b']) refused(['--api-key', key], /^--api-key must be/);
  });

  it('collects every --allow-host, and takes only host names or addresses', () => {
    assert.deepEqual(parseArgs(['--allow-host', 'a.lan', '--allow-host', '[fd00::1]']).allowedHosts, ['a.lan', '[fd00::1]']);
    refused(['--allow-host', 'a/b'], /^--allow-host takes a host name or address, not 'a\/b'\.$/);
  });

  it('answers --help and -h with the usage alone (an empty message)', () => {
    for (const flag of ['--help', '-h']) refused([flag], /^$/);
    refused(['x=y'], /^Unknown option 'x=y'\.$/);
  });
});
