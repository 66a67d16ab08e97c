/**
 * The workspace index inside a real VS Code: files never opened are indexed and kept current as
 * they are created, changed, renamed and deleted; Find All References and Show Usages in Code list
 * them; the view marks unused and missing names; the manifest warning goes only to an app whose
 * code calls the Secret Store; Check Go-Live Readiness… against a second emulator store, and
 * copying the missing names makes it ready. Request counts come from the emulators' logs.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands, DIAGNOSTIC_SOURCE, DiagnosticCodes, EXTENSION_ID } from '../../../src/constants';
import type { CodeInsight } from '../../../src/codeInsight/registerCodeInsight';
import { WorkspaceIndexer } from '../../../src/codeInsight/workspaceIndexer';
import { COPY_MISSING_LABEL } from '../../../src/commands/indexCommands';
import { startEmulator, type EmulatorHandle } from '../../../src/emulator';
import type { ConnectionInfo, SecretNode, SecretsViewNode, Services } from '../../../src/services';
import type { TestApi } from '../../../src/testApi';
import { testApi } from './helpers/extension';
import { UNUSED_DESCRIPTION } from '../../../src/tree/codeUsage';
import { scriptPrompts, type PromptScript } from './helpers/fakePrompts';
import { ACCOUNT, seedSecret } from './helpers/fixtures';
import { until } from './helpers/until';

const find = (name: string) => `stripe.apps.secrets.find({scope: {type: 'account'}, name: '${name}'});\n`;
const SERVER_JS = `const stripe = require('stripe')(process.env.KEY);\nexports.run = async () => {\n  await ${find('idx_slack')}  await ${find('idx_hubspot')}};\n`;
const JOBS_PY = `import stripe\n\ndef job():\n    return stripe.apps.Secret.find(name="idx_slack", scope={"type": "account"})\n`;
const PLAIN_TS = `export const answer = 42;\n`;
const manifest = (id: string) =>
  `{\n  "id": "${id}",\n  "version": "0.0.1",\n  "name": "${id}",\n  "permissions": [\n    { "permission": "customer_read", "purpose": "Show customers" }\n  ]\n}\n`;

/** Watcher events can take a while on a loaded machine. */
const WATCHER_MS = 30_000;

describe('Workspace index', function () {
  this.timeout(120_000);
  let services: Services;
  let insight: CodeInsight;
  let dev: EmulatorHandle;
  let live: EmulatorHandle;
  let devConnection: ConnectionInfo;
  let liveConnection: ConnectionInfo;
  let root: string;
  let script: PromptScript | undefined;

  const file = (rel: string) => path.join(root, rel);
  const uri = (rel: string) => vscode.Uri.file(file(rel));
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(file(rel)), { recursive: true });
    fs.writeFileSync(file(rel), text);
  };
  const usedIn = (name: string) =>
    insight.indexer.index
      .usesOf(name, 'account')
      .map((r) => vscode.workspace.asRelativePath(vscode.Uri.parse(r.file), false))
      .filter((p) => p.startsWith('idx/'));
  const requests = (e: EmulatorHandle) => e.requests().length;
  const manifestWarnings = (rel: string) =>
    vscode.languages
      .getDiagnostics(uri(rel))
      .filter((d) => d.source === DIAGNOSTIC_SOURCE && d.code === DiagnosticCodes.manifestSecretWrite);

  before(async () => {
    root = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const api = (await vscode.extensions.getExtension<TestApi>(EXTENSION_ID)!.activate())!;
    services = api.services;
    insight = api.codeInsight;
    await insight.indexer.start();
    // VS Code's watcher reports nothing until it runs: a probe file at the top level tells when it does.
    let probes = 0;
    await until(
      'the file watcher to report a probe file',
      () => {
        if (insight.indexer.index.usesOf('idx_probe', 'account').length === 1) return true;
        if (probes++ % 20 === 0) fs.writeFileSync(file('idx-probe.ts'), find('idx_probe') + `// ${probes}\n`);
        return false;
      },
      WATCHER_MS,
    );
    fs.rmSync(file('idx-probe.ts'));
    // The whole tree written at once while the watchers run, as a checkout or `mkdir -p` does: VS Code's
    // watcher then reports idx/ but nothing under the folders inside it (the tests below write there).
    write('idx/appA/stripe-app.json', manifest('com.example.uses'));
    write('idx/appA/backend/server.js', SERVER_JS);
    write('idx/appA/backend/jobs.py', JOBS_PY);
    write('idx/appB/stripe-app.json', manifest('com.example.plain'));
    write('idx/appB/src/index.ts', PLAIN_TS);
    write('idx/node_modules/lib/vendored.js', find('idx_vendored'));
    write('idx/appA/huge.js', find('idx_huge') + `// ${'x'.repeat(1024 * 1024)}\n`);
    dev = await startEmulator();
    live = await startEmulator();
    seedSecret(dev.secrets('test'), 'idx_slack', 'dev-slack-value');
    seedSecret(dev.secrets('test'), 'idx_hubspot', 'dev-hubspot-value');
    seedSecret(dev.secrets('test'), 'idx_unused', 'dev-unused-value');
    seedSecret(live.secrets('test'), 'idx_slack', 'live-slack-value');
    devConnection = await services.connections.add({ label: 'Index dev', apiBase: dev.url, apiKey: dev.testKey });
    liveConnection = await services.connections.add({ label: 'Index live', apiBase: live.url, apiKey: live.testKey });
    // The tree reaches the index and the manifests through the watchers, not a rescan.
    await until('the tree in the index', () => usedIn('idx_slack').length === 2 && usedIn('idx_hubspot').length === 1, WATCHER_MS);
    await until('both manifests read', () => insight.manifests.apps().filter((a) => a.uri.path.includes('/idx/')).length === 2, WATCHER_MS);
  });

  after(async () => {
    script?.restore();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.rmSync(file('idx'), { recursive: true, force: true });
    await services.connections.remove(devConnection.id);
    await services.connections.remove(liveConnection.id);
    await dev.close();
    await live.close();
  });

  afterEach(() => {
    script?.restore();
    script = undefined;
  });

  it('indexes files never opened, leaving out search.exclude (node_modules) and files over 1 MB', () => {
    assert.deepEqual(usedIn('idx_slack'), ['idx/appA/backend/jobs.py', 'idx/appA/backend/server.js']);
    assert.deepEqual(usedIn('idx_hubspot'), ['idx/appA/backend/server.js']);
    assert.deepEqual(usedIn('idx_vendored'), []);
    assert.deepEqual(usedIn('idx_huge'), []);
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.path.endsWith('/jobs.py')), 'jobs.py was opened as a document');
  });

  it('follows a file as it is created, changed, renamed and deleted', async () => {
    write('idx/appA/backend/created.ts', find('idx_created'));
    await until('the created file', () => usedIn('idx_created').length === 1, WATCHER_MS);
    write('idx/appA/backend/created.ts', find('idx_changed'));
    await until('the changed file', () => usedIn('idx_changed').length === 1 && usedIn('idx_created').length === 0, WATCHER_MS);
    fs.renameSync(file('idx/appA/backend/created.ts'), file('idx/appA/backend/renamed.ts'));
    await until('the renamed file', () => usedIn('idx_changed')[0] === 'idx/appA/backend/renamed.ts', WATCHER_MS);
    fs.rmSync(file('idx/appA/backend/renamed.ts'));
    await until('the deleted file to go', () => usedIn('idx_changed').length === 0, WATCHER_MS);
    write('idx/appA/moved/inner/a.rb', `Stripe::Apps::Secret.find(name: 'idx_ruby', scope: {type: 'account'})\n`);
    await until('the file in a created folder', () => usedIn('idx_ruby').length === 1, WATCHER_MS);
    fs.rmSync(file('idx/appA/moved'), { recursive: true });
    await until("the deleted folder's file to go", () => usedIn('idx_ruby').length === 0, WATCHER_MS);
  });

  it('follows unsaved edits of an open document', async () => {
    const doc = await vscode.workspace.openTextDocument(uri('idx/appA/backend/server.js'));
    const editor = await vscode.window.showTextDocument(doc);
    const at = doc.getText().indexOf('idx_hubspot');
    await editor.edit((e) => e.replace(new vscode.Range(doc.positionAt(at), doc.positionAt(at + 'idx_hubspot'.length)), 'idx_edited'));
    await until('the edit in the index', () => usedIn('idx_edited').length === 1, WATCHER_MS);
    const back = doc.getText().indexOf('idx_edited');
    await editor.edit((e) => e.replace(new vscode.Range(doc.positionAt(back), doc.positionAt(back + 'idx_edited'.length)), 'idx_hubspot'));
    await until('the edit undone in the index', () => usedIn('idx_hubspot').length === 1 && usedIn('idx_edited').length === 0, WATCHER_MS);
    await doc.save();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Find All References lists the uses in files that are not open', async () => {
    const doc = await vscode.workspace.openTextDocument(uri('idx/appA/backend/server.js'));
    await vscode.window.showTextDocument(doc);
    const position = doc.positionAt(doc.getText().indexOf('idx_slack') + 2);
    const locations = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', doc.uri, position);
    const where = locations.map((l) => `${vscode.workspace.asRelativePath(l.uri, false)}:${l.range.start.line}`).sort();
    assert.deepEqual(where, ['idx/appA/backend/jobs.py:3', 'idx/appA/backend/server.js:2']);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('Show Usages in Code on a secret row lists its uses and opens the one picked', async () => {
    const node: SecretNode = {
      kind: 'secret',
      connectionId: devConnection.id,
      scope: ACCOUNT,
      secret: (await (await services.connections.client(devConnection.id)).list(ACCOUNT)).find((s) => s.name === 'idx_slack')!,
    };
    script = scriptPrompts(services, [{ pick: 'idx/appA/backend/jobs.py:4' }]);
    await vscode.commands.executeCommand(Commands.showUsagesInCode, node);
    script.assertDone();
    assert.deepEqual(script.calls[0].items.sort(), ['idx/appA/backend/jobs.py:4', 'idx/appA/backend/server.js:3']);
    await until('jobs.py in the editor', () => vscode.window.activeTextEditor?.document.uri.path.endsWith('/jobs.py'), WATCHER_MS);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('the view marks stored secrets no code reads, and lists names the code reads that the scope lacks', async () => {
    const tree = testApi().tree;
    const rowsOf = async (connection: ConnectionInfo) => {
      const [scope] = await tree.getChildren({ kind: 'connection', connectionId: connection.id });
      return (await tree.getChildren(scope)).map((node: SecretsViewNode) => ({ node, item: tree.getTreeItem(node) }));
    };
    const devRows = await rowsOf(devConnection);
    const unused = devRows.find((r) => r.item.label === 'idx_unused')!;
    assert.match(String(unused.item.description), new RegExp(UNUSED_DESCRIPTION));
    assert.match(unused.item.accessibilityInformation!.label, /no code in the workspace reads it/);
    assert.doesNotMatch(String(devRows.find((r) => r.item.label === 'idx_slack')!.item.description), new RegExp(UNUSED_DESCRIPTION));
    const liveRows = await rowsOf(liveConnection);
    const missing = liveRows.find((r) => r.item.label === 'idx_hubspot');
    assert.ok(missing, liveRows.map((r) => `${r.node.kind} ${String(r.item.label)}`).join(', '));
    assert.equal(missing.node.kind, 'codeName');
    assert.match(missing.item.contextValue!, /^codeName;missing;/);
    assert.match(missing.item.accessibilityInformation!.label, /used in code but not set/);
    assert.equal(missing.item.command?.command, Commands.setSecretUsedInCode);
    assert.ok(!liveRows.some((r) => r.item.label === 'idx_vendored'));
  });

  it('warns about secret_write only for the app whose code calls the Secret Store, pointing at a call', async () => {
    const [warning] = await until(
      'the warning on app A',
      () => manifestWarnings('idx/appA/stripe-app.json').length === 1 && manifestWarnings('idx/appA/stripe-app.json'),
      WATCHER_MS,
    );
    const related = warning.relatedInformation?.[0];
    assert.ok(related, 'no related information');
    assert.match(vscode.workspace.asRelativePath(related.location.uri, false), /^idx\/appA\/backend\//);
    assert.deepEqual(manifestWarnings('idx/appB/stripe-app.json'), []);
  });

  it('warns about secret_write on another app once its code starts calling the Secret Store', async () => {
    write('idx/appB/src/secrets.js', find('idx_b'));
    await until("app B's call in the index", () => usedIn('idx_b').length === 1, WATCHER_MS);
    await until(
      'a warning on app B once its code calls the store',
      () => manifestWarnings('idx/appB/stripe-app.json').length === 1,
      WATCHER_MS,
    );
    fs.rmSync(file('idx/appB/src/secrets.js'));
    await until("app B's warning to go", () => manifestWarnings('idx/appB/stripe-app.json').length === 0, WATCHER_MS);
  });

  it('Check Go-Live Readiness… lists what the second store lacks, and copying from the first makes it ready', async () => {
    const before = { dev: requests(dev), live: requests(live) };
    script = scriptPrompts(services, [
      { pick: 'Index live' },
      { pick: COPY_MISSING_LABEL },
      { pick: ['idx_hubspot'] },
      { button: 'Copy' },
      { cancel: true },
    ]);
    await vscode.commands.executeCommand(Commands.checkGoLiveReadiness);
    assert.deepEqual(script.errors(), []);
    assert.deepEqual(script.failures, [], JSON.stringify(script.calls.map((c) => [c.kind, c.text, c.items])));
    script.assertDone();
    const lists = script.calls.filter((c) => c.kind === 'quickPick' && /Go-live readiness/.test(c.text));
    assert.equal(lists.length, 2);
    const first = lists[0].items.filter((i) => /idx_/.test(i));
    assert.deepEqual(first, ['$(error) idx_hubspot', '$(pass) idx_slack']);
    assert.ok(
      lists[0].items.some((i) => /idx\/appA\/stripe-app\.json/.test(i)),
      lists[0].items.join(' | '),
    );
    assert.deepEqual(
      lists[1].items.filter((i) => /idx_/.test(i)),
      ['$(pass) idx_hubspot', '$(pass) idx_slack'],
    );
    assert.equal(live.secrets('test').find((s) => s.name === 'idx_hubspot')?.payload, 'dev-hubspot-value');
    const cost = { dev: requests(dev) - before.dev, live: requests(live) - before.live };
    console.log(`      requests: go-live readiness with one copy: ${cost.dev} to the source store, ${cost.live} to the checked store`);
    const gets = live
      .requests()
      .slice(before.live)
      .filter((r) => r.method === 'GET' && r.path === '/v1/apps/secrets/find');
    assert.equal(gets.length, 0, 'the check fetched a value from the checked store');
  });

  it('indexes trees written at once between the first listing and the start of watching, without a rescan', async () => {
    // Names without the idx_ prefix: the tests above count those.
    const FILLER = 60;
    for (let i = 0; i < FILLER; i++) write(`scan-filler/m${i % 6}/f${i}.ts`, (i % 10 === 0 ? find('scanfill') : '') + PLAIN_TS);
    const filled = () => insight.indexer.index.usesOf('scanfill', 'account').length;
    await until(
      () => `the filler in the running index (${filled()} of ${FILLER / 10} uses found)`,
      () => filled() === FILLER / 10,
    );
    let listings = 0;
    // The trees are written once the fresh indexer has listed its folder and before it reads: the window
    // in which neither the listing nor a watcher that has not started reporting yet sees them.
    const fresh = new WorkspaceIndexer(undefined, async () => {
      if (listings++ > 0) return;
      // Each tree at once, as `mkdir -p` and a scaffolding tool write it: VS Code's watcher reports its top folder only.
      write('scan-late/disk/deep/er/a.ts', find('scanlate_disk'));
      write('scan-late/python/deep/er/b.py', `import stripe\nstripe.apps.Secret.find(name="scanlate_python", scope={"type": "account"})\n`);
      // The same through VS Code (the Explorer's New File… with a path): reported at once, and indexed
      // from that event while the scan still runs; the scan's end must not drop it as unlisted.
      const edit = new vscode.WorkspaceEdit();
      const ruby = `Stripe::Apps::Secret.find(name: 'scanlate_editor', scope: {type: 'account'})\n`;
      edit.createFile(uri('scan-late/editor/deep/er/c.rb'), { contents: Buffer.from(ruby) });
      assert.ok(await vscode.workspace.applyEdit(edit));
      await until('the file created through VS Code, indexed from its event during the scan', () => uses('scanlate_editor') === 1);
    });
    const uses = (name: string) => fresh.index.usesOf(name, 'account').length;
    try {
      await fresh.start();
      assert.equal(listings, 1, 'one workspace folder, listed once before its files were read');
      // Read at once, not waited for: an event after the scan would hide a file the scan dropped.
      for (const name of ['scanlate_disk', 'scanlate_python', 'scanlate_editor'])
        assert.equal(uses(name), 1, `${name} is in the index when the first scan ends`);
      assert.equal(uses('scanfill'), FILLER / 10);
    } finally {
      fresh.dispose();
      fs.rmSync(file('scan-filler'), { recursive: true, force: true });
      fs.rmSync(file('scan-late'), { recursive: true, force: true });
    }
  });
});
