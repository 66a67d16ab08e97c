/**
 * The path of a secret in the `stripe-secret` file system, and how a document's text becomes a
 * value. No `vscode` import: unit-tested in plain Node.
 *
 *   /<connectionId>/account/<name>
 *   /<connectionId>/user/<userId>/<name>
 *
 * The last segment is the secret name, so the editor tab shows it. Only `%`, `/` and `\` are
 * percent-encoded (and segments that are exactly `.` or `..`), so ordinary names read as typed.
 */
import type { SecretScope } from '../model/types';

/** The query that marks a read-only (Reveal) document; Edit documents have none. */
export const READONLY_QUERY = 'readonly';

export interface SecretLocation {
  connectionId: string;
  scope: SecretScope;
  name: string;
}

/** A folder of the virtual tree: VS Code stats parents before it writes a file. */
export interface FolderLocation {
  folder: true;
}

export function encodeSegment(segment: string): string {
  if (segment === '.' || segment === '..') return segment.replace(/\./g, '%2E');
  return segment.replace(/%/g, '%25').replace(/\//g, '%2F').replace(/\\/g, '%5C');
}

export function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

export function secretPath(location: SecretLocation): string {
  const scopePart = location.scope.type === 'account' ? 'account' : `user/${encodeSegment(location.scope.user)}`;
  return `/${encodeSegment(location.connectionId)}/${scopePart}/${encodeSegment(location.name)}`;
}

/** A secret, a folder on the way to one, or undefined for a path that cannot exist. */
export function parseSecretPath(path: string): SecretLocation | FolderLocation | undefined {
  if (!path.startsWith('/')) return undefined;
  const raw = path === '/' ? [] : path.slice(1).split('/');
  const parts = raw.map(decodeSegment);
  if (parts.some((p) => p === undefined || p === '')) return undefined;
  const [connectionId, kind, a, b, ...rest] = parts as string[];
  if (rest.length > 0) return undefined;
  if (connectionId === undefined) return { folder: true };
  if (kind === undefined) return { folder: true };
  if (kind === 'account') {
    if (a === undefined) return { folder: true };
    return b === undefined ? { connectionId, scope: { type: 'account' }, name: a } : undefined;
  }
  if (kind === 'user') {
    if (a === undefined || b === undefined) return { folder: true };
    return { connectionId, scope: { type: 'user', user: a }, name: b };
  }
  return undefined;
}

export function isSecretLocation(location: SecretLocation | FolderLocation | undefined): location is SecretLocation {
  return location !== undefined && !('folder' in location);
}

/**
 * Editors (and `files.insertFinalNewline`) add a line break at the end of a file, which would
 * silently become part of the secret. So exactly one trailing `\n` or `\r\n` is dropped on save,
 * unless the value as last read already ended with a line break (then the text is kept as is).
 */
export function payloadFromText(text: string, originalEndsWithNewline: boolean): string {
  if (originalEndsWithNewline) return text;
  if (text.endsWith('\r\n')) return text.slice(0, -2);
  if (text.endsWith('\n')) return text.slice(0, -1);
  return text;
}

export function endsWithNewline(value: string): boolean {
  return value.endsWith('\n');
}
