import { test } from 'node:test';
import assert from 'node:assert/strict';
import { demoMarker, demoTokenAccepted, demoTokenFileContent } from '../../../src/connections/connectionList';
import { demoAuth, parseDemoArgs } from '../../../scripts/demoOptions';

const TOKEN = 'a'.repeat(64);

test('the demo token is accepted only with the file the demo wrote for it', () => {
  const file = demoTokenFileContent(TOKEN);
  assert.match(file, /^[0-9a-f]{64}$/);
  assert.ok(!file.includes(TOKEN), 'the file holds a hash, not the token');
  assert.equal(demoTokenAccepted(TOKEN, file), true);
  assert.equal(demoTokenAccepted(TOKEN, `${file}\n`), true);
  assert.equal(demoTokenAccepted(TOKEN, undefined), false, 'no file: an ordinary install');
  assert.equal(demoTokenAccepted(undefined, file), false, 'no token in the environment');
  assert.equal(demoTokenAccepted('', file), false);
  assert.equal(demoTokenAccepted(`${TOKEN}b`, file), false, 'another token');
  assert.equal(demoTokenAccepted(TOKEN, demoTokenFileContent('other')), false, 'a file for another run');
  assert.equal(demoTokenAccepted(TOKEN, 'not hex'), false);
  assert.equal(demoTokenAccepted(TOKEN, ''), false);
});

test('a removed demo connection is remembered per run', () => {
  assert.equal(demoMarker('http://127.0.0.1:1', TOKEN), demoMarker('http://127.0.0.1:1', TOKEN));
  assert.notEqual(demoMarker('http://127.0.0.1:1', TOKEN), demoMarker('http://127.0.0.1:1', 'b'.repeat(64)));
  assert.notEqual(demoMarker('http://127.0.0.1:1', undefined), demoMarker('http://127.0.0.1:2', undefined));
});

test('the demo serves without a password on loopback only', () => {
  assert.deepEqual(demoAuth('127.0.0.1', undefined), { auth: 'none' });
  assert.deepEqual(demoAuth('localhost', undefined), { auth: 'none' });
  assert.deepEqual(demoAuth('::1', undefined), { auth: 'none' });
  assert.deepEqual(demoAuth('127.0.0.1', 'pw'), { auth: 'password' });
  assert.deepEqual(demoAuth('0.0.0.0', 'pw'), { auth: 'password' });
  assert.deepEqual(demoAuth('192.168.1.5', 'pw'), { auth: 'password' });
  for (const host of ['0.0.0.0', '::', '192.168.1.5', 'my-laptop.local']) {
    const result = demoAuth(host, undefined);
    assert.ok('error' in result && /PASSWORD/.test(result.error), host);
  }
  assert.ok('error' in demoAuth('0.0.0.0', ''), 'an empty password is no password');
});

test('demo arguments', () => {
  assert.deepEqual(parseDemoArgs([]), { host: '127.0.0.1' });
  assert.deepEqual(parseDemoArgs(['--port', '9000', '--host', '0.0.0.0']), { port: 9000, host: '0.0.0.0' });
  assert.throws(() => parseDemoArgs(['--auth', 'none']), /Unknown argument --auth/);
});
