import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  connectionDescription,
  connectionRowDescription,
  dayAndTime,
  expiryDifference,
  fillDescription,
  fullDateTime,
  keyDescription,
  modeBadge,
  statusA11yLabel,
  timeZoneName,
  writeTitle,
} from '../../../src/ui/labels';
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

test('a connection row leaves the API host to its tooltip', () => {
  assert.equal(connectionRowDescription({ ...base, apiBase: 'http://127.0.0.1:12111' }), 'TEST');
  assert.equal(connectionRowDescription({ ...base, mode: 'live', stripeAccount: 'acct_9' }), 'LIVE · acct_9');
  assert.equal(connectionRowDescription({ ...base, emulator: true, apiBase: 'http://127.0.0.1:1' }), 'TEST · emulator');
});

test('the status bar item is named in plain text, no Markdown', () => {
  const label = statusA11yLabel({ ...base, label: 'My *app*', apiBase: 'http://127.0.0.1:12111' }, 2);
  assert.match(label, /^Stripe Secrets connection My \*app\*, test mode, /);
  assert.match(label, /API http:\/\/127\.0\.0\.1:12111, press to switch connection$/);
  assert.ok(!/\*\*|\\/.test(label), label);
});

test('a step that writes to a live connection says LIVE and the connection', () => {
  assert.equal(writeTitle('Set Secret', [base], { n: 2, of: 4 }), 'Set Secret (Step 2 of 4)');
  assert.equal(writeTitle('Delete Secret', [{ ...base, mode: 'live', label: 'Prod' }]), 'LIVE · Prod · Delete Secret');
  assert.equal(
    writeTitle('Delete 2 Secrets', [{ ...base, mode: 'live', label: 'Prod' }, { ...base, mode: 'live', label: 'Prod' }, base]),
    'LIVE · Prod · Delete 2 Secrets',
  );
});

test('two expiry dates in full and the difference in days', () => {
  const a = Math.floor(new Date(2026, 11, 31, 14, 0).getTime() / 1000);
  const b = Math.floor(new Date(2027, 5, 30, 14, 0).getTime() / 1000);
  assert.equal(expiryDifference(a, b), 'A 31 Dec 2026 14:00 · B 30 Jun 2027 14:00: B 181 days later');
  assert.equal(expiryDifference(b, a), 'A 30 Jun 2027 14:00 · B 31 Dec 2026 14:00: A 181 days later');
  assert.equal(expiryDifference(null, a), 'A never · B 31 Dec 2026 14:00: only B expires');
  assert.equal(expiryDifference(a, a + 3600), 'A 31 Dec 2026 14:00 · B 31 Dec 2026 15:00: B less than a day later');
});

test('a date in full names its time zone', () => {
  const s = Math.floor(new Date(2027, 0, 31, 9, 5).getTime() / 1000);
  assert.match(fullDateTime(s), /^Sun 31 Jan 2027 09:05 \S+ \(UTC[+-]\d\d:\d\d\)$/);
  assert.equal(dayAndTime(s), '31 Jan 2027 09:05');
  assert.match(timeZoneName(), /\(UTC[+-]\d\d:\d\d\)$/);
});
