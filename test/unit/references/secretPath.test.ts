/**
 * Secret Store paths and form fields: which path makes which call, where each field's value sits,
 * and the scope the fields describe.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formScope, pathQueryFields, queryFields, secretPathCall } from '../../../src/references/secretPath';

describe('secretPathCall', () => {
  it('reads the call from the path, with or without host, version and leading slash', () => {
    assert.equal(secretPathCall('/v1/apps/secrets/find'), 'find');
    assert.equal(secretPathCall('https://api.stripe.com/v1/apps/secrets/delete'), 'deleteWhere');
    assert.equal(secretPathCall('http://localhost:12111/v1/apps/secrets'), 'create');
    assert.equal(secretPathCall('apps/secrets/find/'), 'find');
    assert.equal(secretPathCall('/v1/apps/secrets?name=x'), 'create');
    assert.equal(secretPathCall('/v1/apps/secrets#x'), 'create');
    assert.equal(secretPathCall('/v1/apps/secrets/find?name=x'), 'find');
  });

  it('refuses other paths', () => {
    for (const path of [
      '/v1/apps/secretsx',
      '/v1/apps/secrets/list',
      '/v2/apps/secrets',
      'x/v1/apps/secrets',
      'https://a b/v1/apps/secrets',
      '/v1/apps/secrets/findx',
      '/v1/apps/secrets/find x',
      '',
    ]) {
      assert.equal(secretPathCall(path), undefined, path);
    }
  });
});

describe('form fields', () => {
  it('decodes keys and values and gives each value its offsets', () => {
    assert.deepEqual(queryFields('a=1&scope%5Btype%5D=user+x&&b=%7E', 10), [
      { key: 'a', value: '1', valueStart: 12, valueEnd: 13 },
      { key: 'scope[type]', value: 'user x', valueStart: 30, valueEnd: 36 },
      { key: 'b', value: '~', valueStart: 40, valueEnd: 43 },
    ]);
  });

  it('skips a part without a key or with a malformed escape', () => {
    assert.deepEqual(queryFields('=x&k&bad=%E0%A4%A&%zz=1&ok=', 0), [{ key: 'ok', value: '', valueStart: 27, valueEnd: 27 }]);
  });

  it('reads the query of a path between ? and #, with offsets from the path start', () => {
    assert.deepEqual(pathQueryFields('/p?name=ab#frag=1'), [{ key: 'name', value: 'ab', valueStart: 8, valueEnd: 10 }]);
    assert.deepEqual(pathQueryFields('/p?name=ab'), [{ key: 'name', value: 'ab', valueStart: 8, valueEnd: 10 }]);
    assert.deepEqual(pathQueryFields('/p#?name=ab'), [{ key: 'name', value: 'ab', valueStart: 9, valueEnd: 11 }]);
    assert.deepEqual(pathQueryFields('/p#name=ab'), []);
    assert.deepEqual(pathQueryFields('/v1/apps/secrets/name=ab'), []);
    assert.deepEqual(pathQueryFields('?name=a'), [{ key: 'name', value: 'a', valueStart: 6, valueEnd: 7 }]);
  });

  it('reads the scope the fields describe', () => {
    const fields = (query: string) => queryFields(query, 0);
    assert.deepEqual(formScope(fields('scope[type]=account&scope[user]=usr_1')), { type: 'account' });
    assert.deepEqual(formScope(fields('scope[user]=usr_1&scope[type]=user')), { type: 'user', user: 'usr_1' });
    assert.deepEqual(formScope(fields('scope[type]=user')), { type: 'user' });
    assert.deepEqual(formScope(fields('scope[type]=Account')), { type: 'unknown' });
    assert.deepEqual(formScope(fields('type=account&user=usr_1')), { type: 'unknown' });
  });
});
