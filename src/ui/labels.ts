/** Wording shared by the tree, the status bar and the pickers. No `vscode` import: unit-tested in plain Node. */
import type { ConnectionInfo } from '../services';

/** `TEST` or `LIVE`, the badge every connection carries. */
export function modeBadge(info: Pick<ConnectionInfo, 'mode'>): string {
  return info.mode === 'live' ? 'LIVE' : 'TEST';
}

/** What a connection row says when Settings Sync brought it without its key. */
export const NO_KEY_HERE = 'No API key on this machine';

/** `sandbox · expires 2026-12-09` / `sandbox · expired 2026-11-30` / `sandbox`, or undefined for an account. */
export function sandboxDescription(info: Pick<ConnectionInfo, 'sandbox'>, nowMs: number): string | undefined {
  if (!info.sandbox) return undefined;
  const day = info.sandbox.expiresAt?.slice(0, 10);
  if (day === undefined) return 'sandbox';
  const expired = Date.parse(`${day}T00:00:00Z`) <= nowMs;
  return `sandbox · ${expired ? 'expired' : 'expires'} ${day}`;
}

/** `TEST`, `LIVE`, `TEST · sandbox`: the badge, and whether the account is a sandbox, for the status bar. */
export function modeAndSandbox(info: Pick<ConnectionInfo, 'mode' | 'sandbox'>): string {
  return info.sandbox ? `${modeBadge(info)} · sandbox` : modeBadge(info);
}

/** The tree and picker description of a connection: `TEST`, `LIVE · acct_123`, `TEST · emulator`. */
export function connectionDescription(info: ConnectionInfo): string {
  const parts = [modeAndSandbox(info)];
  if (info.stripeAccount) parts.push(info.stripeAccount);
  if (info.stripeContext) parts.push(info.stripeContext);
  if (info.stripeCli) parts.push('Stripe CLI key');
  if (info.emulator) parts.push('emulator');
  else if (info.apiBase) parts.push(hostOf(info.apiBase));
  return parts.join(' · ');
}

/**
 * A connection row's description in the tree: `TEST`, `LIVE · acct_123`, `TEST · emulator`. The API
 * host stays in the tooltip: at a 300 px sidebar it pushed the rest out of sight ("TEST · 127.…").
 */
export function connectionRowDescription(info: ConnectionInfo, nowMs = Date.now()): string {
  const parts = [modeBadge(info)];
  const sandbox = sandboxDescription(info, nowMs);
  if (sandbox) parts.push(sandbox);
  if (info.stripeAccount) parts.push(info.stripeAccount);
  if (info.stripeContext) parts.push(info.stripeContext);
  if (info.emulator) parts.push('emulator');
  return parts.join(' · ');
}

/** `secret key ••••1234` / `restricted key ••••1234`: enough to tell keys apart, never more. */
export function keyDescription(info: Pick<ConnectionInfo, 'keyKind' | 'keyLast4'>): string {
  return `${info.keyKind} key ••••${info.keyLast4}`;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/** `7/10` once a scope is loaded. */
export function fillDescription(count: number, max: number): string {
  return `${count}/${max}`;
}

/** Text safe to put in a MarkdownString (labels and names come from the person or from Stripe). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}

/**
 * Text from code (a secret name, a user id) as plain text in a trusted MarkdownString: every ASCII
 * punctuation character escaped (no link, emphasis, entity or theme icon can form), and line breaks,
 * tabs and other invisible characters shown as `\n`, `\t`, `\u{200B}` instead of acting.
 */
export function markdownPlainText(text: string): string {
  // eslint-disable-next-line no-control-regex
  const visible = text.replace(/[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g, (c) => {
    const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };
    return named[c] ?? `\\u{${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}}`;
  });
  return visible.replace(/[!-/:-@[-`{-~]/g, '\\$&');
}

/**
 * The title of a step that writes: `LIVE · My app · Set Secret (Step 2 of 4)` when it writes to a live
 * connection, so live mode shows at every step, not only in the status bar.
 */
export function writeTitle(
  title: string,
  connections: ReadonlyArray<Pick<ConnectionInfo, 'mode' | 'label'>>,
  step?: { n: number; of: number },
): string {
  const live = [...new Set(connections.filter((c) => c.mode === 'live').map((c) => c.label))];
  const counted = step ? `${title} (Step ${step.n} of ${step.of})` : title;
  return live.length > 0 ? `LIVE · ${live.join(', ')} · ${counted}` : counted;
}

/** The extension host's time zone: `Europe/Paris (UTC+01:00)`. In a remote window that is the server's. */
export function timeZoneName(atMs: number = Date.now()): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'local time';
  const offset = -new Date(atMs).getTimezoneOffset();
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${zone} (UTC${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')})`;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** `31 Dec 2026 14:00`, local time: a date in full, without the zone (a row's description). */
export function dayAndTime(seconds: number): string {
  const d = new Date(seconds * 1000);
  return `${d.getDate()} ${MONTHS[d.getMonth()]} ${d.getFullYear()} ${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
}

/** `Thu 31 Dec 2026 14:00 Europe/Paris (UTC+01:00)`: a date in full, with the zone it is read in. */
export function fullDateTime(seconds: number): string {
  return `${WEEKDAYS[new Date(seconds * 1000).getDay()]} ${dayAndTime(seconds)} ${timeZoneName(seconds * 1000)}`;
}

/** The connection status bar item as a sentence, in plain text (no Markdown): what a screen reader says. */
export function statusA11yLabel(info: ConnectionInfo, count: number): string {
  const parts = [
    `Stripe Secrets connection ${info.label}`,
    info.mode === 'live' ? 'LIVE mode, changes affect real apps' : 'test mode',
    connectionDescription(info),
    keyDescription(info),
  ];
  if (info.stripeAccount) parts.push(`acting on ${info.stripeAccount}`);
  if (info.stripeContext) parts.push(`Stripe-Context ${info.stripeContext}`);
  if (info.apiBase) parts.push(`API ${info.apiBase}`);
  parts.push(count > 1 ? 'press to switch connection' : 'press to manage connections');
  return parts.join(', ');
}

/** `A 31 Dec 2026 14:00 · B 30 Jun 2027 14:00: B 181 days later`, `A never · B …: only B expires`. */
export function expiryDifference(a: number | null, b: number | null): string {
  const date = (s: number | null) => (s === null ? 'never' : dayAndTime(s));
  const dates = `A ${date(a)} · B ${date(b)}`;
  if (a === null || b === null) return `${dates}: only ${a === null ? 'B' : 'A'} expires`;
  const days = Math.round(Math.abs(b - a) / 86_400);
  const amount = days === 0 ? 'less than a day' : `${days} day${days === 1 ? '' : 's'}`;
  return `${dates}: ${b > a ? 'B' : 'A'} ${amount} later`;
}
