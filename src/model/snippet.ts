/**
 * Code a backend uses to read a secret. It never contains a real key: the Node snippet relies on
 * an already-built `stripe` client and curl reads the key from $STRIPE_SECRET_KEY.
 */
import type { SecretScope } from './types';

export interface SnippetOptions {
  /** `acct_...` the connection acts on; adds `stripeAccount` / `Stripe-Account`. */
  stripeAccount?: string;
  /** Another API base for curl (e.g. the local emulator); default https://api.stripe.com. */
  apiBase?: string;
}

export interface BackendSnippet {
  node: string;
  curl: string;
}

/** A single-quoted JavaScript string literal. */
export function jsString(value: string): string {
  const escaped = value
    .replace(/\\/g, '\\\\')
    .replace(/'/g, "\\'")
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return `'${escaped}'`;
}

/** A single-quoted POSIX shell word (nothing inside is expanded). */
function shellWord(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export function backendSnippet(name: string, scope: SecretScope, options: SnippetOptions = {}): BackendSnippet {
  const scopeJs = scope.type === 'account' ? `{type: 'account'}` : `{type: 'user', user: ${jsString(scope.user)}}`;
  const nodeLines = [`const secret = await stripe.apps.secrets.find(`, `  {scope: ${scopeJs}, name: ${jsString(name)}, expand: ['payload']},`];
  if (options.stripeAccount) nodeLines.push(`  {stripeAccount: ${jsString(options.stripeAccount)}},`);
  nodeLines.push(`);`, `const value = secret.payload;`);
  const node = nodeLines.join('\n');

  const base = (options.apiBase ?? 'https://api.stripe.com').replace(/\/+$/, '');
  const lines = [`curl -G ${shellWord(base + '/v1/apps/secrets/find')}`, `-u "$STRIPE_SECRET_KEY:"`];
  if (options.stripeAccount) lines.push(`-H ${shellWord('Stripe-Account: ' + options.stripeAccount)}`);
  lines.push(`-d ${shellWord('scope[type]=' + scope.type)}`);
  if (scope.type === 'user') lines.push(`--data-urlencode ${shellWord('scope[user]=' + scope.user)}`);
  lines.push(`--data-urlencode ${shellWord('name=' + name)}`, `-d ${shellWord('expand[]=payload')}`);
  const curl = lines.join(' \\\n  ');
  return { node, curl };
}
