/**
 * Every recogniser over its fixtures (test/fixtures/references/<id>/ with an expected.json): what
 * each file must yield, in order, and nothing from comments, strings, or names that are not literals.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { RECOGNISERS, findReferences } from '../../../src/references/registry';
import type { SecretReference } from '../../../src/references/types';

const FIXTURES = path.resolve(__dirname, '../../../../test/fixtures/references');

const LANGUAGE_BY_EXTENSION: Record<string, string> = {
  '.js': 'javascript',
  '.ts': 'typescript',
  '.tsx': 'typescriptreact',
  '.py': 'python',
  '.rb': 'ruby',
  '.php': 'php',
  '.go': 'go',
  '.java': 'java',
  '.cs': 'csharp',
  '.sh': 'shellscript',
};

type Expected = [name: string, scope: string, call: string, line: number];

function scopeText(ref: SecretReference): string {
  if (ref.scope.type === 'user') return ref.scope.user === undefined ? 'user' : `user:${ref.scope.user}`;
  return ref.scope.type;
}

describe('secret reference recognisers', () => {
  for (const recogniser of RECOGNISERS) {
    const folder = path.join(FIXTURES, recogniser.id);
    it(`${recogniser.id} has fixtures`, () =>
      assert.ok(fs.existsSync(path.join(folder, 'expected.json')), `missing ${folder}/expected.json`));
    if (!fs.existsSync(path.join(folder, 'expected.json'))) continue;
    const expected = JSON.parse(fs.readFileSync(path.join(folder, 'expected.json'), 'utf8')) as Record<string, Expected[]>;
    for (const [file, refs] of Object.entries(expected)) {
      it(`${recogniser.id}: ${file}`, () => {
        const text = fs.readFileSync(path.join(folder, file), 'utf8');
        const languageId = LANGUAGE_BY_EXTENSION[path.extname(file)];
        assert.ok(recogniser.languageIds.includes(languageId), `${file} is not read by ${recogniser.id}`);
        const found = findReferences(text, languageId);
        assert.deepEqual(
          found.map((r): Expected => [r.name, scopeText(r), r.call, r.start.line + 1]),
          refs,
        );
        for (const r of found) {
          // The range covers exactly the name's characters.
          assert.equal(text.slice(r.nameStart, r.nameEnd), r.name);
          assert.equal(r.start.line, r.end.line);
        }
      });
    }
  }

  it('does not read a language it does not know', () => {
    assert.deepEqual(findReferences(`stripe.apps.secrets.find({name: 'x', scope: {type: 'account'}})`, 'plaintext'), []);
  });

  it('gives the name an exact column on a later line', () => {
    const text = `const a = 1;\n  await stripe.apps.secrets.find({scope: {type: 'account'}, name: 'abc'});\n`;
    const [ref] = findReferences(text, 'javascript');
    assert.deepEqual(ref.start, { line: 1, character: text.split('\n')[1].indexOf('abc') });
    assert.deepEqual(ref.end, { line: 1, character: text.split('\n')[1].indexOf('abc') + 3 });
  });

  it('keeps an empty name being typed (completion needs it) and survives an unterminated call', () => {
    const refs = findReferences(`stripe.apps.secrets.find({scope: {type: 'account'}, name: ''})`, 'javascript');
    assert.equal(refs.length, 1);
    assert.equal(refs[0].name, '');
    assert.deepEqual(
      findReferences(`stripe.apps.secrets.find({scope: {type: 'account'}, name: 'half`, 'javascript').map((r) => r.name),
      ['half'],
    );
  });

  it('reads the other quote styles of each language, and only literal ones', () => {
    const names = (text: string, languageId: string) => findReferences(text, languageId).map((r) => r.name);
    const js = (name: string) => `stripe.apps.secrets.find({scope: {type: 'account'}, name: ${name}});`;
    assert.deepEqual(names(`const re = /"it's"/; ${js("'after_regex'")} const x = a / b; ${js('"after_division"')}`, 'javascript'), [
      'after_regex',
      'after_division',
    ]);
    assert.deepEqual(names(js("'it\\'s'"), 'javascript'), ["it's"]);
    assert.deepEqual(names(`const t = \`\${'}'}\`; ${js('`nested_ok`')}`, 'javascript'), ['nested_ok']);
    const py = (name: string) => `stripe.apps.Secret.find(name=${name}, scope={"type": "account"})`;
    assert.deepEqual(names([py('f"a{{b}}"'), py('rb"raw"'), py('"""tri"""'), py('f"{x}"')].join('\n'), 'python'), ['a{b}', 'raw', 'tri']);
    const cs = (name: string) => `new SecretFindOptions { Name = ${name}, Scope = new SecretScopeOptions { Type = "account" } };`;
    assert.deepEqual(names([cs('@"say ""hi"""'), cs('$"no_braces"'), cs('$"x{y}"')].join('\n'), 'csharp'), ['say "hi"', 'no_braces']);
    const go = (name: string) =>
      `secret.Find(&stripe.AppsSecretFindParams{Name: stripe.String(${name}), Scope: &stripe.AppsSecretFindScopeParams{Type: stripe.String(stripe.AppsSecretScopeTypeAccount)}})`;
    assert.deepEqual(names(go('`raw_go`'), 'go'), ['raw_go']);
    assert.deepEqual(findReferences(go('"x"'), 'go')[0].scope, { type: 'account' });
    const php = (name: string) => `$stripe->apps->secrets->find(['name' => ${name}, 'scope' => ['type' => 'account']]);`;
    assert.deepEqual(names([php(`"double"`), php(`'single'`), php(`"with_$var"`)].join('\n'), 'php'), ['double', 'single']);
    const rb = (name: string) => `Stripe::Apps::Secret.find(name: ${name}, scope: {type: 'account'})`;
    assert.deepEqual(names([rb('%q[pct]'), rb('"#{x}"'), rb("'plain'")].join('\n'), 'ruby'), ['pct', 'plain']);
  });

  it('each lookup names the secret and its scope', () => {
    for (const r of RECOGNISERS) {
      const account = r.lookup('api_key', { type: 'account' });
      assert.match(account, /api_key/, r.id);
      assert.match(account, /account|ACCOUNT|Account/, r.id);
      const user = r.lookup('tok', { type: 'user', user: 'usr_9' });
      assert.match(user, /usr_9/, r.id);
    }
  });
});
