/** Scenario 1: a person connects to the emulator through the palette and browses the account and a user scope. */
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEMO_USER_IDS, EMULATOR_TEST_KEY } from '../../../src/emulator';
import { screenshotPath } from '../lib/scenario';
import { MARKER_KEY, connectToEmulator, description, dismissNotifications, expand, row, waitForDescription, withFlow } from './support';

test('add a connection to the emulator from the palette: the account scope shows its fill and the expiring secret, then a user scope its secrets', { timeout: 180_000 }, async () => {
  await withFlow('connection', { emulator: { seed: 'demo', apiKeys: [EMULATOR_TEST_KEY, MARKER_KEY] }, markers: { apiKey: MARKER_KEY } }, async ({ wb, emulator }) => {
    await connectToEmulator(wb, emulator, MARKER_KEY);

    const connection = row(wb, 'My app (emulator)');
    await connection.waitFor();
    await waitForDescription(connection, /^TEST · active$/);

    const account = row(wb, 'Account');
    await expand(account);
    const seeded = emulator.secrets('test').filter((s) => s.scope.type === 'account');
    for (const s of seeded) await row(wb, s.name).waitFor();
    assert.equal(seeded.length, 6);
    await waitForDescription(account, '6/10');
    await waitForDescription(row(wb, 'sendgrid_api_key'), 'expires in 2 days');
    assert.equal(await description(row(wb, 'database_url')), '');

    const user = DEMO_USER_IDS[0];
    await wb.runCommand('Add User Scope…');
    await wb.answerInput(user, 'The id of a user of your app');
    await expand(row(wb, 'Users'));
    await waitForDescription(row(wb, 'Users'), '1');
    await expand(row(wb, user));
    const userSecrets = emulator.secrets('test').filter((s) => s.scope.type === 'user' && s.scope.user === user);
    for (const s of userSecrets) await row(wb, s.name).waitFor();
    await waitForDescription(row(wb, user), `${userSecrets.length}/10`);
    await waitForDescription(row(wb, 'google_oauth_access_token'), /^expires in \d+ minutes$/);

    await dismissNotifications(wb);
    await wb.screenshot(screenshotPath('tree'));
  });
});
