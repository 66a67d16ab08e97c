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
