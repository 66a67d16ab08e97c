import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MAX_BRACKET_DEPTH, ParamSyntaxError, canonicalParams, paramName, parseParams, splitKey } from '../../../src/emulator/params';

const plain = (value: unknown) => JSON.parse(JSON.stringify(value));

describe('emulator form/query parsing', () => {
  it('nests bracket keys into objects', () => {
    assert.deepEqual(plain(parseParams('name=a&scope[type]=user&scope[user]=usr_1')), {
      name: 'a',
      scope: { type: 'user', user: 'usr_1' },
    });
  });

  it('reads expand[] and expand[0] alike, in order', () => {
    assert.deepEqual(plain(parseParams('expand[]=payload&expand[]=x')), { expand: ['payload', 'x'] });
    assert.deepEqual(plain(parseParams('expand[1]=x&expand[0]=payload')), { expand: ['payload', 'x'] });
  });

  it('decodes + and %20 as spaces, and percent-encoded brackets', () => {
    assert.deepEqual(plain(parseParams('name=my+secret&payload=a%20b%2Bc&scope%5Btype%5D=account')), {
      name: 'my secret',
      payload: 'a b+c',
      scope: { type: 'account' },
    });
  });

  it('keeps = inside values and treats a bare key as empty', () => {
    assert.deepEqual(plain(parseParams('payload=a=b==&flag')), { payload: 'a=b==', flag: '' });
  });

  it('rejects bad percent-encoding', () => {
    assert.throws(() => parseParams('name=%E0%A4%A'), ParamSyntaxError);
  });

  it('leaves malformed brackets as a literal (then unknown) key', () => {
    assert.deepEqual(splitKey('scope[type'), ['scope[type']);
    assert.deepEqual(splitKey('a[b][c]'), ['a', 'b', 'c']);
    assert.equal(paramName(['scope', 'type']), 'scope[type]');
    assert.equal(paramName(['a', 'b', 'c']), 'a[b][c]');
  });

  it('cannot reach Object.prototype through __proto__', () => {
    const parsed = parseParams('__proto__[polluted]=yes&constructor[prototype][x]=1');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.deepEqual(Object.keys(parsed).sort(), ['__proto__', 'constructor']);
  });

  it('fingerprints parameters independently of their order and array form', () => {
    const a = canonicalParams(parseParams('name=a&scope[type]=account&expand[]=payload'));
    const b = canonicalParams(parseParams('expand[0]=payload&scope[type]=account&name=a'));
    const c = canonicalParams(parseParams('name=b&scope[type]=account&expand[]=payload'));
    assert.equal(a, b);
    assert.notEqual(a, c);
  });
});

describe('emulator form/query parsing, edges', () => {
  it('skips empty parts, and reads a part that starts with = as an empty key (as URLSearchParams does)', () => {
    assert.deepEqual(plain(parseParams('a=1&&b=2')), { a: '1', b: '2' });
    assert.deepEqual(plain(parseParams('=x')), { '': 'x' });
  });

  it('decodes every +, not only the first', () => {
    assert.deepEqual(plain(parseParams('name=a+b+c')), { name: 'a b c' });
  });

  it('names a key nested too deep by its first 40 characters', () => {
    const name = 'n'.repeat(50);
    assert.throws(
      () => parseParams(`${name}${'[a]'.repeat(MAX_BRACKET_DEPTH + 1)}=1`),
      (e: unknown) =>
        e instanceof ParamSyntaxError &&
        e.message === `Invalid request: the parameter ${'n'.repeat(40)}[…] nests more than ${MAX_BRACKET_DEPTH} brackets deep.`,
    );
  });

  it('splits only a key that is a name followed by whole brackets', () => {
    assert.deepEqual(splitKey('[a]b[c]'), ['[a]b[c]']);
    assert.deepEqual(splitKey('a[b]c'), ['a[b]c']);
    assert.deepEqual(splitKey('expand[]'), ['expand', '']);
    assert.deepEqual(splitKey('name'), ['name']);
  });

  it('makes an array only of [] and indexes of up to four digits', () => {
    assert.equal(plain(parseParams('a[9999]=x')).a.length, 10000);
    assert.deepEqual(plain(parseParams('a[12345]=x&b[x1]=y&c[1x]=z')), { a: { 12345: 'x' }, b: { x1: 'y' }, c: { '1x': 'z' } });
  });

  it('lets a later nested key replace a plain value, and turns an array into a hash for a named key', () => {
    assert.deepEqual(plain(parseParams('a=1&a[b]=2')), { a: { b: '2' } });
    assert.deepEqual(plain(parseParams('a[0]=x&a[b]=y')), { a: { 0: 'x', b: 'y' } });
  });

  it('starts a new array element for each []', () => {
    assert.deepEqual(plain(parseParams('a[][b]=1&a[][c]=2')), { a: [{ b: '1' }, { c: '2' }] });
    assert.deepEqual(plain(parseParams('a[0][b]=1&a[0][c]=2')), { a: [{ b: '1', c: '2' }] });
  });

  it('fingerprints an array with a gap like the same array without it', () => {
    assert.equal(canonicalParams(parseParams('expand[1]=payload')), canonicalParams(parseParams('expand[0]=payload')));
    assert.equal(canonicalParams(parseParams('a[b]=1&a[c]=2')), '{"a":{"b":"1","c":"2"}}');
  });
});
