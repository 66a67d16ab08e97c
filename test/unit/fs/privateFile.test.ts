import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { gitIgnoreState, privateFileProblem, writePrivateFile } from '../../../src/fs/privateFile';

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

  it('refuses a symbolic link, a dangling one, a hard link and a folder, and changes no file outside the chosen path', async () => {
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'sas-outside-'));
    try {
      const victim = path.join(outside, 'victim.txt');
      fs.writeFileSync(victim, 'precious\n', { mode: 0o644 });
      fs.chmodSync(victim, 0o644);
      const link = path.join(dir, 'link.env');
      fs.symlinkSync(victim, link);
      const dangling = path.join(dir, 'dangling.env');
      const nowhere = path.join(outside, 'created-by-export.env');
      fs.symlinkSync(nowhere, dangling);
      const hard = path.join(dir, 'hard.env');
      fs.linkSync(victim, hard);
      const folder = path.join(dir, 'folder.env');
      fs.mkdirSync(folder);
      const cases: Array<[string, RegExp]> = [
        [
          link,
          /^link\.env is a symbolic link to .*victim\.txt, so the values would be written to another file\. Choose a new file name, or remove the link first\.$/,
        ],
        [dangling, /^dangling\.env is a symbolic link to .*created-by-export\.env/],
        [hard, /^hard\.env has another hard link, so the values would also appear under another name\. Choose a new file name/],
        [folder, /^folder\.env is not a regular file/],
      ];
      for (const [target, message] of cases) {
        assert.match((await privateFileProblem(target)) ?? '', message);
        await assert.rejects(writePrivateFile(target, 'SECRET=1\n'), (e: Error) => message.test(e.message));
      }
      assert.equal(fs.readFileSync(victim, 'utf8'), 'precious\n');
      assert.equal(fs.statSync(victim).mode & 0o777, 0o644);
      assert.equal(fs.existsSync(nowhere), false);
      assert.ok(fs.lstatSync(link).isSymbolicLink() && fs.lstatSync(dangling).isSymbolicLink());
      assert.deepEqual(fs.readdirSync(outside).sort(), ['victim.txt']);
      assert.deepEqual(
        fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')),
        [],
        'no temporary file left behind',
      );
    } finally {
      fs.rmSync(outside, { recursive: true, force: true });
    }
  });

  it('replaces the file by a rename: an open reader of the old file keeps the old text, and no temporary file stays', async () => {
    const file = path.join(dir, 'renamed.env');
    fs.writeFileSync(file, 'OLD=1\n');
    const oldInode = fs.statSync(file).ino;
    await writePrivateFile(file, 'NEW=2\n');
    assert.notEqual(fs.statSync(file).ino, oldInode);
    assert.equal(fs.readFileSync(file, 'utf8'), 'NEW=2\n');
    assert.deepEqual(
      fs.readdirSync(dir).filter((f) => f.endsWith('.tmp')),
      [],
    );
  });
});

describe('gitIgnoreState', () => {
  let repo: string;
  before(() => {
    repo = fs.mkdtempSync(path.join(os.tmpdir(), 'sas-git-'));
    execFileSync('git', ['init', '-q'], { cwd: repo });
    fs.writeFileSync(path.join(repo, '.gitignore'), '*.env\n!negated.env\n');
  });
  after(() => fs.rmSync(repo, { recursive: true, force: true }));

  it('says ignored for a path the .gitignore covers, and why not for one it does not', async () => {
    assert.deepEqual(await gitIgnoreState(repo, path.join(repo, 'account.env')), { ignored: true });
    assert.deepEqual(await gitIgnoreState(repo, path.join(repo, 'negated.env')), {
      ignored: false,
      reason: 'git does not ignore it, so it could be committed',
    });
    assert.deepEqual(await gitIgnoreState(repo, path.join(repo, 'sub', 'x.txt')), {
      ignored: false,
      reason: 'git does not ignore it, so it could be committed',
    });
  });

  it('a tracked file counts as not ignored, though the .gitignore matches it: git would commit its changes', async () => {
    const tracked = path.join(repo, 'tracked.env');
    fs.writeFileSync(tracked, 'A=1\n');
    assert.deepEqual(await gitIgnoreState(repo, tracked), { ignored: true }, 'ignored while untracked');
    execFileSync('git', ['add', '-f', 'tracked.env'], { cwd: repo });
    assert.deepEqual(await gitIgnoreState(repo, tracked), { ignored: false, reason: 'git does not ignore it, so it could be committed' });
  });

  it('says why when the folder is no repository, or git is missing', async () => {
    const plain = fs.mkdtempSync(path.join(os.tmpdir(), 'sas-nogit-'));
    try {
      assert.deepEqual(await gitIgnoreState(plain, path.join(plain, 'account.env')), {
        ignored: false,
        reason: 'the folder is not a git repository yet, so nothing ignores it',
      });
    } finally {
      fs.rmSync(plain, { recursive: true, force: true });
    }
    const savedPath = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      assert.deepEqual(await gitIgnoreState(repo, path.join(repo, 'account.env')), {
        ignored: false,
        reason: 'git is not installed, so nothing tells whether it would be committed',
      });
    } finally {
      process.env.PATH = savedPath;
    }
  });
});
