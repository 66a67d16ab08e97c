import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { NestedFolderWatch, type NestedChange } from '../../../src/workspaceIndex/nestedFolderWatch';

async function until(what: string, probe: () => boolean, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('nested folder watch', () => {
  it('reports files created, changed and deleted in folders that were written at once, and folders created in them', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sas-nested-'));
    const changes: NestedChange[] = [];
    const watch = new NestedFolderWatch((c) => changes.push(c));
    const seen = (kind: NestedChange['kind'], rel: string) => changes.some((c) => c.kind === kind && c.fsPath === path.join(root, rel));
    try {
      fs.mkdirSync(path.join(root, 'a/b/c'), { recursive: true });
      fs.mkdirSync(path.join(root, 'a/node_modules/x'), { recursive: true });
      await watch.watchInside(path.join(root, 'a'));
      assert.equal(watch.size, 2, 'a/b and a/b/c, not a itself nor node_modules');
      fs.writeFileSync(path.join(root, 'a/b/c/x.ts'), 'one');
      await until('the created file', () => seen('file', 'a/b/c/x.ts'));
      fs.mkdirSync(path.join(root, 'a/b/new/deeper'), { recursive: true });
      await until('the created folder', () => seen('folder', 'a/b/new'));
      fs.writeFileSync(path.join(root, 'a/b/new/deeper/y.py'), 'two');
      await until('a file in a folder created inside it', () => seen('file', 'a/b/new/deeper/y.py'));
      fs.rmSync(path.join(root, 'a/b/c'), { recursive: true });
      await until('the deleted folder', () => seen('gone', 'a/b/c'));
      await until('its watches closed', () => watch.size === 3);
    } finally {
      watch.dispose();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('stops at its limit', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'sas-nested-'));
    const watch = new NestedFolderWatch(() => undefined, 3);
    try {
      for (let i = 0; i < 6; i++) fs.mkdirSync(path.join(root, `d${i}`));
      await watch.watchInside(root);
      assert.equal(watch.size, 3);
    } finally {
      watch.dispose();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
