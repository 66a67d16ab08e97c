/**
 * Scripted answers for `services.prompts`, so host tests drive real command handlers without UI.
 *
 *   const script = scriptPrompts(services, [
 *     { input: 'My account' },                                 // an input box: its validateInput must accept it
 *     { input: 'pk_test_…', invalid: /publishable/ },          // refused as typed; the same box stays open...
 *     { input: 'sk_test_…' },                                  // ...and takes the next answer
 *     { pick: 'Save' },                                        // a quick pick, by item label ($(icon) prefixes ignored)
 *     { pick: ['a', 'b'] },                                    // quickPickMany
 *     { button: 'Delete' },                                    // a message (modal or not): the button pressed
 *     { save: '/tmp/out.env' },                                // a save dialog: the path chosen
 *     { cancel: true },                                        // Escape on whatever comes next
 *     { back: true },                                          // the Back button of a flow's step (throws GoBack)
 *   ]);
 *   await vscode.commands.executeCommand(...);
 *   script.assertDone();                                       // every answer used, nothing unexpected asked
 *   script.restore();
 *
 * Non-modal messages (info/error/non-modal warning) do not consume a step unless the next step is a
 * `button` answer whose `expect`, if any, matches: notifications do not block, so a test need not
 * script them (nor one that comes on its own, such as the daily expiry reminder, before the one it
 * answers), but every message is recorded in `calls` for assertions. Modal warnings must be scripted.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { usePrompts } from './extension';
import type { Prompts, Services } from '../../../../src/services';

export type Answer =
  | { pick: string | readonly string[]; expect?: RegExp }
  | { input: string; invalid?: RegExp; expect?: RegExp }
  | { button: string | undefined; expect?: RegExp }
  | { save: string; expect?: RegExp }
  | { cancel: true; expect?: RegExp }
  | { back: true; expect?: RegExp };

export interface PromptCall {
  kind: 'quickPick' | 'quickPickMany' | 'inputBox' | 'warning' | 'info' | 'error' | 'saveDialog';
  /** The message, or the title/placeholder/prompt of a pick or input box, or a save dialog's title and default path. */
  text: string;
  /** Item labels of a pick, buttons of a message. */
  items: string[];
  modal?: boolean;
  /** Each validation message the input box showed for the answers typed into it. */
  validations?: Array<{ value: string; message: string | undefined; severity?: vscode.InputBoxValidationSeverity }>;
  /** The prompt's title (a flow's step: "Set Secret (Step 2 of 4)", "LIVE · …"). */
  title?: string;
  /** True when the prompt showed a Back button. */
  canGoBack?: boolean;
  /** A multi-select pick's accept button (its tooltip): as first shown, then as it was when accepted. */
  acceptLabel?: string;
  /** A multi-select pick's title as it was when accepted (it follows the checks). */
  acceptedTitle?: string;
  /** The answer given (labels, value, button) or undefined when cancelled/dismissed. */
  answer?: string | string[];
}

export interface PromptScript {
  readonly calls: PromptCall[];
  /** Problems seen: a prompt with no answer left, a label not among the items, a value validation refused. */
  readonly failures: string[];
  /** The messages shown through error(), in order. */
  errors(): string[];
  /** Adds answers at the end (e.g. after an await in the test). */
  push(...answers: Answer[]): void;
  /** Asserts every answer was used and nothing failed. */
  assertDone(): void;
  restore(): void;
}

function stripIcons(label: string): string {
  return label.replace(/\$\([^)]*\)\s*/g, '').trim();
}

function textOf(options: { title?: string; placeHolder?: string; prompt?: string }): string {
  return [options.title, options.placeHolder, options.prompt].filter((t) => t).join(' | ');
}

async function validationOf(
  options: vscode.InputBoxOptions,
  value: string,
): Promise<{ message: string | undefined; severity?: vscode.InputBoxValidationSeverity }> {
  if (!options.validateInput) return { message: undefined };
  const result = await options.validateInput(value);
  if (result === undefined || result === null || result === '') return { message: undefined };
  if (typeof result === 'string') return { message: result, severity: vscode.InputBoxValidationSeverity.Error };
  return { message: result.message, severity: result.severity };
}

export function scriptPrompts(_services: Services, answers: readonly Answer[]): PromptScript {
  const queue: Answer[] = [...answers];
  const calls: PromptCall[] = [];
  const failures: string[] = [];

  function take(call: PromptCall): Answer | undefined {
    calls.push(call);
    const next = queue.shift();
    if (!next) {
      failures.push(`no answer left for ${call.kind} "${call.text}"`);
      return undefined;
    }
    if (next.expect && !next.expect.test(call.text)) failures.push(`${call.kind} "${call.text}" does not match ${next.expect}`);
    return next;
  }

  function pickLabels<T extends vscode.QuickPickItem>(call: PromptCall, items: readonly T[], labels: readonly string[]): T[] {
    const found: T[] = [];
    for (const label of labels) {
      const item = items.find((i) => i.label === label || stripIcons(i.label) === label);
      if (item) found.push(item);
      else failures.push(`${call.kind} "${call.text}" has no item "${label}" (items: ${call.items.join(', ')})`);
    }
    return found;
  }

  async function message(kind: 'warning' | 'info' | 'error', text: string, modal: boolean, buttons: string[]): Promise<string | undefined> {
    const call: PromptCall = { kind, text, items: buttons, modal };
    const next = queue[0];
    if (!modal && (!next || !('button' in next) || (next.expect && !next.expect.test(text)))) {
      calls.push(call);
      return undefined;
    }
    const answer = take(call);
    if (!answer) return undefined;
    if ('cancel' in answer) return undefined;
    if (!('button' in answer)) {
      failures.push(`${kind} "${text}" was answered with ${JSON.stringify(answer)}`);
      return undefined;
    }
    if (answer.button !== undefined && !buttons.includes(answer.button)) {
      failures.push(`${kind} "${text}" has no button "${answer.button}" (buttons: ${buttons.join(', ')})`);
      return undefined;
    }
    call.answer = answer.button;
    return answer.button;
  }

  function goBack(call: PromptCall, canGoBack: boolean | undefined): never {
    if (!canGoBack) failures.push(`${call.kind} "${call.text}" has no Back button`);
    call.answer = 'Back';
    // Named as src/ui/prompts.ts names it: runSteps in the bundle recognises it by name.
    const back = new Error('Back');
    back.name = 'GoBack';
    throw back;
  }

  const fake: Prompts = {
    async quickPick(itemsOrPromise, options) {
      const items = await itemsOrPromise;
      const call: PromptCall = {
        kind: 'quickPick',
        text: textOf(options),
        items: items.map((i) => i.label),
        title: options.title,
        canGoBack: options.canGoBack,
      };
      const answer = take(call);
      if (!answer || 'cancel' in answer) return undefined;
      if ('back' in answer) return goBack(call, options.canGoBack);
      if (!('pick' in answer) || typeof answer.pick !== 'string') {
        failures.push(`quickPick "${call.text}" was answered with ${JSON.stringify(answer)}`);
        return undefined;
      }
      const [item] = pickLabels(call, items, [answer.pick]);
      call.answer = answer.pick;
      return item;
    },
    async quickPickMany(itemsOrPromise, options) {
      const items = await itemsOrPromise;
      const initially = items.filter((i) => i.picked);
      const title = options.titleFor?.(initially) ?? options.title;
      const call: PromptCall = {
        kind: 'quickPickMany',
        text: textOf({ ...options, title }),
        items: items.map((i) => i.label),
        title,
        canGoBack: options.canGoBack,
      };
      if (options.acceptLabel) call.acceptLabel = options.acceptLabel(initially);
      const answer = take(call);
      if (!answer || 'cancel' in answer) return undefined;
      if ('back' in answer) return goBack(call, options.canGoBack);
      if (!('pick' in answer)) {
        failures.push(`quickPickMany "${call.text}" was answered with ${JSON.stringify(answer)}`);
        return undefined;
      }
      const labels = typeof answer.pick === 'string' ? [answer.pick] : [...answer.pick];
      call.answer = labels;
      const picked = pickLabels(call, items, labels);
      // What the title and the accept button said when the answer was given.
      call.acceptedTitle = options.titleFor?.(picked);
      if (options.acceptLabel) call.acceptLabel = options.acceptLabel(picked);
      return picked;
    },
    async inputBox(options) {
      const call: PromptCall = {
        kind: 'inputBox',
        text: textOf(options),
        items: [],
        validations: [],
        title: options.title,
        canGoBack: options.canGoBack,
      };
      let answer = take(call);
      // A refused value keeps the box open: the next answers go to the same box.
      for (;;) {
        if (!answer || 'cancel' in answer) return undefined;
        if ('back' in answer) return goBack(call, options.canGoBack);
        if (!('input' in answer)) {
          failures.push(`inputBox "${call.text}" was answered with ${JSON.stringify(answer)}`);
          return undefined;
        }
        const validation = await validationOf(options, answer.input);
        call.validations!.push({ value: answer.input, ...validation });
        const refused = validation.message !== undefined && validation.severity === vscode.InputBoxValidationSeverity.Error;
        if (answer.invalid) {
          if (!refused) failures.push(`inputBox "${call.text}" accepted a value expected to be refused (${answer.invalid})`);
          else if (!answer.invalid.test(validation.message!))
            failures.push(`inputBox "${call.text}" refused with "${validation.message}", expected ${answer.invalid}`);
          answer = queue.shift();
          if (!answer) failures.push(`inputBox "${call.text}" has no answer after a refused value`);
          continue;
        }
        if (refused) {
          failures.push(`inputBox "${call.text}" refused the scripted value: ${validation.message}`);
          return undefined;
        }
        call.answer = answer.input;
        return answer.input;
      }
    },
    warning(text, options, ...items) {
      return message('warning', text, options.modal === true, items);
    },
    info(text, ...items) {
      return message('info', text, false, items);
    },
    error(text, ...items) {
      return message('error', text, false, items);
    },
    async saveDialog(options) {
      const call: PromptCall = {
        kind: 'saveDialog',
        text: [options.title, options.defaultUri?.fsPath].filter((t) => t).join(' | '),
        items: [],
      };
      const answer = take(call);
      if (!answer || 'cancel' in answer) return undefined;
      if (!('save' in answer)) {
        failures.push(`saveDialog "${call.text}" was answered with ${JSON.stringify(answer)}`);
        return undefined;
      }
      call.answer = answer.save;
      return vscode.Uri.file(answer.save);
    },
  };
  const scripted = usePrompts(fake);

  return {
    calls,
    failures,
    errors: () => calls.filter((c) => c.kind === 'error').map((c) => c.text),
    push: (...more) => void queue.push(...more),
    assertDone() {
      assert.deepEqual(failures, [], 'prompt script failures');
      assert.deepEqual(queue, [], 'unused prompt answers');
    },
    restore() {
      scripted.dispose();
    },
  };
}
