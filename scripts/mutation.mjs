/* global console, process */
// Mutation testing of the plain-Node core with StrykerJS, one folder per run:
//   npm run test:mutation -- model            (or references, stripe, emulator; several in turn;
//                                              model/validation mutates that one file)
// Stryker instruments src/<folder>/ in a sandbox, compiles it with tsc and runs the unit tests as they
// are (node:test files, TAP output), each mutant only against the test files that reach it. A folder
// under 90 % fails the run. Mutants that no test can kill are listed in test/mutation/EQUIVALENT.md.
// Slow on two cores, so not part of `npm test`; MUTATION_CONCURRENCY sets the worker count (default 2).
import fs from 'node:fs';
import path from 'node:path';
import { Stryker } from '@stryker-mutator/core';

// The unit tests run against each folder: its own (test/unit mirrors src/) and those elsewhere that import it.
// generatedCode.test compiles snippets with real toolchains (javac, go, php): minutes a run, so it is left out.
const folders = {
  model: ['model', 'tree/scopeCache', 'tree/expiryTimer', 'commands/secretRules', 'ui/orgSandboxSync'],
  references: ['references'],
  stripe: ['stripe', 'ui/errorReport'],
  // test/integration drives the emulator too, but takes about a minute a run on two cores and every
  // emulator mutant would run it: left out; test/unit/emulator checks the same behaviour over HTTP.
  emulator: ['emulator', 'stripe/pacing'],
};
const SLOW = new Set(['model/generatedCode.test.ts']);

function testFiles(folder) {
  return folders[folder].flatMap((name) => {
    const dir = path.join('test/unit', name);
    const files = fs.existsSync(dir)
      ? fs
          .readdirSync(dir)
          .filter((f) => f.endsWith('.test.ts'))
          .map((f) => `${name}/${f}`)
      : [`${name}.test.ts`];
    // A test file moved away would otherwise drop out of the run in silence, and its kills with it.
    for (const f of files) if (!fs.existsSync(path.join('test/unit', f))) throw new Error(`No test file test/unit/${f}`);
    return files.filter((f) => !SLOW.has(f)).map((f) => `out/test/unit/${f.replace(/\.ts$/, '.js')}`);
  });
}

const asked = process.argv.slice(2);
const unknown = asked.filter((name) => !(name.split('/')[0] in folders));
if (asked.length === 0 || unknown.length > 0) {
  console.error(
    `Name the folders to mutate, one or more of: ${Object.keys(folders).join(', ')}${unknown.length ? ` (not ${unknown.join(', ')})` : ''}.`,
  );
  process.exit(2);
}

const concurrency = Number(process.env.MUTATION_CONCURRENCY ?? 2);
// Each mutant runs whole test files again: test files that check against thousands of generated inputs
// (test/unit/model/dotenv.test.ts, masking.test.ts) read this and take about a tenth of them. Stryker's workers and the
// tap runner's test processes inherit the environment. `npm test` runs the full samples.
process.env.MUTATION_SMALL_SAMPLES = '1';
let failed = false;
for (const target of asked) {
  const folder = target.split('/')[0];
  const stryker = new Stryker({
    mutate: target === folder ? [`src/${folder}/**/*.ts`] : [`src/${target}.ts`],
    testRunner: 'tap',
    tap: { testFiles: testFiles(folder), nodeArgs: ['--test-reporter=tap', '-r', '{{hookFile}}', '{{testFile}}'] },
    buildCommand: 'npx tsc -p .',
    // Only src/ needs `// @ts-nocheck` to compile instrumented; on a fixture it would shift every line by one.
    disableTypeChecks: 'src/**/*.ts',
    coverageAnalysis: 'perTest',
    dryRunTimeoutMinutes: 30,
    concurrency,
    ignorePatterns: ['.vscode-test', 'out', 'dist', 'test-results', 'reports', 'docs', 'demo', '*.vsix'],
    incremental: true,
    incrementalFile: `reports/mutation/${target.replace('/', '-')}.incremental.json`,
    reporters: ['clear-text', 'progress-append-only', 'html', 'json'],
    htmlReporter: { fileName: `reports/mutation/${target.replace('/', '-')}.html` },
    jsonReporter: { fileName: `reports/mutation/${target.replace('/', '-')}.json` },
    clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
    thresholds: { high: 95, low: 90, break: 90 },
    tempDirName: '.stryker-tmp',
  });
  try {
    const results = await stryker.runMutationTest();
    const counted = results.filter((m) => m.status !== 'Ignored' && m.status !== 'CompileError' && m.status !== 'RuntimeError');
    const detected = counted.filter((m) => m.status === 'Killed' || m.status === 'Timeout').length;
    console.log(`mutation ${target}: ${((100 * detected) / counted.length).toFixed(1)} % of ${counted.length} mutants detected`);
  } catch (error) {
    console.error(`mutation ${target}: ${error instanceof Error ? error.message : String(error)}`);
    failed = true;
  }
  if (process.exitCode) failed = true;
}
process.exit(failed ? 1 : 0);
