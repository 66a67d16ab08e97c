import { isContextPath } from '../model/accounts';
import { backendSnippet, SNIPPET_LANGUAGES } from '../model/snippet';
import { resolveSecretTarget } from '../ui/pickers';
import type { CommandHandler } from './types';

/** Code that reads the secret from a backend, in the language picked; it never holds a key or the value. */
export const copyBackendSnippet: CommandHandler = async (services, node) => {
  const target = await resolveSecretTarget(services, node, { placeHolder: 'Choose a secret to read from your backend' });
  if (!target) return;
  const { connection, scope, secret } = target;
  // An organization key's requests, and an added account that is a context path, act through Stripe-Context.
  const stripeContext =
    connection.account !== undefined
      ? connection.keyKind === 'organization' || isContextPath(connection.account)
        ? connection.account
        : undefined
      : connection.stripeContext;
  const header =
    stripeContext !== undefined
      ? `${stripeContext} (Stripe-Context)`
      : connection.stripeAccount
        ? `${connection.stripeAccount} (Stripe-Account)`
        : undefined;
  const account = header ? ` as ${header}` : '';
  const choice = await services.prompts.quickPick(
    SNIPPET_LANGUAGES.map((l) => ({ label: l.label, description: l.description, key: l.key })),
    { placeHolder: `Snippet that reads '${secret.name}'${account}` },
  );
  if (!choice) return;
  const snippet = backendSnippet(secret.name, scope, {
    stripeAccount: connection.stripeAccount,
    stripeContext,
    apiBase: connection.apiBase,
  });
  await services.clipboard.copyText(snippet[choice.key], `Copied the ${choice.label} snippet for '${secret.name}'`);
};
