/**
 * When a secret row next needs redrawing because time passed: no `vscode` import, so the
 * scheduling rules are unit-tested in plain Node.
 */
import { nextWordingChange } from '../model/expiry';

const DAY_MS = 24 * 3600 * 1000;

/** Wording changes further out than this are left to the next reload or redraw (an hour's text changes hourly). */
export const WORDING_HORIZON_MS = 3600 * 1000;
/** setTimeout fires at once for delays above 2^31-1 ms. */
export const MAX_TIMER_DELAY_MS = 2 ** 31 - 1;
/** Never sooner than this, so a boundary that just passed cannot make the timer spin. */
export const MIN_TIMER_DELAY_MS = 1000;

/**
 * The first moment (unix ms, after `nowMs`) at which any of these secrets turns expired, turns
 * 'soon' (`soonDays` before expiry; 0 turns that off), or reads differently within the next
 * `horizonMs`; undefined when none will.
 */
export function nextExpiryBoundary(
  secrets: Iterable<{ expiresAt: number | null }>,
  nowMs: number,
  soonDays: number,
  horizonMs: number = WORDING_HORIZON_MS,
): number | undefined {
  let next: number | undefined;
  const consider = (at: number) => {
    if (at > nowMs && (next === undefined || at < next)) next = at;
  };
  for (const { expiresAt } of secrets) {
    if (expiresAt === null) continue;
    consider(expiresAt * 1000);
    if (soonDays > 0) consider(expiresAt * 1000 - soonDays * DAY_MS);
    const wording = nextWordingChange(expiresAt, nowMs);
    if (wording !== undefined && wording - nowMs <= horizonMs) consider(wording);
  }
  return next;
}

/** The setTimeout delay to reach `atMs` from `nowMs`, kept between MIN_TIMER_DELAY_MS and MAX_TIMER_DELAY_MS. */
export function timerDelay(atMs: number, nowMs: number): number {
  return Math.min(MAX_TIMER_DELAY_MS, Math.max(MIN_TIMER_DELAY_MS, Math.ceil(atMs - nowMs)));
}
