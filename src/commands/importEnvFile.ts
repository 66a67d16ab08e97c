import * as vscode from 'vscode';
import { SECRET_URI_SCHEME } from '../constants';
import { valueEditorsOf } from '../valueEditor/valueEditorProvider';
import { parseDotenv, type DotenvEntry, type DotenvProblem } from '../model/dotenv';
import { formatDateTime } from '../model/expiry';
import { MAX_SECRETS_PER_SCOPE } from '../model/types';
import type { Services } from '../services';
import { shortReason } from '../ui/errorReport';
import { resolveScopeTarget } from '../ui/pickers';
import { promptExpiry } from '../ui/secretPrompts';
import { scopeDescription } from '../model/scope';
import type { CommandHandler } from './types';
import { historyOf, keepThenWrite, readCurrent } from '../history/keepHistory';
import { offerUndo } from '../history/restore';
import { scopeFullHint } from '../model/scope';
import { confirmDestructive } from '../ui/prompts';

export const CHOOSE_FILE_LABEL = 'Choose a file…';
export const IMPORT_BUTTON = 'Import';
/** Ten values of at most 5000 characters fit many times over; more is not a .env file. */
const MAX_FILE_BYTES = 1024 * 1024;
const PROBLEMS_SHOWN = 5;

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

export function secretCount(n: number): string {
  return n === 1 ? '1 secret' : `${n} secrets`;
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
  const uris = await vscode.window.showOpenDialog({ canSelectMany: false, canSelectFolders: false, openLabel: IMPORT_BUTTON, title: 'Import .env File' });
  const uri = uris?.[0];
  if (!uri) return undefined;
  const stat = await vscode.workspace.fs.stat(uri);
  if (stat.size > MAX_FILE_BYTES) throw new Error(`${baseName(uri)} is larger than 1 MB, too large to be a .env file.`);
  return { name: baseName(uri), text: new TextDecoder('utf-8').decode(await vscode.workspace.fs.readFile(uri)) };
}

function problemList(problems: readonly DotenvProblem[]): string {
  const shown = problems.slice(0, PROBLEMS_SHOWN).map((p) => p.message);
  const more = problems.length - shown.length;
  return shown.join('; ') + (more > 0 ? `; and ${more} more (see the log)` : '');
}

/** Undefined when the picks fit in the scope; else the sentence that refuses them. */
export function importLimitRefusal(existingNames: readonly string[], pickedNames: readonly string[], where: string): string | undefined {
  const existing = new Set(existingNames);
  const newNames = pickedNames.filter((n) => !existing.has(n));
  const total = existing.size + newNames.length;
  if (total <= MAX_SECRETS_PER_SCOPE) return undefined;
  const drop = total - MAX_SECRETS_PER_SCOPE;
  return `${where[0].toUpperCase()}${where.slice(1)} holds ${secretCount(existing.size)} and ${newNames.length} of the picked names are new: that makes ${total}, more than the ${MAX_SECRETS_PER_SCOPE} Stripe allows. Leave out ${drop} of the new names, or delete ${drop} ${drop === 1 ? 'secret' : 'secrets'} from the scope first.`;
}

/**
 * Import .env File into Scope…: parse, preview (every entry picked, values never shown), check the
 * 10-per-scope limit against a fresh listing before any write, one expiry for all, a modal
 * confirmation, then set each; a failure names its secret and the others stay imported.
 */
export const importEnvFile: CommandHandler = async (services, node) => {
  const target = await resolveScopeTarget(services, node, { placeHolder: 'Choose the scope to import into' });
  if (!target) return;
  const { connection, scope } = target;
  const where = scopeDescription(scope);

  const source = await chooseSource(services);
  if (!source) return;
  const { entries, problems } = parseDotenv(source.text);
  if (problems.length > 0) services.log.info(`Import from ${source.name}: ${problems.map((p) => p.message).join('; ')}`);
  if (entries.length === 0) {
    const why = problems.length > 0 ? `: ${problemList(problems)}` : ': it has no NAME=value lines.';
    await services.prompts.error(`Nothing to import from ${source.name}${why}`);
    return;
  }
  if (problems.length > 0) {
    // eslint-disable-next-line @typescript-eslint/no-floating-promises -- notification: the flow goes on without waiting for it to be closed
    void services.prompts.warning(`${source.name}: ${problems.length === 1 ? '1 problem' : `${problems.length} problems`}, by line: ${problemList(problems)}.`, { modal: false });
  }

  const client = await services.connections.client(connection.id);
  // A fresh listing, as Set Secret does: the tree's cache may be stale, and the limit check and
  // the "replaces existing" marks must match what Stripe holds now.
  const existing = new Set((await client.list(scope)).map((s) => s.name));
  type Item = vscode.QuickPickItem & { entry?: DotenvEntry };
  // A line dotenv reads otherwise than its author probably meant starts unchecked, with the reason.
  // The lines left out follow under a separator, as rows that import nothing even when checked (a
  // quick pick renders no text for separators that end the list). Never a value.
  const items: Item[] = [
    ...entries.map((entry) => ({
      label: entry.name,
      description: existing.has(entry.name) ? 'replaces existing' : 'new',
      detail: entry.warning ? `$(warning) ${entry.warning}` : `line ${entry.line}`,
      picked: !entry.warning,
      entry,
    })),
    ...(problems.length === 0 ? [] : [{ label: 'Not imported, and notes', kind: vscode.QuickPickItemKind.Separator }]),
    ...problems.map((p) => ({ label: `$(circle-slash) line ${p.line}`, detail: p.message, picked: false })),
  ];
  const ambiguous = entries.filter((e) => e.warning).length;
  const picked = await services.prompts.quickPickMany(items, {
    title: `Import from ${source.name} into ${where} of ${connection.label}`,
    placeHolder: `Uncheck the secrets not to import (values are not shown)${ambiguous > 0 ? `; ${ambiguous} left unchecked, see why` : ''}`,
    canPickMany: true,
    matchOnDescription: true,
  });
  const chosen = (picked ?? []).flatMap((item) => (item.entry ? [item.entry] : []));
  if (chosen.length === 0) return;

  const refusal = importLimitRefusal([...existing], chosen.map((e) => e.name), where);
  if (refusal) {
    await services.prompts.error(`${refusal} ${scopeFullHint([...existing])}`);
    return;
  }

  const expiry = await promptExpiry(services);
  if (!expiry) return;
  const replaced = chosen.filter((e) => existing.has(e.name)).map((e) => `'${e.name}'`);
  const replacing = replaced.length;
  const one = chosen.length === 1;
  const days = services.settings().historyRetentionDays;
  const fate = days > 0 ? `history keeps the old ${replacing === 1 ? 'value' : 'values'} for ${days} day${days === 1 ? '' : 's'}` : 'which cannot be recovered';
  const live = connection.mode === 'live' ? 'LIVE ' : '';
  const question = [
    `Import ${secretCount(chosen.length)} into ${where} of ${connection.label}?`,
    replacing === 0
      ? ''
      : replacing === chosen.length
        ? `${one ? `It replaces the existing ${live}value of ${replaced[0]}` : `They replace the existing ${live}values of ${replaced.join(', ')}`}; ${fate}.`
        : `${replacing} of them ${replacing === 1 ? `replaces the existing ${live}value of` : `replace the existing ${live}values of`} ${replaced.join(', ')}; ${fate}.`,
    expiry.expiresAt === null ? (one ? 'It never expires.' : 'They never expire.') : `${one ? 'It expires' : 'They expire'} ${formatDateTime(expiry.expiresAt)}.`,
  ].filter((s) => s).join(' ');
  const go = replacing > 0
    ? await confirmDestructive(services.prompts, question, IMPORT_BUTTON, "Don't Import")
    : (await services.prompts.warning(question, { modal: true }, IMPORT_BUTTON)) === IMPORT_BUTTON;
  if (!go) return;

  // Listed again after the modals: a name created meanwhile is not replaced without the question.
  const listedNow = (await client.list(scope)).map((s) => s.name);
  const createdMeanwhile = chosen.filter((e) => !existing.has(e.name) && listedNow.includes(e.name)).map((e) => `'${e.name}'`);
  if (createdMeanwhile.length > 0) {
    await services.prompts.error(`Nothing imported: ${createdMeanwhile.join(', ')} ${createdMeanwhile.length === 1 ? 'was' : 'were'} created in ${where} of ${connection.label} while you answered, and would be replaced. Import again to see the current state.`);
    return;
  }
  const full = importLimitRefusal(listedNow, chosen.map((e) => e.name), where);
  if (full) {
    await services.prompts.error(`${full} ${scopeFullHint(listedNow)}`);
    return;
  }

  // All at once: the client's limiter keeps the requests in flight under maxConcurrentRequests.
  // A replaced value is read right before its write (one request each) and kept in history.
  const history = historyOf(services);
  const results = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Importing ${secretCount(chosen.length)} into ${where}` },
    (progress) =>
      Promise.allSettled(
        chosen.map(async (e) => {
          const old = history.enabled && listedNow.includes(e.name) ? await readCurrent(client, e.name, scope) : undefined;
          const done = await keepThenWrite(services, connection, scope, e.name, old, e.value, 'overwrite', () =>
            client.set({ name: e.name, scope, payload: e.value, expiresAt: expiry.expiresAt }),
          );
          progress.report({ increment: 100 / chosen.length });
          return done.entry;
        }),
      ),
  );
  const kept = results.flatMap((r) => (r.status === 'fulfilled' && r.value ? [r.value] : []));

  const fs = valueEditorsOf(services);
  const failures: Array<{ name: string; reason: string }> = [];
  let firstError: unknown;
  results.forEach((result, i) => {
    const name = chosen[i].name;
    if (result.status === 'fulfilled') {
      fs.notifyChanged({ connectionId: connection.id, scope, name });
      return;
    }
    firstError ??= result.reason;
    failures.push({ name, reason: shortReason(result.reason, connection.emulator === true) });
    services.log.error(`Importing '${name}' into ${where} (${connection.label}) failed:`, result.reason);
  });
  if (failures.length < chosen.length) services.tree.refreshScope(connection.id, scope);

  if (failures.length === 0) {
    offerUndo(services, `Imported ${secretCount(chosen.length)} into ${where} of ${connection.label}${kept.length > 0 ? ` (Undo puts back the ${kept.length} replaced)` : ''}.`, kept);
    return;
  }
  // One failure keeps its original error, so the funnel offers its buttons (Re-enter API Key, Retry).
  if (chosen.length === 1) throw firstError;
  const imported = chosen.length - failures.length;
  const list = failures.map((f) => `'${f.name}' (${f.reason.replace(/[.\s]+$/, '')})`).join('; ');
  throw new Error(
    imported === 0
      ? `None of the ${chosen.length} secrets was imported into ${where} of ${connection.label}: ${list}.`
      : `Imported ${imported} of ${chosen.length} secrets into ${where} of ${connection.label}; not imported: ${list}.`,
  );
};
