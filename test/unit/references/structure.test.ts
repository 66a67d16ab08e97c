/**
 * The structure every recogniser shares, on its own: bracket matching (broken code included), token
 * patterns, argument lists and their keys, scopes, call kinds and de-duplicated references.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { php } from '../../../src/references/languages/php';
import { python } from '../../../src/references/languages/python';
import { ruby } from '../../../src/references/languages/ruby';
import type { Syntax } from '../../../src/references/scanner';
import {
  callKind,
  callParams,
  entryMap,
  identifiers,
  pairedEntries,
  readGroup,
  readScope,
  readValue,
  referenceFrom,
  referencesAt,
} from '../../../src/references/structure';
import { group, plainEntries, plainValue, stream } from './plainStructure';

describe('TokenStream', () => {
  it('matches each bracket with its closer', () => {
    const s = stream('( [ a ] { } )');
    assert.deepEqual([...s.match], [6, 3, -1, -1, 5, -1, -1]);
    assert.equal(s.after(0), 7);
    assert.equal(s.after(1), 4);
    assert.equal(s.text(2), 'a');
    assert.equal(s.text(7), undefined);
  });

  it('leaves an unclosed opener open to the end, skips a stray closer, and closes the openers a closer passes', () => {
    const open = stream('f ( a');
    assert.deepEqual([...open.match], [-1, 3, -1]);
    assert.equal(open.after(1), 3);
    assert.deepEqual([...stream(') ( ]').match], [-1, 3, -1]);
    assert.deepEqual([...stream('( [ { )').match], [3, 4, 4, -1]);
    assert.deepEqual([...stream('( [ ] ]').match], [4, 2, -1, -1]);
  });

  it('finds a pattern, reading ?. as . and never a string in its place', () => {
    const s = stream(`a?.b; a.b; a . 'b'; x.b; a.c; a.`);
    const found = [...s.matches(['a', '.', 'b'], /^a$/)].map((m) => [m.at, m.end]);
    assert.deepEqual(found, [
      [0, 2],
      [4, 6],
    ]);
    assert.deepEqual(
      [...stream(`'a'.b`).matches(['a', '.', 'b'], /a/)].map((m) => m.at),
      [],
    );
    assert.deepEqual(
      [...stream(`ab.x ac.x`).matches([/^a/, '.', /^x$/], /^ac$/)].map((m) => m.at),
      [3],
    );
    assert.deepEqual(
      [...stream(`ab.x`).matches(['a', '.', 'x'], /^a/)].map((m) => m.at),
      [],
    );
  });
});

describe('argument lists', () => {
  it('splits at top-level commas, skipping empty entries and keeping nested groups whole', () => {
    assert.deepEqual(group(`('a', , f('b', 'c'), ['d', 'e'],)`), [
      [undefined, 'a'],
      [
        undefined,
        [
          [undefined, 'b'],
          [undefined, 'c'],
        ],
      ],
      [
        undefined,
        [
          [undefined, 'd'],
          [undefined, 'e'],
        ],
      ],
    ]);
    assert.deepEqual(group(`()`), []);
    assert.deepEqual(group(`('a', b`), [
      [undefined, 'a'],
      [undefined, null],
    ]);
    assert.deepEqual(group(`('a', f(b, 'c'`), [
      [undefined, 'a'],
      [undefined, null],
    ]);
    assert.deepEqual(group(`('a', {b: 'c'`), [
      [undefined, 'a'],
      [undefined, [['b', 'c']]],
    ]);
  });

  it('reads keys before :, = and =>, as identifiers or literal strings, and Ruby :symbol =>', () => {
    assert.deepEqual(group(`{a: 'x', 'b': 'y', c = 'z', "d" => 'w', e: , f}`), [
      ['a', 'x'],
      ['b', 'y'],
      ['c', 'z'],
      ['d', 'w'],
      [undefined, null],
      [undefined, null],
    ]);
    assert.deepEqual(group(`(:name => 'x', :name, : => 'y')`, ruby.syntax), [
      ['name', 'x'],
      [undefined, null],
      [undefined, null],
    ]);
    assert.deepEqual(group(`['$x' => 'a', "$x" => 'b', 1 => 'c']`, php.syntax), [
      ['$x', 'a'],
      [undefined, null],
      [undefined, null],
    ]);
  });

  it('reads a call wrapping one value as that value, and a trailing group as entries', () => {
    assert.deepEqual(group(`(String('x'), String(Type.ACCOUNT), &P{a: 'b'}, f('x', 'y'), f(k: 'v'), f(), new X['y'])`), [
      [undefined, 'x'],
      [undefined, null],
      [undefined, [['a', 'b']]],
      [
        undefined,
        [
          [undefined, 'x'],
          [undefined, 'y'],
        ],
      ],
      [undefined, [['k', 'v']]],
      [undefined, []],
      [undefined, [[undefined, 'y']]],
    ]);
    assert.deepEqual(group(`(f(g({a: 'b'})))`), [[undefined, [['a', 'b']]]]);
  });

  it('reads the value of a group left open as its entries, and of a closed group not at its end as code', () => {
    const s = stream(`f({a: 'b'`);
    assert.deepEqual(plainValue(readValue(s, 2, s.tokens.length)), [['a', 'b']]);
    const t = stream(`({a: 'b'}).c`);
    assert.equal(plainValue(readValue(t, 0, t.tokens.length)), null);
    const u = stream(`'a' + 'b'`);
    assert.equal(plainValue(readValue(u, 0, u.tokens.length)), null);
    const v = stream(`x ]`);
    assert.equal(plainValue(readValue(v, 0, v.tokens.length)), null);
  });

  it('lists the identifiers inside a value', () => {
    const s = stream(`(Type . ACCOUNT, 'x', y)`);
    assert.deepEqual(identifiers(s, { from: 1, to: 4 }), ['Type', 'ACCOUNT']);
    assert.deepEqual(identifiers(s, { from: 4, to: 8 }), ['y']);
  });
});

describe('parameters and scope', () => {
  const params = (text: string, syntax?: Syntax) =>
    Object.fromEntries([...callParams(readGroup(stream(text, syntax), 0))].map(([k, v]) => [k, plainValue(v)]));

  it('compares keys without case or underscores, the first one winning', () => {
    const map = entryMap(readGroup(stream(`{Na_me: 'a', NAME: 'b', other: 'c', 'x'}`), 0));
    assert.deepEqual([...map.keys()], ['name', 'other']);
    assert.equal(plainValue(map.get('name')!), 'a');
  });

  it('takes keyword arguments, else a params= argument, else the first positional group', () => {
    assert.deepEqual(params(`(name='a', params={'name': 'b'})`, python.syntax), { name: 'a', params: [['name', 'b']] });
    assert.deepEqual(params(`(params={'name': 'b'}, x='y')`, python.syntax), { name: 'b' });
    assert.deepEqual(params(`('x', {name: 'c'}, {name: 'd'})`), { name: 'c' });
    assert.deepEqual(params(`(params='p', {name: 'c'})`), { name: 'c' });
    assert.deepEqual(params(`(other: 'o', 'x')`), { other: 'o' });
  });

  it('reads account and user scopes from literals and enum-like names', () => {
    const scope = (text: string, syntax?: Syntax) => {
      const s = stream(text, syntax);
      return readScope(s, readValue(s, 0, s.tokens.length));
    };
    assert.deepEqual(scope(`{type: 'account'}`), { type: 'account' });
    assert.deepEqual(scope(`{type: 'ACCOUNT'}`), { type: 'account' });
    assert.deepEqual(scope(`{type: Type.USER, user: 'usr_1'}`), { type: 'user', user: 'usr_1' });
    assert.deepEqual(scope(`{type: stripe.AppsSecretScopeTypeAccount}`), { type: 'account' });
    assert.deepEqual(scope(`{type: 'user', user: id}`), { type: 'user' });
    assert.deepEqual(scope(`{type: 'user'}`), { type: 'user' });
    assert.deepEqual(scope(`{type: 'accounts'}`), { type: 'unknown' });
    assert.deepEqual(scope(`{type: 'users'}`), { type: 'unknown' });
    assert.deepEqual(scope(`{type: \`\${account}\`}`), { type: 'unknown' });
    assert.deepEqual(scope(`{type: account.kind}`), { type: 'unknown' });
    assert.deepEqual(scope(`{type: 'user_account'}`), { type: 'account' });
    assert.deepEqual(scope(`{}`), { type: 'unknown' });
    assert.deepEqual(scope(`'account'`), { type: 'unknown' });
    const s = stream('x');
    assert.deepEqual(readScope(s, undefined), { type: 'unknown' });
  });

  it('makes a reference only from a literal name, with the offsets of its content', () => {
    const ref = (text: string) => {
      const s = stream(text);
      return referenceFrom(s, entryMap(readGroup(s, 0)), 'find');
    };
    assert.deepEqual(ref(`{name: 'ab', scope: {type: 'account'}}`), {
      name: 'ab',
      nameStart: 8,
      nameEnd: 10,
      scope: { type: 'account' },
      call: 'find',
    });
    assert.equal(ref(`{name: \`\${x}\`}`), undefined);
    assert.equal(ref(`{name: x}`), undefined);
    assert.equal(ref(`{scope: 'x'}`), undefined);
    assert.deepEqual(ref(`{name: 'a'}`)?.scope, { type: 'unknown' });
  });
});

describe('calls', () => {
  it('names the call kind from a method or type name', () => {
    assert.equal(callKind('find'), 'find');
    assert.equal(callKind('delete_where'), 'deleteWhere');
    assert.equal(callKind('AppsSecretDeleteWhereParams'), 'deleteWhere');
    assert.equal(callKind('Create'), 'create');
    assert.equal(callKind('AppsSecretParams'), 'create');
    assert.equal(callKind('AppsSecretFindParams'), 'find');
    assert.equal(callKind('xAppsSecretParams'), 'find');
  });

  it('yields one reference per name, in order, with the kind from the method, the type or the pattern', () => {
    const s = stream(`a.create({name: 'one'}); a.delete_where({name: 'two'}); a.find({name: \`\${x}\`}); a.find({other: 'y'})`);
    const byMethod = referencesAt(s, [[['a', '.', /^\w+$/, '('], /^a$/]], 'method');
    assert.deepEqual(
      byMethod.map((r) => [r.name, r.call]),
      [
        ['one', 'create'],
        ['two', 'deleteWhere'],
      ],
    );
    const twice = referencesAt(
      s,
      [
        [['a', '.', /^create$/, '('], /^a$/],
        [['a', '.', /^\w+$/, '('], /^a$/],
      ],
      'method',
    );
    assert.deepEqual(
      twice.map((r) => r.name),
      ['one', 'two'],
    );
    const t = stream(`Find(CreateParams{name: 'x'}) p = {name: 'y'}`);
    assert.deepEqual(
      referencesAt(t, [[[/Params$/, '{'], /Params$/]], 'type').map((r) => [r.name, r.call]),
      [['x', 'create']],
    );
    assert.deepEqual(
      referencesAt(t, [[['Find', '(', /Params$/, '{'], /^Find$/, 0]], 'type').map((r) => [r.name, r.call]),
      [['x', 'find']],
    );
    const u = stream(`f({name: 'a'}, {name: 'b'})`);
    assert.deepEqual(
      referencesAt(u, [[['f', '('], /^f$/]], 'type').map((r) => r.name),
      [],
    );
    assert.deepEqual(
      referencesAt(u, [[['f', '('], /^f$/]], 'method').map((r) => r.name),
      ['a'],
    );
  });

  it('pairs alternating keys and values, nested groups too, and leaves other lists alone', () => {
    const entries = (text: string) => readGroup(stream(text), 0);
    assert.deepEqual(plainEntries(pairedEntries(entries(`('name', 'x', 'scope', of('type', 'account'))`))), [
      ['name', 'x'],
      ['scope', [['type', 'account']]],
    ]);
    const odd = entries(`('name', 'x', 'y')`);
    assert.deepEqual(plainEntries(pairedEntries(odd)), plainEntries(odd));
    const keyed = entries(`(a: 'name', b: 'x')`);
    assert.deepEqual(plainEntries(pairedEntries(keyed)), plainEntries(keyed));
    const dynamic = entries(`(k, 'x', \`\${k}\`, 'y')`);
    assert.deepEqual(plainEntries(pairedEntries(dynamic)), plainEntries(dynamic));
    assert.deepEqual(
      plainEntries(pairedEntries(entries(`('a', 'x', \`\${k}\`, 'y')`))),
      plainEntries(entries(`('a', 'x', \`\${k}\`, 'y')`)),
    );
    assert.deepEqual(plainEntries(pairedEntries(entries(`('a', of('x', 'y', 'z'))`))), [
      [
        'a',
        [
          [undefined, 'x'],
          [undefined, 'y'],
          [undefined, 'z'],
        ],
      ],
    ]);
  });
});
