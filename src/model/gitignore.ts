/**
 * The .gitignore line that ignores exactly one file: anchored at the folder of the .gitignore, with
 * every character git reads as a pattern escaped. No `vscode` import: unit-tested in plain Node.
 */
export function gitignoreLine(relativePath: string): string {
  const posix = relativePath
    .split(/[\\/]+/)
    .filter((p) => p !== '')
    .join('/');
  // Glob characters and a backslash are escaped; a leading '#' or '!' cannot start the line since
  // the line starts with '/'; trailing spaces would be dropped by git, so each one is escaped.
  const escaped = posix.replace(/[\\*?[\]]/g, '\\$&').replace(/ +$/, (spaces) => spaces.replace(/ /g, '\\ '));
  return `/${escaped}`;
}

/** What to append to a .gitignore holding `existing`: on a line of its own, once. */
export function gitignoreAddition(existing: string, line: string): string | undefined {
  if (existing.split(/\r?\n/).includes(line)) return undefined;
  const separator = existing === '' || existing.endsWith('\n') ? '' : '\n';
  return `${separator}# A .env export of Stripe secret values (Stripe App Secrets)\n${line}\n`;
}
