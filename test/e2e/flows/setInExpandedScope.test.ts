/**
 * Set Secret… while its scope is expanded: the scope must keep listing its rows, the new one
 * included. This once left the scope empty with "Element with id … is already registered", when a
 * change event for the scope raced VS Code's own fetch of its children.
 */
import { test } from 'node:test';
import { EMULATOR_TEST_KEY } from '../../../src/emulator';
import { MARKER_KEY, connectToEmulator, expand, row, withFlow } from './support';

test('Set Secret… in an expanded scope keeps its rows and adds the new one', { timeout: 120_000 }, async () => {
  const flow = { emulator: { seed: 'demo' as const, apiKeys: [EMULATOR_TEST_KEY, MARKER_KEY] }, markers: { apiKey: MARKER_KEY } };
  await withFlow('set-in-expanded-scope', flow, async ({ wb, emulator }) => {
    await connectToEmulator(wb, emulator, MARKER_KEY);
    await expand(row(wb, 'Account'));
    await row(wb, 'database_url').waitFor();

    await wb.runCommand('Set Secret…');
    await wb.pick('Account', 'Choose a scope');
    await wb.answerInput('generated_token', 'The secret name');
    await wb.pick('Generate a random value', "The value of 'generated_token'");
    await wb.pick('Never', 'When does the secret expire?');

    await row(wb, 'generated_token').waitFor({ timeout: 10_000 });
    await row(wb, 'database_url').waitFor({ timeout: 1_000 });
  });
});
