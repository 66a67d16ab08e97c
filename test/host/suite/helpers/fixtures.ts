import type { StoredSecret } from '../../../../src/emulator';
import type { SecretScope } from '../../../../src/model/types';

export const ACCOUNT: SecretScope = { type: 'account' };
export const DAY = 24 * 3600;

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/** Puts a secret straight into an emulator store (no request), created a minute ago. */
export function seedSecret(store: StoredSecret[], name: string, payload: string, expiresAt: number | null = null, scope: SecretScope = ACCOUNT): StoredSecret {
  const secret: StoredSecret = { id: `appsecret_${name.replace(/\W/g, '')}${store.length}`, name, scope, payload, created: nowSeconds() - 60, expiresAt };
  store.push(secret);
  return secret;
}
