/**
 * The tokenizer on its own, language by language: which characters make identifiers, numbers and
 * punctuation, where each kind of string and comment starts and ends, what a string decodes to, and
 * whether it substitutes values. The recognisers' fixtures reach most of this only through whole calls.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { csharp } from '../../../src/references/languages/csharp';
import { go } from '../../../src/references/languages/go';
import { java } from '../../../src/references/languages/java';
import { javascript } from '../../../src/references/languages/javascript';
import { php } from '../../../src/references/languages/php';
import { python } from '../../../src/references/languages/python';
import { ruby } from '../../../src/references/languages/ruby';
import { LineIndex, tokenize, type Syntax } from '../../../src/references/scanner';
import { showToken } from './showToken';

const show = showToken;

function tokens(text: string, syntax: Syntax): string[] {
  return tokenize(text, syntax).map(show);
}

const JS = javascript.syntax;
const PY = python.syntax;
const RB = ruby.syntax;
const PHP = php.syntax;
const GO = go.syntax;
const JAVA = java.syntax;
const CS = csharp.syntax;

describe('scanner: identifiers, numbers and punctuation', () => {
  it('takes letters, digits, _ and letters beyond ASCII into one identifier, and stops at the characters next to those ranges', () => {
    assert.deepEqual(tokens('az AZ _a9 é0 `@[{/:', GO), ['ident:az', 'ident:AZ', 'ident:_a9', 'ident:é0', 'string:`@[{/:=@[{/:']);
    assert.deepEqual(tokens('a`b@c[d{e/f:g', JAVA), [
      'ident:a',
      'punct:`',
      'ident:b',
      'punct:@',
      'ident:c',
      'punct:[',
      'ident:d',
      'punct:{',
      'ident:e',
      'punct:/',
      'ident:f',
      'punct::',
      'ident:g',
    ]);
  });

  it('keeps $ in identifiers of PHP and JavaScript only', () => {
    assert.deepEqual(tokens('$x $', PHP), ['ident:$x', 'ident:$']);
    assert.deepEqual(tokens('$x', JS), ['ident:$x']);
    assert.deepEqual(tokens('$x', GO), ['punct:$', 'ident:x']);
    assert.deepEqual(tokens('$x', JAVA), ['punct:$', 'ident:x']);
  });

  it('reads numbers with letters and dots, and a digit only after the first character of an identifier', () => {
    assert.deepEqual(tokens('12.5e3 0x1F 9a.b', JAVA), ['number:12.5e3', 'number:0x1F', 'number:9a.b']);
    assert.deepEqual(tokens('0 9', JAVA), ['number:0', 'number:9']);
  });

  it('joins the two-character operators and nothing else', () => {
    assert.deepEqual(tokens('a::b->c=>d:=e?.f', GO), [
      'ident:a',
      'punct:::',
      'ident:b',
      'punct:->',
      'ident:c',
      'punct:=>',
      'ident:d',
      'punct::=',
      'ident:e',
      'punct:?.',
      'ident:f',
    ]);
    assert.deepEqual(tokens(': - = ? ?? ==', GO), ['punct::', 'punct:-', 'punct:=', 'punct:?', 'punct:?', 'punct:?', 'punct:=', 'punct:=']);
  });

  it('skips spaces, tabs, carriage returns and newlines, and gives each token its offsets', () => {
    const toks = tokenize(' \t\r\na  bc', GO);
    assert.deepEqual(
      toks.map((t) => [t.text, t.start, t.end]),
      [
        ['a', 4, 5],
        ['bc', 7, 9],
      ],
    );
    assert.deepEqual(Object.keys(toks[0]).sort(), ['contentEnd', 'contentStart', 'end', 'kind', 'literal', 'start', 'text', 'value']);
  });
});

describe('scanner: comments', () => {
  it('skips line comments to the end of the line and block comments to their close', () => {
    assert.deepEqual(tokens('a // b\nc /* d\n e */ f', JS), ['ident:a', 'ident:c', 'ident:f']);
    assert.deepEqual(tokens('a /* open to the end', GO), ['ident:a']);
    assert.deepEqual(tokens('a // last line', GO), ['ident:a']);
    assert.deepEqual(tokens('a /**/ b', GO), ['ident:a', 'ident:b']);
  });

  it('knows each language its own comment markers', () => {
    assert.deepEqual(tokens('a # b\nc // d', PHP), ['ident:a', 'ident:c']);
    assert.deepEqual(tokens('a # b\nc', PY), ['ident:a', 'ident:c']);
    assert.deepEqual(tokens('a # b', GO), ['ident:a', 'punct:#', 'ident:b']);
    assert.deepEqual(tokens('a / b', GO), ['ident:a', 'punct:/', 'ident:b']);
  });

  it('skips a Ruby =begin block only at the start of a line', () => {
    assert.deepEqual(tokens('=begin\nx\n=end\ny', RB), ['ident:y']);
    assert.deepEqual(tokens('a\n=begin\nx\n=end still\ny', RB), ['ident:a', 'ident:y']);
    assert.deepEqual(tokens('=begin\nnever closed', RB), []);
    assert.deepEqual(tokens('a =begin', RB), ['ident:a', 'punct:=', 'ident:begin']);
    assert.deepEqual(tokens('=begin\nx', PY), ['punct:=', 'ident:begin', 'ident:x']);
  });
});

describe('scanner: strings', () => {
  it('decodes the escapes of a quoted string', () => {
    const [t] = tokenize(String.raw`'\n\r\t\0\b\f\v\u0041\u{1F600}\x42\q\'\\'`, JS);
    assert.equal(t.value, '\n\r\t\0\b\f\v' + "A\u{1F600}Bq'\\");
    assert.equal(t.literal, true);
    assert.equal(tokenize(String.raw`"\u00e9\x4"`, GO)[0].value, 'éx4');
    assert.equal(tokenize(String.raw`"\uD83D"`, GO)[0].value, '\uD83D');
  });

  it('gives a string its whole text, its offsets and those of its content', () => {
    const [, t] = tokenize(`x 'ab' y`, JS);
    assert.deepEqual(
      { text: t.text, start: t.start, end: t.end, contentStart: t.contentStart, contentEnd: t.contentEnd },
      { text: `'ab'`, start: 2, end: 6, contentStart: 3, contentEnd: 5 },
    );
  });

  it('ends an unterminated string at its line, or at the text end after a trailing backslash', () => {
    assert.deepEqual(tokens(`'ab\nc`, JS), [`string:'ab=ab`, 'ident:c']);
    const [t] = tokenize(`'ab`, JS);
    assert.deepEqual([t.end, t.contentEnd], [3, 3]);
    const [u] = tokenize(`'a\\`, JS);
    assert.deepEqual([u.text, u.end, u.contentEnd], [`'a\\`, 3, 3]);
  });

  it('lets Ruby and PHP strings span lines, but not Python, JavaScript or Go ones', () => {
    assert.deepEqual(tokens(`'a\nb'`, RB), [`string:'a\nb'=a\nb`]);
    assert.deepEqual(tokens(`"a\nb"`, PHP), [`string:"a\nb"=a\nb`]);
    assert.deepEqual(tokens(`'a\nc'`, PY), [`string:'a=a`, 'ident:c', `string:'=`]);
    assert.deepEqual(tokens(`"a\nb"`, GO), [`string:"a=a`, 'ident:b', `string:"=`]);
  });

  it('JavaScript: a template substitutes only with ${…}, which may hold braces, strings and templates', () => {
    assert.deepEqual(tokens('`a$b{c}` x', JS), ['string:`a$b{c}`=a$b{c}', 'ident:x']);
    assert.deepEqual(tokens('`a${ {b: "}"} }c` x', JS), ['string:`a${ {b: "}"} }c`~', 'ident:x']);
    assert.deepEqual(tokens("`${'}'}${`}`}` x", JS), ["string:`${'}'}${`}`}`~", 'ident:x']);
    assert.deepEqual(tokens('`a\\`b\\n` x', JS), ['string:`a\\`b\\n`=a`b\n', 'ident:x']);
    const [t] = tokenize('y `ab` z', JS).slice(1);
    assert.deepEqual([t.start, t.end, t.contentStart, t.contentEnd], [2, 6, 3, 5]);
    const [open] = tokenize('`ab', JS);
    assert.deepEqual([open.text, open.end, open.contentEnd, open.value], ['`ab', 3, 3, 'ab']);
    const [unclosed] = tokenize('`a${b', JS);
    assert.deepEqual([unclosed.text, unclosed.literal], ['`a${b', false]);
  });

  it('Go: a backtick string is raw and may span lines; elsewhere a backtick is punctuation', () => {
    assert.deepEqual(tokens('`a\\n\nb` x', GO), ['string:`a\\n\nb`=a\\n\nb', 'ident:x']);
    assert.deepEqual(tokens('`a`', JAVA), ['punct:`', 'ident:a', 'punct:`']);
  });

  it('Java: a text block spans lines and decodes escapes', () => {
    assert.deepEqual(tokens('"""\n a\\tb\n""" x', JAVA), ['string:"""\n a\\tb\n"""=\n a\tb\n', 'ident:x']);
    assert.deepEqual(tokens('"""a"""', GO), ['string:""=', 'string:"a"=a', 'string:""=']);
  });

  it('Python: prefixes, raw strings, triple quotes and f-strings', () => {
    assert.deepEqual(tokens(String.raw`r'a\n' b"x" Rb'y' u"z" F'w'`, PY), [
      String.raw`string:r'a\n'=a\n`,
      'string:b"x"=x',
      "string:Rb'y'=y",
      'string:u"z"=z',
      "string:F'w'=w",
    ]);
    assert.deepEqual(tokens(`'''a\n'b'\n''' x`, PY), [`string:'''a\n'b'\n'''=a\n'b'\n`, 'ident:x']);
    assert.deepEqual(tokens(`f"{{a}}" f"{a}" f"a}}"`, PY), ['string:f"{{a}}"={a}', 'string:f"{a}"~', 'string:f"a}}"=a}']);
    assert.deepEqual(tokens(`"{a}"`, PY), ['string:"{a}"={a}']);
  });

  it('Python: a prefix letter inside or starting a word is an identifier', () => {
    assert.deepEqual(tokens(`xr"a" r = f`, PY), ['ident:xr', 'string:"a"=a', 'ident:r', 'punct:=', 'ident:f']);
    assert.deepEqual(tokens(`rbx"a"`, PY), ['ident:rbx', 'string:"a"=a']);
    assert.deepEqual(tokens(`ab'c'`, PY), ['ident:ab', "string:'c'=c"]);
  });

  it('C#: verbatim, interpolated and raw strings', () => {
    assert.deepEqual(tokens(String.raw`@"a\n""b" $"x{{y}}" $"x{y}" @$"p{q}" $@"r" """s\n"""`, CS), [
      String.raw`string:@"a\n""b"=a\n"b`,
      'string:$"x{{y}}"=x{{y}}',
      'string:$"x{y}"~',
      'string:@$"p{q}"~',
      'string:$@"r"=r',
      'string:"""s\\n"""=s\\n',
    ]);
    assert.deepEqual(tokens('@"a\nb"', CS), ['string:@"a\nb"=a\nb']);
    assert.deepEqual(tokens('"""a\nb"""', CS), ['string:"""a\nb"""=a\nb']);
    assert.deepEqual(tokens('"a\nb"', CS), ['string:"a=a', 'ident:b', 'string:"=']);
    assert.deepEqual(tokens('$x @y', CS), ['punct:$', 'ident:x', 'punct:@', 'ident:y']);
    const [t] = tokenize('@"a""b"', CS);
    assert.deepEqual([t.contentStart, t.contentEnd, t.end], [2, 6, 7]);
  });

  it('Ruby: %q and %Q strings with each bracket, interpolation, and % as an operator after a value', () => {
    assert.deepEqual(
      tokens('%q(a\\n), %Q[b#{c}], %{d}, %<e>, %|f|, %!g!, %/h/', RB).filter((t) => t !== 'punct:,'),
      ['string:%q(a\\n)=a\\n', 'string:%Q[b#{c}]~', 'string:%{d}=d', 'string:%<e>=e', 'string:%|f|=f', 'string:%!g!=g', 'string:%/h/=h'],
    );
    assert.deepEqual(tokens('%q(#{x}), %Q(a\\tb)', RB), ['string:%q(#{x})=#{x}', 'punct:,', 'string:%Q(a\\tb)=a\tb']);
    assert.deepEqual(tokens('%(a\nb)', RB), ['string:%(a\nb)=a\nb']);
    assert.deepEqual(tokens('x %(y)', RB), ['ident:x', 'punct:%', 'punct:(', 'ident:y', 'punct:)']);
    assert.deepEqual(tokens('a[0] %(y)', RB).slice(4), ['punct:%', 'punct:(', 'ident:y', 'punct:)']);
    assert.deepEqual(tokens('f(0) %(y)', RB).slice(4), ['punct:%', 'punct:(', 'ident:y', 'punct:)']);
    assert.deepEqual(tokens('= %(y)', RB), ['punct:=', 'string:%(y)=y']);
    assert.deepEqual(tokens('%x', RB), ['punct:%', 'ident:x']);
    assert.deepEqual(tokens('%(y)', PY), ['punct:%', 'punct:(', 'ident:y', 'punct:)']);
  });

  it('Ruby and PHP: double quotes interpolate, single quotes do not', () => {
    assert.deepEqual(tokens(`"a#{b}" "a#b" '#{b}'`, RB), ['string:"a#{b}"~', 'string:"a#b"=a#b', "string:'#{b}'=#{b}"]);
    assert.deepEqual(tokens(`"$a" "{$a}" "\${a}" "$1" "a$" '$a'`, PHP), [
      'string:"$a"~',
      'string:"{$a}"~',
      'string:"${a}"~',
      'string:"$1"=$1',
      'string:"a$"=a$',
      "string:'$a'=$a",
    ]);
    assert.deepEqual(tokens(`"$_a"`, PHP), ['string:"$_a"~']);
    assert.deepEqual(tokens(`"$Z"`, PHP), ['string:"$Z"~']);
    assert.deepEqual(tokens(`"#{a}"`, JS), ['string:"#{a}"=#{a}']);
    assert.deepEqual(tokens(`"$a"`, JS), ['string:"$a"=$a']);
  });
});

describe('scanner: JavaScript regular expressions', () => {
  it('skips a regex where a value cannot stand, with its classes, escapes and flags', () => {
    assert.deepEqual(tokens(`/a'b/gi x`, JS), ['ident:x']);
    assert.deepEqual(tokens(`(/[/']/, /\\/'/)`, JS), ['punct:(', 'punct:,', 'punct:)']);
    assert.deepEqual(tokens(`= /a'/ x`, JS), ['punct:=', 'ident:x']);
    assert.deepEqual(tokens(`/a'\nx`, JS), ['ident:x']);
    assert.deepEqual(tokens(`/a'`, JS), []);
    assert.deepEqual(tokens(`/a/1`, JS), ['number:1']);
  });

  it('takes / for division after a value', () => {
    assert.deepEqual(tokens(`a / b / c`, JS), ['ident:a', 'punct:/', 'ident:b', 'punct:/', 'ident:c']);
    assert.deepEqual(tokens(`1 / b`, JS), ['number:1', 'punct:/', 'ident:b']);
    assert.deepEqual(tokens(`'s' / b`, JS), ["string:'s'=s", 'punct:/', 'ident:b']);
    for (const close of [')', ']', '}']) assert.deepEqual(tokens(`${close} / b`, JS), [`punct:${close}`, 'punct:/', 'ident:b']);
  });

  it('takes / for a regex after a keyword that expects a value', () => {
    for (const kw of ['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'new', 'delete', 'void', 'throw', 'await', 'yield']) {
      assert.deepEqual(tokens(`${kw} /'/`, JS), [`ident:${kw}`], kw);
    }
    assert.deepEqual(tokens(`returns /'/`, JS), ['ident:returns', 'punct:/', "string:'/=/"]);
    assert.deepEqual(tokens(`xreturn /'/`, JS), ['ident:xreturn', 'punct:/', "string:'/=/"]);
  });

  it('has no regex outside JavaScript', () => {
    assert.deepEqual(tokens(`/'a'/`, GO), ['punct:/', "string:'a'=a", 'punct:/']);
  });
});

describe('scanner: tokenize', () => {
  it('gives the same tokens for the same text and syntax, and fresh ones when either changes', () => {
    const first = tokenize('a b', GO);
    assert.equal(tokenize('a b', GO), first);
    const other = tokenize('a b', JAVA);
    assert.notEqual(other, first);
    assert.deepEqual(other.map(show), ['ident:a', 'ident:b']);
    assert.deepEqual(tokenize('a c', JAVA).map(show), ['ident:a', 'ident:c']);
  });
});

describe('LineIndex', () => {
  it('turns offsets into lines and characters and back', () => {
    const index = new LineIndex('ab\ncd\n\nef');
    assert.deepEqual(index.position(0), { line: 0, character: 0 });
    assert.deepEqual(index.position(2), { line: 0, character: 2 });
    assert.deepEqual(index.position(3), { line: 1, character: 0 });
    assert.deepEqual(index.position(5), { line: 1, character: 2 });
    assert.deepEqual(index.position(6), { line: 2, character: 0 });
    assert.deepEqual(index.position(7), { line: 3, character: 0 });
    assert.deepEqual(index.position(9), { line: 3, character: 2 });
    assert.equal(index.offset(1, 1), 4);
    assert.equal(index.offset(3, 0), 7);
    assert.equal(index.offset(9, 1), 8);
    assert.deepEqual(new LineIndex('abc').position(2), { line: 0, character: 2 });
  });
});
