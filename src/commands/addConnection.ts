import {
  isOrganizationKey,
  keyLast4,
  keyModeOf,
  validateAccountId,
  validateApiKey,
  validateConnectionLabel,
  validateStripeContext,
} from '../model/validation';
import type { ConnectionTarget, KeyMode } from '../model/types';
import type { ConnectionInfo, Services } from '../services';
import { isSecretStoreError } from '../stripe/errors';
import { defaultConnectionLabel } from '../connections/connectionList';
import { ErrorButtons } from '../ui/errorReport';
import { modeBadge } from '../ui/labels';
import type { CommandHandler } from './types';
import { verifyKey } from './verifyKey';
import { runSteps } from '../ui/prompts';
import { stripeCliConfigExists } from '../model/stripeCliConfig';
import { addConnectionFromStripeCli } from './addConnectionFromStripeCli';
import { askSaveOrApiBase } from './connectionPrompts';
import { activateAdded, activeNote } from './makeActive';

export const FROM_STRIPE_CLI_LABEL = 'From a Stripe CLI profile…';
export const ENTER_KEY_LABEL = 'Enter an API key…';

/** The API key input: masked, checked as it is typed (a publishable key is refused with the reason). */
export function askApiKey(services: Services, title: string, canGoBack = false, prompt?: string): Thenable<string | undefined> {
  return services.prompts.inputBox({
    title,
    canGoBack,
    prompt:
      prompt ??
      'A secret key (sk_test_…, sk_live_…), restricted key (rk_…) or organization key (sk_org_…) from the Stripe Dashboard. It is kept only in VS Code SecretStorage.',
    placeHolder: 'sk_test_…',
    password: true,
    ignoreFocusOut: true,
    validateInput: (value) => validateApiKey(value.trim()),
  });
}

export const ORG_MODE_LIVE = 'LIVE mode';
export const ORG_MODE_TEST = 'Test mode or a sandbox';

/** The Stripe-Context an organization key acts on: required, one account or a path. */
export function askStripeContext(services: Services, title: string, value?: string, canGoBack = false): Thenable<string | undefined> {
  return services.prompts.inputBox({
    title,
    canGoBack,
    prompt:
      'An organization key acts on the account its Stripe-Context names: an account id, or a path such as acct_platform/acct_connected.',
    placeHolder: 'acct_… or acct_platform/acct_connected',
    value,
    ignoreFocusOut: true,
    validateInput: (v) => validateStripeContext(v.trim()),
  });
}

/**
 * An organization key's mode is Stripe's to say, not its prefix's: `livemode` of what the verifying
 * request listed. Stripe says nothing while the account scope is empty; then the person says, and
 * nothing is saved without an answer.
 */
export async function organizationKeyMode(services: Services, reported: boolean | undefined, title: string): Promise<KeyMode | undefined> {
  if (reported !== undefined) return reported ? 'live' : 'test';
  const picked = await services.prompts.quickPick(
    [
      { label: ORG_MODE_TEST, mode: 'test' as const, description: 'TEST' },
      { label: ORG_MODE_LIVE, mode: 'live' as const, description: 'LIVE: changes affect real apps' },
    ],
    {
      title,
      placeHolder: 'Stripe did not say which mode this organization key works in (the account holds no secret yet): which is it?',
      ignoreFocusOut: true,
    },
  );
  return picked?.mode;
}

/**
 * Label, key, optional Stripe-Account (an organization key's required Stripe-Context), then Save or a
 * custom API base; the key is checked with one real request before anything is saved. An invalid
 * key offers to re-enter just the key.
 */
export const addConnection: CommandHandler = async (services) => {
  const title = 'Add Stripe Connection';
  const cli = stripeCliConfigExists();
  const total = cli ? 5 : 4;
  // "Step n of m" in every title, and Back from the second step on (src/ui/prompts.ts runSteps).
  const stepTitle = (n: number) => `${title} (Step ${n} of ${total})`;
  let label: string | undefined;
  let apiKey: string | undefined;
  let account: string | undefined;
  let base: { apiBase?: string } | undefined;
  let fromCli = false;
  const steps: Array<(n: number) => Promise<boolean>> = [];
  if (cli) {
    steps.push(async (n) => {
      const how = await services.prompts.quickPick(
        [
          { label: FROM_STRIPE_CLI_LABEL, description: 'the test-mode key `stripe login` saved (never shown)' },
          { label: ENTER_KEY_LABEL, description: 'a secret or restricted key from the Dashboard' },
        ],
        { title: stepTitle(n), placeHolder: 'A Stripe CLI config was found: connect with one of its profiles?' },
      );
      fromCli = how?.label === FROM_STRIPE_CLI_LABEL;
      return how !== undefined && !fromCli;
    });
  }
  steps.push(async (n) => {
    label = await services.prompts.inputBox({
      title: stepTitle(n),
      canGoBack: n > 1,
      prompt: 'A name for this connection (leave empty for e.g. "Test account 1234")',
      placeHolder: 'My app (test)',
      value: label,
      ignoreFocusOut: true,
      validateInput: (value) => validateConnectionLabel(value),
    });
    return label !== undefined;
  });
  steps.push(async (n) => (apiKey = (await askApiKey(services, stepTitle(n), true))?.trim()) !== undefined);
  steps.push(async (n) => {
    if (apiKey !== undefined && isOrganizationKey(apiKey)) {
      account = (await askStripeContext(services, stepTitle(n), account, true))?.trim();
      return account !== undefined;
    }
    account = await services.prompts.inputBox({
      title: stepTitle(n),
      canGoBack: true,
      prompt: 'Optional: act on an account that installed your app (its Stripe-Account id). Leave empty for your own account.',
      placeHolder: 'acct_… (optional)',
      value: account,
      ignoreFocusOut: true,
      validateInput: (value) => (value.trim() === '' ? undefined : validateAccountId(value.trim())),
    });
    return account !== undefined;
  });
  steps.push(async (n) => (base = await askSaveOrApiBase(services, stepTitle(n), true)) !== undefined);
  const done = await runSteps(steps.map((run, i) => () => run(i + 1)));
  if (fromCli) return addConnectionFromStripeCli(services);
  if (!done || label === undefined || apiKey === undefined || account === undefined || !base) return;
  const apiBase = base.apiBase;
  const given = account.trim() === '' ? undefined : account.trim();

  for (;;) {
    const organization = isOrganizationKey(apiKey);
    // A key re-entered after a refusal may be of the other kind: an organization key still needs its context.
    const stripeContext = organization ? (given ?? (await askStripeContext(services, title))?.trim()) : undefined;
    if (organization && stripeContext === undefined) return;
    const stripeAccount = organization ? undefined : given;
    const target: ConnectionTarget = { apiKey, stripeAccount, stripeContext, apiBase };
    let mode: KeyMode | undefined;
    const labelFor = (m: KeyMode) =>
      label!.trim() ||
      defaultConnectionLabel(
        m,
        keyLast4(apiKey!),
        stripeContext ?? stripeAccount,
        services.connections.list().map((c) => c.label),
      );
    let name = labelFor(keyModeOf(apiKey));
    try {
      const reported = await verifyKey(services.makeClient, target, name);
      if (organization) {
        mode = await organizationKeyMode(services, reported.livemode, title);
        if (mode === undefined) return;
        name = labelFor(mode);
      }
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
    const info: ConnectionInfo = await services.connections.add({
      label: name,
      apiKey,
      stripeAccount,
      stripeContext,
      apiBase,
      ...(mode ? { mode } : {}),
    });
    await activateAdded(services, info, previous);
    services.log.info(`Added connection "${info.label}" (${modeBadge(info)}).`);
    // eslint-disable-next-line @typescript-eslint/no-floating-promises -- notification: the flow goes on without waiting for it to be closed
    void services.prompts.info(`Connected "${info.label}" (${modeBadge(info)}); ${activeNote(services, info)}`);
    return;
  }
};
