import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { formatDotenv } from '../model/dotenv';
import {
  exportedMessage,
  exportFileName,
  exportHeader,
  exportOthersQuestion,
  failedReveal,
  liveExportQuestion,
  noExportableNameMessage,
  nothingRevealedMessage,
  nothingWritableMessage,
  partialExportMessage,
  planExportNames,
  planExportValues,
  type ExportNames,
} from '../model/exportPlan';
import { gitIgnoreState, privateFileProblem, realTargetPath, writePrivateFile } from '../fs/privateFile';
import type { SecretMeta, SecretWithPayload } from '../model/types';
import type { Services } from '../services';
import { gitignoreAddition, gitignoreLine } from '../model/gitignore';
import { shortReason } from '../ui/errorReport';
import { resolveScopeTarget, scopeSecrets, type ScopeTarget } from '../ui/pickers';
import { scopeDescription } from '../model/scope';
import { secretCount } from '../model/importPlan';
import type { CommandHandler } from './types';

export const EXPORT_BUTTON = 'Export';
export const EXPORT_OTHERS_BUTTON = 'Export the Others';
export const WRITE_ANYWAY_BUTTON = 'Write Anyway';
export const CHOOSE_ANOTHER_BUTTON = 'Choose Another Location…';
export const ADD_TO_GITIGNORE_BUTTON = 'Add to .gitignore';

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
    throw new Error(
      error.code === 'ELOOP'
        ? `${gitignore} is a symbolic link: add ${path.basename(file)} to it yourself, or choose another location.`
        : `Could not open ${gitignore}: ${error.message}`,
    );
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
      await services.prompts.error(
        `Choose a file on this machine's disk: ${uri.scheme} locations cannot be written with owner-only permissions.`,
      );
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
    const buttons = canIgnore
      ? [CHOOSE_ANOTHER_BUTTON, ADD_TO_GITIGNORE_BUTTON, WRITE_ANYWAY_BUTTON]
      : [CHOOSE_ANOTHER_BUTTON, WRITE_ANYWAY_BUTTON];
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
      services.log.info(
        `Added ${gitignoreLine(path.relative(folder.uri.fsPath, uri.fsPath))} to ${path.join(folder.uri.fsPath, '.gitignore')}.`,
      );
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
  if (!vscode.workspace.isTrusted)
    return `it is inside the workspace folder ${folder.name}, which is not trusted, so git was not asked whether it ignores the file`;
  const state = await gitIgnoreState(path.dirname(real), real);
  return state.ignored ? undefined : `it is inside the workspace folder ${folder.name}, and ${state.reason}`;
}

interface ExportValues {
  /** What the file will hold, sorted by name. */
  writable: SecretWithPayload[];
  /** How many names a .env file can hold (the "of N" of a partial export). */
  exportable: number;
  /** The reveals that failed, each `'NAME' (reason)`. */
  failures: string[];
}

/**
 * The reads: every exportable value revealed at once (the client's limiter keeps the requests in
 * flight under maxConcurrentRequests), then split by what dotenv reads back. Throws when nothing
 * can be written; undefined when the person declines to export the others.
 */
async function revealForExport(
  services: Services,
  target: ScopeTarget,
  exportable: readonly SecretMeta[],
  badNames: readonly string[],
): Promise<ExportValues | undefined> {
  const { connection, scope } = target;
  const where = scopeDescription(scope);
  const client = await services.connections.client(connection.id, connection.account);
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
    return [failedReveal(exportable[i].name, shortReason(r.reason, connection.emulator === true))];
  });
  if (revealed.length === 0) {
    if (results.length === 1 && results[0].status === 'rejected') throw results[0].reason;
    throw new Error(nothingRevealedMessage(where, connection.label, failures));
  }

  const { writable, refused } = planExportValues(revealed, badNames);
  if (writable.length === 0) throw new Error(nothingWritableMessage(where, connection.label, refused));
  if (refused.length > 0) {
    const question = exportOthersQuestion(where, refused, writable.length);
    if ((await services.prompts.warning(question, { modal: true }, EXPORT_OTHERS_BUTTON)) !== EXPORT_OTHERS_BUTTON) return undefined;
  }
  return { writable, exportable: exportable.length, failures };
}

/** The names to export, after the live question; undefined (having said why) when there are none, or when declined. */
async function askExportNames(services: Services, target: ScopeTarget): Promise<ExportNames<SecretMeta> | undefined> {
  const { connection, scope } = target;
  const where = scopeDescription(scope);
  const listed = await scopeSecrets(services, target);
  if (listed.length === 0) {
    await services.prompts.info(`There are no secrets in ${where} of ${connection.label} to export.`);
    return undefined;
  }
  const names = planExportNames(listed);
  if (names.exportable.length === 0) {
    await services.prompts.error(noExportableNameMessage(where, connection.label, names.badNames));
    return undefined;
  }
  if (connection.mode === 'live' && services.settings().confirmRevealInLiveMode) {
    const question = liveExportQuestion(names.exportable.length, where, connection.label);
    if ((await services.prompts.warning(question, { modal: true }, EXPORT_BUTTON)) !== EXPORT_BUTTON) return undefined;
  }
  return names;
}

/** The write: owner-only, the values only in the file's content; then what was done, and what was not. */
async function writeExport(services: Services, target: ScopeTarget, values: ExportValues, uri: vscode.Uri): Promise<void> {
  const { connection, scope } = target;
  const where = scopeDescription(scope);
  const content = formatDotenv(
    values.writable.map((s) => ({ name: s.name, value: s.payload })),
    { header: exportHeader(connection, where, values.writable, new Date()) },
  );
  await writePrivateFile(uri.fsPath, content);
  // eslint-disable-next-line @typescript-eslint/no-floating-promises -- notification: the flow goes on without waiting for it to be closed
  void services.prompts.info(exportedMessage(values.writable.length, where, connection.label, uri.fsPath));
  if (values.failures.length > 0) throw new Error(partialExportMessage(values.writable.length, values.exportable, values.failures));
}

/**
 * Export Scope as .env…: reveals every secret of a scope (after a modal in live mode), names what a
 * .env file cannot hold, and writes the rest, owner-only, to a file the person picks in the save
 * dialog, after a warning when git would not ignore it. No value passes through a text document.
 */
export const exportScopeToEnv: CommandHandler = async (services, node) => {
  const target = await resolveScopeTarget(services, node, { placeHolder: 'Choose the scope to export' });
  if (!target) return;
  const names = await askExportNames(services, target);
  if (!names) return;
  const values = await revealForExport(services, target, names.exportable, names.badNames);
  if (!values) return;
  const where = scopeDescription(target.scope);
  const uri = await chooseExportFile(services, `Export ${where} of ${target.connection.label} as .env`, exportFileName(target.scope));
  if (!uri) return;
  await writeExport(services, target, values, uri);
};
