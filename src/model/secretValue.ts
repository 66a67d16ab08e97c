/**
 * The decisions of the value editor that need no VS Code: where a secret lives in an editor URI,
 * whether a save may write, how a textarea's text becomes a value, and when typing starts a new
 * undo step. Unit-tested in plain Node.
 *
 *   stripe-secret:/<connectionId>/account/<name>?mode=reveal
 *   stripe-secret:/<connectionId>/user/<userId>/<name>?mode=edit
 *   stripe-secret:/<connectionId>/<acct_… or Stripe-Context path>/account/<name>?mode=reveal
 *
 * The last segment is the secret name, so the editor tab shows it. Only `%`, `/` and `\` are
 * percent-encoded (and segments that are exactly `.` or `..`), so ordinary names read as typed.
 * The URI names a secret; it never holds its value.
 */
import type { SecretMeta, SecretScope } from './types';

export interface SecretLocation {
  connectionId: string;
  /** An added account of the connection (undefined: its own account). */
  account?: string;
  scope: SecretScope;
  name: string;
}

/** Reveal opens the editor read-only, Edit editable; the mode is part of the URI. */
export type ValueEditorMode = 'reveal' | 'edit';

const MODE_PREFIX = 'mode=';

export function encodeSegment(segment: string): string {
  if (segment === '.' || segment === '..') return segment.replace(/\./g, '%2E');
  return segment.replace(/%/g, '%25').replace(/\//g, '%2F').replace(/\\/g, '%5C');
}

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

export function secretPath(location: SecretLocation): string {
  const scopePart = location.scope.type === 'account' ? 'account' : `user/${encodeSegment(location.scope.user)}`;
  const accountPart = location.account === undefined ? '' : `${encodeSegment(location.account)}/`;
  return `/${encodeSegment(location.connectionId)}/${accountPart}${scopePart}/${encodeSegment(location.name)}`;
}

/** The secret a path names, or undefined for a path that names none. */
export function parseSecretPath(path: string): SecretLocation | undefined {
  if (!path.startsWith('/')) return undefined;
  const parts = path.slice(1).split('/').map(decodeSegment);
  if (parts.some((p) => p === undefined || p === '')) return undefined;
  // An account segment (`acct_…`) never reads as the scope kind (`account`, `user`) that follows it.
  const account = parts[1]?.startsWith('acct_') ? parts.splice(1, 1)[0] : undefined;
  const on = account === undefined ? {} : { account };
  const [connectionId, kind, a, b, ...rest] = parts as string[];
  if (rest.length > 0 || connectionId === undefined || a === undefined) return undefined;
  if (kind === 'account' && b === undefined) return { connectionId, ...on, scope: { type: 'account' }, name: a };
  if (kind === 'user' && b !== undefined) return { connectionId, ...on, scope: { type: 'user', user: a }, name: b };
  return undefined;
}

export function modeQuery(mode: ValueEditorMode): string {
  return MODE_PREFIX + mode;
}

/** The mode a URI query asks for; anything but an explicit edit opens read-only. */
export function parseModeQuery(query: string): ValueEditorMode {
  return query.split('&').includes(modeQuery('edit')) ? 'edit' : 'reveal';
}

/** A key for maps of open editors and granted access: one per secret and mode. */
export function locationKey(location: SecretLocation, mode: ValueEditorMode): string {
  return `${secretPath(location)}?${modeQuery(mode)}`;
}

/** What Stripe holds now, fetched (with the value) right before a save writes. */
export type RemoteValue = { exists: true; payload: string; expiresAt: number | null } | { exists: false };

/**
 * What a save does, given the value as opened (`base`), the edited value (`draft`) and Stripe's:
 * - `write`: Stripe still holds the value as opened, so the draft replaces it;
 * - `unchanged`: Stripe already holds the draft, nothing to send;
 * - `conflict`: the value changed elsewhere since it was opened: ask before overwriting;
 * - `deleted`: the secret is gone: ask before creating it again.
 */
export type SaveDecision = 'write' | 'unchanged' | 'conflict' | 'deleted';

export function decideSave(base: string, draft: string, remote: RemoteValue): SaveDecision {
  if (!remote.exists) return 'deleted';
  if (remote.payload === draft) return 'unchanged';
  if (remote.payload === base) return 'write';
  return 'conflict';
}

/** The expiry a save sends again (a replace sets it anew), or null once it has passed. */
export function futureExpiry(meta: Pick<SecretMeta, 'expiresAt'> | undefined, nowMs: number): number | null {
  const at = meta?.expiresAt ?? null;
  return at !== null && at > nowMs / 1000 ? at : null;
}

/**
 * A textarea reports every line break as `\n` (the HTML "API value"), so a value whose line breaks
 * are all `\r\n` (a PEM key from Windows) would silently change on its first edit. When the value
 * as opened used `\r\n` throughout, the edited text gets `\r\n` back; otherwise it is kept as typed.
 */
export function restoreLineBreaks(text: string, base: string): string {
  const crlf = (base.match(/\r\n/g) ?? []).length;
  const lf = (base.match(/\n/g) ?? []).length;
  if (crlf === 0 || crlf !== lf || /\r(?!\n)/.test(base)) return text;
  return text.replace(/\r\n|\r|\n/g, '\r\n');
}

/** The same text as a textarea would report it, to tell an edit from a mere round trip. */
export function asTextareaValue(text: string): string {
  return text.replace(/\r\n|\r/g, '\n');
}

/**
 * Groups keystrokes into undo steps: a change starts a new step after a pause of `pauseMs`, or
 * after anything that closed the current one (a save, a revert, an undo or redo).
 */
export class EditCoalescer {
  private lastChange = -Infinity;
  private open = false;

  constructor(private readonly pauseMs = 1000) {}

  /** True when the change at `nowMs` starts a new undo step. */
  startsNewStep(nowMs: number): boolean {
    const fresh = !this.open || nowMs - this.lastChange > this.pauseMs;
    this.open = true;
    this.lastChange = nowMs;
    return fresh;
  }

  close(): void {
    this.open = false;
  }
}

/** What a save is aimed at, beyond the secret: the connection's mode and key as they were when the value was fetched. */
export interface ConnectionIdentity {
  mode: 'test' | 'live';
  keyLast4: string;
  keyKind: 'secret' | 'restricted' | 'organization';
  stripeAccount?: string;
  stripeContext?: string;
  apiBase?: string;
}

export function identityOf(connection: ConnectionIdentity): ConnectionIdentity {
  const { mode, keyLast4, keyKind, stripeAccount, stripeContext, apiBase } = connection;
  return { mode, keyLast4, keyKind, stripeAccount, stripeContext, apiBase };
}

export function sameIdentity(a: ConnectionIdentity | undefined, b: ConnectionIdentity | undefined): boolean {
  if (!a || !b) return false;
  return (
    a.mode === b.mode &&
    a.keyLast4 === b.keyLast4 &&
    a.keyKind === b.keyKind &&
    a.stripeAccount === b.stripeAccount &&
    a.stripeContext === b.stripeContext &&
    a.apiBase === b.apiBase
  );
}

/** What changed, in words: "it is now in LIVE mode, with the key ending in 1234". Never more of the key than its last four. */
export function describeIdentityChange(before: ConnectionIdentity, now: ConnectionIdentity): string {
  const parts: string[] = [];
  if (before.mode !== now.mode) parts.push(now.mode === 'live' ? 'it is now in LIVE mode' : 'it is now in test mode');
  if (before.keyLast4 !== now.keyLast4 || before.keyKind !== now.keyKind) parts.push(`its key now ends in ${now.keyLast4}`);
  if (before.stripeAccount !== now.stripeAccount)
    parts.push(now.stripeAccount ? `it now acts for ${now.stripeAccount}` : 'it no longer acts for a connected account');
  if (before.stripeContext !== now.stripeContext)
    parts.push(now.stripeContext ? `it now acts on ${now.stripeContext}` : 'it no longer names a Stripe-Context');
  if (before.apiBase !== now.apiBase) parts.push('it now talks to another API address');
  return parts.join(', ');
}

/** True when two reads of Stripe found the same thing (the value and its expiry). */
export function sameRemote(a: RemoteValue, b: RemoteValue): boolean {
  if (!a.exists || !b.exists) return a.exists === b.exists;
  return a.payload === b.payload && a.expiresAt === b.expiresAt;
}
