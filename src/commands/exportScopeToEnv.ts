import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { dotenvNameProblem, formatDotenv, formatDotenvValue, VALUE_REFUSAL } from '../model/dotenv';
import { formatDateTime } from '../model/expiry';
import { gitIgnoreState, privateFileProblem, realTargetPath, writePrivateFile } from '../fs/privateFile';
import type { SecretMeta } from '../model/types';
import type { ConnectionInfo, Services } from '../services';
import { gitignoreAddition, gitignoreLine } from '../model/gitignore';
import { shortReason } from '../ui/errorReport';
import { resolveScopeTarget, scopeSecrets } from '../ui/pickers';
import { scopeDescription } from '../model/scope';
import { secretCount } from './importEnvFile';
import type { CommandHandler } from './types';

export const EXPORT_BUTTON = 'Export';
export const EXPORT_OTHERS_BUTTON = 'Export the Others';
export const WRITE_ANYWAY_BUTTON = 'Write Anyway';
export const CHOOSE_ANOTHER_BUTTON = 'Choose Another Location…';
export const ADD_TO_GITIGNORE_BUTTON = 'Add to .gitignore';

function header(connection: ConnectionInfo, where: string, secrets: readonly SecretMeta[], now: Date): string[] {
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

/** `account.env` or `<user id>.env` in the home folder: outside the workspace, where no commit picks it up. */
function defaultUri(fileName: string): vscode.Uri {
  return vscode.Uri.file(path.join(os.homedir(), fileName));
}

/**
 * Appends the file to its workspace folder's .gitignore, on a line of its own that matches only it.
 * The .gitignore is opened without following a symlink (a link could point anywhere) and only
 * appended to.
 */
async function addToGitignore(folder: vscode.WorkspaceFolder, file: string): Promise<void> {
  const gitignore = path.join(folder.uri.fsPath, '.gitignore');
  const flags = fs.constants.O_RDWR | fs.constants.O_APPEND | fs.constants.O_CREAT | fs.constants.O_NOFOLLOW;
  const handle = await fs.promises.open(gitignore, flags, 0o644).catch((error: NodeJS.ErrnoException) => {
    throw new Error(error.code === 'ELOOP' ? `${gitignore} is a symbolic link: add ${path.basename(file)} to it yourself, or choose another location.` : `Could not open ${gitignore}: ${error.message}`);
  });
  try {
    const addition = gitignoreAddition(await handle.readFile('utf8'), gitignoreLine(path.relative(folder.uri.fsPath, file)));
    if (addition !== undefined) await handle.appendFile(addition, 'utf8');
  } finally {
    await handle.close();
  }
}

/**
 * The file to write: from the save dialog, and again while it lies in the workspace where git would
 * not ignore it, unless the person adds it to .gitignore or writes it anyway. Undefined when cancelled.
 */
async function chooseExportFile(services: Services, title: string, fileName: string): Promise<vscode.Uri | undefined> {
  let proposal = defaultUri(fileName);
  for (;;) {
    const uri = await services.prompts.saveDialog({ title, saveLabel: EXPORT_BUTTON, defaultUri: proposal });
    if (!uri) return undefined;
    if (uri.scheme !== 'file') {
      await services.prompts.error(`Choose a file on this machine's disk: ${uri.scheme} locations cannot be written with owner-only permissions.`);
      return undefined;
    }
    // A link or a shared file is refused before any question about git: no answer makes it safe.
    const problem = await privateFileProblem(uri.fsPath);
    if (problem) {
      await services.prompts.error(`Nothing was exported: ${problem}`);
      return undefined;
    }
    const risk = await commitRisk(uri);
    if (!risk) return uri;
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    const canIgnore = folder !== undefined && vscode.workspace.isTrusted && !/not a git repository|git is not installed/.test(risk);
    const question = `${path.basename(uri.fsPath)} would hold secret values, and ${risk}. Choose a path outside the workspace${canIgnore ? ', or add it to .gitignore' : ''}.`;
    // The first button takes Enter: choosing another place is the safe answer.
    const buttons = canIgnore ? [CHOOSE_ANOTHER_BUTTON, ADD_TO_GITIGNORE_BUTTON, WRITE_ANYWAY_BUTTON] : [CHOOSE_ANOTHER_BUTTON, WRITE_ANYWAY_BUTTON];
    const choice = await services.prompts.warning(question, { modal: true }, ...buttons);
    if (choice === WRITE_ANYWAY_BUTTON) return uri;
    if (choice === CHOOSE_ANOTHER_BUTTON) {
      proposal = defaultUri(path.basename(uri.fsPath));
      continue;
    }
    if (choice !== ADD_TO_GITIGNORE_BUTTON || !folder) return undefined;
    await addToGitignore(folder, uri.fsPath);
    // Checked again: a later `!` rule, or a file git already tracks, still gets it committed.
    const still = await commitRisk(uri);
    if (!still) {
      services.log.info(`Added ${gitignoreLine(path.relative(folder.uri.fsPath, uri.fsPath))} to ${path.join(folder.uri.fsPath, '.gitignore')}.`);
      return uri;
    }
    await services.prompts.error(`Added it to .gitignore, but ${still}. Choose another location.`);
    proposal = defaultUri(path.basename(uri.fsPath));
  }
}

/** Undefined when the file may be written without asking; else why it could be committed. Asked about the real path, links resolved. */
async function commitRisk(uri: vscode.Uri): Promise<string | undefined> {
  const real = await realTargetPath(uri.fsPath);
  const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(real)) ?? vscode.workspace.getWorkspaceFolder(uri);
  if (!folder) return undefined;
  // git runs the repository's configuration: only in a workspace the person trusts.
  if (!vscode.workspace.isTrusted) return `it is inside the workspace folder ${folder.name}, which is not trusted, so git was not asked whether it ignores the file`;
  const state = await gitIgnoreState(path.dirname(real), real);
  return state.ignored ? undefined : `it is inside the workspace folder ${folder.name}, and ${state.reason}`;
}

/**
 * Export Scope as .env…: reveals every secret of a scope (after a modal in live mode), names what a
 * .env file cannot hold, and writes the rest, owner-only, to a file the person picks in the save
 * dialog, after a warning when git would not ignore it. No value passes through a text document.
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
  const badNames = listed.flatMap((s) => {
    const problem = dotenvNameProblem(s.name);
    return problem ? [`'${s.name}' (its name: ${problem})`] : [];
  });
  const exportable = listed.filter((s) => dotenvNameProblem(s.name) === undefined);
  if (exportable.length === 0) {
    await services.prompts.error(`None of the secrets in ${where} of ${connection.label} has a name a .env file can hold: ${badNames.join('; ')}.`);
    return;
  }

  if (connection.mode === 'live' && services.settings().confirmRevealInLiveMode) {
    const question = `Write the live values of ${secretCount(exportable.length)} from ${where} of ${connection.label} to a .env file?`;
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

  const writable = revealed.filter((s) => formatDotenvValue(s.payload) !== undefined);
  const refused = [...badNames, ...revealed.filter((s) => !writable.includes(s)).map((s) => `'${s.name}' (its value: ${VALUE_REFUSAL})`)];
  if (writable.length === 0) {
    throw new Error(`Nothing from ${where} of ${connection.label} can be written to a .env file that dotenv reads back: ${refused.join('; ')}.`);
  }
  if (refused.length > 0) {
    const question = `${refused.length === 1 ? '1 secret' : `${refused.length} secrets`} of ${where} cannot be written to a .env file that dotenv reads back: ${refused.join('; ')}. Export the other ${secretCount(writable.length)}?`;
    if ((await services.prompts.warning(question, { modal: true }, EXPORT_OTHERS_BUTTON)) !== EXPORT_OTHERS_BUTTON) return;
  }

  const uri = await chooseExportFile(services, `Export ${where} of ${connection.label} as .env`, `${scope.type === 'account' ? 'account' : scope.user.replace(/[^\w.-]/g, '_')}.env`);
  if (!uri) return;

  const content = formatDotenv(
    writable.map((s) => ({ name: s.name, value: s.payload })),
    { header: header(connection, where, writable, new Date()) },
  );
  await writePrivateFile(uri.fsPath, content);
  // eslint-disable-next-line @typescript-eslint/no-floating-promises -- notification: the flow goes on without waiting for it to be closed
  void services.prompts.info(`Exported ${secretCount(writable.length)} of ${where} of ${connection.label} to ${uri.fsPath} (readable by you only). Do not commit it.`);

  if (failures.length > 0) throw new Error(`Exported ${writable.length} of ${exportable.length} secrets; not exported: ${failures.join('; ')}.`);
};
