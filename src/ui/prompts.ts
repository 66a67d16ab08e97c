import * as vscode from 'vscode';
import type { ManyOptions, Prompts, StepOptions } from '../services';

/** Thrown by a prompt of a multi-step flow when the person presses Back; runSteps goes one step back. */
export class GoBack extends Error {
  constructor() {
    super('Back');
    this.name = 'GoBack';
  }
}

/** The real prompts: straight to `vscode.window` (host tests swap in a scripted fake). */
export const windowPrompts: Prompts = {
  quickPick: (items, options) => (options.canGoBack ? stepQuickPick(items, options) : vscode.window.showQuickPick(items, options)),
  quickPickMany: (items, options) =>
    options.canGoBack || options.titleFor || options.acceptLabel
      ? stepQuickPickMany(items, options)
      : vscode.window.showQuickPick(items, { ...options, canPickMany: true }),
  inputBox: (options) => (options.canGoBack ? stepInputBox(options) : vscode.window.showInputBox(options)),
  warning: (message, options, ...items) => vscode.window.showWarningMessage(message, options, ...items),
  info: (message, ...items) => vscode.window.showInformationMessage(message, ...items),
  error: (message, ...items) => vscode.window.showErrorMessage(message, ...items),
  saveDialog: (options) => vscode.window.showSaveDialog(options),
};

/** showQuickPick with a Back button (createQuickPick: showQuickPick has no buttons). */
async function stepQuickPick<T extends vscode.QuickPickItem>(
  itemsOrPromise: readonly T[] | Thenable<readonly T[]>,
  options: vscode.QuickPickOptions & StepOptions,
): Promise<T | undefined> {
  const pick = vscode.window.createQuickPick<T>();
  pick.title = options.title;
  pick.placeholder = options.placeHolder;
  pick.matchOnDescription = options.matchOnDescription ?? false;
  pick.matchOnDetail = options.matchOnDetail ?? false;
  pick.ignoreFocusOut = options.ignoreFocusOut ?? false;
  pick.buttons = [vscode.QuickInputButtons.Back];
  pick.busy = true;
  pick.show();
  pick.items = await itemsOrPromise;
  pick.busy = false;
  try {
    return await new Promise<T | undefined>((resolve, reject) => {
      pick.onDidTriggerButton((button) => button === vscode.QuickInputButtons.Back && reject(new GoBack()));
      pick.onDidAccept(() => resolve(pick.selectedItems[0]));
      pick.onDidHide(() => resolve(undefined));
    });
  } finally {
    pick.dispose();
  }
}

/**
 * A multi-select pick whose title and accept button follow what is checked (createQuickPick:
 * showQuickPick has neither buttons nor a changing title), with a Back button on a later step.
 */
async function stepQuickPickMany<T extends vscode.QuickPickItem>(
  itemsOrPromise: readonly T[] | Thenable<readonly T[]>,
  options: vscode.QuickPickOptions & ManyOptions<T>,
): Promise<readonly T[] | undefined> {
  const pick = vscode.window.createQuickPick<T>();
  pick.canSelectMany = true;
  pick.placeholder = options.placeHolder;
  pick.matchOnDescription = options.matchOnDescription ?? false;
  pick.matchOnDetail = options.matchOnDetail ?? false;
  pick.ignoreFocusOut = options.ignoreFocusOut ?? false;
  const update = (checked: readonly T[]): void => {
    pick.title = options.titleFor?.(checked) ?? options.title;
    const accept = options.acceptLabel ? [{ iconPath: new vscode.ThemeIcon('check'), tooltip: options.acceptLabel(checked) }] : [];
    pick.buttons = [...(options.canGoBack ? [vscode.QuickInputButtons.Back] : []), ...accept];
  };
  update([]);
  pick.busy = true;
  pick.show();
  const items = await itemsOrPromise;
  pick.items = items;
  pick.selectedItems = items.filter((i) => i.picked);
  update(pick.selectedItems);
  pick.busy = false;
  try {
    return await new Promise<readonly T[] | undefined>((resolve, reject) => {
      pick.onDidChangeSelection((checked) => update(checked));
      pick.onDidTriggerButton((button) => (button === vscode.QuickInputButtons.Back ? reject(new GoBack()) : resolve(pick.selectedItems)));
      pick.onDidAccept(() => resolve(pick.selectedItems));
      pick.onDidHide(() => resolve(undefined));
    });
  } finally {
    pick.dispose();
  }
}

/** showInputBox with a Back button; validateInput runs as typed and blocks Enter on an error. */
async function stepInputBox(options: vscode.InputBoxOptions & StepOptions): Promise<string | undefined> {
  const box = vscode.window.createInputBox();
  box.title = options.title;
  box.prompt = options.prompt;
  box.placeholder = options.placeHolder;
  box.value = options.value ?? '';
  box.password = options.password ?? false;
  box.ignoreFocusOut = options.ignoreFocusOut ?? false;
  box.buttons = [vscode.QuickInputButtons.Back];
  let checked = 0;
  let blocking = false;
  const validate = async (value: string): Promise<void> => {
    const mine = ++checked;
    const result = options.validateInput ? await options.validateInput(value) : undefined;
    if (mine !== checked) return;
    const message =
      typeof result === 'string' ? { message: result, severity: vscode.InputBoxValidationSeverity.Error } : (result ?? undefined);
    box.validationMessage = message && message.message ? message : undefined;
    blocking = message !== undefined && message.message !== '' && message.severity === vscode.InputBoxValidationSeverity.Error;
  };
  try {
    return await new Promise<string | undefined>((resolve, reject) => {
      // eslint-disable-next-line @typescript-eslint/no-floating-promises -- event handler: nothing can wait for it
      box.onDidChangeValue((value) => void validate(value));
      box.onDidTriggerButton((button) => button === vscode.QuickInputButtons.Back && reject(new GoBack()));
      box.onDidAccept(async () => {
        await validate(box.value);
        if (!blocking) resolve(box.value);
      });
      box.onDidHide(() => resolve(undefined));
      box.show();
      // As showInputBox: an empty box shows its prompt, not a complaint about being empty.
      // eslint-disable-next-line @typescript-eslint/no-floating-promises -- validates as the box opens; the box stays open meanwhile
      if (box.value !== '') void validate(box.value);
    });
  } finally {
    box.dispose();
  }
}

/**
 * Runs the steps of a flow in order. A step returns false when cancelled (the flow ends) and throws
 * GoBack (its prompt's Back button) to run the step before it again.
 */
export async function runSteps(steps: ReadonlyArray<() => Promise<boolean>>): Promise<boolean> {
  let i = 0;
  while (i < steps.length) {
    try {
      if (!(await steps[i]())) return false;
      i++;
    } catch (error) {
      // By name: a host test's scripted prompts throw their own copy of the class.
      if (!(error instanceof Error && error.name === 'GoBack')) throw error;
      i = Math.max(0, i - 1);
    }
  }
  return true;
}

/**
 * A modal asking before something that cannot be taken back. VS Code 1.99 focuses the first button
 * that is not a close affordance (so Enter presses it) and always adds its own Cancel, last; the
 * safe `keep` button therefore comes first and takes the default focus, never `action`.
 * True only when `action` was pressed.
 */
export async function confirmDestructive(
  prompts: Prompts,
  message: string,
  action: string,
  keep: string,
  detail?: string,
): Promise<boolean> {
  const answer = await prompts.warning(message, detail === undefined ? { modal: true } : { modal: true, detail }, keep, action);
  return answer === action;
}
