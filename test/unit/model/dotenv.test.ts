import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse as dotenvParse } from 'dotenv';
import {
  dotenvNameProblem,
  dotenvQuoting,
  formatDotenv,
  formatDotenvValue,
  parseDotenv,
  type DotenvQuoting,
} from '../../../src/model/dotenv';
import { DOTENV_OWN_INPUTS } from './dotenvOwnInputs';

const pairs = (text: string) => parseDotenv(text).entries.map((e) => [e.name, e.value]);
const messages = (text: string) => parseDotenv(text).problems.map((p) => p.message);
const warnings = (text: string) => parseDotenv(text).entries.map((e) => e.warning);

/** A small seeded generator (mulberry32): a failure names its seed and reproduces. */
function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 0x1_0000_0000;
  };
}
const oneOf = <T>(next: () => number, items: readonly T[]): T => items[Math.floor(next() * items.length)];

/**
 * The mutation run (scripts/mutation.mjs) sets MUTATION_SMALL_SAMPLES, since it runs this file once
 * per mutant: the generated inputs then shrink about tenfold. The hand-written cases stay whole.
 */
const SMALL = process.env.MUTATION_SMALL_SAMPLES === '1';
const RANDOM_FILES = SMALL ? 300 : 3000;
const ROUND_TRIP_FILES = SMALL ? 400 : 4000;
const EXPORT_LENGTH = SMALL ? 3 : 4;
const READABLE_LENGTH = SMALL ? 4 : 5;

/**
 * Where the import and dotenv disagree on `text`: a name set to a value dotenv does not load, or a
 * name dotenv loads that is left out with no problem saying so. Also a problem or warning that
 * repeats a value.
 */
function disagreements(text: string): string[] {
  const loaded = dotenvParse(text);
  const { entries, problems } = parseDotenv(text);
  const found: string[] = [];
  const names = new Set(entries.map((e) => e.name));
  if (names.size !== entries.length) found.push('a name imported twice');
  for (const e of entries) {
    if (!Object.hasOwn(loaded, e.name)) found.push(`${e.name} imported, dotenv does not load it`);
    else if (loaded[e.name] !== e.value) found.push(`${e.name} imported with another value than dotenv's`);
  }
  for (const name of Object.keys(loaded)) {
    if (!names.has(name) && !problems.some((p) => p.skipped === name)) found.push(`${name} left out with no problem`);
  }
  const shown = [...problems.map((p) => p.message), ...entries.flatMap((e) => (e.warning ? [e.warning] : []))];
  for (const value of Object.values(loaded)) {
    // Plain lower-case words may be words of the messages themselves.
    if (value.length < 8 || /^[a-z ]+$/.test(value) || Object.keys(loaded).some((n) => n.includes(value))) continue;
    if (shown.some((m) => m.includes(value))) found.push('a message repeats a value');
  }
  return found;
}

/** One input per kind of disagreement found in review (issue 7), and variants of each. */
const REVIEW_KINDS: readonly string[] = [
  'PEM=`-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj==\n-----END PRIVATE KEY-----`\nNEXT=1\n',
  'A=`backtick value`\n',
  'A=`multi\nline`\n',
  'A="say \\"hi\\""\n',
  'A="back\\\\slash"\n',
  'A="tab\\there"\n',
  'A="new\\nline and cr\\r"\n',
  'A="\\\\n is not a newline"\n',
  'A=1\rB=2\rC=3\r',
  'A=1\r\nB=2\rC=3\n',
  'A: b=c\n',
  'A:b\n',
  'A:  spaced\n',
  'CLÉ=x\nOK=1\n',
  'MY KEY=x\n',
  '$A=x\n',
  '${A}=x\n',
  'export MY KEY=x\n',
  'A=value#frag\n',
  'A=value #comment\n',
  'A=#only-comment\n',
  'A=http://x/#anchor\n',
  'A="value"#comment\n',
  'A="x" trailing\n',
  "A='x'y\n",
  'A="unclosed\nB=2\n',
  "A='unclosed\nB=2\n",
  'KEY=-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA==\nAB/c+d==\n-----END RSA PRIVATE KEY-----\nNEXT=1\n',
  'KEY="-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA==\n-----END RSA PRIVATE KEY-----"\n',
  'A=1\nA=2\nA=\n',
  'A=\n"next line value"\n',
  'A=x\n\n  # comment\nA=y\n',
  '__proto__=x\nconstructor=y\ntoString=z\n',
  '\uFEFFA=bom\n',
  'A=a\u2028b\n',
  'A="a\u2028b"\n',
];

/** Random .env files built from the pieces that make dotenv's pattern branch. */
function randomFile(next: () => number): string {
  const names = ['A', 'B_2', 'a.b-c', 'CLÉ', 'MY KEY', '$A', 'export', 'export A', '  C', 'D\t', '-----BEGIN X-----', 'MIIB+/', ''];
  const seps = ['=', ' = ', '= ', ': ', ':', '\t=\t', ' '];
  const pieces = [
    'v',
    'value',
    ' ',
    '\t',
    '#',
    ' #c',
    "'",
    '"',
    '`',
    '\\',
    '\\n',
    '\\r',
    '\\"',
    '$HOME',
    '=',
    '==',
    'é',
    '🔑',
    '\n',
    '\r',
    '\r\n',
    '-----BEGIN KEY-----',
    '-----END KEY-----',
    '\u2028',
    'n',
    'r',
  ];
  const endings = ['\n', '\r\n', '\r', '\n\n', '\n# comment\n'];
  let text = '';
  for (let l = 0, lines = 1 + Math.floor(next() * 8); l < lines; l++) {
    let value = '';
    for (let p = 0, n = Math.floor(next() * 6); p < n; p++) value += oneOf(next, pieces);
    const quote = oneOf(next, ['', '', "'", '"', '`']);
    if (quote && next() < 0.8) value = quote + value + quote;
    text += oneOf(next, names) + oneOf(next, seps) + value + oneOf(next, endings);
  }
  return text;
}

describe('parseDotenv', () => {
  it('reads KEY=value lines, skipping comments and blank lines, with their line numbers', () => {
    const parsed = parseDotenv('# a comment\n\nA=1\n   # indented comment\nexport B = two # note\n');
    assert.deepEqual(parsed.entries, [
      { name: 'A', value: '1', line: 3 },
      { name: 'B', value: 'two', line: 5 },
    ]);
    assert.deepEqual(parsed.problems, []);
  });

  it('takes values as dotenv does: single quotes literal, double quotes turn only \\n and \\r into characters, CR ends a line', () => {
    assert.deepEqual(pairs(String.raw`A='x \n "y" # z'` + '\n' + String.raw`B="a\nb\rc\t\"d\\"` + '\nC=1\rD=2\r\n'), [
      ['A', String.raw`x \n "y" # z`],
      ['B', 'a\nb\rc\\t\\"d\\\\'],
      ['C', '1'],
      ['D', '2'],
    ]);
  });

  it('reads quoted values across lines, a PEM key included', () => {
    const parsed = parseDotenv('KEY="-----BEGIN-----\nMIIB==\n-----END-----" # pem\nNEXT=after\nS=\'one\ntwo\'\n');
    assert.deepEqual(parsed.entries, [
      { name: 'KEY', value: '-----BEGIN-----\nMIIB==\n-----END-----', line: 1 },
      { name: 'NEXT', value: 'after', line: 4 },
      { name: 'S', value: 'one\ntwo', line: 5 },
    ]);
    assert.deepEqual(parsed.problems, []);
  });

  it('leaves ambiguous lines unpicked with a warning that says how dotenv reads them', () => {
    const text = 'A: b=c\nB=value#frag\nC=`tick`\nD="a\\"b"\nE="x" y\nF=\n"next"\n';
    assert.deepEqual(pairs(text), [
      ['A', 'b=c'],
      ['B', 'value'],
      ['C', 'tick'],
      ['D', 'a\\"b'],
      ['E', '"x" y'],
      ['F', 'next'],
    ]);
    const [a, b, c, d, e, f] = warnings(text);
    assert.match(a!, /^line 1: A is written NAME: value, which dotenv reads as NAME=value$/);
    assert.match(b!, /^line 2: dotenv cuts the value of B at a # with no space before it/);
    assert.match(c!, /^line 3: C is in backticks/);
    assert.match(d!, /^line 4: the double-quoted value of D has a backslash/);
    assert.match(e!, /^line 5: the quote that opens the value of E does not close/);
    assert.match(f!, /^line 6: nothing follows F= on its line, and dotenv takes the quoted value on line 7$/);
    assert.deepEqual(warnings('A=plain\nB=spaced #comment\nC="ok\\n"\n'), [undefined, undefined, undefined]);
  });

  it('reports the lines dotenv skips, by number and without their text', () => {
    assert.deepEqual(messages('JUST_A_WORD_sk_live_x\nCLÉ=x\nMY KEY=y\n$A=z\n=orphan\n'), [
      "line 1 has no '=' (expected NAME=value), so dotenv skips it",
      'line 2: dotenv skips this line: its name has characters dotenv does not read (only A–Z, a–z, digits, _, . and -)',
      'line 3: dotenv skips this line: its name has characters dotenv does not read (only A–Z, a–z, digits, _, . and -)',
      'line 4: dotenv skips this line: its name has characters dotenv does not read (only A–Z, a–z, digits, _, . and -)',
      'line 5: there is no name before the =, so dotenv skips it',
    ]);
  });

  it('keeps an unquoted PEM block out entirely, and never names its base64 lines', () => {
    const text = 'KEY=-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkq\nhkiG9w0BAQEFAASC==\n-----END PRIVATE KEY-----\nNEXT=1\n';
    assert.deepEqual(Object.keys(dotenvParse(text)), ['KEY', 'hkiG9w0BAQEFAASC', 'NEXT']);
    const parsed = parseDotenv(text);
    assert.deepEqual(pairs(text), [['NEXT', '1']]);
    assert.deepEqual(
      parsed.problems.map((p) => p.line),
      [1, 2, 3, 4],
    );
    assert.match(parsed.problems[0].message, /^line 1: KEY holds only the first line of a PEM block/);
    assert.match(parsed.problems[2].message, /^line 3 is inside the PEM block that starts on line 1 outside quotes/);
    for (const p of parsed.problems) assert.ok(!p.message.includes('hkiG9w0B') && !p.message.includes('MIIE'), p.message);
  });

  it('says which of duplicate names wins: the last, as dotenv', () => {
    const parsed = parseDotenv('A=first\nB=b\nA=second\n');
    assert.deepEqual(parsed.entries, [
      { name: 'B', value: 'b', line: 2 },
      { name: 'A', value: 'second', line: 3 },
    ]);
    assert.deepEqual(messages('A=first\nB=b\nA=second\n'), [
      'line 1: A is set again on line 3; dotenv keeps the last one, so line 1 is not imported',
    ]);
    // The last one empty: nothing is imported for A, since dotenv loads the empty value.
    assert.deepEqual(pairs('A=1\nA=\n'), []);
  });

  it('refuses empty values and what the Secret Store refuses, and notes lone CR line ends', () => {
    const long = 'x'.repeat(5001);
    assert.deepEqual(messages(`EMPTY=\nHASH=#x\nTOO_LONG=${long}\n${'n'.repeat(5001)}=v\nA=1\rB=2\n`), [
      'line 1: EMPTY has an empty value, and a secret cannot be empty',
      'line 2: HASH has an empty value, and a secret cannot be empty (dotenv reads everything from # on as a comment)',
      'line 3: TOO_LONG: a secret value can be at most 5000 characters long (this one has 5001).',
      'line 4: a secret name can be at most 5000 characters long.',
      'line 5 ends with a lone CR (carriage return); as dotenv does, every CR is read as a line break',
    ]);
  });

  it('reads an empty file as nothing', () => {
    assert.deepEqual(parseDotenv(''), { entries: [], problems: [] });
    assert.deepEqual(parseDotenv('\n\n# only comments\n'), { entries: [], problems: [] });
  });

  it(`agrees with dotenv.parse on every input: the review kinds, dotenv's own tests and ${RANDOM_FILES} random files`, () => {
    const next = rng(0x0d07e4);
    const corpus = [...REVIEW_KINDS, ...DOTENV_OWN_INPUTS, ...Array.from({ length: RANDOM_FILES }, () => randomFile(next))];
    let imported = 0;
    let reported = 0;
    const failing: string[] = [];
    for (const text of corpus) {
      const found = disagreements(text);
      if (found.length > 0) failing.push(`${JSON.stringify(text)}: ${found.join(', ')}`);
      const parsed = parseDotenv(text);
      imported += parsed.entries.length;
      reported += parsed.problems.length + parsed.entries.filter((e) => e.warning).length;
    }
    console.log(
      `differential: ${corpus.length} inputs (${REVIEW_KINDS.length} review kinds, ${DOTENV_OWN_INPUTS.length} from dotenv's tests, ${RANDOM_FILES} random), ${imported} names imported, ${reported} problems or warnings, ${failing.length} disagreements`,
    );
    assert.deepEqual(failing, []);
  });
});

describe('formatDotenv', () => {
  it('picks the plainest form that dotenv reads back', () => {
    const cases: Array<[string, string, DotenvQuoting]> = [
      ['sk_test_123', 'sk_test_123', 'plain'],
      ['two words', "'two words'", 'single'],
      ['$HOME\\path #x', "'$HOME\\path #x'", 'single'],
      ["it's", `"it's"`, 'double'],
      ["it's\r\n", `"it's\\r\n"`, 'double'],
      ['it\'s "q"', '`it\'s "q"`', 'backtick'],
      ['it\'s "q" `b`', 'it\'s "q" `b`', 'bare'],
      ['ends\\', 'ends\\', 'bare'],
      ["'ends\\", "''ends\\'", 'loose single'],
      ['\'"`\nx', '"\'"`\\nx"', 'loose double'],
      // A backslash inside double quotes or backticks, and values that start with a quote.
      ["it's a\\b", `"it's a\\b"`, 'double'],
      ['it\'s "q" a\\b', '`it\'s "q" a\\b`', 'backtick'],
      ['\'a\' "b" `c', '\'a\' "b" `c', 'bare'],
      ["'aaa'\\", "'aaa'\\", 'bare'],
      ['"a" b\nc\\', '"a" b\\nc\\', 'bare'],
      ['"a\\n\'\\', "'\"a\\n'\\'", 'loose single'],
    ];
    for (const [value, written, kind] of cases) {
      assert.equal(formatDotenvValue(value), written, JSON.stringify(value));
      assert.equal(dotenvQuoting(value), kind, JSON.stringify(value));
      assert.deepEqual(dotenvParse(`A=${written}\nB="\n#"\n`), { A: value, B: '\n#' }, JSON.stringify(value));
    }
  });

  it('refuses what dotenv cannot read back', () => {
    for (const value of [' ends\\', '#ends\\', 'a\nb\\', 'a\r\\n', '\r"#', '\'`" #', '\'`"\n#']) {
      assert.equal(formatDotenvValue(value), undefined, JSON.stringify(value));
    }
  });

  it('puts each header line in a comment and ends every line with a newline', () => {
    assert.equal(
      formatDotenv([{ name: 'A', value: '1' }], { header: ['Exported', 'Do not commit\r\nthis\u2028file'] }),
      '# Exported\n# Do not commit\n# this\n# file\nA=1\n',
    );
    assert.equal(formatDotenv([]), '');
  });

  it('refuses names dotenv cannot read, a value it cannot read back, and a name given twice', () => {
    for (const name of ['a=b', '#x', 'export X', ' padded', '', 'MY KEY', 'CLÉ', '$A', "it's", 'clé🔑']) {
      assert.ok(dotenvNameProblem(name), name);
      assert.throws(() => formatDotenv([{ name, value: 'v' }]), RangeError);
    }
    for (const name of ['API_KEY', 'api.key-2', 'export', '-', '.env']) assert.equal(dotenvNameProblem(name), undefined, name);
    assert.throws(() => formatDotenv([{ name: 'A', value: ' x\\' }]), /Cannot write the value of 'A'/);
    assert.throws(
      () =>
        formatDotenv([
          { name: 'A', value: '1' },
          { name: 'A', value: '2' },
        ]),
      /given twice/,
    );
  });

  it(`reads back exactly through dotenv.parse, for ${5 * ROUND_TRIP_FILES} random values in ${ROUND_TRIP_FILES} files (seeded)`, () => {
    const seed = 0x5eed;
    const next = rng(seed);
    const chars = [
      'a',
      'Z',
      '0',
      ' ',
      '\t',
      '\n',
      '\r',
      '\r\n',
      "'",
      '"',
      '`',
      '\\',
      '#',
      '$',
      '=',
      '{',
      'é',
      '🔑',
      '\u2028',
      '\u00a0',
      'n',
      'r',
      '\\n',
      '\\r',
      '\\"',
    ];
    const pem =
      '-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj==\n-----END PRIVATE KEY-----\n';
    const randomValue = (): string => {
      const roll = next();
      if (roll < 0.05) return pem;
      if (roll < 0.07) return oneOf(next, ['', ' ', '  ']) + pem.replace(/\n/g, oneOf(next, ['\r\n', '\n'])) + oneOf(next, ['', ' ']);
      if (roll < 0.08)
        return Array.from({ length: 5000 }, () => oneOf(next, chars))
          .join('')
          .slice(0, 5000);
      let v = Array.from({ length: 1 + Math.floor(next() * 24) }, () => oneOf(next, chars)).join('');
      if (next() < 0.2) v = ' ' + v;
      if (next() < 0.2) v += ' ';
      return v;
    };
    const counts: Record<string, number> = {};
    let refused = 0;
    for (let file = 0; file < ROUND_TRIP_FILES; file++) {
      const entries: Array<{ name: string; value: string }> = [];
      for (let i = 0; i < 5; i++) {
        const value = randomValue();
        const kind = dotenvQuoting(value);
        if (kind === undefined) {
          refused++;
          // Alone in a file, between lines that would catch a runaway quote, no form of it that we know reads back.
          continue;
        }
        counts[kind] = (counts[kind] ?? 0) + 1;
        entries.push({ name: `N${i}_${file}`, value });
      }
      // Lines after each value that a quoted form running past its end would swallow.
      entries.push({ name: 'TRAP', value: '\n#' });
      const text = formatDotenv(entries, { header: ['header'] });
      assert.deepEqual(
        dotenvParse(text),
        Object.fromEntries(entries.map((e) => [e.name, e.value])),
        `seed ${seed}, file ${file}: ${JSON.stringify(text)}`,
      );
      // Our own import reads the export back too, skipping nothing.
      assert.deepEqual(
        parseDotenv(text).entries.map((e) => [e.name, e.value]),
        entries.map((e) => [e.name, e.value]),
      );
    }
    const total = 5 * ROUND_TRIP_FILES;
    const kinds = Object.entries(counts)
      .map(([k, n]) => `${k} ${n}`)
      .join(', ');
    console.log(`export round trip: ${total} values, ${total - refused} read back exactly by dotenv.parse (${kinds}), ${refused} refused`);
  });

  it(`writes every value of up to ${EXPORT_LENGTH} characters so that dotenv reads it back, whatever line follows (exhaustive)`, () => {
    const alphabet = ['a', ' ', '\t', '\\', "'", '"', '`', '#', 'n', 'r', '\n', '\r', '\u2028'];
    let written = 0;
    let refused = 0;
    const walk = (value: string) => {
      if (value !== '') {
        const text = formatDotenvValue(value);
        if (text === undefined) refused++;
        else {
          written++;
          for (const [follower, z] of [
            ['Z=1', '1'],
            ['Z="\n#"', '\n#'],
            ["Z='\n#'", '\n#'],
            ['Z=`\n#`', '\n#'],
          ]) {
            assert.deepEqual(dotenvParse(`A=${text}\n${follower}\n`), { A: value, Z: z }, JSON.stringify(value));
          }
        }
      }
      if (value.length < EXPORT_LENGTH) for (const c of alphabet) walk(value + c);
    };
    walk('');
    console.log(
      `exhaustive export: ${written + refused} values of up to ${EXPORT_LENGTH} characters, ${written} written and read back, ${refused} refused`,
    );
  });

  it(`refuses no value that some short .env text makes dotenv read back (exhaustive up to ${READABLE_LENGTH} characters)`, () => {
    // Every text of up to READABLE_LENGTH characters after `A=`, followed by lines that catch a runaway quote.
    const alphabet = ['a', ' ', '\\', "'", '"', '`', '#', 'n', 'r', '\n'];
    const followers = ['\nZ=1\n', '\nZ="\n#"\n', "\nZ='\n#'\n", '\nZ=`\n#`\n'];
    const readable = new Set<string>();
    let texts = 0;
    const walk = (raw: string) => {
      texts++;
      const values = followers.map((f) => dotenvParse(`A=${raw}${f}`));
      if (values.every((v, i) => Object.keys(v).length === 2 && v.A === values[0].A && v.Z === (i === 0 ? '1' : '\n#')))
        readable.add(values[0].A);
      if (raw.length < READABLE_LENGTH) for (const c of alphabet) walk(raw + c);
    };
    walk('');
    const missed = [...readable].filter((v) => v !== '' && formatDotenvValue(v) === undefined);
    console.log(`exhaustive: ${texts} texts, ${readable.size} values dotenv reads back, ${missed.length} of them refused by the export`);
    assert.deepEqual(missed, []);
  });
});
