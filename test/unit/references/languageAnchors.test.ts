/**
 * Where the recognisers' names and comments end: PHP method names that only start or end like the
 * SDK's, PHP block comments and divisions, Java builder calls that are not setters (or are being
 * typed), and a Python import list cut off at the end of the file.
 */
import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findReferences } from '../../../src/references/registry';

const names = (text: string, languageId: string) => findReferences(text, languageId).map((r) => r.name);
const refs = (text: string, languageId: string) => findReferences(text, languageId).map((r) => [r.name, r.scope, r.call]);

const ACCOUNT = { type: 'account' };
const USER = { type: 'user' };

describe('php recogniser: method names', () => {
  const client = (method: string, name: string) =>
    `$stripe->apps->secrets->${method}(['name' => '${name}', 'scope' => ['type' => 'account']]);`;
  const resource = (method: string, name: string) =>
    `\\Stripe\\Apps\\Secret::${method}(['name' => '${name}', 'scope' => ['type' => 'account']]);`;

  it('a method that only starts with find, create or deleteWhere is not a Secret Store call', () => {
    const text = [
      '<?php',
      client('findAll', 'find_all'),
      client('createOrUpdate', 'upsert'),
      resource('deleteWhereAll', 'wider'),
      client('find', 'kept'),
    ];
    assert.deepEqual(names(text.join('\n'), 'php'), ['kept']);
  });

  it('a method that only ends with find, create or deleteWhere is not a Secret Store call', () => {
    const text = [
      '<?php',
      client('refind', 'again'),
      resource('recreate', 'twice'),
      client('softDeleteWhere', 'soft'),
      resource('create', 'kept'),
    ];
    assert.deepEqual(names(text.join('\n'), 'php'), ['kept']);
  });
});

describe('php recogniser: comments and divisions', () => {
  const call = (name: string) => `$stripe->apps->secrets->find(['name' => '${name}', 'scope' => ['type' => 'account']]);`;

  it('a call inside a block comment is not read, on one line or across several', () => {
    assert.deepEqual(names(`<?php\n/* ${call('one_line')} */\n${call('live')}`, 'php'), ['live']);
    assert.deepEqual(names(`<?php\n/*\n * ${call('in_docblock')}\n */\n${call('live')}`, 'php'), ['live']);
  });

  it('a division before a call, on its line or the line above, hides nothing', () => {
    assert.deepEqual(names(`<?php\n$half = $total / 2; ${call('same_line')}`, 'php'), ['same_line']);
    assert.deepEqual(names(`<?php\n$half = $total / 2;\n${call('next_line')}`, 'php'), ['next_line']);
  });
});

describe('java recogniser: builder setters', () => {
  const withScope = (scope: string) => `SecretFindParams.builder().setName("x").setScope(${scope}).build();`;

  it('a later call whose name only contains set is no setter: it does not replace the scope type', () => {
    assert.deepEqual(refs(withScope(`SecretFindParams.Scope.builder().setType(Type.USER).usetYpe(Type.ACCOUNT).build()`), 'java'), [
      ['x', USER, 'find'],
    ]);
  });

  it('a setter called again with no argument (being typed) keeps the value set before', () => {
    assert.deepEqual(names(`SecretFindParams.builder().setName("earlier").setName().build();`, 'java'), ['earlier']);
    assert.deepEqual(
      refs(
        `SecretFindParams.builder().setName("x").setScope(SecretFindParams.Scope.builder().setType(Type.ACCOUNT).build()).setScope().build();`,
        'java',
      ),
      [['x', ACCOUNT, 'find']],
    );
  });
});

describe('python recogniser: an import list cut off at the end of the file', () => {
  const call = (name: string) => `stripe.apps.Secret.find(name="${name}", scope={"type": "account"})`;

  it('a file ending in an unfinished from stripe.apps import still has its module-path calls read', () => {
    for (const tail of ['from stripe.apps import', 'from stripe.apps import (', 'from stripe.apps import Foo,']) {
      assert.deepEqual(names(`${call('module_path')}\n${tail}`, 'python'), ['module_path'], tail);
    }
  });
});
