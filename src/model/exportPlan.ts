/**
 * The plan of Export Scope as .env…, apart from its prompts, its reads and its file: which names a
 * .env file can hold, which values dotenv reads back, the file's header and name, and how each
 * outcome reads. Plain Node; a value goes only into the file's content, never into a message.
 */
import { dotenvNameProblem, formatDotenvValue, VALUE_REFUSAL } from './dotenv';
import { formatDateTime } from './expiry';
import { secretCount } from './importPlan';
import type { SecretMeta, SecretScope } from './types';

/** The secrets of a scope sorted by name, split by whether a .env file can hold the name. */
export interface ExportNames<T extends Pick<SecretMeta, 'name'>> {
  exportable: T[];
  /** `'a=b' (its name: …)`, one per name a .env file cannot hold. */
  badNames: string[];
}

export function planExportNames<T extends Pick<SecretMeta, 'name'>>(listed: readonly T[]): ExportNames<T> {
  const sorted = [...listed].sort((a, b) => a.name.localeCompare(b.name));
  const badNames = sorted.flatMap((s) => {
    const problem = dotenvNameProblem(s.name);
    return problem ? [`'${s.name}' (its name: ${problem})`] : [];
  });
  return { exportable: sorted.filter((s) => dotenvNameProblem(s.name) === undefined), badNames };
}

/** The revealed secrets split by whether dotenv reads the value back exactly; `refused` names all that stay out. */
export function planExportValues<T extends { name: string; payload: string }>(
  revealed: readonly T[],
  badNames: readonly string[],
): { writable: T[]; refused: string[] } {
  const writable = revealed.filter((s) => formatDotenvValue(s.payload) !== undefined);
  const refused = [...badNames, ...revealed.filter((s) => !writable.includes(s)).map((s) => `'${s.name}' (its value: ${VALUE_REFUSAL})`)];
  return { writable, refused };
}

/** The comment lines at the top of the file: where from, when, a warning, and the expiries a .env file cannot hold. */
export function exportHeader(
  connection: { label: string; mode: string },
  where: string,
  secrets: ReadonlyArray<Pick<SecretMeta, 'name' | 'expiresAt'>>,
  now: Date,
): string[] {
  const lines = [
    `Secrets of ${where} of ${connection.label} (${connection.mode} mode), exported ${now.toISOString()} by Stripe App Secrets.`,
    'These are secret values: do not commit this file, keep it out of version control, and delete it when you no longer need it.',
  ];
  const expiring = secrets.filter((s) => s.expiresAt !== null);
  if (expiring.length > 0) {
    lines.push(`A .env file has no expiry dates: ${expiring.map((s) => `${s.name} expires ${formatDateTime(s.expiresAt!)}`).join(', ')}.`);
  }
  return lines;
}

/** `account.env`, or `<user id>.env` with anything but word characters, dots and dashes replaced. */
export function exportFileName(scope: SecretScope): string {
  return `${scope.type === 'account' ? 'account' : scope.user.replace(/[^\w.-]/g, '_')}.env`;
}

export function noExportableNameMessage(where: string, connectionLabel: string, badNames: readonly string[]): string {
  return `None of the secrets in ${where} of ${connectionLabel} has a name a .env file can hold: ${badNames.join('; ')}.`;
}

export function liveExportQuestion(count: number, where: string, connectionLabel: string): string {
  return `Write the live values of ${secretCount(count)} from ${where} of ${connectionLabel} to a .env file?`;
}

/** `'A' (Forbidden)`: a secret whose reveal failed, with its short reason. */
export function failedReveal(name: string, reason: string): string {
  return `'${name}' (${reason.replace(/[.\s]+$/, '')})`;
}

export function nothingRevealedMessage(where: string, connectionLabel: string, failures: readonly string[]): string {
  return `Nothing was exported from ${where} of ${connectionLabel}: ${failures.join('; ')}.`;
}

export function nothingWritableMessage(where: string, connectionLabel: string, refused: readonly string[]): string {
  return `Nothing from ${where} of ${connectionLabel} can be written to a .env file that dotenv reads back: ${refused.join('; ')}.`;
}

export function exportOthersQuestion(where: string, refused: readonly string[], writable: number): string {
  return `${refused.length === 1 ? '1 secret' : `${refused.length} secrets`} of ${where} cannot be written to a .env file that dotenv reads back: ${refused.join('; ')}. Export the other ${secretCount(writable)}?`;
}

export function exportedMessage(count: number, where: string, connectionLabel: string, file: string): string {
  return `Exported ${secretCount(count)} of ${where} of ${connectionLabel} to ${file} (readable by you only). Do not commit it.`;
}

export function partialExportMessage(written: number, exportable: number, failures: readonly string[]): string {
  return `Exported ${written} of ${exportable} secrets; not exported: ${failures.join('; ')}.`;
}
