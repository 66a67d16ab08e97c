import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ParamSyntaxError, canonicalParams, paramName, parseParams, splitKey } from '../../../src/emulator/params';

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
