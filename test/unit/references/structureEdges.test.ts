/**
 * Edges of the shared structure: shell words that look like brackets or commas, Ruby symbol keys
 * cut short, values at the very ends of the tokens, keyed groups, pattern order and paired lists.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ruby } from '../../../src/references/languages/ruby';
import { shell } from '../../../src/references/languages/shell';
import { findReferences } from '../../../src/references/registry';
import { callParams, identifiers, pairedEntries, readGroup, readScope, readValue, referencesAt } from '../../../src/references/structure';
import { group, plainEntries, plainValue, stream } from './plainStructure';

describe('structure edges: words that are not punctuation', () => {
  it('in a shell script, { } [ ] words are no brackets', () => {
    assert.deepEqual([...stream('{ a } [ b ]', shell.syntax).match], [-1, -1, -1, -1, -1, -1]);
  });

  it('in a shell script, a , word splits no argument list and a { word opens no group', () => {
    assert.equal(readGroup(stream('( a , b )', shell.syntax), 0).length, 1);
    const entries = readGroup(stream('( a { , b )', shell.syntax), 0);
    assert.deepEqual(
      entries.map((e) => [e.value.from, e.value.to]),
      [[1, 5]],
    );
  });

  it('in a shell script, { words before and inside a group do not stop its reading', () => {
    const entries = readGroup(stream('{ ( a { b )', shell.syntax), 1);
    assert.deepEqual(
      entries.map((e) => [e.value.from, e.value.to]),
      [[2, 5]],
    );
  });

  it('a string never stands in for a pattern word, even one whose text has no quotes', () => {
    assert.deepEqual([...stream('a b', shell.syntax).matches(['a', 'b'], /^a$/)], []);
  });
});

describe('structure edges: Ruby symbol keys', () => {
  it('a symbol cut short at the end of an open list is no key', () => {
    assert.deepEqual(group(`(:a`, ruby.syntax), [[undefined, null]]);
  });

  it('a symbol key with => and nothing after it at the end of an open list has an empty value', () => {
    assert.deepEqual(group(`(:a =>`, ruby.syntax), [['a', null]]);
  });

  it('only : name => makes a symbol key', () => {
    assert.deepEqual(group(`(:a == b)`, ruby.syntax), [[undefined, null]]);
    assert.deepEqual(group(`(:1 => 'y')`, ruby.syntax), [[undefined, null]]);
    assert.deepEqual(group(`(x name => 'y')`, ruby.syntax), [[undefined, null]]);
  });
});

describe('structure edges: values', () => {
  it('an empty value at the start of the tokens is code', () => {
    const s = stream(`f()`);
    assert.equal(plainValue(readValue(s, 0, 0)), null);
  });

  it('the identifiers of a value stop at its end, and an enum type left open is still read', () => {
    const s = stream(`(Type . ACCOUNT, 'x', y)`);
    assert.deepEqual(identifiers(s, { from: 1, to: 3 }), ['Type']);
    const open = stream(`{type: Type.ACCOUNT`);
    assert.deepEqual(readScope(open, readValue(open, 0, open.tokens.length)), { type: 'account' });
  });

  it('a keyed group is no positional parameter object', () => {
    const params = Object.fromEntries([...callParams(readGroup(stream(`(options: {name: 'c'})`), 0))].map(([k, v]) => [k, plainValue(v)]));
    assert.deepEqual(params, { options: [['name', 'c']] });
  });
});

describe('structure edges: calls', () => {
  it('yields references in text order whatever the order of the patterns', () => {
    const s = stream(`a.create({name: 'one'}); b.find({name: 'two'}); a.find({name: 'three'})`);
    const refs = referencesAt(
      s,
      [
        [['b', '.', /^\w+$/, '('], /^b$/],
        [['a', '.', /^\w+$/, '('], /^a$/],
      ],
      'method',
    );
    assert.deepEqual(
      refs.map((r) => [r.name, r.call]),
      [
        ['one', 'create'],
        ['two', 'find'],
        ['three', 'find'],
      ],
    );
  });

  it('with the kind from the type, a longer pattern still takes its first token', () => {
    const s = stream(`CreateParams.Of{name: 'x'}`);
    assert.deepEqual(
      referencesAt(s, [[[/Params$/, '.', 'Of', '{'], /Params$/]], 'type').map((r) => [r.name, r.call]),
      [['x', 'create']],
    );
  });

  it('pairs no list that mixes keyed and plain entries', () => {
    const mixed = readGroup(stream(`('name', 'x', k: 'y', 'z')`), 0);
    assert.deepEqual(plainEntries(pairedEntries(mixed)), plainEntries(mixed));
  });
});

describe('structure edges: a call being typed', () => {
  it('an argument group left open is read whole, even when it ends with a group that is closed', () => {
    const names = (text: string) => findReferences(text, 'javascript').map((r) => r.name);
    assert.deepEqual(names(`stripe.apps.secrets.find({name: 'a', scope: {type: 'account'}`), ['a']);
    assert.deepEqual(names(`stripe.apps.secrets.find({name: 'b', scope: f('c')`), ['b']);
    assert.deepEqual(names(`stripe.apps.secrets.find({name: 'd', scope: {type: 'account'}})`), ['d']);
  });
});
