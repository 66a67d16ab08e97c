import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gitIgnoreState, writePrivateFile } from '../../../src/fs/privateFile';

describe('writePrivateFile', () => {
  let dir: string;
  before(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sas-private-'))));
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('creates the file owner-only', async () => {
    const file = path.join(dir, 'new.env');
    await writePrivateFile(file, 'A=1\n');
    assert.equal(fs.readFileSync(file, 'utf8'), 'A=1\n');
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
  });

  it('makes a world-readable file owner-only and replaces all of its text', async () => {
    const file = path.join(dir, 'old.env');
    fs.writeFileSync(file, 'OLD=a much longer text than the new one\n', { mode: 0o644 });
    fs.chmodSync(file, 0o644);
    await writePrivateFile(file, 'A=1\n');
    assert.equal(fs.readFileSync(file, 'utf8'), 'A=1\n');
    assert.equal(fs.statSync(file).mode & 0o777, 0o600);
  });
});

describe('gitIgnoreState', () => {
  let repo: string;
  before(() => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'sas-git-'));
    execFileSync('git', ['init', '-q'], { cwd: repo });
    fs.writeFileSync(path.join(repo, '.gitignore'), '*.env\n!tracked.env\n');
  });
  after(() => fs.rmSync(repo, { recursive: true, force: true }));

  it('says ignored for a path the .gitignore covers, and why not for one it does not', async () => {
    assert.deepEqual(await gitIgnoreState(repo, path.join(repo, 'account.env')), { ignored: true });
    assert.deepEqual(await gitIgnoreState(repo, path.join(repo, 'tracked.env')), { ignored: false, reason: 'git does not ignore it, so it could be committed' });
    assert.deepEqual(await gitIgnoreState(repo, path.join(repo, 'sub', 'x.txt')), { ignored: false, reason: 'git does not ignore it, so it could be committed' });
  });

  it('says why when the folder is no repository, or git is missing', async () => {
    const plain = fs.mkdtempSync(path.join(os.tmpdir(), 'sas-nogit-'));
    try {
      assert.deepEqual(await gitIgnoreState(plain, path.join(plain, 'account.env')), { ignored: false, reason: 'the folder is not a git repository yet, so nothing ignores it' });
    } finally {
      fs.rmSync(plain, { recursive: true, force: true });
    }
    const savedPath = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      assert.deepEqual(await gitIgnoreState(repo, path.join(repo, 'account.env')), { ignored: false, reason: 'git is not installed, so nothing tells whether it would be committed' });
    } finally {
      process.env.PATH = savedPath;
    }
  });
});
