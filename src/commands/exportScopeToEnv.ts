import * as vscode from 'vscode';
import { dotenvNameProblem, formatDotenv } from '../model/dotenv';
import { formatDateTime } from '../model/expiry';
import { openExportDocument } from '../fs/exportDocuments';
import type { SecretMeta } from '../model/types';
import type { ConnectionInfo } from '../services';
import { shortReason } from '../ui/errorReport';
import { resolveScopeTarget, scopeSecrets } from '../ui/pickers';
import { scopeDescription } from './secretRules';
import { secretCount } from './importEnvFile';
import type { CommandHandler } from './types';

export const EXPORT_BUTTON = 'Export';

function header(connection: ConnectionInfo, where: string, secrets: readonly SecretMeta[], now: Date): string[] {
  const lines = [
    `Secrets of ${where} of ${connection.label} (${connection.mode} mode), exported ${now.toISOString()} by Stripe App Secrets.`,
    'These are secret values: do not commit this file. It is not saved; if you save it, keep it out of version control.',
  ];
  const expiring = secrets.filter((s) => s.expiresAt !== null);
  if (expiring.length > 0) {
    lines.push(`A .env file has no expiry dates: ${expiring.map((s) => `${s.name} expires ${formatDateTime(s.expiresAt!)}`).join(', ')}.`);
  }
  return lines;
}

/**
 * Export Scope as .env…: reveals every secret of a scope (after a modal in live mode) into a
 * read-only document that is never dirty, so never backed up; the person may Save As.
 */
export const exportScopeToEnv: CommandHandler = async (services, node) => {
  const target = await resolveScopeTarget(services, node, { placeHolder: 'Choose the scope to export' });
  if (!target) return;
  const { connection, scope } = target;
  const where = scopeDescription(scope);

  const listed = (await scopeSecrets(services, target)).sort((a, b) => a.name.localeCompare(b.name));
  if (listed.length === 0) {
    await services.prompts.info(`There are no secrets in ${where} of ${connection.label} to export.`);
    return;
  }
  const left = listed.flatMap((s) => {
    const problem = dotenvNameProblem(s.name);
    return problem ? [`'${s.name}' (${problem})`] : [];
  });
  const exportable = listed.filter((s) => dotenvNameProblem(s.name) === undefined);
  if (exportable.length === 0) {
    await services.prompts.error(`None of the secrets in ${where} of ${connection.label} has a name a .env file can hold: ${left.join('; ')}.`);
    return;
  }

  if (connection.mode === 'live' && services.settings().confirmRevealInLiveMode) {
    const question = `Show the live values of ${secretCount(exportable.length)} from ${where} of ${connection.label} in a read-only document?`;
    if ((await services.prompts.warning(question, { modal: true }, EXPORT_BUTTON)) !== EXPORT_BUTTON) return;
  }

  const client = await services.connections.client(connection.id);
  const results = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Revealing ${secretCount(exportable.length)} of ${where}` },
    (progress) =>
      Promise.allSettled(
        exportable.map(async (s) => {
          const revealed = await client.reveal(s.name, scope);
          progress.report({ increment: 100 / exportable.length });
          return revealed;
        }),
      ),
  );
  const revealed = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
  const failures = results.flatMap((r, i) => {
    if (r.status === 'fulfilled') return [];
    services.log.error(`Revealing '${exportable[i].name}' for an export (${connection.label}) failed:`, r.reason);
    return [`'${exportable[i].name}' (${shortReason(r.reason, connection.emulator === true).replace(/[.\s]+$/, '')})`];
  });
  if (revealed.length === 0) {
    if (results.length === 1 && results[0].status === 'rejected') throw results[0].reason;
    throw new Error(`Nothing was exported from ${where} of ${connection.label}: ${failures.join('; ')}.`);
  }

  const content = formatDotenv(
    revealed.map((s) => ({ name: s.name, value: s.payload })),
    { header: header(connection, where, revealed, new Date()) },
  );
  const document = await openExportDocument(`${scope.type === 'account' ? 'account' : scope.user}.env`, content);
  await vscode.window.showTextDocument(document, { preview: false });

  if (left.length > 0) void services.prompts.warning(`Left out of the export, as a .env file cannot hold their names: ${left.join('; ')}.`, { modal: false });
  if (failures.length > 0) throw new Error(`Exported ${revealed.length} of ${exportable.length} secrets; not exported: ${failures.join('; ')}.`);
};
