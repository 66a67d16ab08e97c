/**
 * Edges of shell word splitting: double-quoted words end at their quote, here-document delimiters
 * match whole lines only, and an unquoted word that starts and ends with a backslash is its own content.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { scanShell } from '../../../src/references/shellWords';
import { showToken } from './showToken';

const words = (text: string) => scanShell(text).map(showToken);

describe('scanShell edges', () => {
  it('a double-quoted word without a substitution ends at its closing quote', () => {
    assert.deepEqual(words('echo "a b" c'), ['string:echo=echo', 'string:"a b"=a b', 'string:c=c']);
    assert.deepEqual(words('echo "f(x" c'), ['string:echo=echo', 'string:"f(x"=f(x', 'string:c=c']);
  });

  it('a line with a carriage return inside the delimiter does not close the here-document', () => {
    assert.deepEqual(words('cat <<EOF\nE\rOF\ncurl x\nEOF\ny'), ['string:cat=cat', 'punct:<', 'punct:\n', 'string:y=y']);
  });

  it('with <<-, only leading tabs are dropped before comparing with the delimiter', () => {
    assert.deepEqual(words('cat <<-EOF\nEO\tF\ncurl x\n\tEOF\ny'), ['string:cat=cat', 'punct:<', 'punct:\n', 'string:y=y']);
  });

  it('a << without a delimiter does not take the delimiter of a later here-document on the line', () => {
    assert.deepEqual(words('cat <<$X; cat <<EOF\nbody\nEOF\ncurl x'), [
      'string:cat=cat',
      'punct:<',
      'string:$X~',
      'punct:;',
      'string:cat=cat',
      'punct:<',
      'punct:\n',
      'string:curl=curl',
      'string:x=x',
    ]);
  });

  it('an unquoted word that starts and ends with a backslash is its own content', () => {
    const [, word] = scanShell('echo \\a\\');
    assert.equal(word.text, '\\a\\');
    assert.deepEqual([word.contentStart, word.contentEnd], [5, 8]);
  });
});
