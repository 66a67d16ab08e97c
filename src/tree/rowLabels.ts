/**
 * What a screen reader announces for each row: the words a sighted person reads there (label,
 * description, and what the icon's colour says). No `vscode` import: unit-tested in plain Node.
 */
import { displayName } from '../model/displayName';
import type { ExpiryState } from '../model/expiry';
import type { SecretScope } from '../model/types';
import type { ConnectionInfo } from '../services';
import { accountName, isContextPath, type AccountView } from '../model/accounts';
import { keyDescription, NO_KEY_HERE, sandboxDescription } from '../ui/labels';

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** `My app, LIVE mode connection, active, acct_9, secret key ending 1234`. */
export function connectionA11yLabel(info: ConnectionInfo, active: boolean, keyMissing = false, nowMs = Date.now()): string {
  const parts = [displayName(info.label), `${info.mode === 'live' ? 'LIVE mode' : 'test mode'} connection`];
  const sandbox = sandboxDescription(info, nowMs);
  if (sandbox) parts.push(sandbox);
  if (active) parts.push('active');
  if (keyMissing) parts.push(`${NO_KEY_HERE}, press Enter to enter it`);
  if (info.stripeAccount) parts.push(`Stripe account ${info.stripeAccount}`);
  if (info.stripeContext) parts.push(`Stripe context ${info.stripeContext}`);
  if (info.emulator) parts.push('local emulator');
  parts.push(keyDescription(info).replace(/ •+/, ' ending '));
  return parts.join(', ');
}

/** `Users, 3 user scopes` / `Users, no user scopes added`. */
export function usersA11yLabel(userCount: number): string {
  return `Users, ${userCount === 0 ? 'no user scopes added' : plural(userCount, 'user scope')}`;
}

/** The fill as a sentence: `6 of 10 secrets`. */
export function fillA11y(count: number, max: number): string {
  return `${count} of ${max} secrets`;
}

/** `Account scope, 6 of 10 secrets` / `User scope usr_1, not loaded` / `…, loading`. */
export function scopeA11yLabel(scope: SecretScope, state: { loaded: number; max: number } | 'failed' | 'loading'): string {
  const name = scope.type === 'account' ? 'Account scope' : `User scope ${displayName(scope.user)}`;
  const fill =
    state === 'failed' ? 'not loaded, expand it to see why' : state === 'loading' ? 'not loaded yet' : fillA11y(state.loaded, state.max);
  return `${name}, ${fill}`;
}

/** `Error: Couldn't load: …. Press Enter to try again.` / `No secrets. Set one…, press Enter to set one`. */
export function messageA11yLabel(message: string, error: boolean, action: string): string {
  return error ? `Error: ${message} Press Enter to try again.` : `${message} Press Enter to ${action}.`;
}

const STATE_WORDS: Record<ExpiryState, string> = {
  none: 'never expires',
  ok: '',
  soon: 'expiring soon',
  expired: 'expired',
};

/** `Secret api_key, expires in 2 days, expiring soon` / `Secret api_key, never expires` / `…, Deleting…`. */
export function secretA11yLabel(name: string, description: string, state: ExpiryState, busy: boolean): string {
  const parts = [`Secret ${displayName(name)}`];
  if (description) parts.push(description);
  const stateWords = busy ? '' : STATE_WORDS[state];
  if (stateWords && stateWords !== description) parts.push(stateWords);
  return parts.join(', ');
}

/** `Shop (acct_2), account with 2 user scopes` / `Own account, the connection's own account, no user scopes`. */
export function accountA11yLabel(view: AccountView): string {
  const users = view.userIds.length === 0 ? 'no user scopes' : plural(view.userIds.length, 'user scope');
  const kind =
    view.account === undefined
      ? "the connection's own account"
      : view.id !== undefined && isContextPath(view.id)
        ? 'Stripe-Context account'
        : 'added account';
  return `${displayName(accountName(view))}, ${kind}, ${users}`;
}
