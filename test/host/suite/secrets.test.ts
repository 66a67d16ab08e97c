/**
 * The secret actions inside a real VS Code: each test drives the command as the tree would (a node,
 * a selection) with scripted prompts, against an emulator started in this process, and checks the
 * emulator's store and request record.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, SETTINGS_SECTION } from '../../../src/constants';
import type { EmulatorHandle, StoredSecret } from '../../../src/emulator';
import { parseDateTime } from '../../../src/model/expiry';
import type { SecretScope } from '../../../src/model/types';
import type { ConnectionInfo, ScopeNode, SecretNode, Services } from '../../../src/services';
import type { TestApi } from '../../../src/testApi';
import { scriptPrompts, type Answer, type PromptScript } from './helpers/fakePrompts';
import { ACCOUNT, DAY, nowSeconds, seedSecret, useEmulatorConnection } from './helpers/fixtures';

describe('Secret actions', function () {
  this.timeout(30_000);
  const fixture = useEmulatorConnection('Secret actions test');
  let emulator: EmulatorHandle;
  let services: Services;
  let connection: ConnectionInfo;
  let script: PromptScript | undefined;
  let api: TestApi;

  before(() => ({ api, services, emulator, connection } = fixture));

  const store = () => emulator.secrets('test');
  const find = (name: string) => store().find((s) => s.name === name);
  const writes = () => emulator.requests().filter((r) => r.method === 'POST');

  const seed = (name: string, payload: string, expiresAt: number | null = null, scope: SecretScope = ACCOUNT): StoredSecret =>
    seedSecret(store(), name, payload, expiresAt, scope);

  function secretNode(secret: StoredSecret): SecretNode {
    const { payload: _payload, ...meta } = secret;
    return { kind: 'secret', connectionId: connection.id, scope: secret.scope, secret: { ...meta, livemode: false } };
  }

  const scopeNode = (): ScopeNode => ({ kind: 'scope', connectionId: connection.id, scope: ACCOUNT });

  function prompts(...answers: Answer[]): PromptScript {
    script = scriptPrompts(services, answers);
    return script;
  }

  async function setSetting(key: string, value: unknown): Promise<void> {
    await vscode.workspace.getConfiguration(SETTINGS_SECTION).update(key, value, vscode.ConfigurationTarget.Global);
  }

  /** Resolves when the extension logs a line matching `pattern` (the clipboard timer reports there). */
  function nextLog(pattern: RegExp): Promise<string> {
    const log = services.log as { info(message: string): void };
    const original = log.info;
    return new Promise((resolve) => {
      log.info = function (message: string) {
        original.call(this, message);
        if (pattern.test(message)) {
          log.info = original;
          resolve(message);
        }
      };
    });
  }

  /** Records the tree's busy labels ("Deleting…") while `run` goes. */
  async function busyLabels(run: () => PromiseLike<unknown>): Promise<Array<[string, string | undefined]>> {
    const tree = services.tree as { setBusy(connectionId: string, scope: SecretScope, name: string, label: string | undefined): void };
    const original = tree.setBusy;
    const seen: Array<[string, string | undefined]> = [];
    tree.setBusy = function (connectionId, scope, name, label) {
      seen.push([name, label]);
      return original.call(this, connectionId, scope, name, label);
    };
    try {
      await run();
    } finally {
      tree.setBusy = original;
    }
    return seen;
  }

  async function closeEditors(): Promise<void> {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  }

  afterEach(async () => {
    script?.restore();
    script = undefined;
  });

  describe('Set Secret', () => {
    it('creates a new secret with an expiry preset', async () => {
      const p = prompts({ input: 'API_TOKEN' }, { pick: 'Enter a value…' }, { input: 'v4lue-1' }, { pick: '7 days' });
      await vscode.commands.executeCommand(Commands.setSecret, scopeNode());
      p.assertDone();
      assert.deepEqual(p.errors(), []);
      const saved = find('API_TOKEN');
      assert.equal(saved?.payload, 'v4lue-1');
      assert.ok(saved.expiresAt !== null && Math.abs(saved.expiresAt - (nowSeconds() + 7 * DAY)) < 120);
    });

    it('warns as the name is typed that an existing secret will be replaced, and replaces it after the modal', async () => {
      seed('EXISTING', 'old-value', nowSeconds() + 3 * DAY);
      const p = prompts(
        { input: 'EXISTING' },
        { pick: 'Enter a value…' },
        { input: 'new-value' },
        { pick: 'Never' },
        { button: 'Replace', expect: /Replace the value of 'EXISTING'/ },
      );
      await vscode.commands.executeCommand(Commands.setSecret, scopeNode());
      p.assertDone();
      const nameBox = p.calls.find((c) => c.kind === 'inputBox')!;
      assert.equal(nameBox.validations?.[0].message, 'exists: will be replaced');
      assert.equal(nameBox.validations?.[0].severity, vscode.InputBoxValidationSeverity.Warning);
      assert.equal(find('EXISTING')?.payload, 'new-value');
      assert.equal(find('EXISTING')?.expiresAt, null);
    });

    it('from a secret row replaces that secret, and a declined confirmation writes nothing', async () => {
      const secret = seed('ROW', 'row-value');
      const before = writes().length;
      const p = prompts({ pick: 'Enter a value…' }, { input: 'changed' }, { pick: 'Never' }, { button: undefined });
      await vscode.commands.executeCommand(Commands.setSecret, secretNode(secret));
      p.assertDone();
      assert.equal(find('ROW')?.payload, 'row-value');
      assert.equal(writes().length, before);
    });

    it('refuses a full scope before a name is typed, saying what to do', async () => {
      for (let i = 0; i < 10; i++) seed(`S${i}`, `value-${i}`);
      const before = writes().length;
      const p = prompts();
      await vscode.commands.executeCommand(Commands.setSecret, scopeNode());
      p.assertDone();
      assert.ok(!p.calls.some((c) => c.kind === 'inputBox'), 'no name was asked');
      assert.match(p.errors().join('\n'), /is full \(10\/10.*Delete one of its secrets \('S0', 'S1'.*one JSON secret/);
      assert.equal(writes().length, before);
      assert.equal(store().length, 10);
    });

    it('refuses a full scope when it is picked, and picks again', async () => {
      for (let i = 0; i < 10; i++) seed(`S${i}`, `value-${i}`);
      const p = prompts({ pick: 'Account' }, { cancel: true });
      await vscode.commands.executeCommand(Commands.setSecret);
      p.assertDone();
      const picks = p.calls.filter((c) => c.kind === 'quickPick' && /Choose a scope/.test(c.text));
      assert.equal(picks.length, 2, 'the scope pick comes back after the refusal');
      assert.match(p.errors().join('\n'), /is full \(10\/10/);
      assert.ok(!p.calls.some((c) => c.kind === 'inputBox'), 'no name was asked');
    });

    it('still lets a full scope replace one of its names from its row', async () => {
      const doomed = Array.from({ length: 10 }, (_, i) => seed(`S${i}`, `value-${i}`));
      const p = prompts({ pick: 'Enter a value…' }, { input: 'replaced' }, { pick: '1 hour' }, { button: 'Replace' });
      await vscode.commands.executeCommand(Commands.setSecret, secretNode(doomed[3]));
      p.assertDone();
      assert.equal(find('S3')?.payload, 'replaced');
    });

    it('stores a generated value without ever showing it', async () => {
      const p = prompts({ input: 'GENERATED' }, { pick: 'Generate a random value' }, { pick: 'Never' });
      await vscode.commands.executeCommand(Commands.setSecret, scopeNode());
      p.assertDone();
      const value = find('GENERATED')?.payload ?? '';
      assert.match(value, /^[A-Za-z0-9_-]{43}$/);
      assert.ok(
        p.calls.some(
          (c) => c.kind === 'info' && /random 32-byte value was generated and stored/.test(c.text) && c.items.includes('Copy Secret Value'),
        ),
        'the notice offers Copy Secret Value as a button',
      );
      assert.ok(!JSON.stringify(p.calls).includes(value));
    });

    it('takes a typed date and time, refusing what parseDateTime refuses', async () => {
      const p = prompts(
        { input: 'DATED' },
        { pick: 'Enter a value…' },
        { input: 'dated-value' },
        { pick: 'Date and time…' },
        { input: 'next tuesday', invalid: /YYYY-MM-DD/ },
        { input: '2020-01-01', invalid: /future/ },
        { input: '2099-01-31 14:00' },
      );
      await vscode.commands.executeCommand(Commands.setSecret, scopeNode());
      p.assertDone();
      const parsed = parseDateTime('2099-01-31 14:00', Date.now());
      assert.ok(parsed.ok);
      assert.equal(find('DATED')?.expiresAt, parsed.seconds);
    });

    it('refuses an invalid name and an empty value as typed', async () => {
      const p = prompts(
        { input: ' padded', invalid: /spaces at the start or end/ },
        { input: 'ZERO\u200bWIDTH', invalid: /invisible character \(zero-width space, joiner or a text-direction mark\)/ },
        { input: 'RTL\u202eNAME', invalid: /invisible character/ },
        { input: 'OK_NAME' },
        { pick: 'Enter a value…' },
        { input: '', invalid: /cannot be empty/ },
        { input: 'x' },
        { pick: 'Never' },
      );
      await vscode.commands.executeCommand(Commands.setSecret, scopeNode());
      p.assertDone();
      assert.equal(find('OK_NAME')?.payload, 'x');
    });
  });

  describe('Copy', () => {
    afterEach(() => setSetting('clipboardClearSeconds', undefined));

    it('copies the value and clears the clipboard when it still holds it', async () => {
      await setSetting('clipboardClearSeconds', 1);
      const secret = seed('COPIED', 'clip-value');
      prompts();
      const cleared = nextLog(/^Clipboard /);
      await vscode.commands.executeCommand(Commands.copySecretValue, secretNode(secret));
      assert.equal(await vscode.env.clipboard.readText(), 'clip-value');
      assert.match(await cleared, /cleared/);
      assert.equal(await vscode.env.clipboard.readText(), '');
      script!.assertDone();
    });

    it('leaves a clipboard that changed meanwhile alone', async () => {
      await setSetting('clipboardClearSeconds', 1);
      const secret = seed('COPIED2', 'clip-value-2');
      prompts();
      const settled = nextLog(/^Clipboard /);
      await vscode.commands.executeCommand(Commands.copySecretValue, secretNode(secret));
      await vscode.env.clipboard.writeText('something the person copied');
      assert.match(await settled, /left as is/);
      assert.equal(await vscode.env.clipboard.readText(), 'something the person copied');
    });

    it('copies the name', async () => {
      const secret = seed('NAME_ONLY', 'not-this');
      prompts();
      await vscode.commands.executeCommand(Commands.copySecretName, secretNode(secret));
      assert.equal(await vscode.env.clipboard.readText(), 'NAME_ONLY');
    });

    it('copies a backend snippet that holds neither a key nor the value', async () => {
      const secret = seed('SNIPPET', 'snippet-value');
      const languages = [
        ['curl', '$STRIPE_SECRET_KEY'],
        ['Node (stripe-node)', 'stripe.apps.secrets.find('],
        ['Python (stripe-python)', 'client.v1.apps.secrets.find('],
        ['Ruby (stripe-ruby)', 'client.v1.apps.secrets.find('],
        ['PHP (stripe-php)', '$stripe->apps->secrets->find('],
        ['Go (stripe-go)', 'sc.V1AppsSecrets.Find('],
        ['Java (stripe-java)', 'client.v1().apps().secrets().find('],
        ['.NET (Stripe.net)', 'client.V1.Apps.Secrets.FindAsync('],
      ] as const;
      for (const [label, marker] of languages) {
        const p = prompts({ pick: label });
        await vscode.commands.executeCommand(Commands.copyBackendSnippet, secretNode(secret));
        p.assertDone();
        const text = await vscode.env.clipboard.readText();
        assert.ok(text.includes(marker) && text.includes('SNIPPET'), text);
        assert.ok(!text.includes('snippet-value') && !text.includes(emulator.testKey), text);
        p.restore();
      }
    });
  });

  describe('Live mode', () => {
    const LIVE_KEY = 'sk_live_emulatorLiveModeKey000000000000000000';
    let live: ConnectionInfo;
    const liveStore = () => emulator.secrets('live');

    before(async () => {
      live = await services.connections.add({ label: 'Live test', apiBase: emulator.url, apiKey: LIVE_KEY });
      assert.equal(live.mode, 'live');
    });
    after(() => services.connections.remove(live.id));
    beforeEach(() => liveStore().splice(0));
    afterEach(closeEditors);

    function liveNode(name: string, payload: string): SecretNode {
      const secret: StoredSecret = {
        id: `appsecret_live${name}`,
        name,
        scope: ACCOUNT,
        payload,
        created: nowSeconds() - 60,
        expiresAt: null,
      };
      liveStore().push(secret);
      const { payload: _payload, ...meta } = secret;
      return { kind: 'secret', connectionId: live.id, scope: ACCOUNT, secret: { ...meta, livemode: true } };
    }

    it('asks before revealing a live value, and a no reveals nothing', async () => {
      const node = liveNode('LIVE_SECRET', 'live-value');
      const finds = () => emulator.requests().filter((r) => r.path.includes('/find')).length;
      const before = finds();
      const p = prompts({ button: undefined, expect: /^Show the live value of 'LIVE_SECRET'/ });
      await vscode.commands.executeCommand(Commands.revealSecret, node);
      p.assertDone();
      assert.equal(finds(), before);
      const location = { connectionId: live.id, scope: ACCOUNT, name: 'LIVE_SECRET' };
      assert.equal(api.valueEditors.document(location, 'reveal'), undefined);

      p.push({ button: 'Reveal' });
      await vscode.commands.executeCommand(Commands.revealSecret, node);
      p.assertDone();
      const document = api.valueEditors.document(location, 'reveal');
      assert.equal(document?.status, 'ready');
      assert.ok(document?.base === 'live-value');
    });

    it('asks before copying a live value', async () => {
      const node = liveNode('LIVE_COPY', 'live-copy-value');
      await vscode.env.clipboard.writeText('unchanged');
      const p = prompts({ button: undefined, expect: /^Copy the live value of 'LIVE_COPY'/ });
      await vscode.commands.executeCommand(Commands.copySecretValue, node);
      assert.equal(await vscode.env.clipboard.readText(), 'unchanged');
      p.push({ button: 'Copy' });
      await vscode.commands.executeCommand(Commands.copySecretValue, node);
      p.assertDone();
      assert.equal(await vscode.env.clipboard.readText(), 'live-copy-value');
    });

    it('makes the person type the name to delete a live secret', async () => {
      const node = liveNode('LIVE_DOOMED', 'x');
      const p = prompts({ input: 'live_doomed', invalid: /Type LIVE_DOOMED to confirm/ }, { input: 'LIVE_DOOMED' });
      await vscode.commands.executeCommand(Commands.deleteSecret, node);
      p.assertDone();
      assert.deepEqual(liveStore(), []);
    });
  });

  describe('Delete Secret', () => {
    afterEach(() => setSetting('deleteConfirmation', undefined));

    it('deletes one secret after a modal naming it, its scope and connection', async () => {
      const secret = seed('DOOMED', 'x');
      const p = prompts({ button: 'Delete', expect: /^Delete secret 'DOOMED' from the account scope of Secret actions test\?/ });
      const busy = await busyLabels(() => vscode.commands.executeCommand(Commands.deleteSecret, secretNode(secret)));
      p.assertDone();
      assert.deepEqual(busy[0], ['DOOMED', 'Deleting…']);
      assert.equal(find('DOOMED'), undefined);
    });

    it('deletes a multi-selection, typing the count when the setting asks for it', async () => {
      await setSetting('deleteConfirmation', 'typeNameAlways');
      const nodes = ['M1', 'M2', 'M3'].map((n) => secretNode(seed(n, n)));
      seed('SURVIVOR', 'stays');
      const p = prompts({ input: 'M1', invalid: /Type delete 3 to confirm/ }, { input: 'delete 3' });
      await vscode.commands.executeCommand(Commands.deleteSecret, nodes[1], nodes);
      p.assertDone();
      assert.deepEqual(
        store().map((s) => s.name),
        ['SURVIVOR'],
      );
    });

    it('deletes from the palette: scope, then a multi-select of its secrets', async () => {
      seed('P1', 'a');
      seed('P2', 'b');
      seed('P3', 'c');
      const answers: Answer[] = services.connections.list().length > 1 ? [{ pick: connection.label }] : [];
      const p = prompts(...answers, { pick: 'Account' }, { pick: ['P1', 'P3'] }, { button: 'Delete', expect: /2 secrets \('P1', 'P3'\)/ });
      await vscode.commands.executeCommand(Commands.deleteSecret);
      p.assertDone();
      assert.deepEqual(
        store().map((s) => s.name),
        ['P2'],
      );
    });

    it('keeps the secret when the confirmation is cancelled', async () => {
      const secret = seed('KEPT', 'x');
      const deletes = () => emulator.requests().filter((r) => r.path.includes('/delete')).length;
      const before = deletes();
      const p = prompts({ button: undefined });
      await vscode.commands.executeCommand(Commands.deleteSecret, secretNode(secret));
      p.assertDone();
      assert.ok(find('KEPT'));
      assert.equal(deletes(), before);
    });

    it('keeps a secret whose delete fails, and says why', async () => {
      const secret = seed('STUBBORN', 'x');
      emulator.injectFault({ kind: 'status', status: 403, count: 1 });
      const p = prompts({ button: 'Delete' });
      const busy = await busyLabels(() => vscode.commands.executeCommand(Commands.deleteSecret, secretNode(secret)));
      assert.ok(find('STUBBORN'));
      assert.deepEqual(busy, [
        ['STUBBORN', 'Deleting…'],
        ['STUBBORN', undefined],
      ]);
      assert.equal(p.errors().length, 1);
      assert.match(p.errors()[0], /may not manage app secrets/);
    });

    it('reports which of several deletes failed', async () => {
      const nodes = ['F1', 'F2'].map((n) => secretNode(seed(n, n)));
      emulator.injectFault({ kind: 'status', status: 403, count: 1 });
      const p = prompts({ button: 'Delete' });
      await vscode.commands.executeCommand(Commands.deleteSecret, nodes[0], nodes);
      assert.equal(store().length, 1);
      const kept = store()[0].name;
      assert.equal(p.errors().length, 1);
      assert.match(p.errors()[0], new RegExp(`^Deleted 1 of 2 secrets; not deleted: '${kept}' \\(`));
    });
  });
});
