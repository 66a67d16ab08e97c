/** Wording shared by the tree, the status bar and the pickers. No `vscode` import: unit-tested in plain Node. */
import type { ConnectionInfo } from '../services';

/** `TEST` or `LIVE`, the badge every connection carries. */
export function modeBadge(info: Pick<ConnectionInfo, 'mode'>): string {
  return info.mode === 'live' ? 'LIVE' : 'TEST';
}

/** The tree and picker description of a connection: `TEST`, `LIVE · acct_123`, `TEST · emulator`. */
export function connectionDescription(info: ConnectionInfo): string {
  const parts = [modeBadge(info)];
  if (info.stripeAccount) parts.push(info.stripeAccount);
  if (info.stripeCli) parts.push('Stripe CLI key');
  if (info.emulator) parts.push('emulator');
  else if (info.apiBase) parts.push(hostOf(info.apiBase));
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
