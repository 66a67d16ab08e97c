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
    assert.equal(java('String f() throws StripeException { try { return "xoxb-1"; } catch (IOException e) { return null; } }'), true);
    assert.equal(java('Object f() throws StripeException { return new Object() { String s = "xoxb-1"; }; }'), false);
  });
});
