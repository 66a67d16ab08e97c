import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startEmulator } from '../../../src/emulator';
import type { EmulatorHandle } from '../../../src/emulator';
import { ACCOUNT, call, SECRETS, setSecret } from './helpers';

describe('emulator idempotency', () => {
  let emu: EmulatorHandle;
  before(async () => {
    emu = await startEmulator();
  });
  after(() => emu.close());

  it('replays the first response for the same key and parameters', async () => {
    const headers = { 'Idempotency-Key': 'idem-1' };
    const first = await setSecret(emu, 'k', 'v1', ACCOUNT, { headers });
    const replay = await call(emu, 'POST', SECRETS, { params: `scope[type]=account&payload=v1&name=k`, headers });
    assert.equal(replay.status, 200);
    assert.equal(replay.text, first.text);
    assert.equal(replay.headers.get('idempotent-replayed'), 'true');
    assert.equal(replay.headers.get('original-request'), first.headers.get('request-id'));
    assert.match(replay.headers.get('request-id') ?? '', /^req_/);
    assert.equal(first.headers.get('idempotent-replayed'), null);
    assert.equal(emu.secrets('test').filter((s) => s.name === 'k').length, 1);
    assert.equal(emu.secrets('test')[0].id, first.json.id, 'the replay wrote nothing');
  });

  it('answers idempotency_error for the same key with other parameters', async () => {
    const headers = { 'Idempotency-Key': 'idem-2' };
    await setSecret(emu, 'k2', 'v1', ACCOUNT, { headers });
    const conflict = await setSecret(emu, 'k2', 'v2', ACCOUNT, { headers });
    assert.equal(conflict.status, 400);
    assert.equal(conflict.json.error.type, 'idempotency_error');
    const otherPath = await call(emu, 'POST', `${SECRETS}/delete`, { params: `name=k2&${ACCOUNT}`, headers });
    assert.equal(otherPath.json.error.type, 'idempotency_error');
  });

  it('scopes keys per account and API key', async () => {
    const headers = { 'Idempotency-Key': 'idem-3' };
    await setSecret(emu, 'k3', 'v', ACCOUNT, { headers });
    const otherAccount = await setSecret(emu, 'k3', 'other', ACCOUNT, {
      headers: { ...headers, 'Stripe-Account': 'acct_1Other000000000' },
    });
    assert.equal(otherAccount.status, 200);
    assert.equal(otherAccount.headers.get('idempotent-replayed'), null);
    const otherKey = await setSecret(emu, 'k3', 'other', ACCOUNT, { headers, key: 'sk_test_anotherKey00000000000000000000' });
    assert.equal(otherKey.status, 200);
    assert.equal(otherKey.headers.get('idempotent-replayed'), null);
  });

  it('replays an executed 404 delete, but not a validation error', async () => {
    const headers = { 'Idempotency-Key': 'idem-4' };
    const first = await call(emu, 'POST', `${SECRETS}/delete`, { params: `name=missing&${ACCOUNT}`, headers });
    assert.equal(first.status, 404);
    await setSecret(emu, 'missing', 'v');
    const replay = await call(emu, 'POST', `${SECRETS}/delete`, { params: `name=missing&${ACCOUNT}`, headers });
    assert.equal(replay.status, 404);
    assert.equal(replay.headers.get('idempotent-replayed'), 'true');

    const bad = { 'Idempotency-Key': 'idem-5' };
    assert.equal((await call(emu, 'POST', SECRETS, { params: `name=v&${ACCOUNT}`, headers: bad })).status, 400);
    assert.equal((await call(emu, 'POST', SECRETS, { params: `name=v&payload=ok&${ACCOUNT}`, headers: bad })).status, 200);
  });

  it('ignores Idempotency-Key on GET', async () => {
    const headers = { 'Idempotency-Key': 'idem-6' };
    await call(emu, 'GET', SECRETS, { params: ACCOUNT, headers });
    const other = await call(emu, 'GET', SECRETS, { params: `${ACCOUNT}&limit=1`, headers });
    assert.equal(other.status, 200);
    assert.equal(other.headers.get('idempotent-replayed'), null);
  });
});
