/**
 * Accounts under one connection: the key's own account (or the `Stripe-Account` the connection was
 * saved with) plus the accounts the person added, each with its own user scopes and an optional
 * label. An added account is an `acct_…` id (sent as `Stripe-Account`) or a `Stripe-Context` path
 * (`acct_platform/acct_connected`, for organization keys). No `vscode` import.
 */

import type { AddedAccount } from './types';
import { nameList, splitUserIds, type ParsedUserIds } from './userIdList';

export type { AddedAccount };

/** What the account helpers read of a connection (ConnectionInfo has these fields). */
export interface AccountHolder {
  stripeAccount?: string;
  userIds: string[];
  /** The label of the connection's own account. */
  ownAccountLabel?: string;
  accounts?: AddedAccount[];
}

/** One account as the tree and the pickers show it. `account` is undefined for the connection's own. */
export interface AccountView {
  account: string | undefined;
  /** The id shown (`acct_…`, a path), or undefined for a key's own account with no Stripe-Account. */
  id: string | undefined;
  label?: string;
  userIds: string[];
}

/** Deepest `Stripe-Context` path accepted: organization / platform / connected account. */
export const MAX_ACCOUNT_PATH_SEGMENTS = 3;
const ACCOUNT_ID = /^acct_[A-Za-z0-9]+$/;

/** Why `text` is not an account this connection can add (an `acct_…` id or a `Stripe-Context` path), or undefined. */
export function validateAccountPath(text: string): string | undefined {
  if (text.length === 0)
    return 'Enter an account id such as acct_1A2b3C4d5E6f7G8h, or a Stripe-Context path such as acct_platform/acct_connected.';
  if (/\s/.test(text)) return 'An account cannot contain spaces or line breaks.';
  const segments = text.split('/');
  if (segments.length > MAX_ACCOUNT_PATH_SEGMENTS)
    return `A Stripe-Context path has at most ${MAX_ACCOUNT_PATH_SEGMENTS} accounts joined by "/".`;
  if (!segments.every((s) => ACCOUNT_ID.test(s))) {
    return segments.length === 1
      ? 'An account id is acct_ followed by letters and digits, such as acct_1A2b3C4d5E6f7G8h.'
      : 'Each part of a Stripe-Context path is an account id (acct_ followed by letters and digits), joined by "/".';
  }
  return undefined;
}

/** True for a `Stripe-Context` path (sent as `Stripe-Context`, not `Stripe-Account`). */
export function isContextPath(account: string): boolean {
  return account.includes('/');
}

/** The connection's own account first, then the added ones in the order added. */
export function accountsOf(holder: AccountHolder): AccountView[] {
  return [
    { account: undefined, id: holder.stripeAccount, label: holder.ownAccountLabel, userIds: holder.userIds },
    ...(holder.accounts ?? []).map((a) => ({ account: a.id, id: a.id, label: a.label, userIds: a.userIds })),
  ];
}

/** True when the person added accounts: the tree then shows one row per account. */
export function hasAddedAccounts(holder: AccountHolder): boolean {
  return (holder.accounts?.length ?? 0) > 0;
}

/** The account, or undefined when `account` names none of the connection's. */
export function findAccount(holder: AccountHolder, account: string | undefined): AccountView | undefined {
  return accountsOf(holder).find((a) => a.account === account);
}

/** The user ids listed under an account ([] for an account that is gone). */
export function userIdsOf(holder: AccountHolder, account: string | undefined): string[] {
  return findAccount(holder, account)?.userIds ?? [];
}

/** The account's id as a person reads it: `acct_…`, a path, or `own account`. */
export function accountIdText(view: Pick<AccountView, 'id'>): string {
  return view.id ?? 'own account';
}

/** `Label (acct_1)`, `acct_1`, `Label (own account)`, `Own account`: plain text for rows, picks and screen readers. */
export function accountName(view: Pick<AccountView, 'id' | 'label'>): string {
  if (view.label) return `${view.label} (${accountIdText(view)})`;
  return view.id ?? 'Own account';
}

/** The name of `account` under `holder` (the raw id when the account is gone). */
export function accountNameOf(holder: AccountHolder, account: string | undefined): string {
  const view = findAccount(holder, account);
  return view ? accountName(view) : (account ?? 'Own account');
}

/** Why `account` cannot be added, or undefined. */
export function duplicateAccount(holder: AccountHolder, account: string): string | undefined {
  if (holder.stripeAccount === account) return `${account} is this connection's own account.`;
  if ((holder.accounts ?? []).some((a) => a.id === account)) return `The account ${account} is already listed for this connection.`;
  return undefined;
}

/** Ids the connection already shows (its own Stripe-Account and the added ones): a pasted list drops them. */
export function listedAccounts(holder: AccountHolder): string[] {
  return [...(holder.stripeAccount ? [holder.stripeAccount] : []), ...(holder.accounts ?? []).map((a) => a.id)];
}

/** The holder with `ids` added (each once, listed ones skipped), and the ids actually added. */
export function withAccounts<T extends AccountHolder>(holder: T, ids: readonly string[]): { next: T; added: string[] } {
  const listed = new Set(listedAccounts(holder));
  const added = [...new Set(ids)].filter((id) => !listed.has(id));
  return { next: { ...holder, accounts: [...(holder.accounts ?? []), ...added.map((id) => ({ id, userIds: [] }))] }, added };
}

export function withoutAccount<T extends AccountHolder>(holder: T, account: string): T {
  const accounts = (holder.accounts ?? []).filter((a) => a.id !== account);
  const next = { ...holder };
  if (accounts.length > 0) next.accounts = accounts;
  else delete next.accounts;
  return next;
}

/** A new label for an account (own when undefined); an empty label removes it. */
export function withAccountLabel<T extends AccountHolder>(holder: T, account: string | undefined, label: string): T {
  const trimmed = label.trim();
  if (account === undefined) {
    const next = { ...holder };
    if (trimmed) next.ownAccountLabel = trimmed;
    else delete next.ownAccountLabel;
    return next;
  }
  return {
    ...holder,
    accounts: (holder.accounts ?? []).map((a) => {
      if (a.id !== account) return a;
      const { label: _old, ...rest } = a;
      return trimmed ? { ...rest, label: trimmed } : rest;
    }),
  };
}

/** The holder with the user ids of `account` changed by `change`. */
export function withAccountUserIds<T extends AccountHolder>(
  holder: T,
  account: string | undefined,
  change: (userIds: string[]) => string[],
): T {
  if (account === undefined) return { ...holder, userIds: change(holder.userIds) };
  return { ...holder, accounts: (holder.accounts ?? []).map((a) => (a.id === account ? { ...a, userIds: change(a.userIds) } : a)) };
}

/** Reads a saved `accounts` field: entries that are not accounts are dropped, never fatal. */
export function parseStoredAccounts(raw: unknown): AddedAccount[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const out: AddedAccount[] = [];
  for (const a of raw) {
    if (typeof a !== 'object' || a === null || typeof a.id !== 'string' || validateAccountPath(a.id) !== undefined) continue;
    if (out.some((o) => o.id === a.id)) continue;
    const userIds = Array.isArray(a.userIds) ? a.userIds.filter((u: unknown): u is string => typeof u === 'string') : [];
    out.push(typeof a.label === 'string' && a.label !== '' ? { id: a.id, label: a.label, userIds } : { id: a.id, userIds });
  }
  return out.length > 0 ? out : undefined;
}

/**
 * The connection as a command acting on `account` sees it: for an added account, its id is the
 * `stripeAccount`, its user ids the `userIds`, and the label names it (`My app · Shop (acct_2)`), so
 * every message, title, history entry and editor identity says which account. The own account is
 * the connection itself. Undefined when the account is not listed (any more).
 */
export function actingOn<T extends AccountHolder & { label: string; account?: string }>(
  holder: T,
  account: string | undefined,
): T | undefined {
  if (account === undefined) return holder;
  const view = findAccount(holder, account);
  if (!view) return undefined;
  return { ...holder, account, stripeAccount: account, userIds: view.userIds, label: `${holder.label} · ${accountName(view)}` };
}

/**
 * The account a history entry (which records the `stripeAccount` it was kept under) belongs to: an
 * added account when it names one, else the connection's own.
 */
export function accountOfRecord(holder: AccountHolder, recorded: string | undefined): string | undefined {
  return recorded !== undefined && (holder.accounts ?? []).some((a) => a.id === recorded) ? recorded : undefined;
}

/**
 * Why a typed or pasted list of accounts cannot be added, as the input box shows it as you type;
 * undefined when it can. Nothing is added while any entry is invalid.
 */
export function accountListProblem(text: string, parsed: ParsedUserIds, show: (id: string) => string): string | undefined {
  if (splitUserIds(text).length === 0) return `${validateAccountPath('')} Paste several separated by commas, spaces or line breaks.`;
  const { invalid, ids, alreadyListed } = parsed;
  if (invalid.length === 1)
    return `${show(invalid[0].id)} is not an account: ${invalid[0].problem} Fix or remove it; nothing is added until every account is valid.`;
  if (invalid.length > 1) {
    return `${invalid.length} entries are not accounts: ${nameList(
      invalid.map((i) => i.id),
      show,
    )}. ${invalid[0].problem} Fix or remove them; nothing is added until every account is valid.`;
  }
  if (ids.length === 0) {
    return alreadyListed.length === 1
      ? `The account ${show(alreadyListed[0])} is already listed for this connection.`
      : `All of these are already listed for this connection: ${nameList(alreadyListed, show)}.`;
  }
  return undefined;
}
