/**
 * The Get Started walkthrough: contributed with four steps that each have a button, a picture and a
 * completion event; offered once after install; opened again by Get Started.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Commands, ContextKeys, EXTENSION_ID, StorageKeys, WALKTHROUGH_ID } from '../../../src/constants';
import { openWalkthroughOnce } from '../../../src/ui/walkthrough';
import { extensionServices } from './helpers/extension';
import { until } from './helpers/until';

interface Step {
  id: string;
  description: string;
  media: { svg?: string; image?: string; altText: string };
  completionEvents: string[];
}
interface Walkthrough {
  id: string;
  title: string;
  steps: Step[];
}

function memento(): vscode.Memento {
  const data = new Map<string, unknown>();
  return {
    keys: () => [...data.keys()],
    get: <T>(key: string, fallback?: T) => (data.has(key) ? (data.get(key) as T) : fallback),
    update: async (key: string, value: unknown) => void data.set(key, value),
  } as vscode.Memento;
}

describe('Walkthrough', function () {
  this.timeout(30_000);
  const extension = vscode.extensions.getExtension(EXTENSION_ID)!;

  it('is contributed with four steps, each with a command button, a picture on disk and a completion event', () => {
    const walkthroughs = (extension.packageJSON as { contributes: { walkthroughs: Walkthrough[] } }).contributes.walkthroughs;
    const ours = walkthroughs.find((w) => w.id === WALKTHROUGH_ID);
    assert.ok(ours, `walkthrough ${WALKTHROUGH_ID} is contributed`);
    assert.deepEqual(
      ours.steps.map((s) => s.id),
      ['connect', 'openScope', 'setSecret', 'checkApp'],
    );
    for (const step of ours.steps) {
      assert.match(step.description, /\[[^\]]+\]\(command:[\w.]+/, `${step.id} has a command button`);
      const picture = step.media.svg ?? step.media.image;
      assert.ok(picture && fs.existsSync(path.join(extension.extensionPath, picture)), `${step.id}'s picture ${picture} exists`);
      assert.ok(step.media.altText.length > 10, `${step.id}'s picture has alt text`);
      assert.ok(step.completionEvents.length > 0, `${step.id} completes on something`);
    }
    const events = ours.steps.flatMap((s) => s.completionEvents);
    assert.deepEqual(events.slice(0, 3), [
      `onContext:${ContextKeys.hasConnections}`,
      `onContext:${ContextKeys.openedScope}`,
      `onContext:${ContextKeys.secretSet}`,
    ]);
  });

  it('marks itself offered on the first activation (test runs never open it)', async () => {
    const services = await extensionServices();
    await until('the open-once flag', () => services.context.globalState.get(StorageKeys.walkthroughShown) === true, 10_000);
  });

  it('opens once: a later activation does not open it again, and a turned-off setting opens nothing', async () => {
    const state = memento();
    let opened = 0;
    const open = async () => void opened++;
    assert.equal(await openWalkthroughOnce(state, true, open), true);
    assert.equal(await openWalkthroughOnce(state, true, open), false);
    assert.equal(opened, 1);
    const quiet = memento();
    assert.equal(await openWalkthroughOnce(quiet, false, open), false);
    assert.equal(opened, 1);
    assert.equal(quiet.get(StorageKeys.walkthroughShown), true);
  });

  it('Get Started opens it in an editor', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.commands.executeCommand(Commands.getStarted);
    const title = (extension.packageJSON as { contributes: { walkthroughs: Walkthrough[] } }).contributes.walkthroughs[0].title;
    await until(
      'a walkthrough tab',
      () => vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.label === title || /welcome|walkthrough/i.test(t.label))),
      15_000,
    );
    const tab = vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.label === title || /welcome|walkthrough/i.test(t.label));
    assert.ok(tab);
    await vscode.window.tabGroups.close(tab);
  });
});
