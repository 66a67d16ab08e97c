/**
 * Live mode: a live key puts the connection on a warning background in the status bar, a value is
 * shown only after a modal confirmation, and a delete asks for the secret's name to be typed
 * (the default deleteConfirmation, typeNameInLiveMode). Assertions compare values with assert.ok,
 * so a failure never prints a secret value.
 */
import * as assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import type { EmulatorHandle, StoredSecret } from '../../../src/emulator';
import { screenshotPath } from '../lib/scenario';
import {
  MARKER_VALUE,
  connectToEmulator,
  contextMenu,
  dialog,
  dismissNotifications,
  eventually,
  expand,
  row,
  waitForDescription,
  withFlow,
} from './support';

const NAME = 'live_webhook_token';
const LABEL = 'My app (emulator)';
/** A well-formed live key the leak check looks for, like support's MARKER_KEY (which is a test key). */
const LIVE_KEY = `sk_live_LEAKMARKERKEY${randomBytes(18).toString('base64url').replace(/[-_]/g, 'x')}`;

/** What the page reports of each status bar item (the tests compile without the DOM lib). */
interface StatusItem {
  text: string;
  classes: string[];
  background: string;
}
interface StatusBarColours {
  items: StatusItem[];
  bar: string;
  warning: string;
}
interface BrowserElement {
  className: string;
  textContent: string | null;
  style: { backgroundColor: string };
  appendChild(child: BrowserElement): void;
  remove(): void;
}
interface BrowserGlobals {
  document: {
    querySelector(selector: string): BrowserElement | null;
    querySelectorAll(selector: string): ArrayLike<BrowserElement>;
    createElement(tag: string): BrowserElement;
  };
  getComputedStyle(element: BrowserElement): { backgroundColor: string };
}

function stored(emulator: EmulatorHandle): StoredSecret | undefined {
  return emulator.secrets('live').find((s) => s.name === NAME && s.scope.type === 'account');
}

test(
  'a live connection is marked in the status bar, asks before a reveal and wants the name typed to delete',
  { timeout: 240_000 },
  async () => {
    const flow = {
      emulator: { apiKeys: [LIVE_KEY] },
      markers: { apiKey: LIVE_KEY, value: MARKER_VALUE },
    };
    await withFlow('live-mode', flow, async ({ wb, page, emulator }) => {
      const now = Math.floor(Date.now() / 1000);
      emulator.secrets('live').push({
        id: 'appsecret_e2eLiveToken',
        name: NAME,
        scope: { type: 'account' },
        payload: MARKER_VALUE,
        created: now,
        expiresAt: null,
      });
      await connectToEmulator(wb, emulator, LIVE_KEY, LABEL);
      await dismissNotifications(wb);

      // 1. The status bar item says LIVE, on the warning background: VS Code 1.99 renders
      // statusBarItem.warningBackground as the `warning-kind` class, coloured by that theme colour.
      const item = page.locator('.statusbar-item', { hasText: `${LABEL} · LIVE` });
      await item.waitFor();
      const colours = await page.evaluate((): StatusBarColours => {
        const g = globalThis as unknown as BrowserGlobals;
        const bar = g.document.querySelector('.part.statusbar');
        if (!bar) throw new Error('no status bar');
        const probe = g.document.createElement('div');
        probe.style.backgroundColor = 'var(--vscode-statusBarItem-warningBackground)';
        bar.appendChild(probe);
        const warning = g.getComputedStyle(probe).backgroundColor;
        probe.remove();
        const items = Array.from(g.document.querySelectorAll('.part.statusbar .statusbar-item'), (el) => ({
          text: (el.textContent ?? '').trim(),
          classes: el.className.split(/\s+/),
          background: g.getComputedStyle(el).backgroundColor,
        }));
        return { items, bar: g.getComputedStyle(bar).backgroundColor, warning };
      });
      const ours = colours.items.filter((i) => i.text.includes(`${LABEL} · LIVE`));
      assert.equal(ours.length, 1, 'one status bar item for the connection');
      assert.ok(ours[0].classes.includes('warning-kind'), `the item has the warning kind (classes: ${ours[0].classes.join(' ')})`);
      assert.ok(!/rgba\(\d+, \d+, \d+, 0\)|transparent/.test(colours.warning), `the theme has a warning background (${colours.warning})`);
      assert.equal(ours[0].background, colours.warning, "the item's background is statusBarItem.warningBackground");
      assert.notEqual(ours[0].background, colours.bar, 'the item stands out from the status bar');
      assert.deepEqual(
        colours.items.filter((i) => i !== ours[0] && i.classes.includes('warning-kind')).map((i) => i.text),
        [],
        'no other item is on the warning background',
      );

      const account = row(wb, 'Account');
      await expand(account);
      const secretRow = row(wb, NAME);
      await secretRow.waitFor();
      await waitForDescription(account, '1/10');
      await wb.screenshot(screenshotPath('live-mode'));

      // 2. Reveal from the context menu asks first; Cancel shows nothing and fetches no value.
      await contextMenu(secretRow, 'Reveal Secret');
      await dialog(page, `Show the live value of '${NAME}' from the account scope of ${LABEL}?`);
      await wb.answerDialog('Cancel');
      await page.locator('.monaco-dialog-box').waitFor({ state: 'detached' });

      // 3. Delete asks for the name typed: a wrong one is refused, the right one deletes.
      await contextMenu(secretRow, 'Delete Secret…');
      const input = await wb.waitForQuickInput(
        `Delete secret '${NAME}' from the account scope of ${LABEL}? History keeps the value for 30 days (Undo, Show History…). Type ${NAME} to confirm.`,
      );
      // Checked only now, after a later action ran: a reveal that went ahead would have opened its editor by then.
      assert.equal(await page.locator('.tabs-container .tab', { hasText: NAME }).count(), 0, 'no editor opened for the cancelled reveal');
      assert.deepEqual(
        emulator.requests().filter((r) => r.path.startsWith('/v1/apps/secrets/find')),
        [],
        'the cancelled reveal fetched no value',
      );
      await input.fill(`${NAME}_typo`);
      const refusal = `Type ${NAME} to confirm, or press Escape to keep the secret.`;
      await eventually(async () => ((await wb.inputValidation()) === refusal ? true : undefined), 'the refusal of a wrong name');
      await input.press('Enter');
      await eventually(async () => ((await wb.inputValidation()) === refusal ? true : undefined), 'the refusal still shown after Enter');
      assert.ok(await input.isVisible(), 'Enter with a wrong name leaves the question open');
      assert.ok(stored(emulator) !== undefined, 'a wrong name deletes nothing');
      await input.fill(NAME);
      // Without an error the message line shows the prompt again.
      await eventually(async () => ((await wb.inputValidation()) !== refusal ? true : undefined), 'the refusal gone');
      await input.press('Enter');
      await secretRow.waitFor({ state: 'detached' });
      await eventually(() => (stored(emulator) === undefined ? true : undefined), `'${NAME}' gone from the live store`);
      assert.deepEqual(
        emulator
          .requests()
          .filter((r) => r.method === 'POST' && r.path === '/v1/apps/secrets/delete')
          .map((r) => r.status),
        [200],
        'one delete request',
      );
      await waitForDescription(account, '0/10');
    });
  },
);
