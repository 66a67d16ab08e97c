import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parse as dotenvParse } from 'dotenv';
import { formatDotenv, parseDotenv } from '../../../src/model/dotenv';

// Edge cases the property tests in dotenv.test.ts reach only by chance: line numbers at the ends of
// a file, PEM blocks next to comments and quoted values, the exact problem and warning texts.

const entries = (text: string) => parseDotenv(text).entries.map((e) => [e.name, e.value, e.line]);
const messages = (text: string) => parseDotenv(text).problems.map((p) => p.message);
const warnings = (text: string) => parseDotenv(text).entries.map((e) => e.warning);
const PEM_SKIPPED = 'dotenv skips it. Put the whole block in double quotes';

describe('parseDotenv line numbers', () => {
  it('counts a lone CR and a leading blank line as line ends, as dotenv does', () => {
    assert.deepEqual(entries('A=1\rB=2\rC=3\r'), [
      ['A', '1', 1],
      ['B', '2', 2],
      ['C', '3', 3],
    ]);
    assert.deepEqual(entries('\nA=1\n'), [['A', '1', 2]]);
  });

  it('reads `export` followed by several spaces', () => {
    assert.deepEqual(parseDotenv('export   A=1\n'), { entries: [{ name: 'A', value: '1', line: 1 }], problems: [] });
  });

  it('reports a skipped last line that has no line break after it', () => {
    assert.deepEqual(messages('A=1\nnoequals'), ["line 2 has no '=' (expected NAME=value), so dotenv skips it"]);
    assert.deepEqual(messages('  =x\n'), ['line 1: there is no name before the =, so dotenv skips it']);
  });
});

describe('parseDotenv PEM blocks', () => {
  it('names the lines of an unquoted block and the line it starts on', () => {
    assert.deepEqual(messages('-----BEGIN X-----\nabc\n-----END X-----\n'), [
      `line 1 is part of a PEM block outside quotes; ${PEM_SKIPPED}`,
      `line 2 is part of a PEM block outside quotes (it starts on line 1); ${PEM_SKIPPED}`,
      `line 3 is part of a PEM block outside quotes (it starts on line 1); ${PEM_SKIPPED}`,
    ]);
  });

  it('runs a block with no END to the last line, and sees a BEGIN on the last line', () => {
    assert.deepEqual(
      parseDotenv('KEY=-----BEGIN X-----\nabc\ndef').problems.map((p) => p.line),
      [1, 2, 3],
    );
    assert.match(messages('KEY=-----BEGIN X-----\nabc\ndef')[2], /^line 3 is part of a PEM block outside quotes \(it starts on line 1\)/);
    assert.deepEqual(messages('A=1\n-----BEGIN X-----'), [`line 2 is part of a PEM block outside quotes; ${PEM_SKIPPED}`]);
  });

  it('starts no block at a BEGIN in a comment line, indented or not', () => {
    assert.deepEqual(parseDotenv('# -----BEGIN X-----\nA=1\nB=2\n'), {
      entries: [
        { name: 'A', value: '1', line: 2 },
        { name: 'B', value: '2', line: 3 },
      ],
      problems: [],
    });
    assert.deepEqual(entries('  # -----BEGIN X-----\nA=1\n'), [['A', '1', 2]]);
    // A # after the BEGIN is a comment of that line: the block starts there all the same.
    assert.match(messages('KEY=-----BEGIN X----- # note\n')[0], /^line 1: KEY holds only the first line of a PEM block/);
  });

  it('starts no block at a BEGIN inside a quoted value that spans lines, on any of its lines', () => {
    assert.deepEqual(parseDotenv('A="x\n-----BEGIN K-----"\nNEXT=1\n'), {
      entries: [
        { name: 'A', value: 'x\n-----BEGIN K-----', line: 1 },
        { name: 'NEXT', value: '1', line: 3 },
      ],
      problems: [],
    });
    // The line after such a value is a line of its own.
    assert.deepEqual(
      parseDotenv('A="x\ny"\n-----BEGIN K-----\nabc\n-----END K-----\n').problems.map((p) => p.line),
      [3, 4, 5],
    );
    assert.match(messages('A="x\ny"\n-----BEGIN K-----\nabc\n-----END K-----\n')[0], /^line 3 is part of a PEM block/);
  });

  it('reads a quoted one-line BEGIN on the line after NAME= as it reads one on the NAME= line', () => {
    for (const text of ['A="-----BEGIN K-----"\nB=1\n', 'A=\n"-----BEGIN K-----"\nB=1\n']) {
      const skipped = parseDotenv(text).problems.filter((p) => p.skipped === 'B');
      assert.equal(skipped.length, 1, text);
      assert.match(skipped[0].message, /is inside the PEM block that starts on line \d outside quotes/, text);
    }
  });

  it('reports a name read inside a block once, at the line dotenv keeps', () => {
    const parsed = parseDotenv('KEY=-----BEGIN X-----\nAB==\n-----END X-----\nAB=1\n');
    assert.deepEqual(parsed.entries, [{ name: 'AB', value: '1', line: 4 }]);
    assert.deepEqual(
      parsed.problems.map((p) => p.line),
      [1, 3],
    );
  });
});

describe('parseDotenv problems and warnings', () => {
  it('says why a name dotenv does not load as set is left out', () => {
    assert.deepEqual(messages('__proto__=x\n'), ['line 1: __proto__ cannot be matched to what dotenv loads, so it is not imported']);
  });

  it('says a value is cut at a # when the = stands apart from the name, but not for a # on the next line', () => {
    assert.deepEqual(messages('A =#x\n'), [
      'line 1: A has an empty value, and a secret cannot be empty (dotenv reads everything from # on as a comment)',
    ]);
    assert.deepEqual(messages('A=\n# x=#y\n'), ['line 1: A has an empty value, and a secret cannot be empty']);
  });

  it('joins several warnings of one line with a semicolon', () => {
    assert.deepEqual(warnings('A: `x`\n'), [
      'line 1: A is written NAME: value, which dotenv reads as NAME=value; A is in backticks: dotenv removes them, other .env readers may keep them',
    ]);
  });

  it('warns of quotes that open the value but do not close at its end, for each kind of quote', () => {
    for (const text of ["A='a'b'\n", 'A="a"b"\n', 'A=`a`b`\n', "A='x' y\n", 'A=`x` y\n']) {
      const [warning] = warnings(text);
      assert.match(warning ?? '', /^line 1: the quote that opens the value of A does not close at the end of the value/, text);
    }
  });

  it('sees backticks after spaces, a # cut after inner spaces, and a backslash only in double quotes', () => {
    assert.match(warnings('A=  `tick`\n')[0] ?? '', /^line 1: A is in backticks/);
    assert.match(warnings('A=two words#frag\n')[0] ?? '', /^line 1: dotenv cuts the value of A at a # with no space before it/);
    assert.deepEqual(warnings("A='back\\slash'\n"), [undefined]);
  });
});

describe('formatDotenv edges', () => {
  it('splits a header at a lone CR and writes an empty header line as a bare #', () => {
    const text = formatDotenv([{ name: 'A', value: '1' }], { header: ['a\rb', '', 'c\r\n\r\nd'] });
    assert.equal(text, '# a\n# b\n#\n# c\n#\n# d\nA=1\n');
    assert.deepEqual(dotenvParse(text), { A: '1' });
  });

  it('names the name it cannot write and why', () => {
    assert.throws(
      () => formatDotenv([{ name: 'a=b', value: 'v' }]),
      (error: unknown) =>
        error instanceof RangeError &&
        error.message === "Cannot write 'a=b' to a .env file: dotenv reads only names made of the letters A–Z and a–z, digits, _, . and -.",
    );
  });
});
