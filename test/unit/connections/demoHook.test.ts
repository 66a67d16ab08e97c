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

test('the demo always asks for a password: a random one on loopback, the chosen PASSWORD anywhere else', () => {
  const fixed = () => 'random-pw';
  assert.deepEqual(demoAuth('127.0.0.1', undefined, fixed), { auth: 'password', password: 'random-pw', generated: true });
  assert.deepEqual(demoAuth('localhost', undefined, fixed), { auth: 'password', password: 'random-pw', generated: true });
  assert.deepEqual(
    demoAuth('::1', '', fixed),
    { auth: 'password', password: 'random-pw', generated: true },
    'an empty password is no password',
  );
  assert.deepEqual(demoAuth('127.0.0.1', 'pw'), { auth: 'password', password: 'pw', generated: false });
  assert.deepEqual(demoAuth('0.0.0.0', 'pw'), { auth: 'password', password: 'pw', generated: false });
  assert.deepEqual(demoAuth('192.168.1.5', 'pw'), { auth: 'password', password: 'pw', generated: false });
  for (const host of ['0.0.0.0', '::', '192.168.1.5', 'my-laptop.local']) {
    const result = demoAuth(host, undefined);
    assert.ok('error' in result && /PASSWORD/.test(result.error), host);
  }
  assert.ok('error' in demoAuth('0.0.0.0', ''), 'an empty password is no password');
  const a = demoAuth('127.0.0.1', undefined);
  const b = demoAuth('127.0.0.1', undefined);
  assert.ok('password' in a && 'password' in b && a.password !== b.password && a.password.length >= 20, 'random per run');
});

test('demo arguments', () => {
  assert.deepEqual(parseDemoArgs([]), { host: '127.0.0.1' });
  assert.deepEqual(parseDemoArgs(['--port', '9000', '--host', '0.0.0.0']), { port: 9000, host: '0.0.0.0' });
  assert.throws(() => parseDemoArgs(['--auth', 'none']), /Unknown argument --auth/);
});
