import { test } from 'node:test';
import assert from 'node:assert/strict';
import { displayName, hasHiddenCharacters } from '../../../src/model/displayName';

test('an ordinary name is shown unchanged, backslashes, inner spaces and unicode included', () => {
  for (const name of ['api_key', 'MY KEY', 'path\\to', 'clé_é', '鍵', 'emoji_🔑', 'a␣b']) {
    assert.equal(displayName(name), name);
    assert.equal(hasHiddenCharacters(name), false, name);
  }
});

test('spaces at either end become visible', () => {
  assert.equal(displayName(' api_key'), '␣api_key');
  assert.equal(displayName('api_key  '), 'api_key␣␣');
  assert.equal(displayName(' a b '), '␣a b␣');
  assert.equal(displayName('   '), '␣␣␣');
});

test('control characters become escape sequences', () => {
  assert.equal(displayName('a\nb'), 'a\\nb');
  assert.equal(displayName('a\r\n'), 'a\\r\\n');
  assert.equal(displayName('\tx'), '\\tx');
  assert.equal(displayName('bell\u0007'), 'bell\\u0007');
  assert.equal(displayName('del\u007f'), 'del\\u007f');
  assert.equal(displayName('c1\u0085'), 'c1\\u0085');
});

test('zero-width, bidi and look-alike space characters are escaped', () => {
  assert.equal(displayName('api\u200bkey'), 'api\\u200bkey');
  assert.equal(displayName('\ufeffkey'), '\\ufeffkey');
  assert.equal(displayName('key\u202egpj.exe'), 'key\\u202egpj.exe');
  assert.equal(displayName('a\u2066b\u2069'), 'a\\u2066b\\u2069');
  assert.equal(displayName('nb\u00a0sp'), 'nb\\u00a0sp');
  assert.equal(displayName('soft\u00adhyphen'), 'soft\\u00adhyphen');
  assert.equal(displayName('lone\ud800'), 'lone\\ud800');
});

test('once anything is escaped, a backslash is doubled so the result is unambiguous', () => {
  assert.equal(displayName('a\\nb\n'), 'a\\\\nb\\n');
  assert.notEqual(displayName('a\\nb '), displayName('a\nb '));
});

test('names that differ only in hidden characters are shown differently', () => {
  const names = ['key', ' key', 'key ', 'key\n', 'key\t', 'k\u200bey', 'k\u200cey', 'key\u00a0'];
  const shown = new Set(names.map(displayName));
  assert.equal(shown.size, names.length);
});

test('each of several spaces at the start becomes visible, not only the first', () => {
  assert.equal(displayName('  key'), '␣␣key');
  assert.equal(displayName('   a\tb'), '␣␣␣a\\tb');
});
