import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { checkReadiness } from '../../../src/workspaceIndex/readiness';
import { excludeGlob, gitIgnored, inSlices } from '../../../src/workspaceIndex/scan';
import { languageOfPath, SecretIndex, sourceGlob } from '../../../src/workspaceIndex/secretIndex';

const JS = (name: string, scope = "{type: 'account'}") => `stripe.apps.secrets.find({scope: ${scope}, name: '${name}'});\n`;
const PY = (name: string) => `stripe.apps.Secret.find(name="${name}", scope={"type": "account"})\n`;

describe('workspace index', () => {
  it("keeps each file's calls, replaces them on change and drops them on delete", () => {
    const index = new SecretIndex();
    assert.equal(index.indexText('file:///w/a.js', JS('slack_token') + JS('hubspot_key'), 'javascript'), true);
    assert.equal(index.indexText('file:///w/b.py', PY('slack_token'), 'python'), true);
    assert.equal(index.indexText('file:///w/c.js', 'console.log(1)', 'javascript'), false);
    assert.equal(index.fileCount(), 2);
    assert.deepEqual(index.names('account'), ['hubspot_key', 'slack_token']);
    assert.deepEqual(
      index.usesOf('slack_token', 'account').map((r) => [r.file, r.start.line]),
      [
        ['file:///w/a.js', 0],
        ['file:///w/b.py', 0],
      ],
    );
    const generation = index.generation;
    assert.equal(index.indexText('file:///w/a.js', JS('slack_token') + JS('hubspot_key'), 'javascript'), false, 'same calls: no change');
    assert.equal(index.generation, generation);
    index.indexText('file:///w/a.js', JS('hubspot_key'), 'javascript');
    assert.deepEqual(
      index.usesOf('slack_token', 'account').map((r) => r.file),
      ['file:///w/b.py'],
    );
    assert.equal(index.delete('file:///w/b.py'), true);
    assert.deepEqual(index.names('account'), ['hubspot_key']);
  });

  it('drops a deleted folder, and not a sibling whose name starts the same', () => {
    const index = new SecretIndex();
    index.indexText('file:///w/app/a.js', JS('one'), 'javascript');
    index.indexText('file:///w/app2/b.js', JS('two'), 'javascript');
    assert.equal(index.deleteUnder('file:///w/app'), 1);
    assert.deepEqual(index.names('account'), ['two']);
  });

  it('tells which names are read in which scope; a scope that is not a literal may read any', () => {
    const index = new SecretIndex();
    index.indexText('file:///w/a.js', JS('acct') + JS('mine', "{type: 'user', user: 'usr_1'}") + JS('anyone', 'scope'), 'javascript');
    assert.equal(index.isRead('acct', { type: 'account' }), true);
    assert.equal(index.isRead('acct', { type: 'user', user: 'usr_1' }), false);
    assert.equal(index.isRead('mine', { type: 'user', user: 'usr_1' }), true);
    assert.equal(index.isRead('mine', { type: 'user', user: 'usr_2' }), false);
    assert.equal(index.isRead('anyone', { type: 'user', user: 'usr_9' }), true);
    assert.equal(index.isRead('nobody', { type: 'account' }), false);
  });

  it("lists the calls under an app folder without a nested app's", () => {
    const index = new SecretIndex();
    index.indexText('file:///w/apps/one/src/a.js', JS('a'), 'javascript');
    index.indexText('file:///w/apps/one/inner/b.js', JS('b'), 'javascript');
    index.indexText('file:///w/apps/onex/c.js', JS('c'), 'javascript');
    assert.deepEqual(
      index.under('file:///w/apps/one', ['file:///w/apps/one', 'file:///w/apps/one/inner']).map((r) => r.name),
      ['a'],
    );
    assert.deepEqual(
      index.under('file:///w/apps/two').map((r) => r.name),
      [],
    );
  });

  it('maps paths to the languages recognisers read, and globs them all', () => {
    assert.equal(languageOfPath('/w/a.tsx'), 'typescriptreact');
    assert.equal(languageOfPath('/w/a.PY'), 'python');
    assert.equal(languageOfPath('/w/a.txt'), undefined);
    assert.equal(languageOfPath('/w.d/Makefile'), undefined);
    assert.match(sourceGlob(), /^\*\*\/\*\.\{.*\bjs\b.*\bpy\b.*\bcs\b.*\}$/);
  });
});

describe('workspace scan helpers', () => {
  it('builds one exclude glob from search.exclude, leaving out entries set to false or with conditions', () => {
    assert.equal(excludeGlob({ '**/node_modules': true }), '**/node_modules');
    assert.equal(
      excludeGlob({ '**/node_modules': true, '**/dist': false, '**/*.js': { when: '$(basename).ts' }, '**/*.{gen,tmp}.ts': true }),
      '{**/node_modules,**/*.gen.ts,**/*.tmp.ts}',
    );
    assert.equal(excludeGlob({}), undefined);
    assert.equal(excludeGlob(undefined), undefined);
  });

  it('yields to the event loop between slices', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const spin = (ms: number) => {
      const end = performance.now() + ms;
      while (performance.now() < end) {
        /* busy */
      }
    };
    await inSlices(
      Array.from({ length: 20 }, (_, i) => i),
      () => spin(3),
      5,
    );
    clearInterval(timer);
    assert.ok(ticks >= 3, `the timer ran ${ticks} times during 60 ms of work`);
  });

  it('asks git which paths it ignores, and keeps every path outside a repository', async (t) => {
    try {
      execFileSync('git', ['--version']);
    } catch {
      t.skip('git is not installed');
      return;
    }
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sas-gitignore-'));
    try {
      assert.equal(await gitIgnored(dir, ['a.js']), undefined, 'not a repository');
      execFileSync('git', ['init', '-q'], { cwd: dir });
      fs.writeFileSync(path.join(dir, '.gitignore'), 'build/\n*.gen.js\n');
      const ignored = await gitIgnored(dir, ['src/a.js', 'build/b.js', 'src/c.gen.js', 'dir with space/d.js']);
      assert.deepEqual([...ignored!].sort(), ['build/b.js', 'src/c.gen.js']);
      assert.equal(await gitIgnored(dir, ['x.js'], '/nonexistent/git'), undefined);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('go-live readiness', () => {
  it('says per name whether the connection holds it and when it expires; missing and expired are not ready', () => {
    const now = Date.UTC(2026, 0, 1);
    const secs = now / 1000;
    const meta = (name: string, expiresAt: number | null) => ({
      id: `appsecret_${name}`,
      object: 'apps.secret' as const,
      name,
      scope: { type: 'account' as const },
      created: secs - 100,
      expiresAt,
      livemode: true,
      deleted: false,
    });
    const report = checkReadiness(
      ['b_soon', 'a_set', 'c_missing', 'd_expired'],
      [meta('a_set', null), meta('b_soon', secs + 3600), meta('d_expired', secs - 10), meta('unused', null)],
      now,
      7,
    );
    assert.deepEqual(
      report.rows.map((r) => [r.name, r.state]),
      [
        ['a_set', 'set'],
        ['b_soon', 'soon'],
        ['c_missing', 'missing'],
        ['d_expired', 'expired'],
      ],
    );
    assert.deepEqual(report.missing, ['c_missing']);
    assert.equal(report.ready, false);
    assert.equal(checkReadiness(['a_set'], [meta('a_set', null)], now, 7).ready, true);
  });
});
