import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../e2e/lib/paths';

/**
 * The files of dist/ the extension loads: its main file, every part it requires lazily (esbuild.mjs
 * APART), and the webview pages' scripts (esbuild.mjs webviewOptions' entry points).
 */
function bundleFiles(): string[] {
  const build = fs.readFileSync(path.join(REPO_ROOT, 'esbuild.mjs'), 'utf8');
  const apart = /const APART = \{([^}]*)\}/.exec(build)?.[1] ?? '';
  const names = [...apart.matchAll(/(\w+): path\.resolve/g)].map((m) => `dist/${m[1]}.js`);
  assert.ok(names.length >= 2, 'esbuild.mjs lists the lazily loaded parts in APART');
  const pages = /const webviewOptions = \{[\s\S]*?entryPoints: \{([^}]*)\}/.exec(build)?.[1] ?? '';
  const pageNames = [...pages.matchAll(/'([\w/]+)':/g)].map((m) => `dist/${m[1]}.js`);
  assert.ok(pageNames.length >= 1, 'esbuild.mjs bundles the value editor page (webviewOptions)');
  return ['dist/extension.js', ...names, ...pageNames].sort();
}

test('the .vsix ships the bundle and every lazily required part of it, and nothing else from dist/', { timeout: 60_000 }, () => {
  const vsce = path.join(REPO_ROOT, 'node_modules', '.bin', 'vsce');
  const listed = execFileSync(vsce, ['ls', '--no-dependencies'], { cwd: REPO_ROOT, encoding: 'utf8' })
    .split('\n')
    .map((l) => l.trim());
  assert.deepEqual(listed.filter((f) => f.startsWith('dist/')).sort(), bundleFiles());
});
