/**
 * The tokenizer's edges that the main scanner tests leave open: the first letter beyond ASCII, a
 * backslash before whitespace, strings and templates inside `${…}`, a block comment's opening star,
 * Python strings after `$` or an identifier, escapes in Python and C# strings, and where a C#
 * string may start.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { csharp } from '../../../src/references/languages/csharp';
import { go } from '../../../src/references/languages/go';
import { javascript } from '../../../src/references/languages/javascript';
import { python } from '../../../src/references/languages/python';
import { ruby } from '../../../src/references/languages/ruby';
import { tokenize, type Syntax } from '../../../src/references/scanner';
import { showToken } from './showToken';

function tokens(text: string, syntax: Syntax): string[] {
  return tokenize(text, syntax).map(showToken);
}

const JS = javascript.syntax;
const PY = python.syntax;
const RB = ruby.syntax;
const GO = go.syntax;
const CS = csharp.syntax;

describe('scanner edges: identifiers and comments', () => {
  it('takes À, the first letter beyond ASCII, into an identifier', () => {
    assert.deepEqual(tokens('À Àb', GO), ['ident:À', 'ident:Àb']);
  });

  it("does not let a block comment's opening star also close it", () => {
    assert.deepEqual(tokens('a /*/ b */ c', GO), ['ident:a', 'ident:c']);
  });
});

describe('scanner edges: escapes', () => {
  it('drops the backslash before a space or a line break, as before any other character', () => {
    assert.equal(tokenize(String.raw`'a\ b'`, JS)[0].value, 'a b');
    assert.equal(tokenize(`"a\\\nb"`, GO)[0].value, 'a\nb');
  });

  it('Python: a string without the r prefix decodes its escapes', () => {
    assert.deepEqual(tokens(String.raw`'a\tb' b"\x41" f"\n"`, PY), ["string:'a\\tb'=a\tb", 'string:b"\\x41"=A', 'string:f"\\n"=\n']);
  });

  it('C#: a regular or interpolated string decodes its escapes', () => {
    assert.deepEqual(tokens(String.raw`"a\tb" $"c\"d"`, CS), ['string:"a\\tb"=a\tb', 'string:$"c\\"d"=c"d']);
  });
});

describe('scanner edges: JavaScript template substitutions', () => {
  it('a string inside ${…} may hold a backtick, in double or single quotes', () => {
    assert.deepEqual(tokens('`${ "`" }` y', JS), ['string:`${ "`" }`~', 'ident:y']);
    assert.deepEqual(tokens("`${ '`' }` y", JS), ["string:`${ '`' }`~", 'ident:y']);
  });

  it('a string inside ${…} decodes an escaped quote', () => {
    assert.deepEqual(tokens('`${ "\\"`" }` y', JS), ['string:`${ "\\"`" }`~', 'ident:y']);
  });

  it('a string inside ${…} left open ends at its line', () => {
    assert.deepEqual(tokens('`${ "\n}` y" }` z', JS), ['string:`${ "\n}`~', 'ident:y', 'string:" }` z= }` z']);
  });

  it('an object inside ${…} does not end the substitution at its own closing brace', () => {
    assert.deepEqual(tokens('`${ {a: 1}.a + `t` }` y', JS), ['string:`${ {a: 1}.a + `t` }`~', 'ident:y']);
  });
});

describe('scanner edges: Python strings', () => {
  it('reads a prefix letter after $ as an identifier, not a string prefix', () => {
    assert.deepEqual(tokens(`$r"a"`, PY), ['punct:$', 'ident:r', 'string:"a"=a']);
  });

  it('reads a triple-quoted string whole, even right after an identifier', () => {
    assert.deepEqual(tokens(`x'''a\n'''`, PY), ['ident:x', "string:'''a\n'''=a\n"]);
  });

  it('keeps doubled braces in a string without the f prefix', () => {
    assert.deepEqual(tokens(`"{{a}}" r'}}'`, PY), ['string:"{{a}}"={{a}}', "string:r'}}'=}}"]);
  });
});

describe('scanner edges: C# strings', () => {
  it('substitutes braces only in a $ string', () => {
    assert.deepEqual(tokens('"{a}" @"{b}"', CS), ['string:"{a}"={a}', 'string:@"{b}"={b}']);
  });

  it('starts a verbatim string only where its @ stands, not at an @ identifier before it', () => {
    assert.deepEqual(tokens('@x(@"y")', CS), ['punct:@', 'ident:x', 'punct:(', 'string:@"y"=y', 'punct:)']);
    assert.deepEqual(tokens('$a $"b"', CS), ['punct:$', 'ident:a', 'string:$"b"=b']);
  });

  it('reads a verbatim string of doubled quotes whole, up to its closing quote', () => {
    const toks = tokenize('@"""a""""""b""" x', CS);
    assert.deepEqual(
      toks.map((t) => [t.kind, t.text]),
      [
        ['string', '@"""a""""""b"""'],
        ['ident', 'x'],
      ],
    );
  });
});

describe('scanner edges: Ruby percent strings', () => {
  it('takes % as punctuation when the next two characters open no bracket, whatever follows later', () => {
    assert.deepEqual(tokens('= %ab, f(c)', RB), ['punct:=', 'punct:%', 'ident:ab', 'punct:,', 'ident:f', 'punct:(', 'ident:c', 'punct:)']);
  });
});

describe('scanner edges: Ruby percent literals', () => {
  it('reads %w( and %i[ as an array of words, not as a string that runs on to the next w or i', () => {
    assert.deepEqual(tokens('x = %w(a b)\ny = "slack_token"', RB).slice(-1), ['string:"slack_token"=slack_token']);
    assert.deepEqual(tokens('x = %i[a b]\ny = "slack_token"', RB).slice(-1), ['string:"slack_token"=slack_token']);
    assert.deepEqual(tokens('x = %q(ab)', RB), ['ident:x', 'punct:=', 'string:%q(ab)=ab']);
  });

  it('reads % after a value (a string, a name beyond ASCII, a closing bracket) as the operator', () => {
    assert.deepEqual(tokens('"%s" %(a)', RB), ['string:"%s"=%s', 'punct:%', 'punct:(', 'ident:a', 'punct:)']);
    assert.deepEqual(tokens('café %(a)', RB), ['ident:café', 'punct:%', 'punct:(', 'ident:a', 'punct:)']);
    assert.deepEqual(tokens('f(x) %[a]', RB).slice(4), ['punct:%', 'punct:[', 'ident:a', 'punct:]']);
    assert.deepEqual(tokens('puts %(a)', RB).slice(-1), ['punct:)']);
    assert.deepEqual(tokens('x = %(a)', RB).slice(-1), ['string:%(a)=a']);
  });
});

describe('scanner edges: C# verbatim strings', () => {
  it('@ then three quotes is a verbatim string that starts with a quote, not a raw string to the end of the file', () => {
    assert.deepEqual(tokens('@"""a" x', CS), ['string:@"""a"="a', 'ident:x']);
    assert.deepEqual(tokens('$@"""{a}" x', CS).slice(-1), ['ident:x']);
    assert.deepEqual(tokens('"""raw "quoted" text""" x', CS), ['string:"""raw "quoted" text"""=raw "quoted" text', 'ident:x']);
  });
});
