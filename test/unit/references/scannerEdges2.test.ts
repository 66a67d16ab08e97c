/**
 * Tokenizer edges the other scanner tests leave open: a Python identifier that begins with a string
 * prefix letter and is followed by a quote within a few characters, and a Ruby `[` or `(` followed
 * by a bracket, which is no `%` literal.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { python } from '../../../src/references/languages/python';
import { ruby } from '../../../src/references/languages/ruby';
import { tokenize } from '../../../src/references/scanner';
import { showToken } from './showToken';

describe('scanner edges: string openings', () => {
  it('reads a Python name that begins with a prefix letter as a name, even with a quote a few characters on', () => {
    assert.deepEqual(tokenize('fn("slack_token")', python.syntax).map(showToken), [
      'ident:fn',
      'punct:(',
      'string:"slack_token"=slack_token',
      'punct:)',
    ]);
    assert.deepEqual(tokenize('b = "x"', python.syntax).map(showToken), ['ident:b', 'punct:=', 'string:"x"=x']);
  });

  it('reads a Ruby bracket before another bracket as brackets, not as a percent literal', () => {
    const shown = tokenize('names = [("slack_token")]', ruby.syntax).map(showToken);
    assert.ok(shown.includes('string:"slack_token"=slack_token'), shown.join(' '));
    assert.deepEqual(shown.slice(0, 4), ['ident:names', 'punct:=', 'punct:[', 'punct:(']);
  });
});
