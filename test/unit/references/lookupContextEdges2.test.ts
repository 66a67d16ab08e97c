/**
 * Edges of lookupContext's later helpers: where a TypeScript return type, a function header, a
 * class body and a Python block end, and how the app's account expression is read.
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

/** The account the lookup would pass, for a JavaScript find call whose options end with `options`. */
function jsAccount(options: string): string | undefined {
  return at(`const t = 'xoxb-1';\nstripe.apps.secrets.find({scope: {type: 'account'}, name: 'x'}, ${options}`, 'javascript').stripeAccount;
}

describe('lookupContext edges', () => {
  it("TypeScript: an earlier declaration's return type does not make a later block or literal a function", () => {
    // Each ends the search for `): Type` before the block: `;`, the `}` of a type literal, `=`.
    for (const text of [
      `declare function f(): void;\n{ const t = 'xoxb-1'; }`,
      `type A = { f(): void }\n{ const t = 'xoxb-1'; }`,
      `declare function f(): void\nconst o = { t: 'xoxb-1' };`,
    ])
      assert.equal(at(text, 'typescript', true).canAwait, true, text);
  });

  it('a class declared after another statement: its field initializers get no await', () => {
    assert.equal(at(`const x = 1;\nclass A {\n  t = 'xoxb-1';\n}`, 'typescript', true).canAwait, false);
  });

  it('an arrow at the very start of the file, even a stray one, is a plain function', () => {
    assert.equal(at(`(req) => { return 'xoxb-1'; }`, 'javascript', true).canAwait, false);
    assert.equal(at(`=> { const t = 'xoxb-1'; }`, 'javascript', true).canAwait, false);
  });

  it("an `async` more than a header's length before a function's name is not its own", () => {
    // `async` here is a variable; twelve tokens before the name `b`.
    assert.equal(at(`foo(async)\nbar.baz.qux.quux()\nfunction b() { return 'xoxb-1'; }`, 'javascript', true).canAwait, false);
  });

  it('a block at the very start of the file is top-level code', () => {
    assert.equal(at(`try { const t = 'xoxb-1'; } catch {}`, 'javascript', true).canAwait, true);
    assert.equal(at(`do { const t = 'xoxb-1'; } while (x);`, 'javascript', true).canAwait, true);
  });

  it('C#: a generic local function constrained to a struct or class, inside an async method, is not async itself', () => {
    for (const constraint of ['struct', 'class'])
      assert.equal(
        at(`public async Task F() {\n  void G<T>() where T : ${constraint} { var t = "xoxb-1"; }\n}`, 'csharp').canAwait,
        false,
        constraint,
      );
  });

  it('a class whose base is a qualified name is still a class body', () => {
    assert.equal(at(`class A extends Base.Model {\n  t = 'xoxb-1';\n}`, 'typescript', true).canAwait, false);
  });

  it('`class` as a property name before a block, past a statement, key, assignment or call, does not make it a class body', () => {
    for (const text of [
      `const c = node.class;\ntry { const t = 'xoxb-1'; } catch {}`,
      `const o = { c: el.class }\ntry { const t = 'xoxb-1'; } catch {}`,
      `el.class = name\ntry { const t = 'xoxb-1'; } catch {}`,
      `el.class(name)\ntry { const t = 'xoxb-1'; } catch {}`,
      // Sixteen tokens back, past the fifteen a class header is looked for in.
      `el.class.a.b.c.d.e.f.g\ntry { const t = 'xoxb-1'; } catch {}`,
    ])
      assert.equal(at(text, 'javascript', true).canAwait, true, text);
    assert.equal(
      at(`const f = async (name = el.class) => {\n  try { return 'xoxb-1'; } catch { return ''; }\n};`, 'javascript').canAwait,
      true,
    );
  });

  it('Python: code indented from the first line (a fragment) gets no await', () => {
    assert.equal(at(`    t = "xoxb-1"\n`, 'python').canAwait, false);
    assert.equal(at(`    x = 1\n    t = "xoxb-1"\n`, 'python').canAwait, false);
  });

  it('Python: a blank line of spaces or a comment less indented than the code does not end the async def', () => {
    assert.equal(at(`class A:\n    async def f(self):\n        x = 1\n  \n        t = "xoxb-1"\n`, 'python').canAwait, true);
    assert.equal(at(`class A:\n    async def f(self):\n        x = 1\n    # TODO\n        t = "xoxb-1"\n`, 'python').canAwait, true);
  });

  it('a shell script, whose SDK has no account option, gets the plain context whatever wraps its curl call', () => {
    const curl = `curl https://api.stripe.com/v1/apps/secrets/find -u "$KEY:" -d name=x -d 'scope[type]=account'`;
    for (const text of [`T='xoxb-1'\nfind ( ${curl} )`, `T='xoxb-1'\nnew=$(${curl})`])
      assert.deepEqual(at(text, 'shellscript'), { canAwait: false }, text);
  });

  it("a params literal passed to the app's own function: that function's other arguments give no account", () => {
    for (const wrapper of ['mustFind', 'newLogged'])
      assert.equal(
        at(
          `var t = "xoxb-1"\nparams := ${wrapper}(&stripe.AppsSecretFindParams{Name: stripe.String("n")}, &stripe.Params{StripeAccount: other})`,
          'go',
        ).stripeAccount,
        undefined,
        wrapper,
      );
  });

  it('the account option may come before the name, which closes the call', () => {
    assert.equal(
      at(`t = "xoxb-1"\nstripe.apps.Secret.find(scope={"type": "account"}, stripe_account=acct, name="a")`, 'python').stripeAccount,
      'acct',
    );
  });

  it('calls with brackets inside the params, before the name, are passed over on the way out', () => {
    assert.equal(
      at(
        `const t = 'xoxb-1';\nstripe.apps.secrets.find({scope: {type: 'account'}, meta: ids.find([{a: 1}]), name: 'x'}, {stripeAccount: acct});`,
        'javascript',
      ).stripeAccount,
      'acct',
    );
  });

  it('C#: a file that opens with a block, holding an options literal outside any call', () => {
    assert.equal(
      at(`{\n  var t = "xoxb-1";\n  var o = new SecretFindOptions { Name = "n", StripeAccount = acct };\n}`, 'csharp').stripeAccount,
      'acct',
    );
  });

  it('a call still being typed at the end of the file: the account read so far, or none', () => {
    assert.equal(jsAccount(`{stripeAccount: acct`), 'acct');
    assert.equal(jsAccount(`{stripeAccount: accountFor(req`), 'accountFor(req');
    assert.equal(jsAccount(`{stripeAccount`), undefined);
  });

  it('a literal account (a string or a number) is copied as written', () => {
    assert.equal(jsAccount(`{stripeAccount: 'acct_123'});`), `'acct_123'`);
    assert.equal(jsAccount(`{stripeAccount: 42});`), '42');
  });

  it('the account as the value of a key-value pair', () => {
    assert.equal(
      at(`t = "xoxb-1"\nstripe.apps.Secret.find(name="a", scope={"type": "account"}, options=dict([("stripe_account", acct)]))`, 'python')
        .stripeAccount,
      'acct',
    );
  });
  it('a class body is known by a `record` base near its brace even when `class` is further back', () => {
    assert.equal(
      at(`class UserRecord extends app.db.models.generated.tables.record.Base {\n  t = 'xoxb-1';\n}`, 'typescript', true).canAwait,
      false,
    );
  });

  it('a list argument before the name does not hide the call around it', () => {
    assert.equal(
      at(`t = "xoxb-1"\nstripe.apps.Secret.find(scope={"type": "account"}, expand=["payload"], name="a", stripe_account=acct)`, 'python')
        .stripeAccount,
      'acct',
    );
  });

  it('Java: params built outside a Secret Store call give no account, whatever the class or helper around them is called', () => {
    const holder = `class SecretParamsCache {\n  String t = "xoxb-1";\n  SecretFindParams params = SecretFindParams.builder().setName("a").build();\n  RequestOptions options = RequestOptions.builder().setStripeAccount(other).build();\n}`;
    assert.equal(at(holder, 'java').stripeAccount, undefined);
    const helper = `class A {\n  String t = "xoxb-1";\n  Object p = withSecretParams(SecretFindParams.builder().setName("a").build(), RequestOptions.builder().setStripeAccount(other).build());\n}`;
    assert.equal(at(helper, 'java').stripeAccount, undefined);
  });

  it('C#: an options literal inside an anonymous object is not a call: its neighbours give no account', () => {
    assert.equal(
      at(
        `var t = "xoxb-1";\nvar o = new { Options = new SecretFindOptions { Name = "n" }, Request = new RequestOptions { StripeAccount = other } };`,
        'csharp',
      ).stripeAccount,
      undefined,
    );
  });
});

describe('lookupContext: TypeScript return types', () => {
  it('an async arrow with a return type can await; a plain one with a return type cannot', () => {
    assert.equal(at(`const f = async (req: Request): Promise<string> => {\n  return 'xoxb-1';\n};`, 'typescript', false).canAwait, true);
    assert.equal(at(`const f = (req: Request): string => {\n  return 'xoxb-1';\n};`, 'typescript', true).canAwait, false);
    assert.equal(at(`const f = async ({ a }: Props): Promise<void> => {\n  use('xoxb-1');\n};`, 'typescript', false).canAwait, true);
  });

  it('a parenthesised return type does not hide the function it belongs to', () => {
    assert.equal(at(`function f(): (string | null) {\n  return 'xoxb-1';\n}`, 'typescript', true).canAwait, false);
    assert.equal(at(`async function f(): (Promise<string>) {\n  return 'xoxb-1';\n}`, 'typescript', false).canAwait, true);
  });
});

describe('lookupContext: TypeScript type parameters', () => {
  it('a generic function is still the function around the lookup', () => {
    assert.equal(at(`async function f<T>(x: T) {\n  return 'xoxb-1';\n}`, 'typescript', false).canAwait, true);
    assert.equal(
      at(`async function f<K, V extends Map<K, string>>(x: V): Promise<void> {\n  use('xoxb-1');\n}`, 'typescript', false).canAwait,
      true,
    );
    assert.equal(at(`function f<T>(x: T) {\n  return 'xoxb-1';\n}`, 'typescript', true).canAwait, false);
    assert.equal(at(`class A {\n  async load<T>(x: T) {\n    return 'xoxb-1';\n  }\n}`, 'typescript', false).canAwait, true);
  });
});
