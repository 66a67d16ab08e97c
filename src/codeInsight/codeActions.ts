/**
 * Quick fixes: Set Secret 'name' in Account scope… on a missing name, Move to Stripe Secret Store…
 * on a hard-coded key (or as a rewrite on any selected string literal).
 */
import * as vscode from 'vscode';
import { Commands, DIAGNOSTIC_SOURCE, DiagnosticCodes } from '../constants';
import { stringLiteralAt } from '../references/credentials';
import { isSecretName } from '../references/registry';
import type { Services } from '../services';
import { ACCOUNT, setSecretNode, setSecretTitle } from './labels';

export const MOVE_TITLE = 'Move to Stripe Secret Store…';

/** What the Move to Stripe Secret Store… action passes its command: the literal's document and offsets. */
export interface MoveTarget {
  uri: string;
  start: number;
  end: number;
}

export class SecretCodeActionProvider implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix, vscode.CodeActionKind.RefactorRewrite];

  constructor(private readonly services: Services) {}

  provideCodeActions(
    doc: vscode.TextDocument,
    range: vscode.Range | vscode.Selection,
    context: vscode.CodeActionContext,
  ): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    const connection = this.services.connections.active();
    let moveOffered = false;
    for (const d of context.diagnostics) {
      if (d.source !== DIAGNOSTIC_SOURCE) continue;
      if (d.code === DiagnosticCodes.missingSecret && connection) {
        const name = doc.getText(d.range);
        const action = new vscode.CodeAction(setSecretTitle(name, ACCOUNT), vscode.CodeActionKind.QuickFix);
        action.command = { title: action.title, command: Commands.setSecret, arguments: [setSecretNode(connection.id, ACCOUNT, name)] };
        action.diagnostics = [d];
        action.isPreferred = true;
        actions.push(action);
      } else if (d.code === DiagnosticCodes.hardcodedKey && !moveOffered) {
        actions.push(moveAction(doc, d.range, vscode.CodeActionKind.QuickFix, [d]));
        moveOffered = true;
      }
    }
    if (!moveOffered && !range.isEmpty) {
      const text = doc.getText();
      const literal = stringLiteralAt(text, doc.languageId, doc.offsetAt(range.start), doc.offsetAt(range.end));
      // Not on the name inside find() itself: that string names a secret, it is not one.
      if (literal && literal.value !== '' && !isSecretName(text, doc.languageId, literal.contentStart, literal.contentEnd)) {
        actions.push(moveAction(doc, range, vscode.CodeActionKind.RefactorRewrite, []));
      }
    }
    return actions;
  }
}

function moveAction(
  doc: vscode.TextDocument,
  range: vscode.Range,
  kind: vscode.CodeActionKind,
  diagnostics: vscode.Diagnostic[],
): vscode.CodeAction {
  const action = new vscode.CodeAction(MOVE_TITLE, kind);
  const target: MoveTarget = { uri: doc.uri.toString(), start: doc.offsetAt(range.start), end: doc.offsetAt(range.end) };
  action.command = { title: MOVE_TITLE, command: Commands.moveToSecretStore, arguments: [target] };
  action.diagnostics = diagnostics;
  return action;
}
