import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { backendSnippet } from '../../../src/model/snippet';
import type { SecretScope } from '../../../src/model/types';

/** Runs the Node snippet against a fake `stripe` and returns the arguments `find` received. */
async function runNode(code: string): Promise<unknown[]> {
  let received: unknown[] = [];
  const stripe = {
    apps: {
      secrets: {
        find: async (...args: unknown[]) => {
          received = args;
          return { payload: 'v' };
        },
      },
    },
  };
  const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (
    ...args: string[]
  ) => (s: unknown) => Promise<void>;
  await new AsyncFunction('stripe', code)(stripe);
  return received;
}

/** Runs the curl snippet in bash with `curl` replaced by a function that prints its arguments. */
function runCurl(code: string): string[] {
  const out = execFileSync('bash', ['--norc', '--noprofile', '-c', `curl() { printf '%s\\0' "$@"; }\n${code}`], {
    env: { PATH: process.env.PATH ?? '', STRIPE_SECRET_KEY: 'KEY_FROM_ENV' },
  }).toString();
  return out.split('\0').slice(0, -1);
}

test('node snippet for a user scope with Stripe-Account', async () => {
  const scope: SecretScope = { type: 'user', user: 'usr_123' };
  const { node } = backendSnippet('api_token', scope, { stripeAccount: 'acct_9' });
  assert.match(node, /stripe\.apps\.secrets\.find\(/);
  assert.match(node, /\{scope: \{type: 'user', user: 'usr_123'\}, name: 'api_token', expand: \['payload'\]\}/);
  assert.deepEqual(await runNode(node), [{ scope, name: 'api_token', expand: ['payload'] }, { stripeAccount: 'acct_9' }]);
});

test('node snippet for the account scope, with a name that needs escaping', async () => {
  const name = `it's a \\ "name"\nwith\u2028breaks`;
  const { node } = backendSnippet(name, { type: 'account' });
  assert.deepEqual(await runNode(node), [{ scope: { type: 'account' }, name, expand: ['payload'] }]);
});

test('curl snippet: key from the environment, Stripe-Account header, exact parameters', () => {
  const { curl } = backendSnippet("o'neil $HOME `x`", { type: 'user', user: 'usr_1' }, { stripeAccount: 'acct_9' });
  assert.ok(curl.includes('-u "$STRIPE_SECRET_KEY:"'));
  assert.ok(!/sk_(test|live)_/.test(curl));
  assert.deepEqual(runCurl(curl), [
    '-G',
    'https://api.stripe.com/v1/apps/secrets/find',
    '-u',
    'KEY_FROM_ENV:',
    '-H',
    'Stripe-Account: acct_9',
    '-d',
    'scope[type]=user',
    '--data-urlencode',
    'scope[user]=usr_1',
    '--data-urlencode',
    "name=o'neil $HOME `x`",
    '-d',
    'expand[]=payload',
  ]);
});

test('curl snippet without Stripe-Account, against another API base', () => {
  const { curl } = backendSnippet('n', { type: 'account' }, { apiBase: 'http://127.0.0.1:12111/' });
  assert.ok(!curl.includes('Stripe-Account'));
  assert.deepEqual(runCurl(curl), [
    '-G',
    'http://127.0.0.1:12111/v1/apps/secrets/find',
    '-u',
    'KEY_FROM_ENV:',
    '-d',
    'scope[type]=account',
    '--data-urlencode',
    'name=n',
    '-d',
    'expand[]=payload',
  ]);
});
