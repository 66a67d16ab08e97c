import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseDotenv, type DotenvEntry } from '../../../src/model/dotenv';
import { formatDateTime } from '../../../src/model/expiry';
import {
  importAction,
  importDoneMessage,
  importFailureMessage,
  importLimitRefusal,
  importQuestion,
  importRecheck,
  notImportedRows,
  nothingToImportMessage,
  previewPlaceholder,
  previewRows,
  problemList,
  secretCount,
} from '../../../src/model/importPlan';

const entry = (name: string, line = 1, warning?: string): DotenvEntry => ({
  name,
  value: `value of ${name}`,
  line,
  ...(warning ? { warning } : {}),
});
const names = (n: number, prefix = 'S') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

test('preview rows: new or replacing, checked unless dotenv may read the line otherwise, never a value', () => {
  const rows = previewRows([entry('NEW', 2), entry('OLD', 3), entry('ODD', 4, 'line 4: dotenv cuts the value at a #')], ['OLD']);
  assert.deepEqual(
    rows.map((r) => [r.entry.name, r.description, r.detail, r.picked]),
    [
      ['NEW', 'new', 'line 2', true],
      ['OLD', 'replaces existing', 'line 3', true],
      ['ODD', 'new', '$(warning) line 4: dotenv cuts the value at a #', false],
    ],
  );
  assert.ok(!JSON.stringify(rows.map(({ entry: _e, ...shown }) => shown)).includes('value of'));
});

test('lines that import nothing: a row each, the reason in full as its detail', () => {
  const { problems } = parseDotenv('GOOD=1\nno equals here\nEMPTY=\n');
  const rows = notImportedRows(problems);
  assert.deepEqual(
    rows.map((r) => r.label),
    ['$(circle-slash) line 2', '$(circle-slash) line 3'],
  );
  assert.deepEqual(
    rows.map((r) => r.detail),
    problems.map((p) => p.message),
  );
  assert.deepEqual(
    notImportedRows([{ line: 0, message: 'dotenv loads X from a line this import could not place' }]).map((r) => r.label),
    ['$(circle-slash) no line'],
  );
});

test('the preview says what Enter does, and its placeholder stays short', () => {
  assert.equal(importAction(5), 'Import 5 secrets');
  assert.equal(importAction(1), 'Import 1 secret');
  assert.equal(importAction(0), 'Check the secrets to import');
  assert.equal(previewPlaceholder([entry('A'), entry('B', 2, 'why')]), 'Values are not shown. 1 left unchecked, see why');
  assert.equal(previewPlaceholder([entry('A')]), 'Values are not shown. Uncheck what not to import');
  assert.equal(secretCount(1), '1 secret');
  assert.equal(secretCount(2), '2 secrets');
});

test('nothing to import: the problems, the first five, then how many more', () => {
  const problems = Array.from({ length: 7 }, (_, i) => ({ line: i + 1, message: `line ${i + 1} is odd` }));
  assert.equal(
    problemList(problems),
    'line 1 is odd; line 2 is odd; line 3 is odd; line 4 is odd; line 5 is odd; and 2 more (see the log)',
  );
  assert.equal(nothingToImportMessage('x.env', problems.slice(0, 1)), 'Nothing to import from x.env: line 1 is odd');
  assert.equal(nothingToImportMessage('x.env', []), 'Nothing to import from x.env: it has no NAME=value lines.');
});

test('the limit: replaces do not count, new names past 10 are refused with how many to leave out', () => {
  assert.equal(importLimitRefusal(names(8), ['N1', 'N2', 'S0'], 'the account scope'), undefined);
  assert.equal(
    importLimitRefusal(names(8), ['N1', 'N2', 'N3', 'S0'], 'the account scope'),
    'The account scope holds 8 secrets and 3 of the picked names are new: that makes 11, more than the 10 Stripe allows. Leave out 1 of the new names, or delete 1 secret from the scope first.',
  );
  assert.match(importLimitRefusal(names(10), ['N1', 'N2'], 'the account scope')!, /Leave out 2 of the new names, or delete 2 secrets/);
});

test('the question: how many, which values are replaced and where they go, the expiry', () => {
  const base = { where: 'the account scope', connectionLabel: 'My app', live: false, retentionDays: 30, expiresAt: null };
  assert.deepEqual(importQuestion({ ...base, chosen: [entry('A')], existingNames: [] }), {
    message: 'Import 1 secret into the account scope of My app? It never expires.',
    replaces: false,
  });
  assert.deepEqual(importQuestion({ ...base, chosen: [entry('A'), entry('B'), entry('C')], existingNames: ['B'] }), {
    message:
      "Import 3 secrets into the account scope of My app? 1 of them replaces the existing value of 'B'; history keeps the old value for 30 days. They never expire.",
    replaces: true,
  });
  assert.equal(
    importQuestion({ ...base, live: true, retentionDays: 0, chosen: [entry('A'), entry('B')], existingNames: ['A', 'B'] }).message,
    "Import 2 secrets into the account scope of My app? They replace the existing LIVE values of 'A', 'B'; which cannot be recovered. They never expire.",
  );
  assert.match(
    importQuestion({ ...base, retentionDays: 1, chosen: [entry('A')], existingNames: ['A'] }).message,
    /It replaces the existing value of 'A'; history keeps the old value for 1 day\./,
  );
  assert.match(
    importQuestion({ ...base, chosen: [entry('A')], existingNames: [], expiresAt: Date.UTC(2027, 0, 1) / 1000 }).message,
    /\? It expires .*2027.*\.$/,
  );
});

test('the check after the modals: a name created meanwhile, or a scope that filled up, stops everything', () => {
  const chosen = [entry('NEW'), entry('OLD')];
  assert.equal(importRecheck(chosen, ['OLD'], ['OLD'], 'the account scope', 'My app'), undefined);
  assert.equal(
    importRecheck(chosen, ['OLD'], ['OLD', 'NEW'], 'the account scope', 'My app'),
    "Nothing imported: 'NEW' was created in the account scope of My app while you answered, and would be replaced. Import again to see the current state.",
  );
  assert.match(
    importRecheck(chosen, ['OLD'], ['OLD', ...names(9)], 'the account scope', 'My app')!,
    /^The account scope holds 10 secrets and 1 of the picked names are new: that makes 11.* In the scope now: 'OLD', 'S0'/,
  );
});

test('the outcome: all imported with what Undo puts back, or each failure named', () => {
  assert.equal(
    importDoneMessage(3, 1, 'the account scope', 'My app'),
    'Imported 3 secrets into the account scope of My app (Undo puts back the 1 replaced).',
  );
  assert.equal(importDoneMessage(1, 0, 'the account scope', 'My app'), 'Imported 1 secret into the account scope of My app.');
  assert.equal(
    importFailureMessage(3, [{ name: 'B', reason: 'Forbidden. ' }], 'the account scope', 'My app'),
    "Imported 2 of 3 secrets into the account scope of My app; not imported: 'B' (Forbidden).",
  );
  assert.equal(
    importFailureMessage(
      2,
      [
        { name: 'A', reason: 'x' },
        { name: 'B', reason: 'y.' },
      ],
      'the account scope',
      'My app',
    ),
    "None of the 2 secrets was imported into the account scope of My app: 'A' (x); 'B' (y).",
  );
});

test('the question: several replaced values kept by history are named in the plural', () => {
  const base = { where: 'the account scope', connectionLabel: 'My app', live: false, retentionDays: 30, expiresAt: null };
  assert.equal(
    importQuestion({ ...base, chosen: [entry('A'), entry('B')], existingNames: ['A', 'B'] }).message,
    "Import 2 secrets into the account scope of My app? They replace the existing values of 'A', 'B'; history keeps the old values for 30 days. They never expire.",
  );
});

test('the question: some of several picks replace live values, and they all expire at the same time', () => {
  const expiresAt = Date.UTC(2027, 0, 1) / 1000;
  assert.equal(
    importQuestion({
      where: 'the account scope',
      connectionLabel: 'Prod',
      live: true,
      retentionDays: 7,
      expiresAt,
      chosen: [entry('A'), entry('B'), entry('C')],
      existingNames: ['A', 'B'],
    }).message,
    `Import 3 secrets into the account scope of Prod? 2 of them replace the existing LIVE values of 'A', 'B'; history keeps the old values for 7 days. They expire ${formatDateTime(expiresAt)}.`,
  );
});

test('the check after the modals: several names created meanwhile are all named', () => {
  assert.equal(
    importRecheck([entry('N1'), entry('N2'), entry('OLD')], ['OLD'], ['OLD', 'N1', 'N2'], 'the account scope', 'My app'),
    "Nothing imported: 'N1', 'N2' were created in the account scope of My app while you answered, and would be replaced. Import again to see the current state.",
  );
});

test('a failure reason keeps its inner sentences; only the final dot and spaces go', () => {
  assert.equal(
    importFailureMessage(2, [{ name: 'B', reason: 'Rate limited. Try again later. ' }], 'the account scope', 'My app'),
    "Imported 1 of 2 secrets into the account scope of My app; not imported: 'B' (Rate limited. Try again later).",
  );
});
