/** Pure rules for the saved connection list (no `vscode`): ids, default labels, order, user-id edits. */
import { createHash, timingSafeEqual } from 'node:crypto';
import { parseStoredAccounts } from '../model/accounts';
import type { KeyMode } from '../model/types';
import { isLoopbackHost, validateApiBase } from '../model/validation';
import type { ConnectionInfo } from '../services';

/** A short id unique among `existing`; `random` yields hex (injectable so tests are deterministic). */
export function makeConnectionId(existing: readonly string[], random: () => string): string {
  for (;;) {
    const id = `conn_${random()}`;
    if (!existing.includes(id)) return id;
  }
}

/** `Test account 1234` (the key's last four), made unique with ` (2)`, ` (3)`… */
export function defaultConnectionLabel(
  mode: KeyMode,
  keyLast4: string,
  stripeAccount: string | undefined,
  existingLabels: readonly string[],
): string {
  const base = `${mode === 'live' ? 'Live' : 'Test'} ${stripeAccount ? stripeAccount : 'account'} ${keyLast4}`;
  return uniqueLabel(base, existingLabels);
}

export function uniqueLabel(base: string, existingLabels: readonly string[]): string {
  if (!existingLabels.includes(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base} (${n})`;
    if (!existingLabels.includes(candidate)) return candidate;
  }
}

/** The active connection first, then the others in the order added: the order of the connection pick. */
export function activeFirst(connections: readonly ConnectionInfo[], activeId: string | undefined): ConnectionInfo[] {
  return [...connections.filter((c) => c.id === activeId), ...connections.filter((c) => c.id !== activeId)];
}

/** The id of the connection that stays active after `removedId` goes: unchanged, else the first left. */
export function activeAfterRemoval(
  connections: readonly ConnectionInfo[],
  activeId: string | undefined,
  removedId: string,
): string | undefined {
  const left = connections.filter((c) => c.id !== removedId);
  if (activeId !== undefined && activeId !== removedId && left.some((c) => c.id === activeId)) return activeId;
  return left[0]?.id;
}

/** Why `userId` cannot be added to `userIds`, or undefined. */
export function duplicateUserId(userIds: readonly string[], userId: string): string | undefined {
  return userIds.includes(userId) ? `The user scope ${userId} is already listed for this connection.` : undefined;
}

export function withUserId(userIds: readonly string[], userId: string): string[] {
  return userIds.includes(userId) ? [...userIds] : [...userIds, userId];
}

export function withoutUserId(userIds: readonly string[], userId: string): string[] {
  return userIds.filter((u) => u !== userId);
}

/**
 * Reads what globalState holds, dropping entries that do not look like connections (a hand-edited
 * or older state must not break activation).
 */
export function parseStoredConnections(raw: unknown): ConnectionInfo[] {
  if (!Array.isArray(raw)) return [];
  return raw
    .filter(
      (c): c is ConnectionInfo =>
        typeof c === 'object' &&
        c !== null &&
        typeof c.id === 'string' &&
        typeof c.label === 'string' &&
        (c.mode === 'test' || c.mode === 'live') &&
        typeof c.keyLast4 === 'string' &&
        (c.keyKind === 'secret' || c.keyKind === 'restricted' || c.keyKind === 'organization') &&
        Array.isArray(c.userIds) &&
        c.userIds.every((u: unknown) => typeof u === 'string'),
    )
    .map(withStoredAccounts);
}

/**
 * A connection saved before accounts existed (one key, an optional `stripeAccount`, `userIds`)
 * reads as is: those fields are its own account. Added accounts are read leniently.
 */
function withStoredAccounts(c: ConnectionInfo): ConnectionInfo {
  const { accounts: rawAccounts, ownAccountLabel, ...rest } = c as ConnectionInfo & { accounts?: unknown; ownAccountLabel?: unknown };
  const out: ConnectionInfo = rest;
  const accounts = parseStoredAccounts(rawAccounts);
  if (accounts) out.accounts = accounts;
  if (typeof ownAccountLabel === 'string' && ownAccountLabel !== '') out.ownAccountLabel = ownAccountLabel;
  return out;
}

/**
 * Which connections Settings Sync carries: all but the local emulator's, whose API base is a port on
 * this machine (on another one it would be a row that can never load). Ephemeral (demo) connections
 * are never stored at all.
 */
export function splitForSync(all: readonly ConnectionInfo[]): { synced: ConnectionInfo[]; local: ConnectionInfo[] } {
  const kept = all.filter((c) => !c.ephemeral);
  return { synced: kept.filter((c) => !c.emulator), local: kept.filter((c) => c.emulator) };
}

/**
 * The demo hook's decision: the emulator URL to add a connection for, or undefined when the
 * variable is unset, not a loopback http(s) base (`error` says why), or already connected.
 */
export function demoEmulatorUrl(raw: string | undefined, connections: readonly ConnectionInfo[]): { url?: string; error?: string } {
  const url = raw?.trim().replace(/\/$/, '');
  if (!url) return {};
  if (validateApiBase(url) !== undefined || !isLoopbackHost(new URL(url).hostname)) {
    return { error: 'must be a loopback address such as http://127.0.0.1:12111; ignored.' };
  }
  return connections.some((c) => c.apiBase === url) ? {} : { url };
}

function sha256(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** What the demo writes into the extension's install folder for `token`: its SHA-256, in hex. */
export function demoTokenFileContent(token: string): string {
  return sha256(token).toString('hex');
}

/** Whether the token in the environment matches the hash the demo wrote; both must be present. */
export function demoTokenAccepted(token: string | undefined, fileContent: string | undefined): boolean {
  if (!token || !fileContent) return false;
  const expected = Buffer.from(fileContent.trim(), 'hex');
  const actual = sha256(token);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** Names one demo run (its token, else its URL), so a demo connection the person removed stays removed. */
export function demoMarker(url: string, token: string | undefined): string {
  return sha256(`${token ?? ''}\n${url}`).toString('hex');
}
