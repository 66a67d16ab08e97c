import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse as dotenvParse } from 'dotenv';
import { formatDotenv } from '../../../src/model/dotenv';
import { formatDateTime } from '../../../src/model/expiry';
import {
  exportedMessage,
  exportFileName,
  exportHeader,
  exportOthersQuestion,
  failedReveal,
  liveExportQuestion,
  noExportableNameMessage,
  nothingRevealedMessage,
  nothingWritableMessage,
  partialExportMessage,
  planExportNames,
  planExportValues,
} from '../../../src/model/exportPlan';

test('names: sorted, and those a .env file cannot hold named with why', () => {
  const { exportable, badNames } = planExportNames([{ name: 'b_key' }, { name: 'a=b' }, { name: 'A_KEY' }, { name: 'CLÉ' }]);
  assert.deepEqual(
    exportable.map((s) => s.name),
    ['A_KEY', 'b_key'],
  );
  assert.equal(badNames.length, 2);
  assert.match(badNames[0], /^'a=b' \(its name: /);
  assert.match(badNames[1], /^'CLÉ' \(its name: /);
  assert.equal(
    noExportableNameMessage('the account scope', 'My app', ["'a=b' (its name: x)"]),
    "None of the secrets in the account scope of My app has a name a .env file can hold: 'a=b' (its name: x).",
  );
});

test('values: what dotenv reads back is written, the rest named after the bad names, and never a value in a message', () => {
  const revealed = [
    { name: 'OK', payload: 'plain' },
    { name: 'PEM', payload: '-----BEGIN-----\nMIIB\n-----END-----\n' },
    { name: 'BAD', payload: ' ends in a backslash\\' },
  ];
  const { writable, refused } = planExportValues(revealed, ["'a=b' (its name: x)"]);
  assert.deepEqual(
    writable.map((s) => s.name),
    ['OK', 'PEM'],
  );
  assert.deepEqual(dotenvParse(formatDotenv(writable.map((s) => ({ name: s.name, value: s.payload })))), {
    OK: 'plain',
    PEM: revealed[1].payload,
  });
  assert.equal(refused.length, 2);
  assert.equal(refused[0], "'a=b' (its name: x)");
  assert.match(refused[1], /^'BAD' \(its value: dotenv has no way to read this value back exactly/);
  const messages = [
    nothingWritableMessage('the account scope', 'My app', refused),
    exportOthersQuestion('the account scope', refused, writable.length),
  ];
  for (const m of messages) assert.ok(!m.includes('backslash') && !m.includes('MIIB'));
  assert.match(messages[1], /^2 secrets of the account scope cannot be written .* Export the other 2 secrets\?$/);
  assert.match(
    exportOthersQuestion('the account scope', refused.slice(0, 1), 1),
    /^1 secret of the account scope .* Export the other 1 secret\?$/,
  );
});

test('the header: where from, when, a warning, and the expiries the file cannot hold', () => {
  const now = new Date(Date.UTC(2026, 11, 2, 12));
  const lines = exportHeader(
    { label: 'My app', mode: 'test' },
    'the account scope',
    [
      { name: 'A', expiresAt: null },
      { name: 'B', expiresAt: Date.UTC(2027, 0, 1) / 1000 },
    ],
    now,
  );
  assert.equal(lines[0], 'Secrets of the account scope of My app (test mode), exported 2026-12-02T12:00:00.000Z by Stripe App Secrets.');
  assert.match(lines[1], /^These are secret values: do not commit this file/);
  assert.match(lines[2], /^A \.env file has no expiry dates: B expires .*2027/);
  assert.equal(exportHeader({ label: 'My app', mode: 'live' }, 'x', [{ name: 'A', expiresAt: null }], now).length, 2);
});

test('the file name, the questions and the outcomes', () => {
  assert.equal(exportFileName({ type: 'account' }), 'account.env');
  assert.equal(exportFileName({ type: 'user', user: 'usr_1/../x y' }), 'usr_1_.._x_y.env');
  assert.equal(
    liveExportQuestion(1, 'the account scope', 'Prod'),
    'Write the live values of 1 secret from the account scope of Prod to a .env file?',
  );
  assert.equal(failedReveal('A', 'Forbidden. '), "'A' (Forbidden)");
  assert.equal(
    nothingRevealedMessage('the account scope', 'My app', ["'A' (x)", "'B' (y)"]),
    "Nothing was exported from the account scope of My app: 'A' (x); 'B' (y).",
  );
  assert.equal(
    exportedMessage(2, 'the account scope', 'My app', '/home/me/account.env'),
    'Exported 2 secrets of the account scope of My app to /home/me/account.env (readable by you only). Do not commit it.',
  );
  assert.equal(partialExportMessage(2, 3, ["'C' (x)"]), "Exported 2 of 3 secrets; not exported: 'C' (x).");
});

test('the header names every expiry the file cannot hold, separated by commas', () => {
  const b = Date.UTC(2027, 0, 1) / 1000;
  const c = Date.UTC(2028, 5, 15) / 1000;
  const lines = exportHeader(
    { label: 'My app', mode: 'test' },
    'the account scope',
    [
      { name: 'B', expiresAt: b },
      { name: 'C', expiresAt: c },
    ],
    new Date(0),
  );
  assert.equal(lines[2], `A .env file has no expiry dates: B expires ${formatDateTime(b)}, C expires ${formatDateTime(c)}.`);
});

test('every message that lists several secrets separates them with semicolons', () => {
  const two = ["'a=b' (its name: x)", "'BAD' (its value: y)"];
  assert.equal(
    noExportableNameMessage('the account scope', 'My app', ["'a=b' (its name: x)", "'c d' (its name: z)"]),
    "None of the secrets in the account scope of My app has a name a .env file can hold: 'a=b' (its name: x); 'c d' (its name: z).",
  );
  assert.equal(
    nothingWritableMessage('the account scope', 'My app', two),
    "Nothing from the account scope of My app can be written to a .env file that dotenv reads back: 'a=b' (its name: x); 'BAD' (its value: y).",
  );
  assert.equal(
    exportOthersQuestion('the account scope', two, 3),
    "2 secrets of the account scope cannot be written to a .env file that dotenv reads back: 'a=b' (its name: x); 'BAD' (its value: y). Export the other 3 secrets?",
  );
  assert.equal(partialExportMessage(1, 3, ["'B' (x)", "'C' (y)"]), "Exported 1 of 3 secrets; not exported: 'B' (x); 'C' (y).");
});

test("a failed reveal keeps its reason's inner sentences; only the final dot and spaces go", () => {
  assert.equal(failedReveal('A', 'Rate limited. Try again later. '), "'A' (Rate limited. Try again later)");
});
