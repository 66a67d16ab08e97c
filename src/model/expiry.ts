/** Expiry wording, states and parsing for secrets (`expires_at` is unix seconds, `now` is unix ms). */
import { validateExpiry } from './validation';

export type ExpiryState = 'none' | 'ok' | 'soon' | 'expired';

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}

/** Units from small to large; a count that rounds up to `below` moves to the next unit. */
const UNITS: ReadonlyArray<{ name: string; seconds: number; below: number }> = [
  { name: 'minute', seconds: MINUTE, below: 60 },
  { name: 'hour', seconds: HOUR, below: 24 },
  { name: 'day', seconds: DAY, below: 60 },
  { name: 'month', seconds: 30 * DAY, below: 24 },
  { name: 'year', seconds: 365 * DAY, below: Infinity },
];

/**
 * '' for no expiry, 'expired', 'expires in less than a minute', or 'expires in N unit(s)' rounded
 * to the nearest unit (a secret set for 7 days still reads "7 days" seconds later): minutes, then
 * hours from 59.5 minutes, days from 23.5 hours, months (30 days) from 59.5 days, years (365 days)
 * from 23.5 months. N is never 0.
 */
export function describeExpiry(expiresAt: number | null, nowMs: number): string {
  if (expiresAt === null) return '';
  // In ms, so that a count of exactly N.5 units (a rounding boundary) is exact.
  const left = expiresAt * 1000 - nowMs;
  if (left <= 0) return 'expired';
  if (left < MINUTE * 1000) return 'expires in less than a minute';
  for (const unit of UNITS) {
    const n = Math.round(left / (unit.seconds * 1000));
    if (n < unit.below) return `expires in ${plural(n, unit.name)}`;
  }
  throw new Error('unreachable: the last unit has no upper bound');
}

/**
 * The first moment (unix ms, after `nowMs`) at which describeExpiry's text for this secret changes,
 * or undefined when it never will (no expiry, or already expired).
 */
export function nextWordingChange(expiresAt: number | null, nowMs: number): number | undefined {
  if (expiresAt === null) return undefined;
  const left = expiresAt * 1000 - nowMs;
  if (left <= 0) return undefined;
  // 'expired' starts when nothing is left; every other wording holds while `left` >= its lower
  // bound, so it changes 1 ms after `left` reaches that bound.
  if (left < MINUTE * 1000) return expiresAt * 1000;
  let floor = MINUTE;
  for (const unit of UNITS) {
    const n = Math.round(left / (unit.seconds * 1000));
    if (n < unit.below) return (expiresAt - Math.max(floor, (n - 0.5) * unit.seconds)) * 1000 + 1;
    floor = (unit.below - 0.5) * unit.seconds;
  }
  return undefined;
}

/** `soonDays` of 0 (or less) turns the 'soon' state off, as the expiringSoonDays setting documents. */
export function expiryState(expiresAt: number | null, nowMs: number, soonDays: number): ExpiryState {
  if (expiresAt === null) return 'none';
  const left = expiresAt - nowMs / 1000;
  if (left <= 0) return 'expired';
  if (soonDays > 0 && left <= soonDays * DAY) return 'soon';
  return 'ok';
}

export interface ExpiryPreset {
  label: string;
  /** Seconds from now, or null for a secret that never expires. */
  seconds: number | null;
}

/** The choices of the set-secret picker; a custom date is typed and read by parseDateTime. */
export const EXPIRY_PRESETS: readonly ExpiryPreset[] = [
  { label: 'Never', seconds: null },
  { label: '1 hour', seconds: HOUR },
  { label: '1 day', seconds: DAY },
  { label: '7 days', seconds: 7 * DAY },
  { label: '30 days', seconds: 30 * DAY },
];

/** The `expires_at` a preset gives at `nowMs`, or null for Never. */
export function presetExpiresAt(preset: ExpiryPreset, nowMs: number): number | null {
  return preset.seconds === null ? null : Math.floor(nowMs / 1000) + preset.seconds;
}

export type ParsedDateTime = { ok: true; seconds: number } | { ok: false; error: string };

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*(Z|[+-]\d{2}:?\d{2})?)?$/i;

const FORMAT_HINT = 'Enter a date as YYYY-MM-DD or YYYY-MM-DD HH:MM (local time), e.g. 2027-01-31 14:00.';

/**
 * Reads a typed date/time: `2027-01-31` (local midnight), `2027-01-31 14:00`, `2027-01-31T14:00:30`
 * (local time), or ISO with a zone (`...Z`, `...+02:00`). Impossible dates such as 2027-02-30 are
 * refused rather than rolled over. The result must also pass validateExpiry.
 */
export function parseDateTime(text: string, nowMs: number): ParsedDateTime {
  const m = DATE_TIME.exec(text.trim());
  if (!m) return { ok: false, error: FORMAT_HINT };
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const [hour, minute, second] = [Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)];
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) {
    return { ok: false, error: 'That date or time does not exist; ' + FORMAT_HINT[0].toLowerCase() + FORMAT_HINT.slice(1) };
  }
  const zone = m[8];
  let ms: number;
  let fieldsMatch: boolean;
  if (zone === undefined) {
    const d = new Date(year, month - 1, day, hour, minute, second);
    ms = d.getTime();
    fieldsMatch = d.getFullYear() === year && d.getMonth() === month - 1 && d.getDate() === day;
  } else {
    const utc = Date.UTC(year, month - 1, day, hour, minute, second);
    const d = new Date(utc);
    fieldsMatch = d.getUTCFullYear() === year && d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
    let offsetMinutes = 0;
    if (zone.toUpperCase() !== 'Z') {
      const digits = zone.replace(':', '');
      offsetMinutes = (digits[0] === '-' ? -1 : 1) * (Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5)));
    }
    ms = utc - offsetMinutes * 60_000;
  }
  if (!fieldsMatch || Number.isNaN(ms)) {
    return { ok: false, error: 'That date does not exist; ' + FORMAT_HINT[0].toLowerCase() + FORMAT_HINT.slice(1) };
  }
  const seconds = Math.floor(ms / 1000);
  const invalid = validateExpiry(seconds, nowMs);
  return invalid === undefined ? { ok: true, seconds } : { ok: false, error: invalid };
}

/** `YYYY-MM-DD HH:MM` in local time: the form parseDateTime reads back (to prefill an input box). */
export function formatDateTime(seconds: number): string {
  const d = new Date(seconds * 1000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}
