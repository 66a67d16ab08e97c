import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { gitignoreAddition, gitignoreLine } from '../../../src/model/gitignore';

test('a .gitignore line matches the one file, escaping what git reads as a pattern', () => {
  assert.equal(gitignoreLine('account.env'), '/account.env');
  assert.equal(gitignoreLine('config/usr_1.env'), '/config/usr_1.env');
  assert.equal(gitignoreLine('config\\win.env'), '/config/win.env');
  assert.equal(gitignoreLine('#odd [1]*?.env'), '/#odd \\[1\\]\\*\\?.env');
  assert.equal(gitignoreLine('!neg\\'), '/!neg');
  assert.equal(gitignoreLine('trailing  '), '/trailing\\ \\ ');
});

test('the addition goes on a line of its own, once', () => {
  assert.equal(gitignoreAddition('', '/a.env'), '# A .env export of Stripe secret values (Stripe App Secrets)\n/a.env\n');
  assert.equal(gitignoreAddition('node_modules', '/a.env'), '\n# A .env export of Stripe secret values (Stripe App Secrets)\n/a.env\n');
  assert.equal(gitignoreAddition('x\n/a.env\n', '/a.env'), undefined);
});

test('a .gitignore that already ends with a line break gets no blank line; one that starts with one still gets its break', () => {
  assert.equal(gitignoreAddition('node_modules\n', '/a.env'), '# A .env export of Stripe secret values (Stripe App Secrets)\n/a.env\n');
  assert.equal(gitignoreAddition('\nnode_modules', '/a.env'), '\n# A .env export of Stripe secret values (Stripe App Secrets)\n/a.env\n');
});
