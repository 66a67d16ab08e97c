import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  describeExpiry,
  EXPIRY_PRESETS,
  expiryState,
  formatDateTime,
  nextWordingChange,
  parseDateTime,
  presetExpiresAt,
} from '../../../src/model/expiry';

const now = Date.UTC(2026, 5, 15, 12, 0, 0);
const nowS = now / 1000;
const MIN = 60;
const HOUR = 3600;
const DAY = 86400;

test('describeExpiry wording, rounded to the nearest unit', () => {
  const table: Array<[number | null, string]> = [
    [null, ''],
    [nowS, 'expired'],
    [nowS - DAY, 'expired'],
    [nowS + 1, 'expires in less than a minute'],
    [nowS + 59, 'expires in less than a minute'],
    [nowS + MIN, 'expires in 1 minute'],
    [nowS + 89, 'expires in 1 minute'],
    [nowS + 90, 'expires in 2 minutes'],
    [nowS + 12 * MIN + 29, 'expires in 12 minutes'],
    [nowS + 12 * MIN + 30, 'expires in 13 minutes'],
    [nowS + 59 * MIN + 29, 'expires in 59 minutes'],
    [nowS + 59 * MIN + 30, 'expires in 1 hour'],
    [nowS + 59 * MIN + 59, 'expires in 1 hour'],
    [nowS + HOUR, 'expires in 1 hour'],
    [nowS + 5 * HOUR + 29 * MIN, 'expires in 5 hours'],
    [nowS + 5 * HOUR + 30 * MIN, 'expires in 6 hours'],
    [nowS + 23 * HOUR + 29 * MIN, 'expires in 23 hours'],
    [nowS + 23 * HOUR + 30 * MIN, 'expires in 1 day'],
    [nowS + DAY, 'expires in 1 day'],
    [nowS + 36 * HOUR - 1, 'expires in 1 day'],
    [nowS + 36 * HOUR, 'expires in 2 days'],
    [nowS + 2 * DAY + 5 * HOUR, 'expires in 2 days'],
    [nowS + 6.4 * DAY, 'expires in 6 days'],
    [nowS + 6.6 * DAY, 'expires in 7 days'],
    [nowS + 7 * DAY - 5, 'expires in 7 days'],
    [nowS + 7 * DAY, 'expires in 7 days'],
    [nowS + 59 * DAY, 'expires in 59 days'],
    [nowS + 59.5 * DAY - 1, 'expires in 59 days'],
    [nowS + 59.5 * DAY, 'expires in 2 months'],
    [nowS + 60 * DAY, 'expires in 2 months'],
    [nowS + 180 * DAY, 'expires in 6 months'],
    [nowS + 23.5 * 30 * DAY - 1, 'expires in 23 months'],
    [nowS + 23.5 * 30 * DAY, 'expires in 2 years'],
    [nowS + 730 * DAY, 'expires in 2 years'],
    [nowS + 100 * 365 * DAY, 'expires in 100 years'],
  ];
  for (const [expiresAt, expected] of table)
    assert.equal(describeExpiry(expiresAt, now), expected, String(expiresAt === null ? null : expiresAt - nowS));
});

test('describeExpiry: a preset reads as its label for a while after it is set', () => {
  for (const preset of EXPIRY_PRESETS.filter((p) => p.seconds !== null)) {
    const expiresAt = presetExpiresAt(preset, now);
    for (const later of [0, 999, 5_000, 29_000]) {
      assert.equal(describeExpiry(expiresAt, now + later), `expires in ${preset.label}`, `${preset.label} + ${later} ms`);
    }
  }
});

test('describeExpiry never says "in 0 …"', () => {
  for (let left = 1; left < 3 * 365 * DAY; left = Math.ceil(left * 1.01)) {
    assert.doesNotMatch(describeExpiry(nowS + left, now), / 0 /, String(left));
  }
});

test('nextWordingChange is the first ms at which describeExpiry reads differently', () => {
  assert.equal(nextWordingChange(null, now), undefined);
  assert.equal(nextWordingChange(nowS, now), undefined, 'expired stays expired');
  assert.equal(nextWordingChange(nowS + 30, now), now + 30_000, "'expired' from the second it expires");
  assert.equal(nextWordingChange(nowS + 100, now), now + 10_001, '2 minutes until 89.999 s are left');
  assert.equal(nextWordingChange(nowS + 7 * DAY, now), now + (DAY / 2) * 1000 + 1);
  // Walks a secret's whole life from 3 years out, change by change, checking each step.
  const expiresAt = nowS + 3 * 365 * DAY + 12_345;
  let t = now;
  let steps = 0;
  for (let next = nextWordingChange(expiresAt, t); next !== undefined; next = nextWordingChange(expiresAt, t)) {
    assert.ok(next > t, 'strictly later');
    assert.equal(describeExpiry(expiresAt, next - 1), describeExpiry(expiresAt, t), `same wording until just before ${next - now}`);
    assert.notEqual(describeExpiry(expiresAt, next), describeExpiry(expiresAt, t), `new wording at ${next - now}`);
    t = next;
    steps++;
  }
  assert.equal(describeExpiry(expiresAt, t), 'expired');
  // Into 2 years, 23..2 months, 59..1 days, 23..1 hours, 59..1 minutes, less than a minute, expired.
  assert.equal(steps, 1 + 22 + 59 + 23 + 59 + 1 + 1);
});

test('expiryState', () => {
  assert.equal(expiryState(null, now, 7), 'none');
  assert.equal(expiryState(nowS - 1, now, 7), 'expired');
  assert.equal(expiryState(nowS, now, 7), 'expired');
  assert.equal(expiryState(nowS + 7 * DAY, now, 7), 'soon');
  assert.equal(expiryState(nowS + 7 * DAY + 1, now, 7), 'ok');
  assert.equal(expiryState(nowS + HOUR, now, 0), 'ok', '0 turns the soon mark off');
  assert.equal(expiryState(nowS - 1, now, 0), 'expired');
});

test('presets: Never, 1 hour, 1 day, 7 days, 30 days', () => {
  assert.deepEqual(
    EXPIRY_PRESETS.map((p) => p.label),
    ['Never', '1 hour', '1 day', '7 days', '30 days'],
  );
  assert.deepEqual(
    EXPIRY_PRESETS.map((p) => presetExpiresAt(p, now + 999)),
    [null, nowS + HOUR, nowS + DAY, nowS + 7 * DAY, nowS + 30 * DAY],
  );
});

test('parseDateTime reads local date/time forms', () => {
  const local = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0) => new Date(y, mo - 1, d, h, mi, s).getTime() / 1000;
  const table: Array<[string, number]> = [
    ['2027-01-31 14:00', local(2027, 1, 31, 14, 0)],
    ['2027-01-31T14:00', local(2027, 1, 31, 14, 0)],
    ['2027-01-31 9:05', local(2027, 1, 31, 9, 5)],
    ['2027-01-31T14:00:30', local(2027, 1, 31, 14, 0, 30)],
    ['2027-01-31T14:00:30.750', local(2027, 1, 31, 14, 0, 30)],
    ['  2027-01-31  ', local(2027, 1, 31)],
    ['2027-01-31', local(2027, 1, 31)],
  ];
  for (const [text, seconds] of table) assert.deepEqual(parseDateTime(text, now), { ok: true, seconds }, text);
});

test('parseDateTime reads ISO forms with a zone', () => {
  const utc = Date.UTC(2027, 0, 31, 14, 0) / 1000;
  assert.deepEqual(parseDateTime('2027-01-31T14:00:00Z', now), { ok: true, seconds: utc });
  assert.deepEqual(parseDateTime('2027-01-31T14:00z', now), { ok: true, seconds: utc });
  assert.deepEqual(parseDateTime('2027-01-31T16:00:00+02:00', now), { ok: true, seconds: utc });
  assert.deepEqual(parseDateTime('2027-01-31T09:30:00-0430', now), { ok: true, seconds: utc });
  assert.deepEqual(parseDateTime('2027-01-31T14:00:00.000Z', now), { ok: true, seconds: utc });
});

test('parseDateTime refuses what is not a valid future date', () => {
  const table: Array<[string, RegExp]> = [
    ['', /YYYY-MM-DD/],
    ['tomorrow', /YYYY-MM-DD/],
    ['31/01/2027', /YYYY-MM-DD/],
    ['2027-1-31', /YYYY-MM-DD/],
    ['2027-02-30', /does not exist/],
    ['2027-13-01', /does not exist/],
    ['2027-01-31 24:00', /does not exist/],
    ['2027-01-31 12:60', /does not exist/],
    ['2027-02-29T10:00Z', /does not exist/],
    ['2020-01-01', /future/],
    ['2200-01-01', /100 years/],
  ];
  for (const [text, expected] of table) {
    const result = parseDateTime(text, now);
    assert.equal(result.ok, false, text);
    if (!result.ok) assert.match(result.error, expected, text);
  }
});

test('formatDateTime writes what parseDateTime reads back', () => {
  const seconds = new Date(2027, 0, 31, 14, 5).getTime() / 1000;
  assert.equal(formatDateTime(seconds), '2027-01-31 14:05');
  assert.deepEqual(parseDateTime(formatDateTime(seconds), now), { ok: true, seconds });
});

test('describeExpiry: an expiry no unit can hold (Infinity, NaN) is an error, not a wording', () => {
  // A JSON expires_at of 1e400 parses to Infinity: no count of years is below Infinity.
  for (const expiresAt of [Infinity, NaN]) {
    assert.throws(() => describeExpiry(expiresAt, now), /^Error: unreachable: the last unit has no upper bound$/, String(expiresAt));
  }
});

test('nextWordingChange: a secret without an expiry never changes wording, whatever the clock says', () => {
  for (const clock of [now, 0, Date.UTC(1969, 11, 31, 23, 59, 30)]) assert.equal(nextWordingChange(null, clock), undefined, String(clock));
});

test('nextWordingChange: with exactly one minute left, the wording changes 1 ms later', () => {
  assert.equal(describeExpiry(nowS + MIN, now), 'expires in 1 minute');
  assert.equal(nextWordingChange(nowS + MIN, now), now + 1);
  assert.equal(describeExpiry(nowS + MIN, now + 1), 'expires in less than a minute');
});

test('nextWordingChange: an expiry with no finite end never changes wording (undefined, not NaN)', () => {
  assert.equal(nextWordingChange(Infinity, now), undefined);
});

const FORMAT_HINT = 'Enter a date as YYYY-MM-DD or YYYY-MM-DD HH:MM (local time), e.g. 2027-01-31 14:00.';
const NO_SUCH_TIME =
  'That date or time does not exist; enter a date as YYYY-MM-DD or YYYY-MM-DD HH:MM (local time), e.g. 2027-01-31 14:00.';
const NO_SUCH_DATE = 'That date does not exist; enter a date as YYYY-MM-DD or YYYY-MM-DD HH:MM (local time), e.g. 2027-01-31 14:00.';

test('parseDateTime refuses text before or after the date', () => {
  for (const text of ['12027-01-31', 'on 2027-01-31', '2027-01-315', '2027-01-31 14:00 tomorrow', '2027-01-31T14:00:00+02:00:00']) {
    assert.deepEqual(parseDateTime(text, now), { ok: false, error: FORMAT_HINT }, text);
  }
});

test('parseDateTime accepts the last month, day, hour, minute and second', () => {
  const local = new Date(2027, 11, 31, 23, 59, 59).getTime() / 1000;
  assert.deepEqual(parseDateTime('2027-12-31 23:59:59', now), { ok: true, seconds: local });
  assert.deepEqual(parseDateTime('2027-12-31T23:59:59Z', now), { ok: true, seconds: Date.UTC(2027, 11, 31, 23, 59, 59) / 1000 });
});

test('parseDateTime: a month, day, hour, minute or second out of range is a date or time that does not exist', () => {
  const table = [
    '2027-00-10',
    '2027-13-01',
    '2027-01-00',
    '2027-01-32',
    '2027-01-31 24:00',
    '2027-01-31 12:60',
    '2027-01-31 12:00:60',
    '2027-01-31T24:00Z',
    '2027-01-31T12:00:60+02:00',
  ];
  for (const text of table) assert.deepEqual(parseDateTime(text, now), { ok: false, error: NO_SUCH_TIME }, text);
});

test('parseDateTime: a day past the end of its month is a date that does not exist', () => {
  for (const text of ['2027-02-29', '2027-02-30 10:00', '2027-04-31', '2027-02-29T10:00Z', '2027-06-31T10:00+02:00']) {
    assert.deepEqual(parseDateTime(text, now), { ok: false, error: NO_SUCH_DATE }, text);
  }
  assert.deepEqual(parseDateTime('2028-02-29T10:00Z', now), { ok: true, seconds: Date.UTC(2028, 1, 29, 10) / 1000 }, 'a leap day');
});

test('parseDateTime does not read a year below 100 as 19xx', () => {
  // Date and Date.UTC take years 0-99 as 1900-1999; with a clock in 1949, 1950 would be a valid expiry.
  const in1949 = Date.UTC(1949, 5, 1);
  for (const text of ['0050-01-15', '0050-01-15 12:00', '0050-01-15T12:00Z', '0050-01-15T12:00+01:00']) {
    assert.equal(parseDateTime(text, in1949).ok, false, text);
  }
});

test('parseDateTime: a day the local time zone skipped does not exist', (t) => {
  // Samoa moved across the date line at the end of 2011: 30 December never happened there.
  const before = process.env.TZ;
  process.env.TZ = 'Pacific/Apia';
  try {
    if (new Date(2011, 11, 30, 12).getDate() !== 31) {
      t.skip('this Node has no time zone data for Pacific/Apia');
      return;
    }
    const in2011 = Date.UTC(2011, 0, 1);
    assert.deepEqual(parseDateTime('2011-12-30 12:00', in2011), { ok: false, error: NO_SUCH_DATE });
    assert.deepEqual(parseDateTime('2011-12-31 12:00', in2011), { ok: true, seconds: Date.UTC(2011, 11, 30, 22) / 1000 });
  } finally {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  }
});
