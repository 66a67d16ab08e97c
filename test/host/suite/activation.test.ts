/**
 * The extension as VS Code sees it: it activates, its view opens, every contributed command is
 * registered. Runs first (files load in name order), while the fresh profile has no connections.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { allCommandHandlers } from '../../../src/commands/handlers';
import { FUNNELLED_COMMANDS } from '../../../src/commands/registerCommands';
import { Commands, EXTENSION_ID, TREE_VIEW_ID, VIEW_CONTAINER_ID } from '../../../src/constants';
import type { TestApi } from '../../../src/testApi';
import { loadedParts } from './helpers/extension';
import { until } from './helpers/until';

interface ContributedCommand {
  command: string;
  category?: string;
  icon?: string;
}

describe('Activation', function () {
  this.timeout(30_000);
  let extension: vscode.Extension<TestApi | undefined>;
  let api: TestApi | undefined;

  before(async () => {
    const found = vscode.extensions.getExtension<TestApi | undefined>(EXTENSION_ID);
    assert.ok(found, `extension ${EXTENSION_ID} is not installed in the host`);
    extension = found;
    api = await extension.activate();
  });

  it('activates and hands out the TestApi in Test mode', () => {
    assert.equal(extension.isActive, true);
    assert.ok(api, 'activate() returned nothing in ExtensionMode.Test');
    assert.equal(typeof api.services.connections.list, 'function');
  });

  it('starts with no connections in a fresh profile', () => {
    assert.deepEqual(api?.services.connections.list(), []);
    assert.equal(api?.services.connections.active(), undefined);
  });

  it('loads neither the Stripe SDK nor the emulator server to activate', () => {
    assert.deepEqual(loadedParts(), [], 'they load with the first request and the first Start Local Emulator');
  });

  it('opens its view container and focuses the Secrets view', async () => {
    const view = api?.view;
    assert.ok(view, 'activation created the tree view');
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await until('the view hides with the side bar', () => !view.visible, 5000);
    await vscode.commands.executeCommand(`workbench.view.extension.${VIEW_CONTAINER_ID}`);
    await vscode.commands.executeCommand(`${TREE_VIEW_ID}.focus`);
    await until('the Secrets view is shown', () => view.visible, 5000);
  });

  it('registers every command the manifest contributes, and contributes every one it registers', async () => {
    const contributed = (extension.packageJSON.contributes.commands as ContributedCommand[]).map((c) => c.command).sort();
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = contributed.filter((id) => !registered.has(id));
    assert.deepEqual(missing, [], `contributed but not registered: ${missing.join(', ')}`);

    // VS Code adds `<viewId>.focus` and the like for the view; the extension's own ids have one dot.
    const own = [...registered].filter((id) => /^stripeSecrets\.[A-Za-z]+$/.test(id) && id !== TREE_VIEW_ID).sort();
    assert.deepEqual(own, contributed);
    assert.deepEqual(contributed, Object.values(Commands).sort());
  });

  it('has a handler for exactly the commands it registers before loading them', () => {
    // The handler factories only keep their dependencies, so none is needed to list the ids.
    const handled = Object.keys(allCommandHandlers()).sort();
    assert.deepEqual(handled, [...FUNNELLED_COMMANDS].sort());
  });

  it('gives every contributed command a category and an icon', () => {
    for (const c of extension.packageJSON.contributes.commands as ContributedCommand[]) {
      assert.equal(c.category, 'Stripe Secrets', `${c.command} has no category`);
      assert.match(c.icon ?? '', /^\$\([a-z-]+\)$/, `${c.command} has no codicon`);
    }
  });
});
