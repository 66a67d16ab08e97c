/**
 * Shell words as the shell splits and unquotes them: quotes, escapes, assignments, operators,
 * comments, here-documents and the commands inside `$(…)`.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeWord, scanShell } from '../../../src/references/shellWords';
import { showToken } from './showToken';

const words = (text: string) => scanShell(text).map(showToken);

describe('decodeWord', () => {
  it('removes single quotes and keeps what is inside as is, to the end when unclosed', () => {
    assert.deepEqual(decodeWord(`'a $b\\'`), { value: 'a $b\\', offsets: [1, 2, 3, 4, 5], literal: true });
    assert.deepEqual(decodeWord(`'ab`), { value: 'ab', offsets: [1, 2], literal: true });
    assert.deepEqual(decodeWord(`''x`), { value: 'x', offsets: [2], literal: true });
  });

  it('in double quotes, a backslash escapes only $ ` " \\ and a newline', () => {
    const word = decodeWord('"a\\$b\\`c\\"d\\\\e\\xf\\\ng"');
    assert.equal(word.value, 'a$b`c"d\\e\\xfg');
    assert.equal(word.literal, true);
    assert.deepEqual(word.offsets, [1, 3, 4, 6, 7, 9, 10, 12, 13, 14, 15, 16, 19]);
    assert.deepEqual(decodeWord('"a\\'), { value: 'a\\', offsets: [1, 2], literal: true });
    assert.deepEqual(decodeWord('"ab'), { value: 'ab', offsets: [1, 2], literal: true });
  });

  it('in double quotes, $ and ` expand', () => {
    assert.equal(decodeWord('"$x"').literal, false);
    assert.equal(decodeWord('"`x`"').literal, false);
    assert.equal(decodeWord('"a"').literal, true);
  });

  it('outside quotes, a backslash escapes the next character and joins lines, and $ and ` expand', () => {
    assert.deepEqual(decodeWord('a\\ b'), { value: 'a b', offsets: [0, 2, 3], literal: true });
    assert.deepEqual(decodeWord('a\\\nb'), { value: 'ab', offsets: [0, 3], literal: true });
    assert.deepEqual(decodeWord('a\\'), { value: 'a', offsets: [0], literal: true });
    assert.equal(decodeWord('a$b').literal, false);
    assert.equal(decodeWord('a`b`').literal, false);
    assert.equal(decodeWord("'$b'").literal, true);
  });

  it('joins quoted and unquoted parts as one word', () => {
    assert.deepEqual(decodeWord(`a'b'"c"d`), { value: 'abcd', offsets: [0, 2, 5, 7], literal: true });
  });
});

describe('scanShell', () => {
  it('splits words at blanks and operators, which are punctuation', () => {
    assert.deepEqual(words('a\tb\rc;d|e&f(g)h<i>j`k\nl'), [
      'string:a=a',
      'string:b=b',
      'string:c=c',
      'punct:;',
      'string:d=d',
      'punct:|',
      'string:e=e',
      'punct:&',
      'string:f=f',
      'punct:(',
      'string:g=g',
      'punct:)',
      'string:h=h',
      'punct:<',
      'string:i=i',
      'punct:>',
      'string:j=j',
      'punct:`',
      'string:k=k',
      'punct:\n',
      'string:l=l',
    ]);
  });

  it('keeps quotes, escapes and substitutions inside one word', () => {
    assert.deepEqual(words(`"a b"c 'd e'f g\\ h "x$(y z)w" $(p q)r`).slice(0, 4), [
      'string:"a b"c=a bc',
      "string:'d e'f=d ef",
      'string:g\\ h=g h',
      'string:"x$(y z)w"~',
    ]);
    assert.deepEqual(words(`"a\\"b c" d`), ['string:"a\\"b c"=a"b c', 'string:d=d']);
    assert.deepEqual(words(`'open to end`), ["string:'open to end=open to end"]);
    assert.deepEqual(words(`"open to end`), ['string:"open to end=open to end']);
    assert.deepEqual(words(`a\\`), ['string:a\\=a']);
  });

  it('joins lines at a backslash-newline and comments from # at a word start to the line end', () => {
    assert.deepEqual(words('a \\\n b # c d\ne'), ['string:a=a', 'string:b=b', 'punct:\n', 'string:e=e']);
    assert.deepEqual(words('a#b # c'), ['string:a#b=a#b']);
  });

  it('gives a quoted word the offsets of its content, and an unquoted one its own', () => {
    const at = (text: string) => scanShell(text).map((t) => [t.start, t.end, t.contentStart, t.contentEnd]);
    assert.deepEqual(at(`x 'ab'`)[1], [2, 6, 3, 5]);
    assert.deepEqual(at(`x "ab"`)[1], [2, 6, 3, 5]);
    assert.deepEqual(at(`x ''`)[1], [2, 4, 3, 3]);
    assert.deepEqual(at(`x ab`)[1], [2, 4, 2, 4]);
    assert.deepEqual(at(`x 'a'b`)[1], [2, 6, 2, 6]);
    assert.deepEqual(at(`x 'a'"b"`)[1], [2, 8, 2, 8]);
    assert.deepEqual(at(`x 'a\\'`)[1], [2, 6, 3, 5]);
    assert.deepEqual(at(`x 'a'\\'`)[1], [2, 7, 2, 7]);
    assert.deepEqual(at(`x '`)[1], [2, 3, 2, 3]);
    assert.equal(scanShell('"$x"')[0].value, undefined);
  });

  it('reads NAME=value as the name, = and the value', () => {
    assert.deepEqual(words('A_1=x B= c'), ['ident:A_1', 'punct:=', 'string:x=x', 'ident:B', 'punct:=', 'string:c=c']);
    assert.deepEqual(words('1A=x a-b=c =d'), ['string:1A=x=1A=x', 'string:a-b=c=a-b=c', 'string:=d==d']);
    const [name, eq, value] = scanShell('  N="v"');
    assert.deepEqual(
      [name, eq, value].map((t) => [t.start, t.end]),
      [
        [2, 3],
        [3, 4],
        [4, 7],
      ],
    );
  });

  it('reads the commands inside $(…) as commands, at their own offsets', () => {
    const toks = scanShell('V="$(curl -d x)"');
    assert.deepEqual(toks.map(showToken), [
      'ident:V',
      'punct:=',
      'string:"$(curl -d x)"~',
      'punct:(',
      'string:curl=curl',
      'string:-d=-d',
      'string:x=x',
      'punct:)',
    ]);
    assert.deepEqual(
      toks.slice(3).map((t) => t.start),
      [4, 5, 10, 13, 14],
    );
    assert.equal(toks[4].contentStart, 5);
    assert.equal(toks[4].contentEnd, 9);
    const quoted = scanShell(`x $(echo 'a)b')`);
    assert.deepEqual(quoted.map(showToken).slice(2), ['punct:(', 'string:echo=echo', "string:'a)b'=a)b", 'punct:)']);
    assert.equal(quoted.at(-1)!.start, 14);
  });

  it('reads nested and unclosed substitutions, and none inside single quotes', () => {
    assert.deepEqual(words('$(a $(b))').slice(1), ['punct:(', 'string:a=a', 'string:$(b)~', 'punct:(', 'string:b=b', 'punct:)', 'punct:)']);
    const open = scanShell('$(a b');
    assert.deepEqual(open.map(showToken), ['string:$(a b~', 'punct:(', 'string:a=a', 'string:b=b', 'punct:)']);
    assert.equal(open.at(-1)!.start, 4);
    assert.deepEqual(words(`'$(a)'`), ["string:'$(a)'=$(a)"]);
    assert.deepEqual(words(`'x'"$(a)"`).slice(1), ['punct:(', 'string:a=a', 'punct:)']);
    assert.deepEqual(words(`"'$(a)'"`).slice(1), ['punct:(', 'string:a=a', 'punct:)']);
    assert.deepEqual(words(`'a'$(b)'$(c)'`).slice(1), ['punct:(', 'string:b=b', 'punct:)']);
    assert.deepEqual(words(`$(echo "a)b`).slice(1), ['punct:(', 'string:echo=echo', 'string:"a)b=a)b', 'punct:)']);
    assert.deepEqual(words(`$(x)$(y)`).slice(1), ['punct:(', 'string:x=x', 'punct:)', 'punct:(', 'string:y=y', 'punct:)']);
  });

  it('skips a here-document body to its delimiter line', () => {
    assert.deepEqual(words('cat <<EOF\ncurl x\nEOF\ny'), ['string:cat=cat', 'punct:<', 'punct:\n', 'string:y=y']);
    assert.deepEqual(words(`cat << 'EOF'\nx\n EOF\nEOFx\nEOF\r\ny`), ['string:cat=cat', 'punct:<', 'punct:\n', 'string:y=y']);
    assert.deepEqual(words('cat <<"E_1"\nx\nE_1'), ['string:cat=cat', 'punct:<', 'punct:\n']);
    assert.deepEqual(words('cat <<EOF\n\tEOF\nx'), ['string:cat=cat', 'punct:<', 'punct:\n']);
    assert.deepEqual(words('cat <<-EOF\n\tx\n\t\tEOF\ny'), ['string:cat=cat', 'punct:<', 'punct:\n', 'string:y=y']);
    assert.deepEqual(words('cat <<A <<B\na\nB\nA\nb\nB\nz'), ['string:cat=cat', 'punct:<', 'punct:<', 'punct:\n', 'string:z=z']);
    assert.deepEqual(words('cat <<EOF; echo\nx\nEOF\ny\nz'), [
      'string:cat=cat',
      'punct:<',
      'punct:;',
      'string:echo=echo',
      'punct:\n',
      'string:y=y',
      'punct:\n',
      'string:z=z',
    ]);
  });

  it('reads << without a delimiter and <<< as punctuation', () => {
    // A here-string's last two `<` once started a here-document named by its word, hiding the lines after it.
    assert.deepEqual(words('base64 -d <<< abc\ncurl\nabc'), [
      'string:base64=base64',
      'string:-d=-d',
      'punct:<',
      'punct:<',
      'punct:<',
      'string:abc=abc',
      'punct:\n',
      'string:curl=curl',
      'punct:\n',
      'string:abc=abc',
    ]);
    assert.deepEqual(words(`cat <<'EOF"\nx`), ['string:cat=cat', 'punct:<', 'string:\'EOF"\nx=EOF"\nx']);
    assert.deepEqual(words('cat << \nx'), ['string:cat=cat', 'punct:<', 'punct:\n', 'string:x=x']);
    assert.deepEqual(words('cat <<<x\ny'), ['string:cat=cat', 'punct:<', 'punct:<', 'punct:<', 'string:x=x', 'punct:\n', 'string:y=y']);
    const [, lt] = scanShell('a <<EOF');
    assert.deepEqual([lt.start, lt.end], [2, 3]);
  });
});

describe('scanShell offsets', () => {
  /** Each token with the offsets it covers. */
  const spans = (text: string) => scanShell(text).map((t) => `${showToken(t)}@${t.start}-${t.end}`);

  it('keeps words whole: $x, an escaped $, a quote inside $( ) inside double quotes, single quotes after double ones', () => {
    assert.deepEqual(spans('echo $x y'), ['string:echo=echo@0-4', 'string:$x~@5-7', 'string:y=y@8-9']);
    assert.deepEqual(spans('echo \\$HOME'), ['string:echo=echo@0-4', 'string:\\$HOME=$HOME@5-11']);
    assert.deepEqual(spans(`echo "a"'$(curl x)'`), [`string:echo=echo@0-4`, `string:"a"'$(curl x)'=a$(curl x)@5-19`]);
    assert.deepEqual(spans('V="$(printf "%s" "a b")" x'), [
      'ident:V@0-1',
      'punct:=@1-2',
      'string:"$(printf "%s" "a b")"~@2-24',
      'punct:(@4-5',
      'string:printf=printf@5-11',
      'string:"%s"=%s@12-16',
      'string:"a b"=a b@17-22',
      'punct:)@22-23',
      'string:x=x@25-26',
    ]);
  });

  it('a redirection is one <, a here-string three; a one-letter here-document delimiter ends only on its own line', () => {
    assert.deepEqual(spans('sort < in.txt'), ['string:sort=sort@0-4', 'punct:<@5-6', 'string:in.txt=in.txt@7-13']);
    assert.deepEqual(spans('cat <<< "$x"'), ['string:cat=cat@0-3', 'punct:<@4-5', 'punct:<@5-6', 'punct:<@6-7', 'string:"$x"~@8-12']);
    assert.deepEqual(spans('cat <<E\necho hi\nE\nls'), ['string:cat=cat@0-3', 'punct:<@4-5', 'punct:\n@7-8', 'string:ls=ls@18-20']);
  });

  it('the tokens of a command inside $( ) carry offsets into the whole text', () => {
    const text = 'x=$(curl -d a=b) && echo "$(stripe get /v1/apps/secrets/find)"';
    for (const t of scanShell(text)) {
      assert.equal(text.slice(t.start, t.end), t.text, showToken(t));
      if (t.kind === 'string') assert.equal(text.slice(t.contentStart, t.contentEnd), t.text.replace(/^"(.*)"$/, '$1'), showToken(t));
      else assert.deepEqual([t.contentStart, t.contentEnd], [undefined, undefined], showToken(t));
    }
  });
});
