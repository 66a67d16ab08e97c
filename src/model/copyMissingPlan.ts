/**
 * The plan of Copy Missing Secrets…, apart from its prompts and its requests: the question of the
 * modal, the check made again after it against a fresh listing, and how the outcome reads. What to
 * copy at all is `planCopy` (./compare). Plain Node; values never pass through here.
 */
import type { CopyPlan } from './compare';
import { formatDateTime } from './expiry';
import { secretCount } from './importPlan';
import { scopeFullHint } from './scope';
import { MAX_SECRETS_PER_SCOPE } from './types';

/** The question of the modal: what goes where, and what happens to expiries. */
export function copyQuestion(plan: CopyPlan, from: string, to: string, live: boolean): { message: string; detail: string } {
  const n = plan.copy.length;
  const lines = [
    `Values go straight from one Stripe request to the next: they are never shown or saved anywhere else.`,
    `Expiry dates are copied as they are${
      plan.copy.some((c) => c.expiresAt !== null)
        ? ` (${plan.copy
            .filter((c) => c.expiresAt !== null)
            .map((c) => `'${c.name}' ${formatDateTime(c.expiresAt!)}`)
            .join(', ')})`
        : ''
    }.`,
  ];
  if (plan.expiringSoon.length > 0)
    lines.push(`Expiring soon, copied with the same near expiry: ${plan.expiringSoon.map((s) => `'${s}'`).join(', ')}.`);
  if (plan.expired.length > 0)
    lines.push(`Left out because they have expired (Stripe refuses a past expiry): ${plan.expired.map((s) => `'${s}'`).join(', ')}.`);
  if (plan.alreadyThere.length > 0)
    lines.push(`Left out because the destination has them now: ${plan.alreadyThere.map((s) => `'${s}'`).join(', ')}.`);
  if (live) lines.push('The destination is in LIVE mode: your real apps read these secrets.');
  return { message: `Copy ${secretCount(n)} from ${from} into ${to}?`, detail: lines.join('\n') };
}

/** Undefined when `typed` is the label; otherwise what to do. */
export function typedLabelProblem(typed: string, label: string): string | undefined {
  return typed === label ? undefined : `Type ${label} to confirm, or press Escape to copy nothing.`;
}

/** Why nothing is left to copy (all picked names expired, or already in the destination). */
export function nothingToCopyMessage(plan: Pick<CopyPlan, 'expired' | 'alreadyThere'>): string {
  const why = [
    plan.expired.length > 0 ? `expired: ${plan.expired.join(', ')}` : '',
    plan.alreadyThere.length > 0 ? `already there: ${plan.alreadyThere.join(', ')}` : '',
  ]
    .filter((s) => s)
    .join('; ');
  return `Nothing to copy (${why}).`;
}

export interface CopyRecheck<T extends { name: string }> {
  /** What is still to copy: the planned names the destination does not hold now. */
  toCopy: T[];
  /** Names created in the destination while the person answered: left as they are, never replaced. */
  createdMeanwhile: string[];
  /** Set when the destination filled up meanwhile: nothing is copied. */
  refusal?: string;
  /** Set when some names are left out because they were created meanwhile. */
  warning?: string;
}

/** The check made again after the modals, against the destination's listing now. */
export function recheckCopy<T extends { name: string }>(planned: readonly T[], listedNow: readonly string[], to: string): CopyRecheck<T> {
  const createdMeanwhile = planned.filter((c) => listedNow.includes(c.name)).map((c) => c.name);
  const toCopy = planned.filter((c) => !createdMeanwhile.includes(c.name));
  if (listedNow.length + toCopy.length > MAX_SECRETS_PER_SCOPE) {
    return {
      toCopy,
      createdMeanwhile,
      refusal: `Nothing copied: ${to} holds ${listedNow.length} secrets now, and ${toCopy.length} more would pass the ${MAX_SECRETS_PER_SCOPE} Stripe allows. ${scopeFullHint(listedNow)}`,
    };
  }
  const warning =
    createdMeanwhile.length > 0
      ? `Not copied, because ${to} has them now (created while you answered; left as they are): ${createdMeanwhile.map((n) => `'${n}'`).join(', ')}.`
      : undefined;
  return { toCopy, createdMeanwhile, ...(warning ? { warning } : {}) };
}

/** `'A' (Forbidden)`: a secret whose copy failed, with its short reason. */
export function failedCopy(name: string, reason: string): string {
  return `'${name}' (${reason.replace(/[.\s]+$/, '')})`;
}

/** The outcome: the notice when all were copied, else the error naming each failure. */
export function copyOutcome(total: number, failures: readonly string[], to: string): { done: string } | { error: string } {
  const copied = total - failures.length;
  if (failures.length === 0) return { done: `Copied ${secretCount(copied)} into ${to}.` };
  return {
    error:
      copied === 0
        ? `None of the ${total} secrets was copied into ${to}: ${failures.join('; ')}.`
        : `Copied ${copied} of ${total} secrets into ${to}; not copied: ${failures.join('; ')}.`,
  };
}
