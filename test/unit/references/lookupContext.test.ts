/**
 * Where Move to Stripe Secret Store's lookup lands decides its form: `await` only where the
 * language allows it there, and the account the app's own Secret Store calls pass.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lookupContext } from '../../../src/references/lookupContext';

/** The context at the `'xoxb…'` (or `"xoxb…"`) literal. */
function at(text: string, languageId: string, esm?: boolean) {
  const offset = Math.max(text.indexOf("'xoxb"), text.indexOf('"xoxb'));
  assert.ok(offset >= 0);
  return lookupContext({ text, languageId, offset, esm });
}

describe('lookupContext', () => {
  it('JavaScript: no await at a CommonJS top level or in a plain function; await in async functions and ESM', () => {
    assert.equal(at(`const stripe = require('stripe')(key);\nconst slackToken = 'xoxb-1';`, 'javascript').canAwait, false);
    assert.equal(at(`import Stripe from 'stripe';\nconst slackToken = 'xoxb-1';`, 'javascript').canAwait, true);
    assert.equal(at(`const slackToken = 'xoxb-1';`, 'javascript', true).canAwait, true);
    assert.equal(at(`import Stripe from 'stripe';\nconst slackToken = 'xoxb-1';`, 'javascript', false).canAwait, false);
    assert.equal(at(`function f() {\n  const t = {a: 'xoxb-1'};\n}`, 'javascript').canAwait, false);
    assert.equal(at(`app.get('/', async (req, res) => {\n  if (x) { const t = 'xoxb-1'; }\n});`, 'javascript').canAwait, true);
    assert.equal(at(`async function f() {\n  items.map((x) => { return 'xoxb-1'; });\n}`, 'javascript').canAwait, false);
    assert.equal(at(`const f = async function () { return 'xoxb-1'; };`, 'javascript').canAwait, true);
  });

  it('TypeScript: no top-level await unless the file is known to be an ES module; class bodies never', () => {
    assert.equal(at(`import Stripe from 'stripe';\nconst slackToken = 'xoxb-1';`, 'typescript').canAwait, false);
    assert.equal(at(`const slackToken = 'xoxb-1';`, 'typescript', true).canAwait, true);
    assert.equal(at(`class A {\n  t = 'xoxb-1';\n}`, 'typescript', true).canAwait, false);
    assert.equal(at(`class A {\n  async load(): Promise<void> { const t = 'xoxb-1'; }\n}`, 'typescript').canAwait, true);
  });

  it('Python: async def allows await; def, class and module level do not', () => {
    assert.equal(at(`async def f():\n    if x:\n        t = "xoxb-1"\n`, 'python').canAwait, true);
    assert.equal(at(`async def f():\n    def g():\n        t = "xoxb-1"\n`, 'python').canAwait, false);
    assert.equal(at(`SLACK = "xoxb-1"\n`, 'python').canAwait, false);
  });

  it('C#: await only in an async method', () => {
    assert.equal(at(`public async Task<string> Go() {\n  var t = "xoxb-1";\n}`, 'csharp').canAwait, true);
    assert.equal(at(`public string Go() {\n  var t = "xoxb-1";\n}`, 'csharp').canAwait, false);
  });

  it("follows the account the app's own Secret Store calls pass, in each SDK's spelling", () => {
    const js = `const t = 'xoxb-1';\nawait stripe.apps.secrets.find({scope: {type: 'account'}, name: 'x'}, {stripeAccount: req.body.account});`;
    assert.equal(at(js, 'javascript').stripeAccount, 'req.body.account');
    assert.equal(
      at(`t = "xoxb-1"\nstripe.apps.Secret.find(name="a", scope={"type": "account"}, stripe_account=account_id)`, 'python').stripeAccount,
      'account_id',
    );
    assert.equal(
      at(
        `<?php $t = 'xoxb-1'; $stripe->apps->secrets->find(['name' => 'a', 'scope' => ['type' => 'account']], ['stripe_account' => $accountId]);`,
        'php',
      ).stripeAccount,
      '$accountId',
    );
    const go = `var t = "xoxb-1"\nsc.V1AppsSecrets.Find(ctx, &stripe.AppsSecretFindParams{Params: stripe.Params{StripeAccount: stripe.String(acct)}, Name: stripe.String("n")})`;
    assert.equal(at(go, 'go').stripeAccount, 'stripe.String(acct)');
    const cs = `var t = "xoxb-1";\nclient.V1.Apps.Secrets.Find(new SecretFindOptions { Name = "n" }, new RequestOptions { StripeAccount = accountId });`;
    assert.equal(at(cs, 'csharp').stripeAccount, 'accountId');
    // Another call's stripeAccount (not a Secret Store call) is not taken for the app's habit.
    assert.equal(
      at(
        `const t = 'xoxb-1';\nawait stripe.apps.secrets.find({scope: {type: 'account'}, name: 'x'});\nawait stripe.customers.list({}, {stripeAccount: a});`,
        'javascript',
      ).stripeAccount,
      undefined,
    );
  });

  it("takes the account from the app's other files when this one passes none", () => {
    const other = `String read() throws StripeException {\n  return client.v1().apps().secrets().find(SecretFindParams.builder().setName("a").setScope(SecretFindParams.Scope.builder().setType(SecretFindParams.Scope.Type.ACCOUNT).build()).build(), RequestOptions.builder().setStripeAccount(accountId).build()).getPayload();\n}`;
    const text = `class A {\n  String t = "xoxb-1";\n}`;
    const offset = text.indexOf('"xoxb');
    assert.equal(lookupContext({ text, languageId: 'java', offset }).stripeAccount, undefined);
    assert.equal(lookupContext({ text, languageId: 'java', offset, appFiles: [other] }).stripeAccount, 'accountId');
    const js = `const t = 'xoxb-1';`;
    assert.equal(
      lookupContext({
        text: js,
        languageId: 'javascript',
        offset: 10,
        appFiles: ['module.exports = 1;', `stripe.apps.secrets.find({scope: {type: 'account'}, name: 'x'}, {stripeAccount: ctx.account});`],
      }).stripeAccount,
      'ctx.account',
    );
  });

  it('Java: a checked exception may leave a method that declares it or a try that catches it, nothing else', () => {
    const java = (body: string) => at(`class A {\n${body}\n}`, 'java').throwsChecked;
    assert.equal(java('String f() throws StripeException { return "xoxb-1"; }'), true);
    assert.equal(
      java('String f() throws com.stripe.exception.StripeException, java.io.IOException { if (x) { return "xoxb-1"; } return null; }'),
      true,
    );
    assert.equal(java('String f() throws Exception { return "xoxb-1"; }'), true);
    assert.equal(java('String f() throws java.io.IOException { return "xoxb-1"; }'), false);
    assert.equal(java('String f() { return "xoxb-1"; }'), false);
    assert.equal(java('String t = "xoxb-1";'), false);
    assert.equal(java('static { t = "xoxb-1"; }'), false);
    assert.equal(java('Runnable f() throws StripeException { return () -> { g("xoxb-1"); }; }'), false);
    assert.equal(java('String f() { try { return "xoxb-1"; } catch (StripeException e) { return null; } }'), true);
    assert.equal(java('String f() { try (var r = open()) { return "xoxb-1"; } catch (IOException | Exception e) { return null; } }'), true);
    assert.equal(java('String f() { try { return "xoxb-1"; } catch (IOException e) { return null; } finally { } }'), false);
    assert.equal(java('String f() { try { return "xoxb-1"; } catch (final StripeException e) { return null; } }'), true);
    assert.equal(java('String f() { try { return "xoxb-1"; } catch (@SuppressWarnings("x") final Exception e) { return null; } }'), true);
    assert.equal(java('String f() { try { return "xoxb-1"; } catch (final IOException e) { return null; } }'), false);
    assert.equal(java('String f() throws StripeException { try { return "xoxb-1"; } catch (IOException e) { return null; } }'), true);
    assert.equal(java('Object f() throws StripeException { return new Object() { String s = "xoxb-1"; }; }'), false);
  });

  it('a language without a recogniser, or without async calls, gets the plain context', () => {
    assert.deepEqual(lookupContext({ text: `t = 'xoxb-1'`, languageId: 'plaintext', offset: 4 }), { canAwait: false });
    assert.deepEqual(at(`async function f() { const t = 'xoxb-1'; }`, 'javascript'), { canAwait: true });
    assert.deepEqual(at(`func f() {\n  t := "xoxb-1"\n}`, 'go'), { canAwait: false });
    assert.deepEqual(at(`async def f():\n    t = "xoxb-1"\n`, 'python'), { canAwait: true });
    // A shell script's curl calls pass the account as a header the lookup does not copy.
    const shell = `T='xoxb-1'\ncurl https://api.stripe.com/v1/apps/secrets/find -u "$KEY:" -d name=x -d 'scope[type]=account'`;
    assert.deepEqual(at(shell, 'shellscript'), { canAwait: false });
  });

  it("takes only the SDK's exact account option, in each language", () => {
    const calls: Array<[languageId: string, call: (key: string) => string, expected: string]> = [
      ['javascript', (k) => `const t = 'xoxb-1';\nstripe.apps.secrets.find({scope: {type: 'account'}, name: 'x'}, {${k}: acct});`, 'acct'],
      ['python', (k) => `t = "xoxb-1"\nstripe.apps.Secret.find(name="a", scope={"type": "account"}, ${k}=acct)`, 'acct'],
      [
        'ruby',
        (k) => `t = 'xoxb-1'\nStripe::Apps::Secret.find({name: 'a', scope: {type: 'account'}}, {${k}: Config::ACCOUNT})`,
        'Config::ACCOUNT',
      ],
      [
        'php',
        (k) =>
          `<?php $t = 'xoxb-1'; $stripe->apps->secrets->find(['name' => 'a', 'scope' => ['type' => 'account']], ['${k}' => $this->accountId]);`,
        '$this->accountId',
      ],
      [
        'go',
        (k) =>
          `var t = "xoxb-1"\nsc.V1AppsSecrets.Find(ctx, &stripe.AppsSecretFindParams{Params: stripe.Params{${k}: &acct}, Name: stripe.String("n")})`,
        '&acct',
      ],
      [
        'java',
        (k) =>
          `class A {\n  String t = "xoxb-1";\n  String r() throws StripeException { return client.v1().apps().secrets().find(SecretFindParams.builder().setName("a").build(), RequestOptions.builder().${k}(acct).build()).getPayload(); }\n}`,
        'acct',
      ],
      [
        'csharp',
        (k) => `var t = "xoxb-1";\nclient.V1.Apps.Secrets.Find(new SecretFindOptions { Name = "n" }, new RequestOptions { ${k} = acct });`,
        'acct',
      ],
    ];
    const options: Record<string, string> = {
      javascript: 'stripeAccount',
      python: 'stripe_account',
      ruby: 'stripe_account',
      php: 'stripe_account',
      go: 'StripeAccount',
      java: 'setStripeAccount',
      csharp: 'StripeAccount',
    };
    for (const [languageId, call, expected] of calls) {
      const option = options[languageId];
      assert.equal(at(call(option), languageId).stripeAccount, expected, languageId);
      assert.equal(at(call(`x${option}`), languageId).stripeAccount, undefined, `x${option}`);
      assert.equal(at(call(`${option}X`), languageId).stripeAccount, undefined, `${option}X`);
    }
  });

  it('reads the account expression up to its end: names, members, calls with arguments; nothing that is no expression', () => {
    const js = (value: string) =>
      at(
        `const t = 'xoxb-1';\nawait stripe.apps.secrets.find({scope: {type: 'account'}, name: 'x'}, {stripeAccount: ${value}, idempotencyKey: k});`,
        'javascript',
      ).stripeAccount;
    assert.equal(js(`ctx?.user.accountFor('x', 2)`), `ctx?.user.accountFor('x', 2)`);
    assert.equal(js(`accounts[0]`), 'accounts');
    assert.equal(js(`{a: 1}`), undefined);
    assert.equal(js(`[acct]`), undefined);
    // The option as a quoted key, and the call's other arguments are not read as its value.
    assert.equal(
      at(`const t = 'xoxb-1';\nstripe.apps.secrets.find({scope: {type: 'account'}, name: 'x'}, {'stripeAccount': a.b});`, 'javascript')
        .stripeAccount,
      'a.b',
    );
  });

  it("prefers this file's account, then the first other file that passes one", () => {
    const call = (account: string) => `stripe.apps.secrets.find({scope: {type: 'account'}, name: 'x'}, {stripeAccount: ${account}});`;
    const place = (text: string, appFiles: string[]) =>
      lookupContext({ text, languageId: 'javascript', offset: text.indexOf("'xoxb"), appFiles }).stripeAccount;
    assert.equal(place(`const t = 'xoxb-1';`, [call('first'), call('second')]), 'first');
    assert.equal(place(`const t = 'xoxb-1';\n${call('own')}`, [call('other')]), 'own');
  });

  it('a keyword before parentheses opens a block, not a function: the function around it decides', () => {
    for (const keyword of ['if', 'for', 'while', 'switch', 'catch', 'with', 'return', 'typeof', 'await'])
      assert.equal(at(`async function f() {\n  ${keyword} (x) {\n    const t = 'xoxb-1';\n  }\n}`, 'javascript').canAwait, true, keyword);
    for (const keyword of ['foreach', 'using', 'lock', 'fixed', 'while'])
      assert.equal(at(`public async Task F() {\n  ${keyword} (x) {\n    var t = "xoxb-1";\n  }\n}`, 'csharp').canAwait, true, keyword);
    assert.equal(at(`const o = { async load() { return 'xoxb-1'; } };`, 'javascript').canAwait, true);
    assert.equal(at(`const o = { load() { return 'xoxb-1'; } };`, 'javascript').canAwait, false);
    assert.equal(at(`const f = function () { return 'xoxb-1'; };`, 'javascript', true).canAwait, false);
  });

  it('JavaScript: only a top-level import or export makes an ES module', () => {
    assert.equal(at(`const a = [ns.import], b = call(ns.export), c = { import: 1 };\nconst t = 'xoxb-1';`, 'javascript').canAwait, false);
    assert.equal(at(`const o = {a: [1], b: f(2)};\nimport x from 'y';\nconst t = 'xoxb-1';`, 'javascript').canAwait, true);
    assert.equal(at(`export const t = 'xoxb-1';`, 'javascript').canAwait, true);
    assert.equal(at(`const u = import.meta.url;\nconst t = 'xoxb-1';`, 'javascript').canAwait, false);
    assert.equal(at(`const m = import('m');\nconst t = 'xoxb-1';`, 'javascript').canAwait, false);
    assert.equal(at(`import X from 'y';\nconst t = 'xoxb-1';`, 'javascriptreact').canAwait, true);
  });

  it('Python: blank lines, comments and deeper lines are skipped; a sibling def or the top level ends the search', () => {
    assert.equal(at(`async def f():\n    # a comment\n\n    x = [\n        1,\n    ]\n    t = "xoxb-1"\n`, 'python').canAwait, true);
    assert.equal(at(`async def f():\n    pass\nt = "xoxb-1"\n`, 'python').canAwait, false);
    assert.equal(at(`async def f():\n    def g():\n        pass\n    t = "xoxb-1"\n`, 'python').canAwait, true);
    assert.equal(at(`async def f():\n    class A:\n        t = "xoxb-1"\n`, 'python').canAwait, false);
    assert.equal(at(`async def f():\n    return sorted(xs, key=\n        lambda x:\n            "xoxb-1")\n`, 'python').canAwait, false);
  });

  it('Java: blocks inside a method pass the exception on to it; later catches are read too', () => {
    const java = (body: string) => at(`class A {\n${body}\n}`, 'java').throwsChecked;
    const inThrowing = (block: string) => java(`String f() throws StripeException {\n  ${block}\n}`);
    for (const block of [
      'if (x) { a(); } else { return "xoxb-1"; }',
      'do { g("xoxb-1"); } while (x);',
      'try { a(); } finally { g("xoxb-1"); }',
      '{ { g("xoxb-1"); } }',
      '{ a(); } { g("xoxb-1"); }',
      'a(); { g("xoxb-1"); }',
      'switch (x) { case 1: { g("xoxb-1"); } }',
      'synchronized (this) { g("xoxb-1"); }',
      'for (int i = 0; i < 2; i++) { g("xoxb-1"); }',
      'while (x) { g("xoxb-1"); }',
    ])
      assert.equal(inThrowing(block), true, block);
    const cases: Array<[body: string, passesOn: boolean]> = [
      ['String f() { try { return "xoxb-1"; } catch (IOException e) { return null; } catch (StripeException e) { return null; } }', true],
      ['String f() { try { return "xoxb-1"; } catch (IOException | java.lang.Throwable e) { return null; } }', true],
      ['String f() { try { return "xoxb-1"; } catch (IOException e) { x(); } y(); }', false],
      ['String f() { if (x) { return "xoxb-1"; } }', false],
      ['String f() throws MyStripeException { return "xoxb-1"; }', false],
    ];
    for (const [body, passesOn] of cases) assert.equal(java(body), passesOn, body);
  });

  it("a function's header ends at the previous statement, argument or key: an `async` before that is not its own", () => {
    for (const text of [
      `let a = async;\nfunction b() { return 'xoxb-1'; }`,
      `if (async) { function b() { return 'xoxb-1'; } }`,
      `const o = { async }\nfunction b() { return 'xoxb-1'; }`,
      `const f = async\nconst g = function () { return 'xoxb-1'; }`,
      `f(async, function () { return 'xoxb-1'; })`,
      `const o = { async: function () { return 'xoxb-1'; } }`,
      `const f = x => { return 'xoxb-1'; };`,
    ])
      assert.equal(at(text, 'javascript', true).canAwait, false, text);
    assert.equal(at(`const f = async x => { return 'xoxb-1'; };`, 'javascript').canAwait, true);
    assert.equal(at(`interface I {\n  t: 'xoxb-1';\n}`, 'typescript', true).canAwait, false);
  });

  it('finds the call around the name past nested groups, for each call and params form', () => {
    const cases: Array<[languageId: string, text: string]> = [
      [
        'javascript',
        `const t = 'xoxb-1';\nstripe.apps.secrets.find({scope: {type: 'account'}, meta: [{a: users.find({id: 1})}, items.find(i)], name: 'x'}, {stripeAccount: acct});`,
      ],
      ['javascript', `const t = 'xoxb-1';\nstripe.apps.secrets.deleteWhere({scope: {type: 'account'}, name: 'x'}, {stripeAccount: acct});`],
      ['python', `t = "xoxb-1"\nstripe.apps.Secret.delete_where(name="a", scope={"type": "account"}, stripe_account=acct)`],
      [
        'python',
        `t = "xoxb-1"\nawait client.v1.apps.secrets.find_async(params={"name": "a", "scope": {"type": "account"}}, options={"stripe_account": acct})`,
      ],
      [
        'csharp',
        `var t = "xoxb-1";\nawait client.V1.Apps.Secrets.FindAsync(new SecretFindOptions { Name = "n" }, new RequestOptions { StripeAccount = acct });`,
      ],
      [
        'go',
        `var t = "xoxb-1"\nparams := &stripe.AppsSecretFindParams{Params: stripe.Params{StripeAccount: acct}, Name: stripe.String("n")}`,
      ],
    ];
    for (const [languageId, text] of cases) assert.equal(at(text, languageId).stripeAccount, 'acct', text);
    // A call still being typed, without the option.
    assert.equal(
      at(`const t = 'xoxb-1';\nstripe.apps.secrets.find({scope: {type: 'account'}, name: 'x'}`, 'javascript').stripeAccount,
      undefined,
    );
  });

  it('only an open function decides: a closed one before, a bare block, an object literal do not', () => {
    assert.equal(at(`async function a() { }\nconst t = 'xoxb-1';`, 'javascript').canAwait, false);
    assert.equal(at(`async function f() {\n  const t = 'xoxb-1';`, 'javascript').canAwait, true);
    assert.equal(at(`{ const t = 'xoxb-1'; }`, 'javascript', true).canAwait, true);
    assert.equal(at(`const o = { t: 'xoxb-1' };`, 'javascript', true).canAwait, true);
  });
});
