/**
 * test/unit mirrors src/: a test lives in the folder of the code it tests, so the tests of a folder
 * are found next to its name. test/unit/host tests the host suite's launcher (test/host/).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../e2e/lib/paths';

const UNIT = path.join(REPO_ROOT, 'test', 'unit');
const SRC_FOLDERS = fs
  .readdirSync(path.join(REPO_ROOT, 'src'), { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .map((e) => e.name);

function testFolders(): string[] {
  return fs
    .readdirSync(UNIT, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name);
}

test('every folder of test/unit is named after a folder of src/ (or host, for test/host)', () => {
  const stray = testFolders().filter((dir) => dir !== 'host' && !SRC_FOLDERS.includes(dir));
  assert.deepEqual(stray, [], `move these tests to the folder of what they test: ${stray.join(', ')}`);
});

test('each test in test/unit/<folder>/ imports from src/<folder>/', () => {
  const misplaced: string[] = [];
  for (const dir of testFolders().filter((d) => d !== 'host')) {
    for (const file of fs.readdirSync(path.join(UNIT, dir)).filter((f) => f.endsWith('.test.ts'))) {
      const text = fs.readFileSync(path.join(UNIT, dir, file), 'utf8');
      const own = new RegExp(`from '(?:\\.\\./)+src/${dir}(?:/[^']*)?'`);
      if (!own.test(text)) misplaced.push(`${dir}/${file}`);
    }
  }
  assert.deepEqual(misplaced, [], 'these tests import nothing from the src/ folder they are in');
});
