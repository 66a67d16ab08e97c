/**
 * The plan of Import .env File into Scope…, apart from its prompts and its writes: what the preview
 * offers, what the confirmation says, what the check after the modals refuses, and how the outcome
 * reads. Plain Node: no value is ever part of a row or a message.
 */
import type { DotenvEntry, DotenvProblem } from './dotenv';
import { formatDateTime } from './expiry';
import { scopeFullHint } from './scope';
import { MAX_SECRETS_PER_SCOPE } from './types';

const PROBLEMS_SHOWN = 5;

export function secretCount(n: number): string {
  return n === 1 ? '1 secret' : `${n} secrets`;
}

/** The first few problems, then how many more the log holds. */
export function problemList(problems: readonly DotenvProblem[]): string {
  const shown = problems.slice(0, PROBLEMS_SHOWN).map((p) => p.message);
  const more = problems.length - shown.length;
  return shown.join('; ') + (more > 0 ? `; and ${more} more (see the log)` : '');
}

/** The error when a file holds no line that can be imported. */
export function nothingToImportMessage(sourceName: string, problems: readonly DotenvProblem[]): string {
  const why = problems.length > 0 ? `: ${problemList(problems)}` : ': it has no NAME=value lines.';
  return `Nothing to import from ${sourceName}${why}`;
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

/** A row of the preview: an entry that can be imported, checked unless dotenv may read it otherwise than meant. */
export interface PreviewRow {
  entry: DotenvEntry;
  description: 'new' | 'replaces existing';
  /** `line 4`, or the reason it starts unchecked (in full: the row's detail line and its tooltip). */
  detail: string;
  picked: boolean;
}

export function previewRows(entries: readonly DotenvEntry[], existingNames: readonly string[]): PreviewRow[] {
  const existing = new Set(existingNames);
  return entries.map((entry) => ({
    entry,
    description: existing.has(entry.name) ? 'replaces existing' : 'new',
    detail: entry.warning ? `$(warning) ${entry.warning}` : `line ${entry.line}`,
    picked: !entry.warning,
  }));
}

/** A line that imports nothing (or a note on one), for the list shown before the preview: never a checkbox. */
export interface NotImportedRow {
  label: string;
  detail: string;
}

export function notImportedRows(problems: readonly DotenvProblem[]): NotImportedRow[] {
  return problems.map((p) => ({ label: p.line > 0 ? `$(circle-slash) line ${p.line}` : '$(circle-slash) no line', detail: p.message }));
}

/** The preview's placeholder: short, so it is never cut off; the reasons are on the rows. */
export function previewPlaceholder(entries: readonly DotenvEntry[]): string {
  const unchecked = entries.filter((e) => e.warning).length;
  return unchecked > 0 ? `Values are not shown. ${unchecked} left unchecked, see why` : 'Values are not shown. Uncheck what not to import';
}

/** What accepting the preview does, for its title and its button: `Import 5 secrets`. */
export function importAction(checked: number): string {
  return checked === 0 ? 'Check the secrets to import' : `Import ${secretCount(checked)}`;
}

export interface ImportQuestion {
  message: string;
  /** True when it replaces a value: the modal then puts the safe button first. */
  replaces: boolean;
}

/** The confirmation: how many go where, which existing values they replace and where those go, and the expiry. */
export function importQuestion(args: {
  chosen: readonly DotenvEntry[];
  existingNames: readonly string[];
  where: string;
  connectionLabel: string;
  live: boolean;
  retentionDays: number;
  expiresAt: number | null;
}): ImportQuestion {
  const { chosen, where, connectionLabel, retentionDays: days } = args;
  const existing = new Set(args.existingNames);
  const replaced = chosen.filter((e) => existing.has(e.name)).map((e) => `'${e.name}'`);
  const replacing = replaced.length;
  const one = chosen.length === 1;
  const fate =
    days > 0
      ? `history keeps the old ${replacing === 1 ? 'value' : 'values'} for ${days} day${days === 1 ? '' : 's'}`
      : 'which cannot be recovered';
  const live = args.live ? 'LIVE ' : '';
  const message = [
    `Import ${secretCount(chosen.length)} into ${where} of ${connectionLabel}?`,
    replacing === 0
      ? ''
      : replacing === chosen.length
        ? `${one ? `It replaces the existing ${live}value of ${replaced[0]}` : `They replace the existing ${live}values of ${replaced.join(', ')}`}; ${fate}.`
        : `${replacing} of them ${replacing === 1 ? `replaces the existing ${live}value of` : `replace the existing ${live}values of`} ${replaced.join(', ')}; ${fate}.`,
    args.expiresAt === null
      ? one
        ? 'It never expires.'
        : 'They never expire.'
      : `${one ? 'It expires' : 'They expire'} ${formatDateTime(args.expiresAt)}.`,
  ]
    .filter((s) => s)
    .join(' ');
  return { message, replaces: replacing > 0 };
}

/**
 * The check made again after the modals, against a fresh listing: undefined when the import may go
 * on; else why nothing is imported (a name created meanwhile would be replaced without the question,
 * or the scope filled up).
 */
export function importRecheck(
  chosen: readonly DotenvEntry[],
  existingNames: readonly string[],
  listedNow: readonly string[],
  where: string,
  connectionLabel: string,
): string | undefined {
  const existing = new Set(existingNames);
  const createdMeanwhile = chosen.filter((e) => !existing.has(e.name) && listedNow.includes(e.name)).map((e) => `'${e.name}'`);
  if (createdMeanwhile.length > 0) {
    return `Nothing imported: ${createdMeanwhile.join(', ')} ${createdMeanwhile.length === 1 ? 'was' : 'were'} created in ${where} of ${connectionLabel} while you answered, and would be replaced. Import again to see the current state.`;
  }
  const full = importLimitRefusal(
    listedNow,
    chosen.map((e) => e.name),
    where,
  );
  return full && `${full} ${scopeFullHint(listedNow)}`;
}

/** The error after some writes failed (each named with its short reason); the others stay imported. */
export function importFailureMessage(
  total: number,
  failures: ReadonlyArray<{ name: string; reason: string }>,
  where: string,
  connectionLabel: string,
): string {
  const imported = total - failures.length;
  const list = failures.map((f) => `'${f.name}' (${f.reason.replace(/[.\s]+$/, '')})`).join('; ');
  return imported === 0
    ? `None of the ${total} secrets was imported into ${where} of ${connectionLabel}: ${list}.`
    : `Imported ${imported} of ${total} secrets into ${where} of ${connectionLabel}; not imported: ${list}.`;
}

/** The success notice, with what Undo puts back. */
export function importDoneMessage(total: number, replacedKept: number, where: string, connectionLabel: string): string {
  return `Imported ${secretCount(total)} into ${where} of ${connectionLabel}${replacedKept > 0 ? ` (Undo puts back the ${replacedKept} replaced)` : ''}.`;
}
