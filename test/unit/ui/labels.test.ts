import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connectionDescription, fillDescription, keyDescription, modeBadge } from '../../../src/ui/labels';
import type { ConnectionInfo } from '../../../src/services';

const base: ConnectionInfo = { id: 'c', label: 'L', mode: 'test', keyLast4: 'wxyz', keyKind: 'secret', userIds: [] };

test('connection descriptions', () => {
  assert.equal(modeBadge(base), 'TEST');
  assert.equal(modeBadge({ mode: 'live' }), 'LIVE');
  assert.equal(connectionDescription(base), 'TEST');
  assert.equal(connectionDescription({ ...base, mode: 'live', stripeAccount: 'acct_9' }), 'LIVE · acct_9');
  assert.equal(connectionDescription({ ...base, emulator: true, apiBase: 'http://127.0.0.1:1' }), 'TEST · emulator');
  assert.equal(connectionDescription({ ...base, apiBase: 'http://127.0.0.1:12111' }), 'TEST · 127.0.0.1:12111');
  assert.equal(keyDescription({ keyKind: 'restricted', keyLast4: 'abcd' }), 'restricted key ••••abcd');
  assert.equal(fillDescription(7, 10), '7/10');
});
