import * as vscode from 'vscode';
import type { Prompts } from '../services';

/** The real prompts: straight to `vscode.window` (host tests swap in a scripted fake). */
export const windowPrompts: Prompts = {
  quickPick: (items, options) => vscode.window.showQuickPick(items, options),
  quickPickMany: (items, options) => vscode.window.showQuickPick(items, { ...options, canPickMany: true }),
  inputBox: (options) => vscode.window.showInputBox(options),
  warning: (message, options, ...items) => vscode.window.showWarningMessage(message, options, ...items),
  info: (message, ...items) => vscode.window.showInformationMessage(message, ...items),
  error: (message, ...items) => vscode.window.showErrorMessage(message, ...items),
  saveDialog: (options) => vscode.window.showSaveDialog(options),
};
