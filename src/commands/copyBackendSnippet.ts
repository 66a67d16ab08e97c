import { backendSnippet } from '../model/snippet';
import { copyTextToClipboard } from '../ui/clipboard';
import { resolveSecretTarget } from '../ui/pickers';
import type { CommandHandler } from './types';

export const NODE_SNIPPET_LABEL = 'Node (stripe-node)';
export const CURL_SNIPPET_LABEL = 'curl';

/** Code that reads the secret from a backend; it never holds a key or the value. */
export const copyBackendSnippet: CommandHandler = async (services, node) => {
  const target = await resolveSecretTarget(services, node, { placeHolder: 'Choose a secret to read from your backend' });
  if (!target) return;
  const { connection, scope, secret } = target;
  const choice = await services.prompts.quickPick(
    [
      { label: NODE_SNIPPET_LABEL, description: 'stripe.apps.secrets.find with an existing client' },
      { label: CURL_SNIPPET_LABEL, description: 'reads the key from $STRIPE_SECRET_KEY' },
    ],
    { placeHolder: `Snippet that reads '${secret.name}'` },
  );
  if (!choice) return;
  const snippet = backendSnippet(secret.name, scope, { stripeAccount: connection.stripeAccount, apiBase: connection.apiBase });
  const text = choice.label === CURL_SNIPPET_LABEL ? snippet.curl : snippet.node;
  await copyTextToClipboard(services, text, `Copied the ${choice.label} snippet for '${secret.name}'`);
};
