/**
 * The prompts a person meets, as the real commands ask them: steps with a count and Back, what the
 * value and date boxes say as they are typed, and which button of a destructive modal is the default.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands } from '../../../src/constants';
import type { EmulatorHandle, StoredSecret } from '../../../src/emulator';
import type { ConnectionInfo, ScopeNode, SecretNode, Services } from '../../../src/services';
import { scriptPrompts, type Answer, type PromptScript } from './helpers/fakePrompts';
import { ACCOUNT, seedSecret, useEmulatorConnection } from './helpers/fixtures';
import { stripeCliConfigExists } from '../../../src/model/stripeCliConfig';

describe('Keys and prompts', function () {
  this.timeout(30_000);
  const fixture = useEmulatorConnection('Keys test');
  let emulator: EmulatorHandle;
  let services: Services;
  let connection: ConnectionInfo;
  let script: PromptScript | undefined;

  before(() => ({ services, emulator, connection } = fixture));
  afterEach(() => {
    script?.restore();
    script = undefined;
  });

  const store = () => emulator.secrets('test');
  const find = (name: string) => store().find((s) => s.name === name);
  const seed = (name: string, payload: string): StoredSecret => seedSecret(store(), name, payload);
  const scopeNode = (): ScopeNode => ({ kind: 'scope', connectionId: connection.id, scope: ACCOUNT });
  function secretNode(secret: StoredSecret): SecretNode {
    const { payload: _payload, ...meta } = secret;
    return { kind: 'secret', connectionId: connection.id, scope: secret.scope, secret: { ...meta, livemode: false } };
  }
  function prompts(...answers: Answer[]): PromptScript {
    script = scriptPrompts(services, answers);
    return script;
  }

  it('Set asks step by step, with the count, and Back keeps what was typed', async () => {
    const p = prompts(
      { pick: 'Account' },
      { input: 'stepped' },
      { back: true },
      { input: 'stepped_again' },
      { pick: 'Enter a value…' },
      { back: true },
      { input: 'stepped_again' },
      { pick: 'Enter a value…' },
      { input: 'v2' },
      { pick: 'Never' },
    );
    await vscode.commands.executeCommand(Commands.setSecret);
    p.assertDone();
    const step = (n: number) => `Set Secret (Step ${n} of 4)`;
    // Only the flow's boxes and picks: a notification from elsewhere (the daily expiry reminder, when the
    // first expiring secret of the run loads meanwhile) is not a step.
    const steps = p.calls.filter((c) => c.kind === 'quickPick' || c.kind === 'inputBox');
    assert.deepEqual(
      steps.map((c) => c.title),
      [step(1), step(2), step(3), step(2), step(3), step(3), step(2), step(3), step(3), step(4)],
    );
    assert.deepEqual(
      steps.map((c) => c.canGoBack === true),
      [false, true, true, true, true, true, true, true, true, true],
    );
    assert.equal(find('stepped'), undefined);
    assert.equal(find('stepped_again')?.payload, 'v2');
  });

  it('the value box counts against 5,000 and warns on JSON that does not parse', async () => {
    const p = prompts({ input: 'json_value' }, { pick: 'Enter a value…' }, { input: '{"a": 1' }, { pick: 'Never' });
    await vscode.commands.executeCommand(Commands.setSecret, scopeNode());
    p.assertDone();
    const valueBox = p.calls.find((c) => c.kind === 'inputBox' && /secret value/.test(c.text));
    const [typed] = valueBox?.validations ?? [];
    assert.equal(typed?.severity, vscode.InputBoxValidationSeverity.Warning);
    assert.match(typed?.message ?? '', /^7 \/ 5,000 characters\. This looks like JSON but does not parse \(invalid JSON at line 1/);
    assert.ok(!(typed?.message ?? '').includes('"a"'), 'the warning repeats nothing of the value');
    assert.equal(find('json_value')?.payload, '{"a": 1', 'a warning, never a refusal');
  });

  it('a typed expiry is echoed in full with its time zone before it is used', async () => {
    const p = prompts({ input: 'dated' }, { pick: 'Generate a random value' }, { pick: 'Date and time…' }, { input: '2031-03-04 05:06' });
    await vscode.commands.executeCommand(Commands.setSecret, scopeNode());
    p.assertDone();
    const dateBox = p.calls.find((c) => c.kind === 'inputBox' && /YYYY-MM-DD/.test(c.text));
    // In a remote window (the host suite runs in code-server) the extension host is the server.
    const remote = vscode.env.remoteName !== undefined;
    assert.match(
      dateBox?.text ?? '',
      remote ? /in the remote server's time zone, \S+ \(UTC[+-]\d\d:\d\d\)/ : /in your time zone, \S+ \(UTC[+-]\d\d:\d\d\)/,
    );
    const [echo] = dateBox?.validations ?? [];
    assert.equal(echo?.severity, vscode.InputBoxValidationSeverity.Info);
    assert.match(
      echo?.message ?? '',
      remote
        ? /^Expires Tue 4 Mar 2031 05:06 \S+ \(UTC[+-]\d\d:\d\d\) \(the remote server's time zone\)$/
        : /^Expires Tue 4 Mar 2031 05:06 \S+ \(UTC[+-]\d\d:\d\d\)$/,
    );
  });

  it('destructive modals give the default focus to the safe button, never to the action', async () => {
    const doomed = seed('doomed', 'x');
    const p = prompts({ button: 'Keep Secret' });
    await vscode.commands.executeCommand(Commands.deleteSecret, secretNode(doomed));
    p.push({ pick: 'Enter a value…' }, { input: 'y' }, { pick: 'Never' }, { button: 'Keep Current Value' });
    await vscode.commands.executeCommand(Commands.setSecret, secretNode(doomed));
    p.assertDone();
    const modals = p.calls.filter((c) => c.modal);
    // VS Code focuses the first button that is not a close affordance, and adds Cancel last.
    assert.deepEqual(
      modals.map((c) => c.items),
      [
        ['Keep Secret', 'Delete'],
        ['Keep Current Value', 'Replace'],
      ],
    );
    assert.equal(find('doomed')?.payload, 'x');
  });

  it('Remove Connection defaults to keeping it', async () => {
    const other = await services.connections.add({ label: 'Kept', apiBase: emulator.url, apiKey: emulator.testKey });
    try {
      const p = prompts({ button: 'Keep Connection' });
      await vscode.commands.executeCommand(Commands.removeConnection, { kind: 'connection', connectionId: other.id });
      p.assertDone();
      assert.deepEqual(p.calls[0].items, ['Keep Connection', 'Remove']);
      assert.ok(services.connections.get(other.id));
    } finally {
      await services.connections.remove(other.id);
    }
  });

  it('Add Connection counts its steps, and Back keeps what was typed', async () => {
    const cli = stripeCliConfigExists();
    const before = new Set(services.connections.list().map((c) => c.id));
    const p = prompts(
      ...(cli ? [{ pick: 'Enter an API key…' }] : []),
      { input: 'Stepped connection' },
      { input: emulator.testKey },
      { back: true },
      { input: emulator.testKey },
      { input: '' },
      { pick: 'Advanced: custom API base…' },
      { input: emulator.url },
    );
    await vscode.commands.executeCommand(Commands.addConnection);
    const added = services.connections.list().filter((c) => !before.has(c.id));
    try {
      p.assertDone();
      const total = cli ? 5 : 4;
      const first = cli ? 2 : 1;
      const step = (n: number) => `Add Stripe Connection (Step ${n} of ${total})`;
      const titles = p.calls.filter((c) => c.kind !== 'info').map((c) => c.title);
      assert.deepEqual(titles.slice(cli ? 1 : 0), [
        step(first),
        step(first + 1),
        step(first + 2),
        step(first + 1),
        step(first + 2),
        step(first + 3),
        step(first + 3),
      ]);
      assert.equal(p.calls.find((c) => c.kind === 'inputBox')?.canGoBack, cli);
      assert.deepEqual(
        added.map((c) => c.label),
        ['Stepped connection'],
      );
    } finally {
      for (const c of added) await services.connections.remove(c.id);
    }
  });
});
