/**
 * Every piece of code the extension writes into an app, parsed or compiled by the language's own
 * tool: Copy Backend Snippet's eight snippets and Move to Stripe Secret Store's lookup in each place
 * it can land (module scope or a function, ES module or CommonJS, sync or async). Node, TypeScript,
 * Python, PHP, Ruby, bash and javac (against stub SDK types: the SDK is not installed here) are used
 * where present; a missing tool skips its test, saying so, and the snippet is still checked by shape.
 * Each lookup must also read back, through the recognisers, as the name and scope it was made for.
 */
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import * as ts from 'typescript';
import { backendSnippet } from '../../../src/model/snippet';
import type { SecretScope } from '../../../src/model/types';
import type { LookupContext } from '../../../src/references/recogniser';
import { lookupContext } from '../../../src/references/lookupContext';
import { findReferences, recogniserFor } from '../../../src/references/registry';

const NAMES = ['slack_bot_token', `it's "quoted" \\ $HOME {x}`];
const SCOPES: SecretScope[] = [{ type: 'account' }, { type: 'user', user: 'usr_123' }];
const ACCOUNTS = [undefined, 'acct_1Abc'];
/** An organization key's account path, or an added account that is one: sent as Stripe-Context. */
const CONTEXT = 'acct_1Abc/acct_2Def';

function has(tool: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'generated-code-'));

/** Runs `tool args… file` on `text` written to a file named `name`; throws with the tool's output if it fails. */
function check(tool: string, args: string[], name: string, text: string): void {
  const file = path.join(work, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  const run = spawnSync(tool, [...args, file], { encoding: 'utf8', cwd: work });
  assert.equal(run.status, 0, `${tool} ${args.join(' ')} rejected:\n${text}\n${run.stdout}${run.stderr}`);
}

function typescriptErrors(text: string, fileName: string): string[] {
  const out = ts.transpileModule(text, {
    fileName,
    reportDiagnostics: true,
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  });
  return (out.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

/** A snippet as inserted: placeholders take their default text, escapes are undone. */
function resolve(snippet: string): string {
  return snippet.replace(/\$\{\d+:((?:\\.|[^}\\])*)\}/g, (_m, body: string) => body).replace(/\\([$}\\])/g, '$1');
}

function cases(): Array<{ name: string; scope: SecretScope; account?: string; context?: string; label: string }> {
  return NAMES.flatMap((name) =>
    SCOPES.flatMap((scope) => [
      ...ACCOUNTS.map((account) => ({
        name,
        scope,
        account,
        label: `${JSON.stringify(name)}, ${scope.type}${account ? ', Stripe-Account' : ''}`,
      })),
      { name, scope, context: CONTEXT, label: `${JSON.stringify(name)}, ${scope.type}, Stripe-Context` },
    ]),
  );
}

/** Minimal stand-ins for the stripe-java types a snippet uses, so javac can check it without the SDK. */
const JAVA_STUBS: Record<string, string> = {
  'com/stripe/exception/StripeException.java': 'package com.stripe.exception; public class StripeException extends Exception {}',
  'com/stripe/model/apps/Secret.java': 'package com.stripe.model.apps; public class Secret { public String getPayload() { return ""; } }',
  'com/stripe/net/RequestOptions.java':
    'package com.stripe.net; public class RequestOptions { public static Builder builder() { return new Builder(); } public static class Builder { public Builder setStripeAccount(String a) { return this; } public Builder setStripeContext(String c) { return this; } public RequestOptions build() { return new RequestOptions(); } } }',
  'com/stripe/param/apps/SecretFindParams.java': [
    'package com.stripe.param.apps;',
    'public class SecretFindParams {',
    '  public static Builder builder() { return new Builder(); }',
    '  public static class Builder { public Builder setName(String n) { return this; } public Builder setScope(Scope s) { return this; } public Builder addExpand(String e) { return this; } public SecretFindParams build() { return new SecretFindParams(); } }',
    '  public static class Scope {',
    '    public enum Type { ACCOUNT, USER }',
    '    public static Builder builder() { return new Builder(); }',
    '    public static class Builder { public Builder setType(Type t) { return this; } public Builder setUser(String u) { return this; } public Scope build() { return new Scope(); } }',
    '  }',
    '}',
  ].join('\n'),
  'com/stripe/StripeClient.java': [
    'package com.stripe;',
    'import com.stripe.exception.StripeException; import com.stripe.model.apps.Secret; import com.stripe.net.RequestOptions; import com.stripe.param.apps.SecretFindParams;',
    'public class StripeClient {',
    '  public V1 v1() { return new V1(); }',
    '  public static class V1 { public Apps apps() { return new Apps(); } }',
    '  public static class Apps { public Secrets secrets() { return new Secrets(); } }',
    '  public static class Secrets {',
    '    public Secret find(SecretFindParams p) throws StripeException { return new Secret(); }',
    '    public Secret find(SecretFindParams p, RequestOptions o) throws StripeException { return new Secret(); }',
    '  }',
    '}',
  ].join('\n'),
};
const JAVA_IMPORTS =
  'import com.stripe.StripeClient; import com.stripe.exception.StripeException; import com.stripe.model.apps.Secret; import com.stripe.net.RequestOptions; import com.stripe.param.apps.SecretFindParams;';

function javac(classes: Array<{ name: string; body: string }>): void {
  const dir = fs.mkdtempSync(path.join(work, 'java-'));
  for (const [file, text] of Object.entries(JAVA_STUBS)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  }
  const files = [...Object.keys(JAVA_STUBS).map((f) => path.join(dir, f))];
  for (const c of classes) {
    const file = path.join(dir, `${c.name}.java`);
    fs.writeFileSync(file, `${JAVA_IMPORTS}\nclass ${c.name} {\n${c.body}\n}\n`);
    files.push(file);
  }
  const run = spawnSync('javac', ['-d', path.join(dir, 'out'), ...files], { encoding: 'utf8' });
  assert.equal(run.status, 0, `javac rejected:\n${classes.map((c) => c.body).join('\n---\n')}\n${run.stderr}`);
}

describe('Copy Backend Snippet: every language parses', () => {
  for (const c of cases()) {
    const snippet = backendSnippet(c.name, c.scope, { stripeAccount: c.account, stripeContext: c.context });

    it(`Node (TypeScript's parser and node --check): ${c.label}`, () => {
      const wrapped = `async function read(stripe: any) {\n${snippet.node}\nreturn value;\n}\n`;
      assert.deepEqual(typescriptErrors(wrapped, 'snippet.ts'), []);
      check(process.execPath, ['--check'], 'snippet.cjs', `async function read(stripe) {\n${snippet.node}\nreturn value;\n}\n`);
      if (c.account) assert.match(snippet.node, /stripeAccount: 'acct_1Abc'/);
      if (c.context) assert.match(snippet.node, /stripeContext: 'acct_1Abc\/acct_2Def'/);
    });

    it(`Python (ast): ${c.label}`, { skip: !has('python3') && 'skipped: python3 not installed' }, () => {
      check('python3', ['-c', 'import ast, sys; ast.parse(open(sys.argv[1]).read())'], 'snippet.py', `${snippet.python}\n`);
      if (c.account) assert.match(snippet.python, /"stripe_account": "acct_1Abc"/);
      if (c.context) assert.match(snippet.python, /"stripe_context": "acct_1Abc\/acct_2Def"/);
    });

    it(`Ruby (ruby -c): ${c.label}`, { skip: !has('ruby') && 'skipped: ruby not installed' }, () => {
      check('ruby', ['-c'], 'snippet.rb', `${snippet.ruby}\n`);
      if (c.account) assert.match(snippet.ruby, /stripe_account: 'acct_1Abc'/);
      if (c.context) assert.match(snippet.ruby, /stripe_context: 'acct_1Abc\/acct_2Def'/);
    });

    it(`PHP (php -l): ${c.label}`, { skip: !has('php') && 'skipped: php not installed' }, () => {
      check('php', ['-l'], 'snippet.php', `<?php\n${snippet.php}\n`);
      if (c.account) assert.match(snippet.php, /'stripe_account' => 'acct_1Abc'/);
      if (c.context) assert.match(snippet.php, /'stripe_context' => 'acct_1Abc\/acct_2Def'/);
    });

    it(`Go (gofmt, in a func; shape always): ${c.label}`, () => {
      assert.match(snippet.go, /^params := &stripe\.AppsSecretFindParams\{/);
      assert.match(snippet.go, /sc\.V1AppsSecrets\.Find\(context\.TODO\(\), params\)/);
      assert.equal(snippet.go.split('{').length, snippet.go.split('}').length, 'braces balance');
      if (c.account) assert.match(snippet.go, /params\.SetStripeAccount\("acct_1Abc"\)/);
      if (c.context) assert.match(snippet.go, /params\.SetStripeContext\("acct_1Abc\/acct_2Def"\)/);
      if (has('gofmt')) check('gofmt', ['-e'], 'snippet.go', `package p\n\nfunc read() error {\n${snippet.go}\n_ = value\nreturn nil\n}\n`);
    });

    it(`Java (javac against stub SDK types): ${c.label}`, { skip: !has('javac') && 'skipped: javac not installed' }, () => {
      javac([{ name: 'Snippet', body: `String read(StripeClient client) throws StripeException {\n${snippet.java}\nreturn value;\n}` }]);
      if (c.account) assert.match(snippet.java, /setStripeAccount\("acct_1Abc"\)/);
      if (c.context) assert.match(snippet.java, /setStripeContext\("acct_1Abc\/acct_2Def"\)/);
    });

    it(`.NET (dotnet where installed; shape always): ${c.label}`, () => {
      assert.match(snippet.dotnet, /^var options = new Stripe\.Apps\.SecretFindOptions\n\{/);
      assert.match(snippet.dotnet, /await client\.V1\.Apps\.Secrets\.FindAsync\(options(, requestOptions)?\);/);
      assert.equal(snippet.dotnet.split('{').length, snippet.dotnet.split('}').length, 'braces balance');
      if (c.account) assert.match(snippet.dotnet, /StripeAccount = "acct_1Abc"/);
      if (c.context) assert.match(snippet.dotnet, /StripeContext = "acct_1Abc\/acct_2Def"/);
      // dotnet is not installed on this machine; compiling needs the Stripe.net package anyway.
    });

    it(`curl (bash -n): ${c.label}`, { skip: !has('bash') && 'skipped: bash not installed' }, () => {
      check('bash', ['-n'], 'snippet.sh', `${snippet.curl}\n`);
    });

    it(`every SDK snippet reads back as the same name and scope: ${c.label}`, () => {
      const read = (text: string, languageId: string) => findReferences(text, languageId).map((r) => [r.name, r.scope]);
      const expected = [[c.name, c.scope]];
      assert.deepEqual(read(snippet.node, 'javascript'), expected);
      assert.deepEqual(read(snippet.python, 'python'), expected);
      assert.deepEqual(read(snippet.ruby, 'ruby'), expected);
      assert.deepEqual(read(`<?php ${snippet.php}`, 'php'), expected);
      assert.deepEqual(read(snippet.go, 'go'), expected);
      assert.deepEqual(read(snippet.java, 'java'), expected);
      assert.deepEqual(read(snippet.dotnet, 'csharp'), expected);
      assert.deepEqual(read(snippet.curl, 'shellscript'), expected);
    });
  }
});

describe('Move to Stripe Secret Store: the lookup compiles where it is put', () => {
  const lookup = (languageId: string, name: string, scope: SecretScope, context?: LookupContext) =>
    resolve(recogniserFor(languageId)!.lookup(name, scope, context));
  const withAccount = (canAwait: boolean, account?: string): LookupContext =>
    account ? { canAwait, stripeAccount: 'accountId' } : { canAwait };

  for (const c of cases()) {
    it(`JavaScript: CommonJS top level, a plain function, an async function and ESM top level: ${c.label}`, () => {
      const sync = lookup('javascript', c.name, c.scope, withAccount(false, c.account));
      const async = lookup('javascript', c.name, c.scope, withAccount(true, c.account));
      assert.ok(!sync.includes('await'), sync);
      const decl = c.account ? 'const accountId = "acct_1";\n' : '';
      check(
        process.execPath,
        ['--check'],
        'top.cjs',
        `const stripe = require('stripe')('k');\n${decl}const slackToken = ${sync};\nmodule.exports = slackToken;\n`,
      );
      check(
        process.execPath,
        ['--check'],
        'plain.cjs',
        `function f(stripe) {\n${decl}const slackToken = ${sync};\nreturn slackToken;\n}\n`,
      );
      check(
        process.execPath,
        ['--check'],
        'async.cjs',
        `async function f(stripe) {\n${decl}const slackToken = ${async};\nreturn slackToken;\n}\n`,
      );
      check(process.execPath, ['--check'], 'top.mjs', `const stripe = {};\n${decl}export const slackToken = ${async};\n`);
      assert.deepEqual(typescriptErrors(`declare const stripe: any;\n${decl}export const t = ${async};\n`, 'top.ts'), []);
      // The mistake this guards against: an await at a CommonJS top level does not even parse.
      fs.writeFileSync(path.join(work, 'bad.cjs'), `const t = ${async};\n`);
      assert.throws(() => execFileSync(process.execPath, ['--check', path.join(work, 'bad.cjs')], { stdio: 'pipe' }));
    });

    it(`Python: module level / def and async def (ast): ${c.label}`, { skip: !has('python3') && 'skipped: python3 not installed' }, () => {
      const sync = lookup('python', c.name, c.scope, withAccount(false, c.account));
      const async = lookup('python', c.name, c.scope, withAccount(true, c.account));
      assert.match(async, /await .*find_async\(/);
      check(
        'python3',
        ['-c', 'import ast, sys; ast.parse(open(sys.argv[1]).read())'],
        'lookup.py',
        `import stripe\nslack_token = ${sync}\n\nasync def handler(accountId):\n    token = ${async}\n    return token\n`,
      );
    });

    it(`Ruby (ruby -c): ${c.label}`, { skip: !has('ruby') && 'skipped: ruby not installed' }, () => {
      check('ruby', ['-c'], 'lookup.rb', `SLACK_TOKEN = ${lookup('ruby', c.name, c.scope, withAccount(false, c.account))}\n`);
    });

    it(`PHP (php -l): ${c.label}`, { skip: !has('php') && 'skipped: php not installed' }, () => {
      check(
        'php',
        ['-l'],
        'lookup.php',
        `<?php\n$accountId = 'acct_1';\n$slackToken = ${lookup('php', c.name, c.scope, withAccount(false, c.account))};\n`,
      );
    });

    it(
      `Java (javac against stub SDK types, in a field and a method): ${c.label}`,
      { skip: !has('javac') && 'skipped: javac not installed' },
      () => {
        const expr = lookup('java', c.name, c.scope, withAccount(false, c.account));
        javac([
          {
            name: 'Lookup',
            body: `String read(StripeClient client, String accountId) throws StripeException {\nString slackToken = ${expr};\nreturn slackToken;\n}`,
          },
        ]);
      },
    );

    it(
      `Java (javac against stub SDK types, in each place a checked StripeException can or cannot leave): ${c.label}`,
      { skip: !has('javac') && 'skipped: javac not installed' },
      () => {
        // Each body holds the literal "xoxb-1"; the lookup replaces it with the context read there.
        const places: Record<string, string> = {
          Throws: 'String read() throws StripeException {\n  String t = "xoxb-1";\n  return t;\n}',
          ThrowsException: 'String read() throws java.io.IOException, Exception {\n  return "xoxb-1";\n}',
          NoThrows: 'String read() {\n  String t = "xoxb-1";\n  return t;\n}',
          Field: 'private final String token = "xoxb-1";',
          StaticBlock: 'static String token;\nstatic {\n  token = "xoxb-1";\n}',
          Lambda: 'Runnable read() throws StripeException {\n  return () -> { String t = "xoxb-1"; };\n}',
          Caught:
            'String read() {\n  try {\n    if (client != null) { return "xoxb-1"; }\n    return null;\n  } catch (IllegalStateException | StripeException e) {\n    return null;\n  }\n}',
          CaughtElsewhere:
            'String read() {\n  try {\n    return "xoxb-1";\n  } catch (IllegalStateException e) {\n    return null;\n  }\n}',
        };
        const fields = 'static StripeClient client;\nstatic String accountId;\n';
        const classes = Object.entries(places).map(([name, body]) => {
          const offset = body.indexOf('"xoxb-1"');
          const context = lookupContext({ text: body, languageId: 'java', offset });
          if (c.account) context.stripeAccount = 'accountId';
          const expr = lookup('java', c.name, c.scope, context);
          return {
            name: `Place${name}`,
            body: fields + body.slice(0, offset) + expr + body.slice(offset + '"xoxb-1"'.length),
            wrapped: !context.throwsChecked,
          };
        });
        assert.deepEqual(
          classes.filter((k) => !k.wrapped).map((k) => k.name),
          ['PlaceThrows', 'PlaceThrowsException', 'PlaceCaught'],
        );
        javac(classes);
        for (const k of classes)
          assert.deepEqual(
            findReferences(k.body, 'java').map((r) => r.name),
            [c.name],
            k.body,
          );
        // The mistake this guards against: the bare call where the exception cannot leave does not compile.
        const bare = lookup('java', c.name, c.scope, { canAwait: false, stripeAccount: c.account && 'accountId' });
        assert.throws(() => javac([{ name: 'Bare', body: `${fields}String read() {\n  return ${bare};\n}` }]), /unreported exception/);
      },
    );

    it(`Go (gofmt at package level and in a func; shape always): ${c.label}`, () => {
      const expr = lookup('go', c.name, c.scope, withAccount(false, c.account));
      assert.match(expr, /^func\(\) string \{\n/);
      assert.match(expr, /return secret\.Payload\n\}\(\)$/);
      assert.equal(expr.split('{').length, expr.split('}').length, 'braces balance');
      if (has('gofmt'))
        check('gofmt', ['-e'], 'lookup.go', `package p\n\nvar slackToken = ${expr}\n\nfunc f() string {\n\treturn ${expr}\n}\n`);
    });

    it(`C#: FindAsync with await in an async method, Find elsewhere (shape; dotnet not installed): ${c.label}`, () => {
      const sync = lookup('csharp', c.name, c.scope, withAccount(false, c.account));
      const async = lookup('csharp', c.name, c.scope, withAccount(true, c.account));
      assert.match(sync, /^client\.V1\.Apps\.Secrets\.Find\(new Stripe\.Apps\.SecretFindOptions \{/);
      assert.ok(!sync.includes('await'));
      assert.match(async, /^\(await client\.V1\.Apps\.Secrets\.FindAsync\(/);
      for (const e of [sync, async]) assert.equal(e.split('{').length, e.split('}').length, 'braces balance');
    });

    it(`shell (bash -n): ${c.label}`, { skip: !has('bash') && 'skipped: bash not installed' }, () => {
      check('bash', ['-n'], 'lookup.sh', `SLACK_TOKEN=${lookup('shellscript', c.name, c.scope)}\n`);
    });

    it(`every lookup reads back as the same name and scope: ${c.label}`, () => {
      for (const languageId of ['javascript', 'python', 'ruby', 'go', 'java', 'csharp', 'shellscript']) {
        for (const canAwait of [false, true]) {
          const text = lookup(languageId, c.name, c.scope, withAccount(canAwait, c.account));
          assert.deepEqual(
            findReferences(text, languageId).map((r) => [r.name, r.scope]),
            [[c.name, c.scope]],
            `${languageId}: ${text}`,
          );
        }
      }
      assert.deepEqual(
        findReferences(`<?php ${lookup('php', c.name, c.scope)}`, 'php').map((r) => r.name),
        [c.name],
      );
    });
  }
});
