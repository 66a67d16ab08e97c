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
