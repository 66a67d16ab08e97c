/** The registry's entry points: which languages are read, references in text order, and whether a range names a secret. */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RECOGNISERS, findReferences, isSecretName, supportedLanguageIds } from '../../../src/references/registry';

describe('recogniser registry', () => {
  it('lists every language id some recogniser reads, once', () => {
    const ids = supportedLanguageIds();
    assert.deepEqual([...ids].sort(), [...new Set(RECOGNISERS.flatMap((r) => r.languageIds))].sort());
    for (const id of ['javascript', 'typescriptreact', 'python', 'shellscript']) assert.ok(ids.includes(id), id);
  });

  it('gives the references in text order, also when a call nests another before its own name', () => {
    const names = (text: string, languageId: string) => findReferences(text, languageId).map((r) => r.name);
    const py = `stripe.apps.Secret.find(scope={"type": "account"}, extra=stripe.apps.Secret.find(name="inner", scope={"type": "account"}), name="outer")`;
    assert.deepEqual(names(py, 'python'), ['inner', 'outer']);
    const php = `$stripe->apps->secrets->find(['scope' => ['type' => 'account'], 'x' => $stripe->apps->secrets->find(['name' => 'inner', 'scope' => ['type' => 'account']]), 'name' => 'outer']);`;
    assert.deepEqual(names(php, 'php'), ['inner', 'outer']);
  });

  it('a range names a secret when it overlaps or touches the name of a Secret Store call', () => {
    const text = `const key = 'sk';\nawait stripe.apps.secrets.find({scope: {type: 'account'}, name: 'abc'});`;
    const start = text.indexOf('abc');
    const end = start + 3;
    assert.equal(isSecretName(text, 'javascript', start, end), true);
    assert.equal(isSecretName(text, 'javascript', start + 1, start + 2), true);
    assert.equal(isSecretName(text, 'javascript', end, end + 2), true);
    assert.equal(isSecretName(text, 'javascript', start - 3, start), true);
    assert.equal(isSecretName(text, 'javascript', end + 1, end + 2), false);
    assert.equal(isSecretName(text, 'javascript', start - 3, start - 1), false);
    const key = text.indexOf('sk');
    assert.equal(isSecretName(text, 'javascript', key, key + 2), false);
    assert.equal(isSecretName(text, 'plaintext', start, end), false);
  });
});
