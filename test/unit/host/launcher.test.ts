import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test } from 'node:test';
import { runTests } from '@vscode/test-electron';
import { LauncherUsageError, parseLauncherArgs } from '../../host/launcher/code';
import { GREP_ENV } from '../../host/suite/protocol';

/** The exact command line and environment test-electron gives its "VS Code", captured by a stand-in executable. */
async function capture(options: Omit<Parameters<typeof runTests>[0], 'vscodeExecutablePath'>): Promise<{ argv: string[]; grep: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sas-launcher-'));
  try {
    const exe = path.join(dir, 'code');
    const out = path.join(dir, 'argv');
    fs.writeFileSync(exe, `#!/usr/bin/env bash\nprintf '%s\\0' "$@" > '${out}'\nprintf '%s' "$${GREP_ENV}" > '${out}.grep'\n`, {
      mode: 0o755,
    });
    await runTests({ ...options, vscodeExecutablePath: exe });
    return { argv: fs.readFileSync(out, 'utf8').split('\0').slice(0, -1), grep: fs.readFileSync(`${out}.grep`, 'utf8') };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test('the launcher understands everything @vscode/test-electron passes', async () => {
  const ws = path.join(os.tmpdir(), 'some workspace');
  const { argv, grep } = await capture({
    extensionDevelopmentPath: '/repo/ext',
    extensionTestsPath: '/repo/out/test/host/suite/index.js',
    launchArgs: [ws, '--disable-extensions', '--user-data-dir=/tmp/ud', '--extensions-dir=/tmp/ext'],
    extensionTestsEnv: { [GREP_ENV]: 'Connections' },
  });
  assert.ok(argv.includes('--extensionDevelopmentPath=/repo/ext'), argv.join(' '));
  const options = parseLauncherArgs(argv, { [GREP_ENV]: grep });
  assert.equal(options.extension, '/repo/ext');
  assert.equal(options.tests, '/repo/out/test/host/suite/index.js');
  assert.equal(options.workspace, ws);
  assert.equal(options.grep, 'Connections');
});

test('without launchArgs test-electron still passes only known flags (and its default profile dirs, which are ignored)', async () => {
  const { argv } = await capture({ extensionDevelopmentPath: '/repo/ext', extensionTestsPath: '/repo/suite.js' });
  const options = parseLauncherArgs(argv, {});
  assert.equal(options.workspace, undefined, 'a fresh folder then');
  assert.equal(options.grep, undefined);
});

test('the launcher refuses what it cannot honour, saying what', () => {
  const base = ['--extensionTestsPath=/t.js', '--extensionDevelopmentPath=/e'];
  const cases: Array<[string[], RegExp]> = [
    [['--extensionTestsPath=/t.js'], /Exactly one --extensionDevelopmentPath/],
    [[...base, '--extensionDevelopmentPath=/f'], /not 2/],
    [['--extensionDevelopmentPath=/e'], /--extensionTestsPath is missing/],
    [[...base, '/a', '/b'], /One workspace folder at most/],
    [[...base, '--inspect-extensions=9229'], /Unknown argument --inspect-extensions=9229/],
    [[...base, '--user-data-dir'], /--user-data-dir needs a value/],
  ];
  for (const [argv, message] of cases) {
    assert.throws(
      () => parseLauncherArgs(argv, {}),
      (e: unknown) => e instanceof LauncherUsageError && message.test(e.message),
      argv.join(' '),
    );
  }
  assert.equal(
    parseLauncherArgs([...base, '--user-data-dir', '/x', '/ws'], {}).workspace,
    '/ws',
    'a separate value is skipped, not taken as the folder',
  );
});
