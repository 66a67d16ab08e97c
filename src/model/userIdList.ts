/**
 * A pasted list of user ids (real apps have many users): split on commas, semicolons, spaces and
 * line breaks, each id validated, repeats and ids already listed dropped.
 */

export interface ParsedUserIds {
  /** Valid ids not listed yet, in the order given, each once. */
  ids: string[];
  /** Valid ids the connection lists already (dropped). */
  alreadyListed: string[];
  /** Entries that are not user ids, with the first problem found. */
  invalid: Array<{ id: string; problem: string }>;
}

export function splitUserIds(text: string): string[] {
  return text.split(/[\s,;]+/).filter((id) => id.length > 0);
}

export function parseUserIdList(text: string, listed: readonly string[], validate: (id: string) => string | undefined): ParsedUserIds {
  const out: ParsedUserIds = { ids: [], alreadyListed: [], invalid: [] };
  for (const id of new Set(splitUserIds(text))) {
    const problem = validate(id);
    if (problem !== undefined) out.invalid.push({ id, problem });
    else if (listed.includes(id)) out.alreadyListed.push(id);
    else out.ids.push(id);
  }
  return out;
}

const SHOWN = 5;

/** `a, b, c and 4 more`. `show` formats one id (the caller masks anything that looks like a key). */
export function nameList(ids: readonly string[], show: (id: string) => string): string {
  const named = ids.slice(0, SHOWN).map(show).join(', ');
  return ids.length > SHOWN ? `${named} and ${ids.length - SHOWN} more` : named;
}

/**
 * Why the list cannot be added, as the input box shows it as you type, or undefined when it can.
 * Nothing is added while any entry is invalid: the person fixes or removes the ones named, and the
 * rest of the paste is still in the box.
 */
export function userIdListProblem(
  text: string,
  parsed: ParsedUserIds,
  emptyProblem: string,
  show: (id: string) => string,
): string | undefined {
  if (splitUserIds(text).length === 0) return `${emptyProblem} Paste several separated by commas, spaces or line breaks.`;
  const { invalid, ids, alreadyListed } = parsed;
  if (invalid.length === 1)
    return `${show(invalid[0].id)} is not a user id: ${invalid[0].problem} Fix or remove it; nothing is added until every id is valid.`;
  if (invalid.length > 1) {
    return `${invalid.length} entries are not user ids: ${nameList(
      invalid.map((i) => i.id),
      show,
    )}. ${invalid[0].problem} Fix or remove them; nothing is added until every id is valid.`;
  }
  if (ids.length === 0) {
    return alreadyListed.length === 1
      ? `The user scope ${show(alreadyListed[0])} is already listed for this connection.`
      : `All of these are already listed for this connection: ${nameList(alreadyListed, show)}.`;
  }
  return undefined;
}
