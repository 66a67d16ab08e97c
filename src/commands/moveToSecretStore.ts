import * as vscode from 'vscode';
import { namingStyle, stringLiteralAt, suggestSecretName } from '../references/credentials';
import { lookupContext } from '../references/lookupContext';
import { findReferences, isSecretName, recogniserFor } from '../references/registry';
import type { MoveTarget } from '../codeInsight/codeActions';
import { Commands } from '../constants';
import type { ConnectionInfo, Services } from '../services';
import { reportError } from '../ui/errors';
import type { SecretScope } from '../model/types';
import { keepThenWrite, recheckBeforeWrite } from '../history/keepHistory';
import { pickAccount, pickConnection, pickScope } from '../ui/pickers';
import { confirmReplace, promptSecretName } from '../ui/secretPrompts';
import { scopeDescription } from '../model/scope';
import { scopeFullRefusal } from './secretRules';

/** Where the literal is: from a code action; from the palette, the active editor's selection. */
export const MOVE_BUTTON = 'Move to Live Store';
export const ROTATED_BUTTON = 'I Rotated It';

/** Registered apart from the other commands: its argument is a code action's target, not a row. */
export function registerMoveToSecretStore(services: Services): vscode.Disposable {
  const run = async (raw?: unknown): Promise<void> => {
    try {
      await moveToSecretStore(services, asMoveTarget(raw));
    } catch (error) {
      await reportError(services, error, { action: Commands.moveToSecretStore, retry: () => run(raw) });
    }
  };
  return vscode.commands.registerCommand(Commands.moveToSecretStore, run);
}

export function asMoveTarget(value: unknown): MoveTarget | undefined {
  const v = value as Partial<MoveTarget> | undefined;
  return typeof v?.uri === 'string' && typeof v.start === 'number' && typeof v.end === 'number'
    ? { uri: v.uri, start: v.start, end: v.end }
    : undefined;
}

/** The write step, after the prompts: Stripe read again (recheckBeforeWrite), and what it replaces kept in history. */
async function writeMoved(
  services: Services,
  connection: ConnectionInfo,
  scope: SecretScope,
  name: string,
  listed: readonly string[],
  payload: string,
): Promise<boolean> {
  const client = await services.connections.client(connection.id, connection.account);
  const checked = await recheckBeforeWrite(services, connection, client, scope, name, listed.includes(name));
  if (!checked) return false;
  const { current } = checked;
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Saving '${name}' in ${scopeDescription(scope)}…` },
    () => keepThenWrite(services, connection, scope, name, current, payload, 'overwrite', () => client.set({ name, scope, payload })),
  );
  return true;
}

/**
 * Move to Stripe Secret Store…: a string literal's value becomes a secret, and the literal becomes
 * the lookup for that language, inserted as a snippet the person adjusts. The value is read from
 * the document and goes only to the client; it is never logged or shown. The literal is replaced
 * only after the secret is saved, and only if the text is still the same. The app's other files
 * with Secret Store calls are read too: the account they pass is the lookup's.
 */
export async function moveToSecretStore(services: Services, target?: MoveTarget): Promise<void> {
  const editor = target ? await vscode.window.showTextDocument(vscode.Uri.parse(target.uri)) : vscode.window.activeTextEditor;
  if (!editor) {
    await services.prompts.info('Open a file and put the cursor in a string literal to move it to the Stripe Secret Store.');
    return;
  }
  const doc = editor.document;
  const recogniser = recogniserFor(doc.languageId);
  const start = target?.start ?? doc.offsetAt(editor.selection.start);
  const end = target?.end ?? doc.offsetAt(editor.selection.end);
  const literal = recogniser && stringLiteralAt(doc.getText(), doc.languageId, start, end);
  if (!recogniser || !literal || literal.value === '') {
    await services.prompts.info(
      'Put the cursor in a non-empty string literal (JavaScript, TypeScript, Python, Ruby, PHP, Go, Java, C# or a shell script) to move it to the Stripe Secret Store.',
    );
    return;
  }
  if (isSecretName(doc.getText(), doc.languageId, literal.contentStart, literal.contentEnd)) {
    await services.prompts.info(
      `'${literal.value}' is the name a Secret Store call reads, not a value to move. Put the cursor in the hard-coded value instead.`,
    );
    return;
  }
  // Taken before the prompts: the person may edit the file while they answer.
  const version = doc.version;
  const literalText = doc.getText().slice(literal.start, literal.end);
  const active = services.connections.active() ?? (await pickConnection(services));
  const connection = active && (await pickAccount(services, active, { placeHolder: 'Store the value in which account?' }));
  if (!connection) return;
  if (connection.mode === 'live') {
    const answer = await services.prompts.warning(
      `Store this value as a live-mode secret of ${connection.label}?`,
      { modal: true },
      MOVE_BUTTON,
    );
    if (answer !== MOVE_BUTTON) return;
  }
  const scope = await pickScope(services, connection.id, { placeHolder: 'The scope to store the value in', account: connection.account });
  if (!scope) return;
  const client = await services.connections.client(connection.id, connection.account);
  const existing = (await client.list(scope)).map((s) => s.name);
  // The app's own names (in this file, and already in the scope) set the style: snake_case when none do.
  const style = namingStyle([...findReferences(doc.getText(), doc.languageId).map((r) => r.name), ...existing]);
  const name = await promptSecretName(services, { scope, existing, value: suggestSecretName(literal.assignedTo, style) });
  if (name === undefined) return;
  const refusal = scopeFullRefusal(existing, name, scope);
  if (refusal) {
    await services.prompts.error(refusal);
    return;
  }
  if (existing.includes(name) && !(await confirmReplace(services, connection, scope, name))) return;
  if (!(await writeMoved(services, connection, scope, name, existing, literal.value))) return;
  services.tree.refreshScope(connection.id, scope, connection.account);

  const range = new vscode.Range(doc.positionAt(literal.start), doc.positionAt(literal.end));
  const unchanged = doc.version === version || doc.getText(range) === literalText;
  const shown = await vscode.window.showTextDocument(doc, editor.viewColumn);
  const context = lookupContext({
    text: doc.getText(),
    languageId: doc.languageId,
    offset: literal.start,
    esm: await isEsModule(doc),
    appFiles: await services.codeInsight.appFilesOf(doc),
  });
  const replaced = unchanged && (await shown.insertSnippet(new vscode.SnippetString(recogniser.lookup(name, scope, context)), range));
  const where = `${scopeDescription(scope)} of ${connection.label}`;
  const promise =
    recogniser.id === 'javascript' && !context.canAwait
      ? ' It holds a Promise of the value here (no await at this point): await it where it is used.'
      : '';
  // eslint-disable-next-line @typescript-eslint/no-floating-promises -- notification: the flow goes on without waiting for it to be closed
  void remindToRotate(
    services,
    name,
    replaced
      ? `Stored as '${name}' in ${where}, and the literal now reads it.${promise} The old value is still in your git history: rotate it at its provider.`
      : `Stored as '${name}' in ${where}; the file changed meanwhile, so replace the literal yourself. The old value is still in your git history: rotate it at its provider.`,
  );
}

/**
 * The rotation reminder stays until the person closes it or says the key is rotated: a notification
 * whose answer is awaited without a timeout (it waits in the notification centre when its toast hides).
 */
async function remindToRotate(services: Services, name: string, message: string): Promise<void> {
  const answer = await services.prompts.info(message, ROTATED_BUTTON);
  services.log.info(
    answer === ROTATED_BUTTON ? `Rotation reminder for '${name}': marked rotated.` : `Rotation reminder for '${name}': dismissed.`,
  );
}

/** JavaScript/TypeScript: ES module or CommonJS, from the extension, then the nearest package.json's "type". */
async function isEsModule(doc: vscode.TextDocument): Promise<boolean | undefined> {
  const ext = /\.[^./\\]+$/.exec(doc.uri.path)?.[0] ?? '';
  if (ext === '.mjs' || ext === '.mts') return true;
  if (ext === '.cjs' || ext === '.cts') return false;
  if (!/^(javascript|typescript)/.test(doc.languageId)) return undefined;
  let dir = vscode.Uri.joinPath(doc.uri, '..');
  for (let depth = 0; depth < 20; depth++) {
    try {
      const manifest = JSON.parse(
        new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(dir, 'package.json'))),
      ) as { type?: unknown };
      // Without "type": "module", JavaScript is judged by its own import/export (bundled code), TypeScript gets no top-level await.
      return manifest.type === 'module' ? true : undefined;
    } catch {
      const parent = vscode.Uri.joinPath(dir, '..');
      if (parent.path === dir.path) break;
      dir = parent;
    }
  }
  return undefined;
}
