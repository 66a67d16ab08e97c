import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { dotenvNameProblem, formatDotenv, formatDotenvValue, parseDotenv } from '../../../src/model/dotenv';

const pairs = (text: string) => parseDotenv(text).entries.map((e) => [e.name, e.value]);
const problemLines = (text: string) => parseDotenv(text).problems.map((p) => p.line);

describe('parseDotenv', () => {
  it('reads KEY=value lines, skipping comments and blank lines, with their line numbers', () => {
    const parsed = parseDotenv('# a comment\n\nA=1\n   # indented comment\nB=two\n');
    assert.deepEqual(parsed.entries, [
      { name: 'A', value: '1', line: 3 },
      { name: 'B', value: 'two', line: 5 },
    ]);
    assert.deepEqual(parsed.problems, []);
  });

  it('takes an optional export prefix, spaces around = and CRLF line ends', () => {
    assert.deepEqual(pairs('export A=1\r\nexport\tB = 2\r\n  C  =  three  \r\n'), [['A', '1'], ['B', '2'], ['C', 'three']]);
    assert.deepEqual(pairs('export=x\n'), [['export', 'x']]);
  });

  it('ignores a byte-order mark', () => {
    assert.deepEqual(pairs('\uFEFFA=1\n'), [['A', '1']]);
  });

  it('trims unquoted values and drops an inline comment that follows whitespace', () => {
    assert.deepEqual(pairs('A=  spaced value   \nB=value # comment\nC=value\t# tab comment\nD=a#b\nE=#hex\n'), [
      ['A', 'spaced value'],
      ['B', 'value'],
      ['C', 'value'],
      ['D', 'a#b'],
      ['E', '#hex'],
    ]);
  });

  it('keeps = signs after the first in the value', () => {
    assert.deepEqual(pairs('A=b=c==\n'), [['A', 'b=c==']]);
  });

  it('reads single-quoted values literally', () => {
    assert.deepEqual(pairs(String.raw`A='  x \n "y" # not a comment $HOME '` + '\n'), [['A', String.raw`  x \n "y" # not a comment $HOME `]]);
  });

  it('reads double-quoted values with \\n \\r \\t \\" \\\\ escapes and keeps unknown escapes', () => {
    assert.deepEqual(pairs(String.raw`A="a\nb\tc\"d\\e\rf\qg"` + '\n'), [['A', 'a\nb\tc"d\\e\rf\\qg']]);
  });

  it('reads multi-line quoted values, and allows a comment after the closing quote', () => {
    const text = 'KEY="-----BEGIN-----\nMIIB==\n-----END-----" # pem\nNEXT=after\nS=\'one\ntwo\'\n';
    const parsed = parseDotenv(text);
    assert.deepEqual(parsed.entries, [
      { name: 'KEY', value: '-----BEGIN-----\nMIIB==\n-----END-----', line: 1 },
      { name: 'NEXT', value: 'after', line: 4 },
      { name: 'S', value: 'one\ntwo', line: 5 },
    ]);
    assert.deepEqual(parsed.problems, []);
  });

  it('skips the rest of the file after an unclosed quote, so none of it becomes a name', () => {
    const parsed = parseDotenv('A=1\nKEY="-----BEGIN-----\nMIIBase64==\nB=2\n');
    assert.deepEqual(parsed.entries.map((e) => e.name), ['A']);
    assert.equal(parsed.problems.length, 1);
    assert.equal(parsed.problems[0].line, 2);
    assert.match(parsed.problems[0].message, /^line 2: the quoted value has no closing ", so lines 2–5 were skipped$/);
  });

  it('refuses text after a closing quote', () => {
    const parsed = parseDotenv('A="x" y\nB=\'x\'y\nC="ok"\n');
    assert.deepEqual(parsed.entries.map((e) => e.name), ['C']);
    assert.deepEqual(parsed.problems.map((p) => p.line), [1, 2]);
    assert.match(parsed.problems[0].message, /unexpected text after the closing quote/);
  });

  it('reports a line with no =, a missing name and an empty value, by line number', () => {
    const parsed = parseDotenv('JUST_A_WORD\n=orphan\nEMPTY=\nQUOTED_EMPTY=""\nOK=1\n');
    assert.deepEqual(pairs('JUST_A_WORD\n=orphan\nEMPTY=\nQUOTED_EMPTY=""\nOK=1\n'), [['OK', '1']]);
    assert.deepEqual(parsed.problems, [
      { line: 1, message: "line 1 has no '=' (expected NAME=value)" },
      { line: 2, message: 'line 2: there is no name before the =' },
      { line: 3, message: 'line 3: EMPTY has an empty value, and a secret cannot be empty' },
      { line: 4, message: 'line 4: QUOTED_EMPTY has an empty value, and a secret cannot be empty' },
    ]);
  });

  it('checks names and values with the Secret Store rules', () => {
    const long = 'x'.repeat(5001);
    const parsed = parseDotenv(`TOO_LONG=${long}\nBAD\u0001NAME=v\n${'n'.repeat(5001)}=v\n`);
    assert.deepEqual(parsed.entries, []);
    assert.deepEqual(parsed.problems.map((p) => p.line), [1, 2, 3]);
    assert.match(parsed.problems[0].message, /^line 1 \(TOO_LONG\): a secret value can be at most 5000 characters/);
    assert.match(parsed.problems[1].message, /^line 2: a secret name cannot contain line breaks, tabs or other control characters/);
    assert.match(parsed.problems[2].message, /^line 3: a secret name can be at most 5000 characters/);
  });

  it('lets the last of duplicate keys win, at the first one\'s position, and reports it', () => {
    const parsed = parseDotenv('A=first\nB=b\nA=second\n');
    assert.deepEqual(parsed.entries, [
      { name: 'A', value: 'second', line: 3 },
      { name: 'B', value: 'b', line: 2 },
    ]);
    assert.deepEqual(parsed.problems, [{ line: 3, message: 'line 3: A was already set on line 1; the later value is used' }]);
  });

  it('never repeats a value in a problem', () => {
    const values = ['sk_live_SECRETVALUE', 'tail-of-secret', 'x'.repeat(5001), 'unclosed-secret'];
    const text = `${values[0]}\nA="x" ${values[1]}\nB=${values[2]}\nC="${values[3]}\n`;
    const { problems } = parseDotenv(text);
    assert.equal(problems.length, 4);
    for (const p of problems) for (const v of values) assert.ok(!p.message.includes(v), p.message);
  });

  it('reads an empty file as nothing', () => {
    assert.deepEqual(parseDotenv(''), { entries: [], problems: [] });
    assert.deepEqual(problemLines('\n\n# only comments\n'), []);
  });
});

describe('formatDotenv', () => {
  it('writes plain values bare and quotes the rest', () => {
    assert.equal(formatDotenvValue('sk_test_123'), 'sk_test_123');
    assert.equal(formatDotenvValue('base64+/=='), 'base64+/==');
    assert.equal(formatDotenvValue('two words'), "'two words'");
    assert.equal(formatDotenvValue('$HOME\\path'), "'$HOME\\path'");
    assert.equal(formatDotenvValue('#hash'), "'#hash'");
    assert.equal(formatDotenvValue("it's"), `"it's"`);
    assert.equal(formatDotenvValue('a\nb"c\\'), '"a\\nb\\"c\\\\"');
  });

  it('puts each header line in a comment and ends every line with a newline', () => {
    assert.equal(formatDotenv([{ name: 'A', value: '1' }], { header: ['Exported', 'Do not commit\nthis file'] }), '# Exported\n# Do not commit\n# this file\nA=1\n');
    assert.equal(formatDotenv([]), '');
  });

  it('refuses names that would not read back, and a name given twice', () => {
    for (const name of ['a=b', '#x', 'export X', ' padded', '']) {
      assert.ok(dotenvNameProblem(name), name);
      assert.throws(() => formatDotenv([{ name, value: 'v' }]), RangeError);
    }
    assert.throws(() => formatDotenv([{ name: 'A', value: '1' }, { name: 'A', value: '2' }]), /given twice/);
    for (const name of ['API_KEY', 'api.key-2', "it's", 'a b', 'export', 'clé🔑']) assert.equal(dotenvNameProblem(name), undefined, name);
  });

  it('reads back what it writes, for tricky values and names (seeded property check)', () => {
    // A small deterministic generator: the same 500 cases on every run.
    let seed = 0x2545f491;
    const next = () => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return (seed >>> 0) / 0x1_0000_0000;
    };
    const valueChars = ['a', 'Z', '0', ' ', ' ', '\t', '\n', '\r', "'", '"', '`', '#', '=', '\\', '$', '{', '}', 'é', '🔑', '\u2028', '\u0001', 'n', 't', '\\n'];
    const nameChars = ['A', 'b', '_', '9', '.', '-', ' ', "'", '"', '#', 'é', '🔑', '$'];
    const pick = (chars: string[], max: number) => Array.from({ length: 1 + Math.floor(next() * max) }, () => chars[Math.floor(next() * chars.length)]).join('');

    for (let run = 0; run < 500; run++) {
      const entries = new Map<string, string>();
      for (let i = 0; i < 1 + Math.floor(next() * 6); i++) {
        const name = pick(nameChars, 12);
        if (dotenvNameProblem(name)) continue;
        entries.set(name, pick(valueChars, 20));
      }
      const input = [...entries].map(([name, value]) => ({ name, value }));
      const text = formatDotenv(input, { header: ['header'] });
      const parsed = parseDotenv(text);
      assert.deepEqual(parsed.problems, [], text);
      assert.deepEqual(parsed.entries.map(({ name, value }) => ({ name, value })), input, text);
      // One entry per line: multi-line values are written with escapes.
      assert.equal(text.split('\n').length - 1, input.length + 1);
    }
  });
});
