/**
 * A connection's client acting on one added account: every operation carries that account
 * (`Stripe-Account` for an `acct_…` id, `Stripe-Context` for a path). The underlying client is the
 * connection's one, so its per-account limiters are shared by every caller. No `vscode` import.
 */
import { isContextPath } from '../model/accounts';
import type { OperationOptions, SecretStore } from '../stripe/types';

export function accountOptions(account: string): OperationOptions {
  return isContextPath(account) ? { stripeContext: account } : { stripeAccount: account };
}

export function onAccount(store: SecretStore, account: string): SecretStore {
  const on = (options?: OperationOptions): OperationOptions => ({ ...options, ...accountOptions(account) });
  return {
    list: (scope, signal, options) => store.list(scope, signal, on(options)),
    find: (name, scope, options) => store.find(name, scope, on(options)),
    reveal: (name, scope, options) => store.reveal(name, scope, on(options)),
    set: (input, options) => store.set(input, options === undefined ? on() : on(options)),
    delete: (name, scope, options) => store.delete(name, scope, on(options)),
    // Proves the key reaches this account: one cheap list of its account scope.
    verify: async () => {
      const listed = await store.list({ type: 'account' }, undefined, on());
      return listed.length > 0 ? { livemode: listed[0].livemode } : {};
    },
  };
}
