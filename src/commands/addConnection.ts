import { keyLast4, keyModeOf, validateAccountId, validateApiBase, validateApiKey, validateConnectionLabel } from '../model/validation';
import type { ConnectionTarget } from '../model/types';
import type { ConnectionInfo, Services } from '../services';
import { isSecretStoreError } from '../stripe/errors';
import type { ClientMaker } from '../connections/clientFactory';
import { defaultConnectionLabel } from '../connections/connectionList';
import { ErrorButtons } from '../ui/errorReport';
import { modeBadge } from '../ui/labels';
import type { CommandHandler } from './types';
import { verifyKey } from './verifyKey';
import { stripeCliConfigExists } from '../model/stripeCliConfig';
import { addConnectionFromStripeCli } from './addConnectionFromStripeCli';
import { activateAdded, activeNote } from './makeActive';

export const SAVE_LABEL = 'Save';
export const ADVANCED_LABEL = 'Advanced: custom API base…';
export const FROM_STRIPE_CLI_LABEL = 'From a Stripe CLI profile…';
export const ENTER_KEY_LABEL = 'Enter an API key…';

/** The API key input: masked, checked as it is typed (a publishable key is refused with the reason). */
export function askApiKey(services: Services, title: string): Thenable<string | undefined> {
  return services.prompts.inputBox({
    title,
    prompt: 'A secret key (sk_test_…, sk_live_…) or restricted key (rk_…) from the Stripe Dashboard. It is kept only in VS Code SecretStorage.',
    placeHolder: 'sk_test_…',
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => validateApiKey(value.trim()),
  });
}

/**
 * Save, or Advanced: a custom API base (the emulator, stripe-mock, a proxy). Undefined when
 * cancelled; `apiBase` undefined means api.stripe.com.
 */
export async function askSaveOrApiBase(services: Services, title: string): Promise<{ apiBase?: string } | undefined> {
  const next = await services.prompts.quickPick(
    [
      { label: SAVE_LABEL, description: 'check the key with one request and save' },
      { label: ADVANCED_LABEL, description: 'the local emulator, stripe-mock or a proxy' },
    ],
    { title, placeHolder: 'Save the connection' },
  );
  if (!next) return undefined;
  if (next.label !== ADVANCED_LABEL) return {};
  const apiBase = (await services.prompts.inputBox({
    title,
    prompt: 'The API base: https://…, or http:// on this computer (127.0.0.1, localhost)',
    placeHolder: 'http://127.0.0.1:12111',
    ignoreFocusOut: true,
    validateInput: (value) => validateApiBase(value.trim()),
  }))?.trim().replace(/\/$/, '');
  return apiBase === undefined ? undefined : { apiBase };
}

/**
 * Label, key, optional Stripe-Account, then Save or a custom API base; the key is checked with one
 * real request before anything is saved. An invalid key offers to re-enter just the key.
 */
export function addConnection(makeClient: ClientMaker): CommandHandler {
  return async (services) => {
    const title = 'Add Stripe Connection';
    if (stripeCliConfigExists()) {
      const how = await services.prompts.quickPick(
        [
          { label: FROM_STRIPE_CLI_LABEL, description: 'the test-mode key `stripe login` saved (never shown)' },
          { label: ENTER_KEY_LABEL, description: 'a secret or restricted key from the Dashboard' },
        ],
        { title, placeHolder: 'A Stripe CLI config was found: connect with one of its profiles?' },
      );
      if (!how) return;
      if (how.label === FROM_STRIPE_CLI_LABEL) return addConnectionFromStripeCli(makeClient)(services);
    }
    const label = await services.prompts.inputBox({
      title,
      prompt: 'A name for this connection (leave empty for e.g. "Test account 1234")',
      placeHolder: 'My app (test)',
      ignoreFocusOut: true,
      validateInput: (value) => validateConnectionLabel(value),
    });
    if (label === undefined) return;
    let apiKey = (await askApiKey(services, title))?.trim();
    if (apiKey === undefined) return;
    const account = await services.prompts.inputBox({
      title,
      prompt: 'Optional: act on an account that installed your app (its Stripe-Account id). Leave empty for your own account.',
      placeHolder: 'acct_… (optional)',
      ignoreFocusOut: true,
      validateInput: (value) => (value.trim() === '' ? undefined : validateAccountId(value.trim())),
    });
    if (account === undefined) return;
    const base = await askSaveOrApiBase(services, title);
    if (!base) return;
    const apiBase = base.apiBase;
    const stripeAccount = account.trim() === '' ? undefined : account.trim();

    for (;;) {
      const name = label.trim() || defaultConnectionLabel(keyModeOf(apiKey), keyLast4(apiKey), stripeAccount, services.connections.list().map((c) => c.label));
      const target: ConnectionTarget = { apiKey, stripeAccount, apiBase };
      try {
        await verifyKey(makeClient, target, name);
      } catch (error) {
        if (!isSecretStoreError(error) || error.kind !== 'invalid_key') throw error;
        services.log.error(`Add connection "${name}": the key was refused:`, error);
        const choice = await services.prompts.error(`${error.message} Nothing was saved.`, ErrorButtons.reEnterKey, ErrorButtons.showLog);
        if (choice === ErrorButtons.showLog) services.log.show();
        if (choice !== ErrorButtons.reEnterKey) return;
        apiKey = (await askApiKey(services, title))?.trim();
        if (apiKey === undefined) return;
        continue;
      }
      const previous = services.connections.active();
      const info: ConnectionInfo = await services.connections.add({ label: name, apiKey, stripeAccount, apiBase });
      await activateAdded(services, info, previous);
      services.log.info(`Added connection "${info.label}" (${modeBadge(info)}).`);
      void services.prompts.info(`Connected "${info.label}" (${modeBadge(info)}); ${activeNote(services, info)}`);
      return;
    }
  };
}
