/**
 * Secret names in code, hard-coded keys and the app manifest, inside a real VS Code: diagnostics,
 * hover, completion and both quick fixes against an emulator started in this process.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import * as vscode from 'vscode';
import {
  CODE_DIAGNOSTICS_SETTING,
  DIAGNOSTIC_SOURCE,
  DiagnosticCodes,
  EXTENSION_ID,
  SETTINGS_SECTION,
  TREE_VIEW_ID,
} from '../../../src/constants';
import { startEmulator, type EmulatorHandle } from '../../../src/emulator';
import type { CodeInsight } from '../../../src/codeInsight/registerCodeInsight';
import type { ConnectionInfo, Services } from '../../../src/services';
import type { TestApi } from '../../../src/testApi';
import { scriptPrompts, type Answer, type PromptScript } from './helpers/fakePrompts';
import { DAY, nowSeconds, seedSecret } from './helpers/fixtures';
import { until } from './helpers/until';

// Assembled at run time: no credential-shaped literal in the repository.
const SLACK_KEY = ['xoxb', '204918273645', '5519283746501', 'ZyXwVuTsRqPoNmLkJiHgFeDc'].join('-');

const BACKEND_TS = `import Stripe from 'stripe';
const stripe = new Stripe(process.env.STRIPE_SECRET_KEY!);
export async function keys(name: string) {
  const a = await stripe.apps.secrets.find({scope: {type: 'account'}, name: 'present_key', expand: ['payload']});
  const b = await stripe.apps.secrets.find({scope: {type: 'account'}, name: 'missing_key'});
  const c = await stripe.apps.secrets.find({scope: {type: 'account'}, name: 'soon_key'});
  const d = await stripe.apps.secrets.find({scope: {type: 'user', user: 'usr_1'}, name: 'user_only'});
  const e = await stripe.apps.secrets.find({scope: {type: 'account'}, name});
  const f = await stripe.apps.secrets.find({scope: {type: 'account'}, name: ''});
  return [a, b, c, d, e, f];
}
`;

const BACKEND_PY = `import stripe

def keys():
    hubspot = stripe.apps.Secret.find(
        name="py_missing",
        scope={"type": "account"},
    )
    present = stripe.apps.Secret.find(name="present_key", scope={"type": "account"})
    return hubspot, present
`;

/** More files that look names up: requests must not grow with the number of files. */
const EXTRA_FILES = 3;
const extraFile = (i: number) =>
  `exports.k${i} = () => stripe.apps.secrets.find({scope: {type: 'account'}, name: 'extra_missing_${i}'});\n`;

const CONFIG_JS = `const SLACK_TOKEN = '${SLACK_KEY}';\nmodule.exports = { SLACK_TOKEN };\n`;

const MANIFEST = `{
  "id": "com.example.codeinsight",
  "version": "0.0.1",
  "name": "Code Insight Test App",
  "permissions": [
    { "permission": "customer_read", "purpose": "Show customers" }
  ]
}
`;

describe('Code insight', function () {
  this.timeout(30_000);
  let emulator: EmulatorHandle;
  let services: Services;
  let insight: CodeInsight;
  let connection: ConnectionInfo;
  let folder: string;
  let script: PromptScript | undefined;

  const store = () => emulator.secrets('test');
  const listRequests = () => emulator.requests().filter((r) => r.method === 'GET' && r.path === '/v1/apps/secrets').length;
  const uri = (file: string) => vscode.Uri.file(path.join(folder, file));
  const ours = (u: vscode.Uri) => vscode.languages.getDiagnostics(u).filter((d) => d.source === DIAGNOSTIC_SOURCE);

  async function open(file: string): Promise<vscode.TextDocument> {
    const doc = await vscode.workspace.openTextDocument(uri(file));
    await vscode.window.showTextDocument(doc);
    return doc;
  }

  function positionOf(doc: vscode.TextDocument, text: string, delta = 1): vscode.Position {
    const offset = doc.getText().indexOf(text);
    assert.ok(offset >= 0, `${text} not in ${doc.uri.path}`);
    return doc.positionAt(offset + delta);
  }

  function prompts(...answers: Answer[]): PromptScript {
    script = scriptPrompts(services, answers);
    return script;
  }

  before(async () => {
    const api = (await vscode.extensions.getExtension<TestApi>(EXTENSION_ID)!.activate())!;
    services = api.services;
    insight = api.codeInsight;
    folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
    await vscode.workspace.getConfiguration(SETTINGS_SECTION).update(CODE_DIAGNOSTICS_SETTING, true, vscode.ConfigurationTarget.Global);
    emulator = await startEmulator();
    seedSecret(store(), 'present_key', 'the-present-value-never-shown');
    seedSecret(store(), 'soon_key', 'soon-value', nowSeconds() + 2 * DAY);
    // Slow enough that the view's first listing of the new connection is still on its way when the
    // checks ask for the same scope: the two must share one request, whichever starts first.
    emulator.setLatency(1000);
    await vscode.commands.executeCommand(`${TREE_VIEW_ID}.focus`);
    connection = await services.connections.add({ label: 'Code insight test', apiBase: emulator.url, apiKey: emulator.testKey });
    await services.connections.setActive(connection.id);
    fs.writeFileSync(path.join(folder, 'backend.ts'), BACKEND_TS);
    fs.writeFileSync(path.join(folder, 'backend.py'), BACKEND_PY);
    fs.writeFileSync(path.join(folder, 'config.js'), CONFIG_JS);
    fs.writeFileSync(path.join(folder, 'stripe-app.json'), MANIFEST);
    for (let i = 1; i <= EXTRA_FILES; i++) fs.writeFileSync(path.join(folder, `extra${i}.js`), extraFile(i));
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    // Closed documents stay in workspace.textDocuments for a while: with the checks on, they would
    // list the account scope of the next suites' connections and skew their request counts.
    await vscode.workspace.getConfiguration(SETTINGS_SECTION).update(CODE_DIAGNOSTICS_SETTING, false, vscode.ConfigurationTarget.Global);
    await services.connections.remove(connection.id);
    await emulator.close();
    // The workspace index would otherwise hold these calls for the suites after this one.
    for (const f of [
      'backend.ts',
      'backend.py',
      'config.js',
      'stripe-app.json',
      'inject.ts',
      ...Array.from({ length: EXTRA_FILES }, (_, i) => `extra${i + 1}.js`),
    ]) {
      fs.rmSync(path.join(folder, f), { force: true });
    }
    await insight.indexer.rescan();
  });

  afterEach(() => {
    emulator.setLatency(0);
    script?.restore();
    script = undefined;
  });

  it('warns about missing names, notes expiring ones, and lists the account scope once for all files', async () => {
    const before = listRequests();
    const ts = await open('backend.ts');
    const py = await open('backend.py');
    const extras: vscode.TextDocument[] = [];
    for (let i = 1; i <= EXTRA_FILES; i++) extras.push(await open(`extra${i}.js`));
    await insight.diagnostics.updateAll();
    const tsDiags = await until('diagnostics in backend.ts', () => ours(ts.uri).length >= 2 && ours(ts.uri));
    const summary = tsDiags.map((d) => [ts.getText(d.range), d.severity, d.code]).sort();
    assert.deepEqual(summary, [
      ['missing_key', vscode.DiagnosticSeverity.Warning, DiagnosticCodes.missingSecret],
      ['soon_key', vscode.DiagnosticSeverity.Information, DiagnosticCodes.expiringSecret],
    ]);
    const missing = tsDiags.find((d) => d.code === DiagnosticCodes.missingSecret)!;
    assert.match(missing.message, /Code insight test/);
    const pyDiags = await until('diagnostics in backend.py', () => ours(py.uri).length > 0 && ours(py.uri));
    assert.deepEqual(
      pyDiags.map((d) => py.getText(d.range)),
      ['py_missing'],
    );
    for (const doc of extras) await until(`the warning in ${doc.uri.path}`, () => ours(doc.uri).length === 1);
    const requests = listRequests() - before;
    console.log(`      code insight: ${requests} list request(s) for ${2 + EXTRA_FILES} opened files`);
    assert.ok(requests <= 1, `expected at most one list request, saw ${requests}`);
  });

  it('hover shows scope, presence and expiry with Reveal and Set links, never the value', async () => {
    const doc = await open('backend.ts');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      doc.uri,
      positionOf(doc, "'present_key'", 2),
    );
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /In the Account scope of Code insight test/);
    assert.match(text, /never expires/);
    assert.match(text, /command:stripeSecrets\.revealSecret\?/);
    assert.match(text, /command:stripeSecrets\.setSecret\?/);
    assert.ok(!text.includes('the-present-value-never-shown'));
    const missing = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      doc.uri,
      positionOf(doc, "'missing_key'", 2),
    );
    const missingText = missing.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(missingText, /Not in the Account scope/);
    assert.ok(!missingText.includes('revealSecret'));
  });

  it('hover shows a name and user id from code as plain text, line breaks visible: no link, icon or entity of theirs renders', async () => {
    const injected = "'db\\n\\n[Reveal](command:stripeSecrets.setSecret?%7B%7D) $(eye) &#95; **b**'";
    const user = "'usr_1[x](command:stripeSecrets.deleteSecret)'";
    fs.writeFileSync(
      path.join(folder, 'inject.ts'),
      `export const x = () => stripe.apps.secrets.find({scope: {type: 'user', user: ${user}}, name: ${injected}});\nexport const y = () => stripe.apps.secrets.find({scope: {type: 'account'}, name: ${injected}});\n`,
    );
    const doc = await open('inject.ts');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const MarkdownIt = require('markdown-it') as new () => { render(src: string): string };
    // The user scope cannot be listed (the id is no id): text only. The account scope offers our Set link.
    for (const [at, ourLinks] of [
      [positionOf(doc, "name: 'db", 7), 0],
      [new vscode.Position(1, doc.lineAt(1).text.indexOf("name: 'db") + 7), 1],
    ] as const) {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at);
      const value = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n\n');
      const html = new MarkdownIt().render(value);
      const links = [...html.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1]);
      assert.equal(links.length, ourLinks, html);
      for (const link of links) {
        assert.match(link, /^command:stripeSecrets\.setSecret\?/, 'only our own Set link');
        assert.ok(!link.includes('%7B%7D)'), 'the name cannot end our link early');
      }
      const text = html.replace(/<[^>]+>/g, '');
      assert.ok(text.includes("Stripe secret 'db\\n\\n[Reveal](command:stripeSecrets.setSecret?%7B%7D) $(eye) &amp;#95; **b**'"), text);
      assert.ok(!html.includes('<strong>b</strong>') && !html.includes('<em>'), 'no emphasis of theirs');
    }
    const userHover = await vscode.commands.executeCommand<vscode.Hover[]>(
      'vscode.executeHoverProvider',
      doc.uri,
      positionOf(doc, "name: 'db", 7),
    );
    const userText = new MarkdownIt().render(
      userHover.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n\n'),
    );
    assert.ok(userText.includes('usr_1[x](command:stripeSecrets.deleteSecret)'), userText);
  });

  it('completes existing names inside the name argument', async () => {
    const doc = await open('backend.ts');
    const list = await vscode.commands.executeCommand<vscode.CompletionList>(
      'vscode.executeCompletionItemProvider',
      doc.uri,
      positionOf(doc, "name: ''", 7),
    );
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('present_key') && labels.includes('soon_key'), labels.join(', '));
  });

  it("the quick fix Set Secret 'name' in Account scope… opens Set prefilled, and the warning goes", async () => {
    const doc = await open('backend.ts');
    const diag = ours(doc.uri).find((d) => d.code === DiagnosticCodes.missingSecret)!;
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, diag.range);
    const fix = actions.find((a) => a.title === "Set Secret 'missing_key' in Account scope…");
    assert.ok(fix?.command, actions.map((a) => a.title).join(', '));
    const offered: Array<string | undefined> = [];
    const p = prompts({ input: 'missing_key' }, { pick: 'Enter a value…' }, { input: 'now-it-exists' }, { pick: 'Never' });
    const inputBox = services.prompts.inputBox;
    services.prompts.inputBox = (options) => {
      offered.push(options.value);
      return inputBox(options);
    };
    try {
      await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
    } finally {
      services.prompts.inputBox = inputBox;
    }
    p.assertDone();
    assert.equal(offered[0], 'missing_key');
    assert.equal(store().find((s) => s.name === 'missing_key')?.payload, 'now-it-exists');
    await until('the warning to go', () => !ours(doc.uri).some((d) => d.code === DiagnosticCodes.missingSecret));
  });

  it('flags a hard-coded key with a masked message, and Move to Stripe Secret Store… sets it and rewrites the literal', async () => {
    const doc = await open('config.js');
    const diag = await until('the hard-coded key warning', () => ours(doc.uri).find((d) => d.code === DiagnosticCodes.hardcodedKey));
    assert.match(diag.message, /Slack token \(xoxb-…FeDc\)/);
    assert.ok(!diag.message.includes(SLACK_KEY.slice(5, -4)));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, diag.range);
    const move = actions.find((a) => a.title === 'Move to Stripe Secret Store…');
    assert.ok(move?.command);
    const p = prompts({ pick: 'Account' }, { input: 'slack_token' });
    const offered: Array<string | undefined> = [];
    const inputBox = services.prompts.inputBox;
    services.prompts.inputBox = (options) => {
      offered.push(options.value);
      return inputBox(options);
    };
    try {
      await vscode.commands.executeCommand(move.command.command, ...(move.command.arguments ?? []));
    } finally {
      services.prompts.inputBox = inputBox;
    }
    p.assertDone();
    // The app's names are snake_case (present_key, soon_key…), so is the suggestion.
    assert.equal(offered[0], 'slack_token');
    assert.equal(store().find((s) => s.name === 'slack_token')?.payload, SLACK_KEY);
    const text = doc.getText();
    assert.ok(!text.includes(SLACK_KEY), 'the literal is gone');
    // A CommonJS top level allows no await: the lookup is a Promise of the value, which parses there.
    assert.ok(!text.includes('await'), text);
    assert.match(
      text,
      /const SLACK_TOKEN = stripe\.apps\.secrets\.find\(\{scope: \{type: 'account'\}, name: 'slack_token', expand: \['payload'\]\}\)\.then\(\(secret\) => secret\.payload\);/,
    );
    assert.doesNotThrow(() => new vm.Script(text));
    assert.ok(p.calls.some((c) => c.kind === 'info' && /git history/.test(c.text)));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('does not offer Move to Stripe Secret Store… on the name inside a find() call', async () => {
    const doc = await open('backend.ts');
    const at = doc.getText().indexOf('present_key');
    const range = new vscode.Range(doc.positionAt(at), doc.positionAt(at + 'present_key'.length));
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, range);
    assert.ok(!actions.some((a) => a.title === 'Move to Stripe Secret Store…'), actions.map((a) => a.title).join(', '));
    // A string that is not a name is still offered, so the check above is not vacuous.
    const other = doc.getText().indexOf("'payload'") + 1;
    const offered = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      doc.uri,
      new vscode.Range(doc.positionAt(other), doc.positionAt(other + 7)),
    );
    assert.ok(offered.some((a) => a.title === 'Move to Stripe Secret Store…'));
  });

  it('names the app in the view and fixes a manifest without secret_write', async () => {
    const manifest = uri('stripe-app.json');
    const diag = await until('the manifest warning', () => ours(manifest).find((d) => d.code === DiagnosticCodes.manifestSecretWrite));
    assert.equal(insight.manifests.appDescription(), 'Stripe App: Code Insight Test App (com.example.codeinsight)');
    const doc = await open('stripe-app.json');
    assert.equal(doc.getText(diag.range), '"permissions"');
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, diag.range);
    const fix = actions.find((a) => a.title === 'Add the secret_write permission');
    assert.ok(fix?.edit);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    const json = JSON.parse(doc.getText()) as { permissions: Array<{ permission: string }> };
    assert.deepEqual(
      json.permissions.map((x) => x.permission),
      ['customer_read', 'secret_write'],
    );
    await until('the manifest warning to go', () => ours(manifest).length === 0);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('the setting turns the code diagnostics off', async () => {
    const doc = await open('backend.py');
    await until('a warning', () => ours(doc.uri).length > 0);
    const config = vscode.workspace.getConfiguration(SETTINGS_SECTION);
    await config.update(CODE_DIAGNOSTICS_SETTING, false, vscode.ConfigurationTarget.Global);
    try {
      await until('no warnings', () => ours(doc.uri).length === 0);
    } finally {
      await config.update(CODE_DIAGNOSTICS_SETTING, true, vscode.ConfigurationTarget.Global);
    }
    await until('the warning back', () => ours(doc.uri).length > 0);
  });
});
