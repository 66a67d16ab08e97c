/**
 * The host suite's entry (extensionTestsPath): runs every *.test.js next to this file with mocha,
 * bdd interface (describe/it). Used both by runHostTests (code-server) and @vscode/test-electron.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import { GREP_ENV, RESULT_MARKER, type HostResult } from './protocol';

const ACTIVATION_SUITE = 'activation.test.js';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 20_000 });
  const grep = process.env[GREP_ENV];
  if (grep) mocha.grep(grep);
  // Activation first: it checks what activating alone loads, before any other suite sends a request.
  const files = fs
    .readdirSync(__dirname)
    .filter((f) => f.endsWith('.test.js'))
    .sort((a, b) => Number(b === ACTIVATION_SUITE) - Number(a === ACTIVATION_SUITE) || a.localeCompare(b));
  for (const file of files) mocha.addFile(path.join(__dirname, file));

  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const stats = runner.stats;
        const result: HostResult = { passed: stats?.passes ?? 0, failed: failures, pending: stats?.pending ?? 0 };
        console.log(RESULT_MARKER + JSON.stringify(result));
        if (failures > 0) reject(new Error(`${failures} host test(s) failed.`));
        else resolve();
      });
    } catch (err) {
      // A test file that throws on load: report it as one failure rather than a silent exit.
      console.error(err);
      console.log(RESULT_MARKER + JSON.stringify({ passed: 0, failed: 1, pending: 0 } satisfies HostResult));
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}
