/**
 * History, Undo, Restore and Extend Expiry inside a real VS Code: commands driven as the tree
 * would, with scripted prompts, against an emulator in this process; the emulator's store is the
 * truth of what Stripe holds, and SecretStorage is read to check what history kept.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { Commands, SETTINGS_SECTION, StorageKeys } from '../../../src/constants';
import type { EmulatorHandle, StoredSecret } from '../../../src/emulator';
import type { ConnectionInfo, SecretNode, Services } from '../../../src/services';
import type { TestApi } from '../../../src/testApi';
import { scriptPrompts, type Answer, type PromptScript } from './helpers/fakePrompts';
import { usePrompts } from './helpers/extension';
import { until } from './helpers/until';
import { ACCOUNT, DAY, nowSeconds, seedSecret, useEmulatorConnection } from './helpers/fixtures';

const HISTORY_KEY = 'stripeSecrets.history';

describe('History and expiry', function () {
  this.timeout(30_000);
  const fixture = useEmulatorConnection('History test');
  let emulator: EmulatorHandle;
  let services: Services;
  let connection: ConnectionInfo;
  let script: PromptScript | undefined;

  let api: TestApi;
  before(() => ({ api, services, emulator, connection } = fixture));
  beforeEach(async () => {
    await services.context.secrets.delete(HISTORY_KEY);
  });
  afterEach(async () => {
    script?.restore();
    script = undefined;
    await setSetting('historyRetentionDays', undefined);
    await setSetting('expiryNotification', undefined);
  });

  const store = () => emulator.secrets('test');
  const find = (name: string) => store().find((s) => s.name === name);
  const seed = (name: string, payload: string, expiresAt: number | null = null): StoredSecret =>
    seedSecret(store(), name, payload, expiresAt);
  const prompts = (...answers: Answer[]) => (script = scriptPrompts(services, answers));
  const kept = async () =>
    JSON.parse((await services.context.secrets.get(HISTORY_KEY)) ?? '[]') as Array<{
      name: string;
      payload: string;
      expiresAt: number | null;
      reason: string;
    }>;

  async function setSetting(key: string, value: unknown): Promise<void> {
    await vscode.workspace.getConfiguration(SETTINGS_SECTION).update(key, value, vscode.ConfigurationTarget.Global);
  }

  function secretNode(secret: StoredSecret): SecretNode {
    const { payload: _payload, ...meta } = secret;
    return { kind: 'secret', connectionId: connection.id, scope: secret.scope, secret: { ...meta, livemode: false } };
  }

  it('Undo in the delete notification writes back the value and its expiry', async () => {
    const expiresAt = nowSeconds() + 5 * DAY;
    const secret = seed('api_token', 'the-old-value', expiresAt);
    const s = prompts({ button: 'Delete' }, { button: 'Undo', expect: /^Deleted 'api_token' from the account scope of History test\.$/ });
    await vscode.commands.executeCommand(Commands.deleteSecret, secretNode(secret));
    await until('the undo to write back', () => find('api_token')?.payload === 'the-old-value');
    s.assertDone();
    assert.equal(find('api_token')!.expiresAt, expiresAt);
    assert.deepEqual(
      (await kept()).map((e) => [e.name, e.reason]),
      [['api_token', 'delete']],
      'history kept the deleted value',
    );
    assert.ok(!JSON.stringify(s.calls).includes('the-old-value'), 'no value in any prompt');
  });

  it('Undo in the overwrite notification writes back the value replaced by Set Secret', async () => {
    const secret = seed('webhook_secret', 'whsec_before');
    const s = prompts(
      { pick: 'Enter a value…' },
      { input: 'whsec_after' },
      { pick: 'Never' },
      { button: 'Replace' },
      { button: 'Undo', expect: /^Replaced 'webhook_secret' in the account scope of History test\.$/ },
    );
    await vscode.commands.executeCommand(Commands.setSecret, secretNode(secret));
    await until('the undo to write back', () => find('webhook_secret')?.payload === 'whsec_before');
    s.assertDone();
  });

  it('Restore from Show History asks when Stripe no longer holds the value that replaced it, and writes nothing on No', async () => {
    const secret = seed('rotating', 'v1');
    let s = prompts({ pick: 'Enter a value…' }, { input: 'v2' }, { pick: 'Never' }, { button: 'Replace' });
    await vscode.commands.executeCommand(Commands.setSecret, secretNode(secret));
    s.assertDone();
    s.restore();
    find('rotating')!.payload = 'v3-set-elsewhere';

    s = prompts({ pick: 'rotating' }, { pick: 'Restore' }, { button: undefined, expect: /changed since it was replaced here/ });
    await vscode.commands.executeCommand(Commands.showHistory, secretNode(find('rotating')!));
    s.assertDone();
    s.restore();
    assert.equal(find('rotating')!.payload, 'v3-set-elsewhere', 'declined: nothing written');
    assert.ok(
      s.calls[0].items.every((label) => !label.includes('v1')),
      'the pick never shows a value',
    );

    s = prompts({ pick: 'rotating' }, { pick: 'Restore' }, { button: 'Restore', expect: /changed since it was replaced here/ });
    await vscode.commands.executeCommand(Commands.showHistory, secretNode(find('rotating')!));
    s.assertDone();
    assert.equal(find('rotating')!.payload, 'v1');
    assert.ok(
      (await kept()).some((e) => e.payload === 'v3-set-elsewhere'),
      'the value the restore replaced is kept in turn',
    );
  });

  it('Restore writes nothing when the value changes again while the question is open', async () => {
    const secret = seed('raced', 'v1');
    let s = prompts({ pick: 'Enter a value…' }, { input: 'v2' }, { pick: 'Never' }, { button: 'Replace' });
    await vscode.commands.executeCommand(Commands.setSecret, secretNode(secret));
    s.restore();
    find('raced')!.payload = 'v3';
    s = prompts({ pick: 'raced' }, { pick: 'Restore' });
    const inner = services.prompts;
    usePrompts({
      ...inner,
      warning: (message, _options, ...items) => {
        // Only the restore's question: a warning left over from another flow (a clipboard timer)
        // must not change the value before the restore has read it.
        if (!/changed since it was replaced/.test(message)) return Promise.resolve(undefined);
        find('raced')!.payload = 'v4';
        return Promise.resolve(items.find((i) => i === 'Restore'));
      },
    });
    await vscode.commands.executeCommand(Commands.showHistory, secretNode(find('raced')!));
    s.assertDone();
    assert.equal(find('raced')!.payload, 'v4', 'the change made during the question stands');
    assert.match(s.errors()[0] ?? '', /changed again while you answered/);
  });

  it('Extend Expiry sets a new expires_at and keeps the value byte-exact, never prompting for it', async () => {
    const value = '  ünïcødé \t"quoted"\n{"json": true}  ';
    const secret = seed('oauth_token', value, nowSeconds() + DAY);
    const before = emulator.requests().length;
    const s = prompts({ pick: '30 days' });
    await vscode.commands.executeCommand(Commands.extendExpiry, secretNode(secret));
    s.assertDone();
    const after = find('oauth_token')!;
    assert.equal(after.payload, value);
    assert.ok(Math.abs(after.expiresAt! - (nowSeconds() + 30 * DAY)) < 60, 'about 30 days ahead');
    const reqs = emulator
      .requests()
      .slice(before)
      .filter((r) => !(r.method === 'GET' && r.path === '/v1/apps/secrets'));
    assert.deepEqual(
      reqs.map((r) => `${r.method} ${r.path}`),
      ['GET /v1/apps/secrets/find', 'POST /v1/apps/secrets'],
      'one find with the payload, one set',
    );
    assert.ok(!JSON.stringify(s.calls).includes('ünïcødé'), 'the value is never shown');
    assert.deepEqual(
      (await kept()).map((e) => [e.reason, e.expiresAt]),
      [['expiry', secret.expiresAt]],
    );
  });

  it('brings back a secret Stripe deleted at expiry from Show History on its scope, with a new expiry', async () => {
    const secret = seed('short_lived', 'sl-value', nowSeconds() + 3600);
    let s = prompts({ pick: '1 hour' });
    await vscode.commands.executeCommand(Commands.extendExpiry, secretNode(secret));
    s.restore();
    // The kept entry holds the old expiry; Stripe now deletes the secret (as at its expiry).
    const raw = await kept();
    (raw[0] as { expiresAt: number }).expiresAt = nowSeconds() - 10;
    await services.context.secrets.store(HISTORY_KEY, JSON.stringify(raw));
    store().splice(store().indexOf(find('short_lived')!), 1);

    s = prompts(
      { pick: 'short_lived' },
      { pick: 'Restore' },
      { button: 'Restore', expect: /no longer exists/ },
      { pick: 'No expiry', expect: /has passed/ },
    );
    await vscode.commands.executeCommand(Commands.showHistory, { kind: 'scope', connectionId: connection.id, scope: ACCOUNT });
    s.assertDone();
    assert.equal(find('short_lived')?.payload, 'sl-value');
    assert.equal(find('short_lived')?.expiresAt, null);
  });

  it('a restore into a scope at 10/10 says so before any write', async () => {
    const secret = seed('gone', 'g1');
    let s = prompts({ button: 'Delete' });
    await vscode.commands.executeCommand(Commands.deleteSecret, secretNode(secret));
    s.restore();
    for (let i = 0; i < 10; i++) seed(`filler_${i}`, `f${i}`);
    const before = emulator.requests().filter((r) => r.method === 'POST').length;
    s = prompts({ pick: 'gone' }, { pick: 'Restore' });
    await vscode.commands.executeCommand(Commands.showHistory, { kind: 'scope', connectionId: connection.id, scope: ACCOUNT });
    s.assertDone();
    assert.match(s.errors()[0], /already holds 10 secrets.*one secret as JSON/);
    assert.equal(emulator.requests().filter((r) => r.method === 'POST').length, before);
  });

  it('Reveal in Show History asks nothing in test mode and shows the value only in an input box', async () => {
    const secret = seed('peek', 'p1');
    let s = prompts({ button: 'Delete' });
    await vscode.commands.executeCommand(Commands.deleteSecret, secretNode(secret));
    s.restore();
    s = prompts({ pick: 'peek' }, { pick: 'Reveal' }, { cancel: true, expect: /Kept value of 'peek'/ });
    const opened: string[] = [];
    const listener = vscode.workspace.onDidOpenTextDocument((d) => opened.push(d.getText()));
    try {
      await vscode.commands.executeCommand(Commands.showHistory);
    } finally {
      listener.dispose();
    }
    s.assertDone();
    assert.ok(!opened.some((t) => t.includes('p1')), 'no TextDocument holds the value');
  });

  it('with historyRetentionDays 0 keeps nothing, offers no Undo, and deletes what was kept', async () => {
    const a = seed('first', 'a1');
    let s = prompts({ button: 'Delete' });
    await vscode.commands.executeCommand(Commands.deleteSecret, secretNode(a));
    s.restore();
    assert.equal((await kept()).length, 1);
    await setSetting('historyRetentionDays', 0);
    await until('what was kept to be deleted', async () => (await services.context.secrets.get(HISTORY_KEY)) === undefined);

    const b = seed('second', 'b1');
    const mark = emulator.requests().length;
    s = prompts({ button: 'Delete' });
    await vscode.commands.executeCommand(Commands.deleteSecret, secretNode(b));
    s.assertDone();
    const notice = s.calls.find((c) => c.kind === 'info' && /^Deleted 'second'/.test(c.text));
    assert.ok(notice, 'the delete is reported');
    assert.deepEqual(notice.items, [], 'no Undo without history');
    assert.equal(await services.context.secrets.get(HISTORY_KEY), undefined);
    const finds = emulator
      .requests()
      .slice(mark)
      .filter((r) => r.path.includes('/find')).length;
    assert.equal(finds, 0, 'with history off, the delete reads no value');
  });

  it('Clear History deletes everything kept after a modal', async () => {
    const secret = seed('clearable', 'c1');
    let s = prompts({ button: 'Delete' });
    await vscode.commands.executeCommand(Commands.deleteSecret, secretNode(secret));
    s.restore();
    s = prompts({ button: 'Clear History', expect: /Delete the value history keeps/ });
    await vscode.commands.executeCommand(Commands.clearHistory);
    s.assertDone();
    assert.equal(await services.context.secrets.get(HISTORY_KEY), undefined);
  });

  it('reminds once a day of what Stripe deletes within the reminder window; Extend… changes its expiry', async () => {
    const soon = seed('rotating_token', 'rt-value', nowSeconds() + 2 * DAY);
    const later = seed('later_token', 'lt-value', nowSeconds() + 5 * DAY);
    await services.context.globalState.update(StorageKeys.expiryNotifiedDay, '2000-01-01');
    const s = prompts(
      { button: 'Extend…', expect: /^Stripe will delete 'rotating_token' \(Account · History test\) on .* when it expires\./ },
      { pick: '30 days' },
    );
    const fake = api.fakeLoadedSecrets(() => [secretNode(soon), secretNode(later)]);
    try {
      await setSetting('expiryNotification', true);
      await until(
        () =>
          `the reminder and its Extend… (prompts seen: ${JSON.stringify(s.calls.map((c) => [c.kind, c.text, c.answer]))}; ${s.failures.join('; ')})`,
        () => (find('rotating_token')?.expiresAt ?? 0) > nowSeconds() + 20 * DAY,
        12_000,
      );
    } finally {
      fake.dispose();
    }
    s.assertDone();
    const reminder = s.calls.find((c) => c.answer === 'Extend…')!;
    assert.doesNotMatch(reminder.text, /later_token/, 'outside the 3-day window: not named');
    assert.deepEqual(reminder.items, ['Extend…', 'Set Secret…']);
    assert.equal(find('rotating_token')!.payload, 'rt-value');
  });
});
