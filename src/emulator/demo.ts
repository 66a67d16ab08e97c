import type { StoredSecret } from './types';

import { DEMO_USER_IDS } from './constants';

export { DEMO_USER_IDS };

const DAY = 24 * 3600;
const HOUR = 3600;

/**
 * A realistic Stripe Apps data set, oldest first. Values look like credentials but say NOT-REAL and
 * follow no real provider's key pattern, so secret scanners leave them alone.
 */
export function demoSecrets(nowSeconds: number): Array<Omit<StoredSecret, 'id'>> {
  const account = { type: 'account' } as const;
  const user = (i: number) => ({ type: 'user', user: DEMO_USER_IDS[i] }) as const;
  const rows: Array<[name: string, scope: StoredSecret['scope'], payload: string, createdDaysAgo: number, expiresIn: number | null]> = [
    ['database_url', account, 'postgres://demo_app:NOT-REAL-pw-4e1b9c@db.example.com:5432/stripe_app', 92, null],
    ['hubspot_client_secret', account, 'demo-hubspot-client-secret-NOT-REAL-c4a9e2f17b08d35a', 61, null],
    ['slack_bot_token', account, 'demo-slack-bot-token-NOT-REAL-2f9c41e8a7b3e0d6', 45, null],
    ['webhook_signing_secret', account, 'demo-webhook-signing-secret-NOT-REAL-5b7e0d3a9f1c62e8', 30, null],
    ['openai_api_key', account, 'demo-openai-api-key-NOT-REAL-8d1e5a0c93f7b26e4a1d7c05', 12, 180 * DAY],
    ['sendgrid_api_key', account, 'demo-sendgrid-api-key-NOT-REAL-71c3f0a9e25b', 88, 2 * DAY + 5 * HOUR],
    ['google_oauth_refresh_token', user(0), 'demo-google-refresh-token-NOT-REAL-0a6f3e91c2d8b7', 20, null],
    ['google_oauth_access_token', user(0), 'demo-google-access-token-NOT-REAL-e93b1c07f5a2d4', 0.02, 50 * 60],
    ['hubspot_oauth_refresh_token', user(1), 'demo-hubspot-refresh-token-NOT-REAL-6d2a9f4c1e0b', 14, null],
    ['hubspot_oauth_access_token', user(1), 'demo-hubspot-access-token-NOT-REAL-b58e2c7a09f3', 1, 20 * HOUR],
    ['quickbooks_oauth_refresh_token', user(2), 'demo-quickbooks-refresh-token-NOT-REAL-3c8f1a6e2d9b', 9, 90 * DAY],
  ];
  return rows
    .map(([name, scope, payload, daysAgo, expiresIn]) => ({
      name,
      scope,
      payload,
      created: nowSeconds - Math.round(daysAgo * DAY),
      expiresAt: expiresIn === null ? null : nowSeconds + expiresIn,
    }))
    .sort((a, b) => a.created - b.created);
}
