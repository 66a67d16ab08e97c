import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createdGlobs } from '../../../src/workspaceIndex/scan';

const SOURCE = '**/*.{ts,py}';

test('createdGlobs: a created folder is one glob for its source files, and covers every path inside it', () => {
  const paths = [
    { path: 'app/m0/f1.ts', folder: false },
    { path: 'app', folder: true },
    { path: 'app/m0', folder: true },
    { path: 'app/m1/f2.py', folder: false },
  ];
  assert.deepEqual(createdGlobs(paths, SOURCE), [`app/${SOURCE}`]);
});

test('createdGlobs: created files are named per parent folder in one brace group', () => {
  const paths = [
    { path: 'src/a.ts', folder: false },
    { path: 'src/b.py', folder: false },
    { path: 'src/a.ts', folder: false },
    { path: 'lib/deep/c.ts', folder: false },
    { path: 'top.ts', folder: false },
    { path: 'top2.ts', folder: false },
  ];
  assert.deepEqual(createdGlobs(paths, SOURCE), ['src/{a.ts,b.py}', 'lib/deep/c.ts', '{top.ts,top2.ts}']);
});

test('createdGlobs: a folder covers only paths below it, not a sibling whose name starts the same', () => {
  const paths = [
    { path: 'app', folder: true },
    { path: 'app2/x.ts', folder: false },
    { path: 'app2', folder: true },
    { path: 'application.ts', folder: false },
  ];
  assert.deepEqual(createdGlobs(paths, SOURCE), [`app/${SOURCE}`, `app2/${SOURCE}`, 'application.ts']);
});

test('createdGlobs: nothing created, nothing to find', () => {
  assert.deepEqual(createdGlobs([], SOURCE), []);
});
