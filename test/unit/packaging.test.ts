import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../e2e/lib/paths';

/** The files of dist/ the extension loads: its main file and every part it requires lazily (esbuild.mjs APART). */
function bundleFiles(): string[] {
  const build = fs.readFileSync(path.join(REPO_ROOT, 'esbuild.mjs'), 'utf8');
  const apart = /const APART = \{([^}]*)\}/.exec(build)?.[1] ?? '';
  const names = [...apart.matchAll(/(\w+): path\.resolve/g)].map((m) => `dist/${m[1]}.js`);
  assert.ok(names.length >= 2, 'esbuild.mjs lists the lazily loaded parts in APART');
  return ['dist/extension.js', ...names].sort();
}

test('the .vsix ships the bundle and every lazily required part of it, and nothing else from dist/', { timeout: 60_000 }, () => {
  const vsce = path.join(REPO_ROOT, 'node_modules', '.bin', 'vsce');
  const listed = execFileSync(vsce, ['ls', '--no-dependencies'], { cwd: REPO_ROOT, encoding: 'utf8' }).split('\n').map((l) => l.trim());
  assert.deepEqual(listed.filter((f) => f.startsWith('dist/')).sort(), bundleFiles());
});
