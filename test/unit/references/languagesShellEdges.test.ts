/**
 * Edges of the shell recogniser: empty assignments and arguments, a later --url, empty names,
 * fields without `=`, and Stripe CLI words it cannot use.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findReferences } from '../../../src/references/registry';

const FIND = 'https://api.stripe.com/v1/apps/secrets/find';
const calls = (text: string) => findReferences(text, 'shellscript').map((r) => `${r.name}:${r.call}`);

describe('shell recogniser edges: curl', () => {
  it('an empty assignment before curl does not take the program name as its value', () => {
    assert.deepEqual(calls(`A= curl ${FIND} -d name=a`), ['a:find']);
  });

  it('an empty argument is no option and no URL', () => {
    assert.deepEqual(calls(`curl ${FIND} '' -d name=a`), ['a:find']);
  });

  it('a later --url replaces an earlier URL, as a later bare URL does', () => {
    assert.deepEqual(calls(`curl ${FIND} --url https://api.stripe.com/v1/customers -d name=a`), []);
  });

  it('a URL whose query ends in a dash is still the URL', () => {
    assert.deepEqual(calls(`curl '${FIND}?name=a-'`), ['a-:find']);
  });

  it('an empty name followed by more fields is no reference', () => {
    assert.deepEqual(calls(`curl ${FIND} -d 'name=&scope[type]=account'`), []);
    assert.deepEqual(calls(`curl '${FIND}?name=&x=1'`), []);
  });

  it('a --data-urlencode word without = gives no field, even when it starts with name', () => {
    assert.deepEqual(calls(`curl ${FIND} --data-urlencode namex`), []);
  });
});

describe('shell recogniser edges: Stripe CLI', () => {
  it('a bare stripe command is no reference, and the commands after it are still read', () => {
    assert.deepEqual(calls(`stripe\nstripe get /v1/apps/secrets/find -d name=a`), ['a:find']);
  });

  it('the CLI takes a path, not a URL: a full URL is no Secret Store call', () => {
    assert.deepEqual(calls(`stripe get ${FIND} -d name=a`), []);
  });
});
