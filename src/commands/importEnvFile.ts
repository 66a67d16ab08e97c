import * as vscode from 'vscode';
import { SECRET_URI_SCHEME } from '../constants';
import { parseDotenv, type DotenvEntry, type DotenvProblem } from '../model/dotenv';
import {
  importAction,
  importDoneMessage,
  importFailureMessage,
  importLimitRefusal,
  importQuestion,
  importRecheck,
  notImportedRows,
  nothingToImportMessage,
  previewPlaceholder,
  previewRows,
  secretCount,
} from '../model/importPlan';
import type { SecretScope } from '../model/types';
import type { ConnectionInfo, Services, TreeNode } from '../services';
import type { SecretStore } from '../stripe/types';
import { shortReason } from '../ui/errorReport';
import { writeTitle } from '../ui/labels';
import { resolveScopeTarget } from '../ui/pickers';
import { promptExpiry } from '../ui/secretPrompts';
import { scopeDescription, scopeFullHint } from '../model/scope';
import type { CommandHandler } from './types';
import { keepThenWrite, readCurrent } from '../history/keepHistory';
import { offerUndo } from '../history/restore';
import { confirmDestructive, runSteps } from '../ui/prompts';

// Re-exported where the other commands and tests have always found them.
export { importLimitRefusal, secretCount };

export const CHOOSE_FILE_LABEL = 'Choose a file…';
export const IMPORT_BUTTON = 'Import';
export const GO_ON_LABEL = 'Go on to the preview';
export const NOT_IMPORTED_SEPARATOR = 'Not imported, and notes';
/** Ten values of at most 5000 characters fit many times over; more is not a .env file. */
const MAX_FILE_BYTES = 1024 * 1024;

export function activeEditorLabel(document: vscode.TextDocument): string {
  return `Use the active editor (${baseName(document.uri)})`;
}

function baseName(uri: vscode.Uri): string {
  return uri.path.split('/').pop() || uri.path;
}

/** `.env`, `.env.local`, `prod.env`, or any document VS Code calls dotenv; never a secret's own document. */
export function isDotenvDocument(document: vscode.TextDocument): boolean {
  if (document.uri.scheme === SECRET_URI_SCHEME) return false;
  return document.languageId === 'dotenv' || /^\.env(\.|$)|\.env$/i.test(baseName(document.uri));
}

interface Source {
  /** For messages: the file's name, never its content. */
  name: string;
  text: string;
}

/**
 * The active editor's text when it is a .env-like document and the person chooses it (unsaved
 * edits included: what is on screen is what is imported), else a file from the open dialog.
 */
async function chooseSource(services: Services): Promise<Source | undefined> {
  const active = vscode.window.activeTextEditor?.document;
  if (active && isDotenvDocument(active)) {
    const useActive = activeEditorLabel(active);
    const picked = await services.prompts.quickPick(
      [
        { label: useActive, description: active.isUntitled ? 'unsaved' : vscode.workspace.asRelativePath(active.uri) },
        { label: CHOOSE_FILE_LABEL },
      ],
      { placeHolder: 'The .env file to import' },
    );
    if (!picked) return undefined;
    if (picked.label === useActive) return { name: baseName(active.uri), text: active.getText() };
  }
  const uris = await vscode.window.showOpenDialog({
    canSelectMany: false,
    canSelectFolders: false,
    openLabel: IMPORT_BUTTON,
    title: 'Import .env File',
  });
  const uri = uris?.[0];
  if (!uri) return undefined;
  const stat = await vscode.workspace.fs.stat(uri);
  if (stat.size > MAX_FILE_BYTES) throw new Error(`${baseName(uri)} is larger than 1 MB, too large to be a .env file.`);
  return { name: baseName(uri), text: new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri)) };
}

interface ImportAnswers {
  connection: ConnectionInfo;
  scope: SecretScope;
  where: string;
  client: SecretStore;
  /** The names the scope held when the preview was shown. */
  existing: string[];
  chosen: DotenvEntry[];
  expiresAt: number | null;
}

/**
 * The prompts: the scope, the file, then as steps with Back (titled `LIVE · <connection>` on a live
 * one): the lines that import nothing (only when there are some, as a list without checkboxes), the
 * preview, the expiry. Undefined when cancelled or refused.
 */
async function askImport(services: Services, node: TreeNode | undefined): Promise<ImportAnswers | undefined> {
  const target = await resolveScopeTarget(services, node, { placeHolder: 'Choose the scope to import into' });
  if (!target) return undefined;
  const { connection, scope } = target;
  const where = scopeDescription(scope);

  const source = await chooseSource(services);
  if (!source) return undefined;
  const { entries, problems } = parseDotenv(source.text);
  if (problems.length > 0) services.log.info(`Import from ${source.name}: ${problems.map((p) => p.message).join('; ')}`);
  if (entries.length === 0) {
    await services.prompts.error(nothingToImportMessage(source.name, problems));
    return undefined;
  }

  const client = await services.connections.client(connection.id, connection.account);
  // A fresh listing, as Set Secret does: the tree's cache may be stale, and the limit check and
  // the "replaces existing" marks must match what Stripe holds now.
  const existing = (await client.list(scope)).map((s) => s.name);
  const a: Partial<ImportAnswers> = { connection, scope, where, client, existing };
  const steps: Array<(k: number) => Promise<boolean>> = [];
  const title = (action: string, k: number) =>
    writeTitle(`${action} from ${source.name} into ${where} of ${connection.label}`, [connection], { n: k, of: steps.length });
  if (problems.length > 0) steps.push((k) => showNotImported(services, problems, entries.length, title('Import', k), k > 1));
  steps.push(async (k) => {
    a.chosen = await previewImport(services, entries, existing, (checked) => title(importAction(checked), k), k > 1);
    if (!a.chosen || a.chosen.length === 0) return false;
    const refusal = importLimitRefusal(
      existing,
      a.chosen.map((e) => e.name),
      where,
    );
    if (refusal) await services.prompts.error(`${refusal} ${scopeFullHint(existing)}`);
    return refusal === undefined;
  });
  steps.push(async (k) => {
    const expiry = await promptExpiry(services, Date.now, { title: title(importAction(a.chosen!.length), k), canGoBack: k > 1 });
    a.expiresAt = expiry?.expiresAt;
    return expiry !== undefined;
  });
  if (!(await runSteps(steps.map((run, i) => () => run(i + 1))))) return undefined;
  return a as ImportAnswers;
}

/**
 * The lines that import nothing, and notes on lines, each with its reason in full on its detail
 * line: a list of its own, since a row of the preview would carry a checkbox that does nothing.
 * Any row goes on to the preview.
 */
async function showNotImported(
  services: Services,
  problems: readonly DotenvProblem[],
  importable: number,
  title: string,
  canGoBack: boolean,
): Promise<boolean> {
  const rows = notImportedRows(problems);
  const picked = await services.prompts.quickPick(
    [
      { label: `$(arrow-right) ${GO_ON_LABEL} (${secretCount(importable)})` },
      { label: NOT_IMPORTED_SEPARATOR, kind: vscode.QuickPickItemKind.Separator },
      ...rows,
    ],
    {
      title,
      canGoBack,
      placeHolder: `${problems.length === 1 ? '1 line is' : `${problems.length} lines are`} not imported, or noted: Enter goes on`,
      matchOnDetail: true,
    },
  );
  return picked !== undefined;
}

/** The preview: a checkbox per secret the file can set (values never shown); the title and the accept button say what Enter does. */
async function previewImport(
  services: Services,
  entries: readonly DotenvEntry[],
  existing: readonly string[],
  titleFor: (checked: number) => string,
  canGoBack: boolean,
): Promise<DotenvEntry[] | undefined> {
  type Item = vscode.QuickPickItem & { entry: DotenvEntry };
  const items: Item[] = previewRows(entries, existing).map((row) => ({
    label: row.entry.name,
    description: row.description,
    detail: row.detail,
    picked: row.picked,
    entry: row.entry,
  }));
  const picked = await services.prompts.quickPickMany(items, {
    titleFor: (checked) => titleFor(checked.length),
    acceptLabel: (checked) => importAction(checked.length),
    placeHolder: previewPlaceholder(entries),
    canGoBack,
    matchOnDescription: true,
  });
  return picked?.map((item) => item.entry);
}

/** The modal confirmation; the safe button first when a value is replaced. */
async function confirmImport(services: Services, a: ImportAnswers): Promise<boolean> {
  const question = importQuestion({
    chosen: a.chosen,
    existingNames: a.existing,
    where: a.where,
    connectionLabel: a.connection.label,
    live: a.connection.mode === 'live',
    retentionDays: services.settings().historyRetentionDays,
    expiresAt: a.expiresAt,
  });
  return question.replaces
    ? confirmDestructive(services.prompts, question.message, IMPORT_BUTTON, "Don't Import")
    : (await services.prompts.warning(question.message, { modal: true }, IMPORT_BUTTON)) === IMPORT_BUTTON;
}

/**
 * The writes: the scope listed again after the modals (a name created meanwhile is not replaced
 * without the question), then every set at once (the client's limiter keeps the requests in flight
 * under maxConcurrentRequests), each replaced value read right before its write and kept in history.
 */
async function executeImport(services: Services, a: ImportAnswers): Promise<void> {
  const { connection, scope, where, client, chosen } = a;
  const listedNow = (await client.list(scope)).map((s) => s.name);
  const stop = importRecheck(chosen, a.existing, listedNow, where, connection.label);
  if (stop) {
    await services.prompts.error(stop);
    return;
  }
  const history = services.history;
  const results = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Importing ${secretCount(chosen.length)} into ${where}` },
    (progress) =>
      Promise.allSettled(
        chosen.map(async (e) => {
          const old = history.enabled && listedNow.includes(e.name) ? await readCurrent(client, e.name, scope) : undefined;
          const done = await keepThenWrite(services, connection, scope, e.name, old, e.value, 'overwrite', () =>
            client.set({ name: e.name, scope, payload: e.value, expiresAt: a.expiresAt }),
          );
          progress.report({ increment: 100 / chosen.length });
          return done.entry;
        }),
      ),
  );
  const kept = results.flatMap((r) => (r.status === 'fulfilled' && r.value ? [r.value] : []));

  const fs = services.valueEditors;
  const failures: Array<{ name: string; reason: string }> = [];
  let firstError: unknown;
  results.forEach((result, i) => {
    const name = chosen[i].name;
    if (result.status === 'fulfilled') {
      fs.notifyChanged({ connectionId: connection.id, account: connection.account, scope, name });
      return;
    }
    firstError ??= result.reason;
    failures.push({ name, reason: shortReason(result.reason, connection.emulator === true) });
    services.log.error(`Importing '${name}' into ${where} (${connection.label}) failed:`, result.reason);
  });
  if (failures.length < chosen.length) services.tree.refreshScope(connection.id, scope, connection.account);

  if (failures.length === 0) {
    offerUndo(services, importDoneMessage(chosen.length, kept.length, where, connection.label), kept);
    return;
  }
  // One failure keeps its original error, so the funnel offers its buttons (Re-enter API Key, Retry).
  if (chosen.length === 1) throw firstError;
  throw new Error(importFailureMessage(chosen.length, failures, where, connection.label));
}

/**
 * Import .env File into Scope…: parse, show what imports nothing, preview (every entry picked, values
 * never shown), check the 10-per-scope limit against a fresh listing before any write, one expiry for
 * all, a modal confirmation, then set each; a failure names its secret and the others stay imported.
 */
export const importEnvFile: CommandHandler = async (services, node) => {
  const answers = await askImport(services, node);
  if (!answers || !(await confirmImport(services, answers))) return;
  await executeImport(services, answers);
};
