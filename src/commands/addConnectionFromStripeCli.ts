import * as vscode from 'vscode';
import { uniqueLabel } from '../connections/connectionList';
import {
  dottedNameNote,
  isProfileKeyExpired,
  sandboxOf,
  oauthLoginDetail,
  profileTestKey,
  readStripeCliConfig,
  sandboxExpiredDetail,
  sandboxMark,
  sandboxRefusal,
  StripeCliConfigError,
  type StripeCliConfig,
  type StripeCliProfile,
} from '../model/stripeCliConfig';
import type { ConnectionInfo, Services } from '../services';
import { isSecretStoreError } from '../stripe/errors';
import { ErrorButtons } from '../ui/errorReport';
import { connectionOf, connectionPickItems } from '../ui/pickers';
import { askSaveOrApiBase } from './connectionPrompts';
import type { CommandHandler } from './types';
import { verifyKey } from './verifyKey';

export const LIVE_KEYS_NOTE = 'live keys stay in the OS keychain, not read';
/** The separator above the profiles: short, since VS Code draws it at the right of the first row. */
export const PROFILES_SEPARATOR = 'test-mode keys only';
const TITLE = 'Add Connection from Stripe CLI';

/** `expires 2027-01-31` / `expired 2026-11-30` / the key problem: the profile row's detail, never the key. */
export function profileKeyDetail(profile: StripeCliProfile, nowMs: number): string {
  return keyDetail(profile, nowMs) + dottedNameNote(profile);
}

function keyDetail(profile: StripeCliProfile, nowMs: number): string {
  const problem = oauthLoginDetail(profile) ?? profile.keyProblem ?? sandboxExpiredDetail(profile, nowMs);
  if (problem !== undefined) return problem;
  if (profile.testKeyExpiresAt === undefined) return 'test-mode key (no expiry recorded)';
  return isProfileKeyExpired(profile, nowMs)
    ? `test-mode key expired ${profile.testKeyExpiresAt}: run \`stripe login\` again`
    : `test-mode key, expires ${profile.testKeyExpiresAt}`;
}

/** The default label: the account's display name, marked as the CLI's test key. */
export function cliConnectionLabel(profile: StripeCliProfile, existing: readonly string[]): string {
  return uniqueLabel(`${profile.displayName} (Stripe CLI, ${profile.sandbox ? 'sandbox' : 'test'})`, existing);
}

/** The sentence refusing a profile (no key, malformed key, expired key or sandbox), or undefined. */
export function profileRefusal(profile: StripeCliProfile, nowMs: number): string | undefined {
  if (profile.keyProblem) return `${profile.keyProblem} Nothing was saved.`;
  const sandbox = sandboxRefusal(profile, nowMs);
  if (sandbox) return `${sandbox} Nothing was saved.`;
  if (isProfileKeyExpired(profile, nowMs)) {
    const login = profile.name === 'default' ? 'stripe login' : `stripe login --project-name=${profile.name}`;
    return `The test-mode key of the Stripe CLI profile "${profile.name}" expired on ${profile.testKeyExpiresAt}. Run \`${login}\`, then try again. Nothing was saved.`;
  }
  return undefined;
}

/** The config, or undefined after telling the person what is wrong with it (missing, unreadable, malformed, no profile). */
async function readConfig(services: Services): Promise<StripeCliConfig | undefined> {
  try {
    const config = readStripeCliConfig();
    if (config.profiles.length > 0) return config;
    await services.prompts.error(`The Stripe CLI config ${config.path} has no logged-in profile: run \`stripe login\` first.`);
  } catch (error) {
    if (!(error instanceof StripeCliConfigError)) throw error;
    services.log.info(`Stripe CLI config: ${error.message}`);
    await services.prompts.error(error.message);
  }
  return undefined;
}

/**
 * Add Connection from Stripe CLI…: the profiles of the CLI's config by display name and account,
 * Save or a custom API base, one request to verify the key, then the key goes to SecretStorage.
 * The key is read from the file only through profileTestKey and never shown.
 */
export const addConnectionFromStripeCli: CommandHandler = async (services) => {
  const config = await readConfig(services);
  if (!config) return;
  const now = Date.now();
  type Item = vscode.QuickPickItem & { profile?: StripeCliProfile };
  const items: Item[] = [
    { label: PROFILES_SEPARATOR, kind: vscode.QuickPickItemKind.Separator },
    ...config.profiles.map((profile): Item => ({
      label: profile.displayName,
      description: [
        sandboxMark(profile),
        profile.accountId,
        profile.name === config.activeProfile ? `profile ${profile.name} · active` : `profile ${profile.name}`,
      ]
        .filter((p) => p)
        .join(' · '),
      detail: profileKeyDetail(profile, now),
      profile,
    })),
  ];
  const picked = await services.prompts.quickPick(items, {
    title: `${TITLE} (${LIVE_KEYS_NOTE})`,
    placeHolder: 'Choose a Stripe CLI profile: its test-mode key is copied into VS Code SecretStorage, never shown',
    matchOnDescription: true,
    matchOnDetail: true,
    ignoreFocusOut: true,
  });
  const profile = picked?.profile;
  if (!profile) return;
  const refusal = profileRefusal(profile, now);
  const apiKey = profileTestKey(profile);
  if (refusal || apiKey === undefined) {
    await services.prompts.error(refusal ?? `The profile "${profile.name}" has no usable test-mode key. Nothing was saved.`);
    return;
  }
  const base = await askSaveOrApiBase(services, TITLE);
  if (!base) return;
  const label = cliConnectionLabel(
    profile,
    services.connections.list().map((c) => c.label),
  );
  try {
    await verifyKey(services.makeClient, { apiKey, apiBase: base.apiBase }, label);
  } catch (error) {
    if (!isSecretStoreError(error) || error.kind !== 'invalid_key') throw error;
    services.log.error(`Add connection from Stripe CLI profile "${profile.name}": the key was refused:`, error);
    const choice = await services.prompts.error(
      `${error.message} Run \`stripe login\` again, then retry. Nothing was saved.`,
      ErrorButtons.showLog,
    );
    if (choice === ErrorButtons.showLog) services.log.show();
    return;
  }
  const info: ConnectionInfo = await services.connections.add({
    label,
    apiKey,
    apiBase: base.apiBase,
    stripeCli: { profile: profile.name, ...(profile.testKeyExpiresAt ? { keyExpiresAt: profile.testKeyExpiresAt } : {}) },
    ...sandboxOf(profile),
  });
  await services.connections.setActive(info.id);
  services.log.info(`Added connection "${info.label}" from the Stripe CLI profile "${profile.name}" (TEST).`);
  const expiry = profile.sandbox?.expiresAt
    ? ` This is a sandbox: it and its keys expire ${profile.sandbox.expiresAt.slice(0, 10)}.`
    : profile.testKeyExpiresAt
      ? ` The CLI's key expires ${profile.testKeyExpiresAt}; run \`stripe login\` then Re-import from Stripe CLI to renew it.`
      : '';
  // eslint-disable-next-line @typescript-eslint/no-floating-promises -- notification: the flow goes on without waiting for it to be closed
  void services.prompts.info(
    `Connected "${info.label}" (TEST) with the Stripe CLI's test-mode key; it is now the active connection.${expiry}`,
  );
};

/** From the palette: the connections added from the CLI (none: say so; one: that one). */
async function pickCliConnection(services: Services): Promise<ConnectionInfo | undefined> {
  const candidates = services.connections.list().filter((c) => c.stripeCli);
  if (candidates.length === 0) {
    await services.prompts.error('No connection was added from the Stripe CLI. Use Add Connection from Stripe CLI… first.');
    return undefined;
  }
  if (candidates.length === 1) return candidates[0];
  const picked = await services.prompts.quickPick(connectionPickItems(candidates, services.connections.active()?.id), {
    placeHolder: 'Re-import the Stripe CLI key of which connection?',
    matchOnDescription: true,
  });
  return picked?.connection;
}

/** Re-import from Stripe CLI: the profile's current key replaces the connection's, after one verifying request. */
export const reimportFromStripeCli: CommandHandler = async (services, node) => {
  const connection = node ? connectionOf(services, node.connectionId) : await pickCliConnection(services);
  if (!connection) return;
  const origin = connection.stripeCli;
  if (!origin) {
    await services.prompts.error(`"${connection.label}" was not added from the Stripe CLI; use Re-enter API Key instead.`);
    return;
  }
  const config = await readConfig(services);
  if (!config) return;
  const profile = config.profiles.find((p) => p.name === origin.profile);
  if (!profile) {
    await services.prompts.error(
      `The Stripe CLI config ${config.path} has no profile "${origin.profile}" any more: run \`stripe login${origin.profile === 'default' ? '' : ` --project-name=${origin.profile}`}\`.`,
    );
    return;
  }
  const refusal = profileRefusal(profile, Date.now());
  const apiKey = profileTestKey(profile);
  if (refusal || apiKey === undefined) {
    await services.prompts.error(refusal ?? `The profile "${profile.name}" has no usable test-mode key. Nothing was saved.`);
    return;
  }
  await verifyKey(services.makeClient, { apiKey, stripeAccount: connection.stripeAccount, apiBase: connection.apiBase }, connection.label);
  await services.connections.replaceKey(connection.id, apiKey);
  await services.connections.update(connection.id, {
    stripeCli: { profile: profile.name, ...(profile.testKeyExpiresAt ? { keyExpiresAt: profile.testKeyExpiresAt } : {}) },
    ...sandboxOf(profile),
  });
  services.log.info(`Re-imported the Stripe CLI key of "${connection.label}" from the profile "${profile.name}".`);
  // eslint-disable-next-line @typescript-eslint/no-floating-promises -- notification: the flow goes on without waiting for it to be closed
  void services.prompts.info(
    `The Stripe CLI's current key for "${connection.label}" works and is saved${profile.testKeyExpiresAt ? ` (expires ${profile.testKeyExpiresAt})` : ''}.`,
  );
};
