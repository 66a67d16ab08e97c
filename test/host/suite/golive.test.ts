/**
 * Going live inside a real VS Code: a connection from the Stripe CLI's config, Compare Scopes…,
 * Copy Missing Secrets… and the expiry overview, against an emulator started in this process
 * (its test-mode and live-mode stores stand in for a test and a live account). The suite runs in
 * the extension host, so XDG_CONFIG_HOME set here is what the extension reads. Every test counts
 * the requests its flow costs from the emulator's log and prints them (`requests:` lines).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands, EXTENSION_ID, StorageKeys } from '../../../src/constants';
import { startEmulator, type EmulatorHandle } from '../../../src/emulator';
import type { ConnectionInfo, SecretNode, Services } from '../../../src/services';
import type { TestApi } from '../../../src/testApi';
import type { ComparisonTreeProvider } from '../../../src/tree/comparisonTree';
import { usePrompts } from './helpers/extension';
import { until } from './helpers/until';
import { scriptPrompts, type Answer, type PromptScript } from './helpers/fakePrompts';
import { ACCOUNT, DAY, afterNextList, nowSeconds, seedSecret } from './helpers/fixtures';

const CLI_KEY = 'rk_test_' + '51GoLiveCliKeyAbCdEfGh0001';
const CLI_KEY_RENEWED = 'rk_test_' + '51GoLiveCliKeyAbCdEfGh0002';
const SHOP_KEY = 'sk_test_' + '51GoLiveShopKeyAbCdEfGh003';
const TEST_KEY = 'sk_test_' + '51GoLiveTestSideAbCdEfGh04';
const LIVE_KEY = 'sk_live_' + '51GoLiveLiveSideAbCdEfGh05';
const VALUE_PREFIX = 'golive-value-';

function futureDate(days: number): string {
  return new Date(Date.now() + days * DAY * 1000).toISOString().slice(0, 10);
}

function cliConfig(key: string, expires = futureDate(80)): string {
  return [
    'color = "auto"',
    '[default]',
    'account_id = "acct_1GoLiveDefault01"',
    'display_name = "Acme Test"',
    `test_mode_api_key = "${key}"`,
    `test_mode_key_expires_at = "${expires}"`,
    'live_mode_api_key = "rk_live_51Go**************0009"',
    '[shop]',
    'account_id = "acct_1GoLiveShop0002"',
    'display_name = "Shop Sandbox"',
    `test_mode_api_key = "${SHOP_KEY}"`,
    `test_mode_key_expires_at = "${futureDate(-1)}"`,
    '[nokey]',
    'display_name = "Half Login"',
    '',
  ].join('\n');
}

describe('Go live (Stripe CLI, compare, copy, expiring)', function () {
  this.timeout(30_000);
  let emulator: EmulatorHandle;
  let api: TestApi;
  let services: Services;
  let comparison: ComparisonTreeProvider;
  let script: PromptScript | undefined;
  let xdg: string;
  let savedXdg: string | undefined;
  const added: string[] = [];

  const configFile = () => path.join(xdg, 'stripe', 'config.toml');
  const writeConfig = (text: string) => {
    fs.mkdirSync(path.dirname(configFile()), { recursive: true });
    fs.writeFileSync(configFile(), text);
  };
  const mark = () => emulator.requests().length;
  /**
   * Waits until the Secrets tree's own loads (a new connection, a refresh) have settled, so a count
   * is the flow's alone: nothing loading, and no request for 400 ms (the view asks for a refreshed
   * row's children a moment after the change, so "nothing loading" alone comes too early).
   */
  const settled = async () => {
    let last = mark();
    let quietSince = Date.now();
    await until(
      'the Secrets tree to stop loading',
      () => {
        if (mark() !== last || services.tree.loading?.()) [last, quietSince] = [mark(), Date.now()];
        return Date.now() - quietSince >= 400;
      },
      15_000,
    );
  };
  const since = (start: number) => emulator.requests().slice(start);
  const report = (flow: string, start: number) => {
    const reqs = since(start);
    console.log(
      `requests: ${flow}: ${reqs.length} (${reqs.map((r) => `${r.method} ${r.path.replace('/v1/apps/secrets', '') || '/'}`).join(', ')})`,
    );
    return reqs;
  };
  const prompts = (...answers: Answer[]) => (script = scriptPrompts(services, answers));

  async function connect(label: string, apiKey: string): Promise<ConnectionInfo> {
    const info = await services.connections.add({ label, apiKey, apiBase: emulator.url });
    added.push(info.id);
    return info;
  }

  before(async () => {
    api = (await vscode.extensions.getExtension<TestApi>(EXTENSION_ID)!.activate())!;
    services = api.services;
    comparison = api.comparison!;
    emulator = await startEmulator({ apiKeys: [CLI_KEY, CLI_KEY_RENEWED, SHOP_KEY, TEST_KEY, LIVE_KEY] });
    xdg = fs.mkdtempSync(path.join(os.tmpdir(), 'sas-golive-xdg-'));
    savedXdg = process.env.XDG_CONFIG_HOME;
    process.env.XDG_CONFIG_HOME = xdg;
  });

  after(async () => {
    if (savedXdg === undefined) delete process.env.XDG_CONFIG_HOME;
    else process.env.XDG_CONFIG_HOME = savedXdg;
    await comparison.set(undefined);
    for (const id of added) if (services.connections.get(id)) await services.connections.remove(id);
    await emulator.close();
    fs.rmSync(xdg, { recursive: true, force: true });
  });

  afterEach(() => {
    script?.restore();
    script = undefined;
    emulator.clearFaults();
  });

  describe('Add Connection from Stripe CLI', () => {
    beforeEach(() => {
      fs.rmSync(path.join(xdg, 'stripe'), { recursive: true, force: true });
    });

    it('lists profiles by display name and account (never the key), verifies with one request and stores the key only in SecretStorage', async () => {
      writeConfig(cliConfig(CLI_KEY));
      const seen: Array<readonly vscode.QuickPickItem[]> = [];
      const s = prompts(
        { pick: 'From a Stripe CLI profile…' },
        { pick: 'Acme Test' },
        { pick: 'Advanced: custom API base…' },
        { input: emulator.url },
      );
      const scripted = services.prompts;
      usePrompts({ ...scripted, quickPick: async (items, options) => (seen.push(await items), scripted.quickPick(items, options)) });
      const start = mark();
      await vscode.commands.executeCommand(Commands.addConnection);
      s.assertDone();
      const reqs = report('add connection from Stripe CLI', start);
      assert.deepEqual(
        reqs.map((r) => [r.method, r.path, r.status]),
        [['GET', '/v1/apps/secrets', 200]],
      );

      const profileRows = seen[1];
      assert.deepEqual(
        profileRows.filter((i) => i.kind !== vscode.QuickPickItemKind.Separator).map((i) => i.label),
        ['Acme Test', 'Half Login', 'Shop Sandbox'],
      );
      assert.equal(profileRows[0].kind, vscode.QuickPickItemKind.Separator);
      assert.match(s.calls[1].text, /live keys stay in the OS keychain, not read/);
      assert.match(String(profileRows[1].description), /acct_1GoLiveDefault01 · profile default · active/);
      assert.match(String(profileRows[3].detail), /expired/);
      assert.match(String(profileRows[2].detail), /no test-mode key/);
      const shown = JSON.stringify(seen) + JSON.stringify(s.calls);
      for (const key of [CLI_KEY, SHOP_KEY]) assert.ok(!shown.includes(key.slice(8)), 'no key in any prompt');

      const info = services.connections.list().find((c) => c.label === 'Acme Test (Stripe CLI, test)');
      assert.ok(info, 'the connection was added');
      added.push(info.id);
      assert.deepEqual(info.stripeCli, { profile: 'default', keyExpiresAt: futureDate(80) });
      assert.equal(info.mode, 'test');
      assert.equal(info.apiBase, emulator.url);
      assert.equal(services.connections.active()?.id, info.id);
      assert.equal(await services.context.secrets.get(StorageKeys.apiKeyPrefix + info.id), CLI_KEY);
      assert.ok(
        !JSON.stringify(services.context.globalState.get(StorageKeys.connections)).includes(CLI_KEY.slice(8)),
        'no key in globalState',
      );
    });

    it('refuses an expired key, a profile without a key, a malformed file and a missing one, saving nothing and sending nothing', async () => {
      const before = services.connections.list().length;
      const start = mark();
      writeConfig(cliConfig(CLI_KEY));
      let s = prompts({ pick: 'Shop Sandbox' });
      await vscode.commands.executeCommand(Commands.addConnectionFromStripeCli);
      s.assertDone();
      assert.match(
        s.errors()[0],
        /test-mode key of the Stripe CLI profile "shop" expired on .*stripe login --project-name=shop.*Nothing was saved/,
      );
      s.restore();

      s = prompts({ pick: 'Half Login' });
      await vscode.commands.executeCommand(Commands.addConnectionFromStripeCli);
      s.assertDone();
      assert.match(s.errors()[0], /"nokey" has no test-mode key/);
      s.restore();

      writeConfig(`[default]\ndisplay_name = "Acme"\ntest_mode_api_key = "${CLI_KEY}\n`);
      s = prompts();
      await vscode.commands.executeCommand(Commands.addConnectionFromStripeCli);
      assert.match(s.errors()[0], /is not valid TOML \(line 3, column/);
      assert.ok(!s.errors()[0].includes(CLI_KEY.slice(8)), 'the malformed line is not echoed');
      s.restore();

      fs.rmSync(configFile());
      s = prompts();
      await vscode.commands.executeCommand(Commands.addConnectionFromStripeCli);
      assert.match(
        s.errors()[0],
        new RegExp(`No Stripe CLI config at ${configFile().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*stripe login`),
      );
      s.restore();

      // Without a CLI config, Add Connection goes straight to the label (no extra question).
      s = prompts({ cancel: true, expect: /A name for this connection/ });
      await vscode.commands.executeCommand(Commands.addConnection);
      s.assertDone();
      assert.equal(services.connections.list().length, before);
      assert.deepEqual(since(start), [], 'no request');
    });

    it("today's CLI: a browser (OAuth) login says what to do and sends nothing; a sandbox is marked with its expiry and connects", async () => {
      const expires = futureDate(7);
      writeConfig(`[default]
  account_id = "acct_1GoLiveOAuth0001"
  display_name = "Acme Browser"
  user_id = "usr_1GoLivePerson01"

[sbx]
  account_id = "acct_1GoLiveSandbox01"
  display_name = "acct_1GoLiveSandbox01"
  sandbox_claim_url = "https://dashboard.stripe.com/claim/NOT-REAL"
  sandbox_expires_at = "${expires}"
  test_mode_api_key = "${CLI_KEY}"
  test_mode_key_expires_at = "${futureDate(80)}"
`);
      const before = services.connections.list().length;
      const start = mark();
      let s = prompts({ pick: 'Acme Browser' });
      await vscode.commands.executeCommand(Commands.addConnectionFromStripeCli);
      s.assertDone();
      assert.match(
        s.errors()[0],
        /browser \(OAuth\) flow.*never reads the keychain.*restricted key that has the Secret Store permission.*`stripe login --interactive`.*Nothing was saved/,
      );
      assert.equal(services.connections.list().length, before);
      assert.equal(since(start).length, 0, 'no request for a profile without a key');
      s.restore();

      const seen: Array<readonly vscode.QuickPickItem[]> = [];
      s = prompts({ pick: 'acct_1GoLiveSandbox01' }, { pick: 'Advanced: custom API base…' }, { input: emulator.url });
      const scripted = services.prompts;
      usePrompts({ ...scripted, quickPick: async (items, options) => (seen.push(await items), scripted.quickPick(items, options)) });
      await vscode.commands.executeCommand(Commands.addConnectionFromStripeCli);
      s.assertDone();
      const rows = seen[0].filter((i) => i.kind !== vscode.QuickPickItemKind.Separator);
      assert.match(
        String(rows.find((r) => r.label === 'acct_1GoLiveSandbox01')?.description),
        new RegExp(`^sandbox · expires ${expires} · claimable · acct_1GoLiveSandbox01`),
      );
      assert.match(String(rows.find((r) => r.label === 'Acme Browser')?.detail), /browser login.*stripe login --interactive/);
      assert.ok(!JSON.stringify(seen).includes('claim/NOT-REAL'), 'the claim URL is not shown');
      const info = services.connections.list().find((c) => c.label === 'acct_1GoLiveSandbox01 (Stripe CLI, sandbox)');
      assert.ok(info, 'the sandbox connection was added');
      added.push(info.id);
      assert.ok(s.calls.some((c) => c.kind === 'info' && c.text.includes(`This is a sandbox: it and its keys expire ${expires}.`)));
    });

    it('a refused key later offers Re-import from Stripe CLI, which takes the renewed key after one request', async () => {
      writeConfig(cliConfig(CLI_KEY));
      let s = prompts({ pick: 'Acme Test' }, { pick: 'Advanced: custom API base…' }, { input: emulator.url });
      await vscode.commands.executeCommand(Commands.addConnectionFromStripeCli);
      s.assertDone();
      s.restore();
      const info = services.connections
        .list()
        .filter((c) => c.stripeCli?.profile === 'default')
        .at(-1)!;
      added.push(info.id);

      writeConfig(cliConfig(CLI_KEY_RENEWED, futureDate(90)));
      emulator.injectFault({ kind: 'status', status: 401, code: 'api_key_expired', message: 'Expired API Key provided: rk_test_****0001' });
      // From the scope's row: the scope picker's own listings are best-effort (a failure there only
      // leaves the fill out), so the refused request is the listing Set makes before the name.
      s = prompts({ button: 'Re-import from Stripe CLI' });
      const start = mark();
      // Counted when the key is saved: the view then reloads the connection, and on a busy machine
      // that listing can land before the command returns.
      let atSave: ReturnType<typeof since> | undefined;
      const saved = services.connections.onDidChange(() => (atSave ??= since(start)));
      try {
        await vscode.commands.executeCommand(Commands.setSecret, { kind: 'scope', connectionId: info.id, scope: { type: 'account' } });
      } finally {
        saved.dispose();
      }
      s.assertDone();
      const errorCall = s.calls.find((c) => c.kind === 'error')!;
      assert.deepEqual(errorCall.items, ['Re-import from Stripe CLI', 'Re-enter API Key', 'Show Log']);
      report('re-import from Stripe CLI (after the refused list)', start);
      assert.deepEqual(
        atSave?.map((r) => r.status),
        [401, 200],
        'the refused list, then one verifying request',
      );
      assert.equal(await services.context.secrets.get(StorageKeys.apiKeyPrefix + info.id), CLI_KEY_RENEWED);
      assert.deepEqual(services.connections.get(info.id)?.stripeCli, { profile: 'default', keyExpiresAt: futureDate(90) });
    });
  });

  describe('Compare Scopes and Copy Missing Secrets', () => {
    const testStore = () => emulator.secrets('test');
    const liveStore = () => emulator.secrets('live');
    const writes = (start: number) => since(start).filter((r) => r.method === 'POST');
    const compareAnswers = (): Answer[] => [{ pick: 'Test side' }, { pick: 'Account' }, { pick: 'Live side' }, { pick: 'Account' }];

    before(async () => {
      await connect('Test side', TEST_KEY);
      await connect('Live side', LIVE_KEY);
    });

    beforeEach(async () => {
      testStore().splice(0);
      liveStore().splice(0);
      const now = nowSeconds();
      seedSecret(testStore(), 'shared', `${VALUE_PREFIX}shared`);
      seedSecret(testStore(), 'webhook_secret', `${VALUE_PREFIX}webhook`, now + 30 * DAY);
      seedSecret(testStore(), 'oauth_client', `${VALUE_PREFIX}oauth`);
      seedSecret(testStore(), 'dated', `${VALUE_PREFIX}dated`, now + 3 * DAY);
      seedSecret(liveStore(), 'shared', `${VALUE_PREFIX}live-shared`);
      seedSecret(liveStore(), 'dated', `${VALUE_PREFIX}live-dated`, now + 9 * DAY);
      seedSecret(liveStore(), 'live_only', `${VALUE_PREFIX}live-only`);
      const s = prompts(...compareAnswers());
      const start = mark();
      await vscode.commands.executeCommand(Commands.compareScopes);
      s.assertDone();
      s.restore();
      report('compare scopes', start);
    });

    it('compares by name and expiry with one list per side, fetching no value', async () => {
      const s = prompts(...compareAnswers());
      await settled();
      const start = mark();
      await vscode.commands.executeCommand(Commands.compareScopes);
      s.assertDone();
      const reqs = since(start);
      assert.deepEqual(
        reqs.map((r) => `${r.method} ${r.path}`),
        ['GET /v1/apps/secrets', 'GET /v1/apps/secrets'],
      );
      const r = comparison.current()!.result;
      assert.deepEqual(
        r.onlyA.map((x) => x.name),
        ['oauth_client', 'webhook_secret'],
      );
      assert.deepEqual(
        r.onlyB.map((x) => x.name),
        ['live_only'],
      );
      assert.deepEqual(
        r.differentExpiry.map((x) => x.a.name),
        ['dated'],
      );
      assert.deepEqual(
        r.same.map((x) => x.a.name),
        ['shared'],
      );
      const groups = comparison.getChildren().map((n) => comparison.getTreeItem(n));
      assert.deepEqual(
        groups.map((g) => g.label),
        [
          'A: Test side · TEST · Account',
          'B: Live side · LIVE · Account',
          'Only in A (2)',
          'Only in B (1)',
          'Different expiry (1)',
          'In both (1)',
        ],
      );
      for (const g of groups) assert.ok(g.accessibilityInformation?.label, `an accessible label for ${String(g.label)}`);
    });

    it('copies into a live scope after the modal and the typed label; values go request to request; the comparison refreshes', async () => {
      const s = prompts(
        { pick: 'A → B' },
        { pick: ['oauth_client', 'webhook_secret'] },
        { button: 'Copy', expect: /Copy 2 secrets from Test side · TEST · Account into Live side · LIVE · Account\?/ },
        { input: 'live side', invalid: /Type Live side to confirm/ },
        { input: 'Live side' },
      );
      await settled();
      const start = mark();
      await vscode.commands.executeCommand(Commands.copyMissingSecrets);
      s.assertDone();
      const reqs = report('copy 2 missing secrets into live (incl. the refreshed comparison)', start);
      // A fresh listing of the destination, again after the modals, a find and a set per name, then
      // the comparison (two lists) and the Secrets tree's row of the destination scope (one list) reload.
      assert.deepEqual(reqs.map((r) => `${r.method} ${r.path}`).sort(), [
        'GET /v1/apps/secrets',
        'GET /v1/apps/secrets',
        'GET /v1/apps/secrets',
        'GET /v1/apps/secrets',
        'GET /v1/apps/secrets',
        'GET /v1/apps/secrets/find',
        'GET /v1/apps/secrets/find',
        'POST /v1/apps/secrets',
        'POST /v1/apps/secrets',
      ]);
      const copied = liveStore().filter((x) => x.name === 'oauth_client' || x.name === 'webhook_secret');
      assert.equal(copied.length, 2);
      assert.ok(
        copied.every((x) => x.payload === testStore().find((t) => t.name === x.name)!.payload),
        'the values arrived unchanged',
      );
      assert.equal(
        copied.find((x) => x.name === 'webhook_secret')!.expiresAt,
        testStore().find((t) => t.name === 'webhook_secret')!.expiresAt,
        'the expiry is copied as is',
      );
      const modal = s.calls.find((c) => c.kind === 'warning')!;
      assert.ok(!JSON.stringify(s.calls).includes(VALUE_PREFIX), 'no value in any prompt');
      assert.equal(modal.modal, true);
      const r = comparison.current()!.result;
      assert.deepEqual([r.onlyA.length, r.onlyB.length], [0, 1], 'the comparison was listed again');
    });

    it('refuses before any write when the destination would pass 10 secrets (listed afresh)', async () => {
      for (let i = 0; i < 6; i++) seedSecret(liveStore(), `filler_${i}`, `${VALUE_PREFIX}${i}`);
      const s = prompts({ pick: 'A → B' }, { pick: ['oauth_client', 'webhook_secret'] });
      await settled();
      const start = mark();
      await vscode.commands.executeCommand(Commands.copyMissingSecrets);
      s.assertDone();
      assert.equal(
        s.errors()[0],
        'The account scope of Live side holds 9 of the 10 secrets Stripe allows per scope: 2 more would make 11. Pick at most 1, or delete some there first. Nothing was copied.',
      );
      const reqs = report('copy refused by the limit', start);
      assert.deepEqual(
        reqs.map((r) => `${r.method} ${r.path}`),
        ['GET /v1/apps/secrets'],
        'one fresh listing, no find, no write',
      );
      assert.deepEqual(writes(start), []);
    });

    it('a cancelled modal or typed label writes nothing', async () => {
      let s = prompts({ pick: 'A → B' }, { pick: ['oauth_client'] }, { button: undefined });
      let start = mark();
      await vscode.commands.executeCommand(Commands.copyMissingSecrets);
      s.assertDone();
      s.restore();
      assert.deepEqual(
        since(start).map((r) => r.path),
        ['/v1/apps/secrets'],
        'only the fresh listing',
      );
      s = prompts({ pick: 'A → B' }, { pick: ['oauth_client'] }, { button: 'Copy' }, { cancel: true });
      start = mark();
      await vscode.commands.executeCommand(Commands.copyMissingSecrets);
      s.assertDone();
      assert.deepEqual(writes(start), []);
      assert.equal(
        liveStore().some((x) => x.name === 'oauth_client'),
        false,
      );
    });

    it('names each failed secret with its Stripe error and Request-Id, and copies the others', async () => {
      // Another window fills the live scope right after the re-listing: the limit check passed, Stripe refuses one.
      for (let i = 0; i < 5; i++) seedSecret(liveStore(), `filler_${i}`, `${VALUE_PREFIX}${i}`);
      const s2 = prompts({ pick: 'A → B' }, { pick: ['oauth_client', 'webhook_secret'] }, { button: 'Copy' }, { input: 'Live side' });
      let typed = false;
      const inner = services.prompts;
      usePrompts({ ...inner, inputBox: (options) => ((typed = true), inner.inputBox(options)) });
      const live = services.connections.list().find((c) => c.label === 'Live side')!;
      const unwrap = afterNextList(
        services,
        live.id,
        () => typed,
        () => seedSecret(liveStore(), 'late_arrival', `${VALUE_PREFIX}late`),
      );
      const start = mark();
      try {
        await vscode.commands.executeCommand(Commands.copyMissingSecrets);
      } finally {
        unwrap();
      }
      const error = s2.errors().at(-1) ?? '';
      assert.match(
        error,
        /Copied 1 of 2 secrets into Live side · LIVE · Account; not copied: '(oauth_client|webhook_secret)' \(.*Request-Id req_/,
      );
      assert.equal(liveStore().length, 10);
      report('copy with one per-name failure', start);
    });

    it('lists the destination again after its modals: a name created meanwhile is left as it is, a scope filled meanwhile is refused', async () => {
      let s = prompts({ pick: 'A → B' }, { pick: ['oauth_client', 'webhook_secret'] }, { button: 'Copy' }, { input: 'Live side' });
      let inner = services.prompts;
      usePrompts({
        ...inner,
        inputBox: (options) => (seedSecret(liveStore(), 'oauth_client', `${VALUE_PREFIX}made-meanwhile`), inner.inputBox(options)),
      });
      await vscode.commands.executeCommand(Commands.copyMissingSecrets);
      s.assertDone();
      s.restore();
      assert.equal(liveStore().find((x) => x.name === 'oauth_client')!.payload, `${VALUE_PREFIX}made-meanwhile`, 'not replaced');
      assert.ok(
        liveStore().some((x) => x.name === 'webhook_secret'),
        'the other one is copied',
      );
      assert.ok(
        s.calls.some((c) => c.kind === 'warning' && !c.modal && /has them now .*'oauth_client'/.test(c.text)),
        'and the person is told',
      );

      testStore().push({ ...testStore()[0], id: 'appsecret_extra', name: 'extra' });
      await vscode.commands.executeCommand(Commands.refreshComparison);
      s = prompts({ pick: 'A → B' }, { pick: ['extra'] }, { button: 'Copy' }, { input: 'Live side' });
      inner = services.prompts;
      usePrompts({
        ...inner,
        inputBox: (options) => {
          for (let i = liveStore().length; i < 10; i++) seedSecret(liveStore(), `filler_${i}`, `${VALUE_PREFIX}${i}`);
          return inner.inputBox(options);
        },
      });
      const start = mark();
      await vscode.commands.executeCommand(Commands.copyMissingSecrets);
      s.assertDone();
      assert.match(s.errors()[0] ?? '', /^Nothing copied: .* holds 10 secrets now.*one secret as JSON/);
      assert.deepEqual(writes(start), []);
    });

    it('copying out of a live source asks the question Reveal asks', async () => {
      const s = prompts(
        { pick: 'B → A' },
        { pick: ['live_only'] },
        { button: 'Copy' },
        { button: undefined, expect: /^Copy the live value of 'live_only' from the account scope of Live side\?$/ },
      );
      const start = mark();
      await vscode.commands.executeCommand(Commands.copyMissingSecrets);
      s.assertDone();
      assert.deepEqual(writes(start), []);
      assert.ok(!since(start).some((r) => r.path.includes('/find')), 'no value read');
    });
  });

  describe('Show Expiring Secrets', () => {
    it('lists loaded secrets expiring within the window across connections and opens Set Secret for the chosen one', async () => {
      const connection = services.connections.list().find((c) => c.apiBase === emulator.url)!;
      const now = nowSeconds();
      const node = (name: string, expiresAt: number | null): SecretNode => ({
        kind: 'secret',
        connectionId: connection.id,
        scope: ACCOUNT,
        secret: { id: `appsecret_${name}`, name, scope: ACCOUNT, created: now - 60, expiresAt, livemode: false },
      });
      const fake = api.fakeLoadedSecrets(() => [node('later', now + 60 * DAY), node('soon_token', now + 2 * DAY), node('forever', null)]);
      try {
        const s = prompts({ pick: 'soon_token' }, { cancel: true, expect: /The value of 'soon_token'/ });
        const start = mark();
        await vscode.commands.executeCommand(Commands.showExpiringSecrets);
        s.assertDone();
        assert.deepEqual(s.calls[0].items, ['$(warning) soon_token']);
        assert.deepEqual(
          since(start).map((r) => `${r.method} ${r.path}`),
          ['GET /v1/apps/secrets'],
          'the overview costs nothing; Set Secret lists the scope once',
        );
      } finally {
        fake.dispose();
      }
    });

    it('with expiryNotification on, reminds once a day of secrets Stripe deletes within the reminder window, and Set Secret… opens for it', async () => {
      const connection = services.connections.list().find((c) => c.apiBase === emulator.url)!;
      const now = nowSeconds();
      const soon: SecretNode = {
        kind: 'secret',
        connectionId: connection.id,
        scope: ACCOUNT,
        secret: { id: 'appsecret_soon', name: 'rotating_token', scope: ACCOUNT, created: now - 60, expiresAt: now + DAY, livemode: false },
      };
      const config = vscode.workspace.getConfiguration('stripeSecrets');
      await services.context.globalState.update(StorageKeys.expiryNotifiedDay, '2000-01-01');
      const s = prompts(
        { button: 'Set Secret…', expect: /^Stripe will delete 'rotating_token' \(Account · .*\) on .* when it expires/ },
        { cancel: true, expect: /The value of 'rotating_token'/ },
      );
      // Each check of the status bar reads the loaded secrets once.
      let checks = 0;
      const fake = api.fakeLoadedSecrets(() => (checks++, [soon]));
      try {
        await config.update('expiryNotification', true, vscode.ConfigurationTarget.Global);
        const notices = () => s.calls.filter((c) => c.kind === 'info' && /Stripe will delete/.test(c.text)).length;
        await until('the reminder', () => notices() > 0, 8000);
        await until('Set Secret… to open from the reminder', () => s.calls.length >= 2, 3000);
        // The status bar keeps re-checking every few seconds; the day is remembered, so the next check
        // (made after the reminder's flow ended) notifies no more.
        const answered = checks;
        await until('another check of the expiring secrets', () => checks > answered, 10_000);
        s.assertDone();
        assert.equal(notices(), 1);
        const today = new Date();
        const day = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
        assert.equal(services.context.globalState.get(StorageKeys.expiryNotifiedDay), day);
      } finally {
        fake.dispose();
        await config.update('expiryNotification', undefined, vscode.ConfigurationTarget.Global);
      }
    });
  });
});
