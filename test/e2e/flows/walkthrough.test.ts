/** The Get Started walkthrough from the packaged extension: opened by its command, step 1 ticked once a connection exists. */
import { test } from 'node:test';
import { EMULATOR_TEST_KEY } from '../../../src/emulator';
import { screenshotPath } from '../lib/scenario';
import { MARKER_KEY, connectToEmulator, withFlow } from './support';

test('Get Started opens the walkthrough, and adding a connection ticks its first step', { timeout: 180_000 }, async () => {
  await withFlow(
    'walkthrough',
    { emulator: { seed: 'demo', apiKeys: [EMULATOR_TEST_KEY, MARKER_KEY] }, markers: { apiKey: MARKER_KEY } },
    async ({ wb, page, emulator }) => {
      await wb.runCommand('Get Started');
      const step = (id: string) => page.locator(`.getting-started-step[data-step-id$="#${id}"]`);
      await step('connect').waitFor();
      await page.getByText('Get started with Stripe App Secrets').first().waitFor();
      const done = (id: string) =>
        page.locator(
          `.getting-started-step[data-step-id$="#${id}"].complete, .getting-started-step[data-step-id$="#${id}"][aria-checked="true"]`,
        );
      if (await done('connect').count()) throw new Error('step 1 is ticked before any connection exists');

      await connectToEmulator(wb, emulator, MARKER_KEY);
      await wb.runCommand('Get Started');
      await done('connect').first().waitFor();
      if (await done('setSecret').count()) throw new Error('step 3 is ticked before any secret was set');
      await wb.screenshot(screenshotPath('walkthrough'));
    },
  );
});
