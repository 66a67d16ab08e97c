import { backendSnippet, SNIPPET_LANGUAGES } from '../model/snippet';
import { copyTextToClipboard } from '../ui/clipboard';
import { resolveSecretTarget } from '../ui/pickers';
import type { CommandHandler } from './types';

/** Code that reads the secret from a backend, in the language picked; it never holds a key or the value. */
export const copyBackendSnippet: CommandHandler = async (services, node) => {
  const target = await resolveSecretTarget(services, node, { placeHolder: 'Choose a secret to read from your backend' });
  if (!target) return;
  const { connection, scope, secret } = target;
  const account = connection.stripeAccount ? ` as ${connection.stripeAccount} (Stripe-Account)` : '';
  const choice = await services.prompts.quickPick(
    SNIPPET_LANGUAGES.map((l) => ({ label: l.label, description: l.description, key: l.key })),
    { placeHolder: `Snippet that reads '${secret.name}'${account}` },
  );
  if (!choice) return;
  const snippet = backendSnippet(secret.name, scope, { stripeAccount: connection.stripeAccount, apiBase: connection.apiBase });
  await copyTextToClipboard(services, snippet[choice.key], `Copied the ${choice.label} snippet for '${secret.name}'`);
};
