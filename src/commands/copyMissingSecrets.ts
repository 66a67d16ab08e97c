import * as vscode from 'vscode';
import { planCopy, type CopyPlan } from '../model/compare';
import { describeExpiry, formatDateTime } from '../model/expiry';
import type { SecretMeta } from '../model/types';
import type { ConnectionInfo, Services } from '../services';
import type { ComparisonNode, ComparisonSide, ComparisonTreeProvider } from '../tree/comparisonTree';
import { sideDescription } from '../tree/comparisonTree';
import { shortReason } from '../ui/errorReport';
import { connectionOf } from '../ui/pickers';
import { modeBadge, writeTitle } from '../ui/labels';
import { confirmDestructive } from '../ui/prompts';
import { showComparison } from './compareScopes';
import { secretCount } from './importEnvFile';
import { scopeDescription } from '../model/scope';
import type { CommandHandler } from './types';
import { MAX_SECRETS_PER_SCOPE } from '../model/types';
import { scopeFullHint } from '../model/scope';
import { confirmLiveValueAccess } from '../ui/secretPrompts';

export const COPY_BUTTON = 'Copy';
export const DONT_COPY_BUTTON = "Don't Copy";

/** The question of the modal: what goes where, and what happens to expiries. */
export function copyQuestion(plan: CopyPlan, from: string, to: string, live: boolean): { message: string; detail: string } {
  const n = plan.copy.length;
  const lines = [
    `Values go straight from one Stripe request to the next: they are never shown or saved anywhere else.`,
    `Expiry dates are copied as they are${plan.copy.some((c) => c.expiresAt !== null) ? ` (${plan.copy.filter((c) => c.expiresAt !== null).map((c) => `'${c.name}' ${formatDateTime(c.expiresAt!)}`).join(', ')})` : ''}.`,
  ];
  if (plan.expiringSoon.length > 0) lines.push(`Expiring soon, copied with the same near expiry: ${plan.expiringSoon.map((s) => `'${s}'`).join(', ')}.`);
  if (plan.expired.length > 0) lines.push(`Left out because they have expired (Stripe refuses a past expiry): ${plan.expired.map((s) => `'${s}'`).join(', ')}.`);
  if (plan.alreadyThere.length > 0) lines.push(`Left out because the destination has them now: ${plan.alreadyThere.map((s) => `'${s}'`).join(', ')}.`);
  if (live) lines.push('The destination is in LIVE mode: your real apps read these secrets.');
  return { message: `Copy ${secretCount(n)} from ${from} into ${to}?`, detail: lines.join('\n') };
}

/** Undefined when `typed` is the label; otherwise what to do. */
export function typedLabelProblem(typed: string, label: string): string | undefined {
  return typed === label ? undefined : `Type ${label} to confirm, or press Escape to copy nothing.`;
}

/**
 * Copy Missing Secrets run by another command (Check Go-Live Readiness…): compare `from` with `to`
 * first, then offer only `names` of what `to` lacks. `connectionId` is the destination's.
 */
export interface CopyRequest {
  kind: 'copyRequest';
  connectionId: string;
  from: ComparisonSide;
  to: ComparisonSide;
  names: readonly string[];
}

function asCopyRequest(value: unknown): CopyRequest | undefined {
  const r = value as Partial<CopyRequest> | undefined;
  return r?.kind === 'copyRequest' && r.from && r.to && Array.isArray(r.names) ? (r as CopyRequest) : undefined;
}

interface Direction {
  from: ComparisonSide;
  to: ComparisonSide;
  missing: SecretMeta[];
}

async function chooseDirection(services: Services, view: ComparisonTreeProvider, node: ComparisonNode | undefined): Promise<Direction | undefined> {
  const c = view.current()!;
  const ab: Direction = { from: c.a, to: c.b, missing: c.result.onlyA };
  const ba: Direction = { from: c.b, to: c.a, missing: c.result.onlyB };
  if (node && (node.kind === 'comparisonGroup' || node.kind === 'comparisonSecret')) {
    if (node.group === 'onlyA') return ab;
    if (node.group === 'onlyB') return ba;
  }
  const options = [ab, ba].filter((d) => d.missing.length > 0);
  if (options.length === 0) {
    await services.prompts.info('Nothing is missing: both sides hold the same names. Refresh the comparison if either side changed.');
    return undefined;
  }
  if (options.length === 1) return options[0];
  const picked = await services.prompts.quickPick(
    options.map((d) => ({
      label: d === ab ? 'A → B' : 'B → A',
      description: `${secretCount(d.missing.length)} missing in ${sideDescription(services.connections, d.to)}`,
      direction: d,
    })),
    { title: 'Copy Missing Secrets', placeHolder: 'Copy which way?' },
  );
  return picked?.direction;
}

/** Asks for the connection's label typed in full (for a live destination). */
async function confirmTypedLabel(services: Services, connection: ConnectionInfo, question: string): Promise<boolean> {
  const typed = await services.prompts.inputBox({
    title: writeTitle('Copy into a LIVE scope', [connection]),
    prompt: `${question} Type ${connection.label} to confirm.`,
    placeHolder: connection.label,
    ignoreFocusOut: true,
    validateInput: (value) => typedLabelProblem(value, connection.label),
  });
  return typed === connection.label;
}

/**
 * Copy Missing Secrets…: from one side of the comparison to the other. Names are picked; the
 * destination is listed afresh and the 10-per-scope limit checked before any write; a modal names
 * the destination (and a live one wants its label typed); each value is read with one request and
 * written with the next, in memory only. A failure names its secret; the others go on. The
 * comparison is listed again afterwards.
 */
export function copyMissingSecrets(view: ComparisonTreeProvider): CommandHandler {
  return async (services, treeNode) => {
    const request = asCopyRequest(treeNode);
    if (request) await showComparison(services, view, request.from, request.to);
    if (!view.current()) {
      await services.prompts.info('Compare two scopes first (Compare Scopes…), then copy what one side is missing.');
      return;
    }
    const node = treeNode as unknown as ComparisonNode | undefined;
    const direction = request ? { from: view.current()!.a, to: view.current()!.b, missing: view.current()!.result.onlyA.filter((s) => request.names.includes(s.name)) } : await chooseDirection(services, view, node);
    if (request && direction?.missing.length === 0) {
      await services.prompts.info(`${sideDescription(services.connections, request.from)} holds none of the missing names: ${request.names.join(', ')}.`);
      return;
    }
    if (!direction) return;
    const source = connectionOf(services, direction.from.connectionId);
    const destination = connectionOf(services, direction.to.connectionId);
    const from = sideDescription(services.connections, direction.from);
    const to = sideDescription(services.connections, direction.to);

    const preselected = node?.kind === 'comparisonSecret' ? node.name : undefined;
    const now = Date.now();
    const picked = await services.prompts.quickPickMany(
      direction.missing.map((secret) => ({
        label: secret.name,
        description: secret.expiresAt === null ? 'never expires' : describeExpiry(secret.expiresAt, now),
        picked: preselected === undefined || preselected === secret.name,
        secret,
      })),
      { title: writeTitle(`Copy Missing Secrets into ${to}`, [destination]), placeHolder: 'The names to copy (values are not shown)', canPickMany: true },
    );
    if (!picked || picked.length === 0) return;

    const sourceClient = await services.connections.client(source.id);
    const destClient = await services.connections.client(destination.id);
    // A fresh listing: the comparison may be stale, and the limit must hold for what Stripe has now.
    const existing = await destClient.list(direction.to.scope);
    const plan = planCopy(picked.map((p) => p.secret), existing, {
      nowMs: Date.now(),
      soonDays: services.settings().expiringSoonDays,
      destinationLabel: `${scopeDescription(direction.to.scope)[0].toUpperCase()}${scopeDescription(direction.to.scope).slice(1)} of ${destination.label}`,
    });
    if (plan.refusal) {
      await services.prompts.error(plan.refusal);
      return;
    }
    if (plan.copy.length === 0) {
      const why = [plan.expired.length > 0 ? `expired: ${plan.expired.join(', ')}` : '', plan.alreadyThere.length > 0 ? `already there: ${plan.alreadyThere.join(', ')}` : ''].filter((s) => s).join('; ');
      await services.prompts.info(`Nothing to copy (${why}).`);
      return;
    }

    const live = destination.mode === 'live';
    const question = copyQuestion(plan, from, to, live);
    if (!(await confirmDestructive(services.prompts, question.message, COPY_BUTTON, DONT_COPY_BUTTON, question.detail))) return;
    if (live && !(await confirmTypedLabel(services, destination, `Copy into ${to} (${modeBadge(destination)}).`))) return;
    if (!(await confirmLiveValueAccess(services, source, direction.from.scope, plan.copy.map((c) => c.name).join("', '"), 'Copy'))) return;

    // Listed again after the modals: a name created meanwhile is left as it is, never replaced.
    const listedNow = await destClient.list(direction.to.scope);
    const createdMeanwhile = plan.copy.filter((c) => listedNow.some((s) => s.name === c.name)).map((c) => c.name);
    const toCopy = plan.copy.filter((c) => !createdMeanwhile.includes(c.name));
    if (listedNow.length + toCopy.length > MAX_SECRETS_PER_SCOPE) {
      await services.prompts.error(
        `Nothing copied: ${to} holds ${listedNow.length} secrets now, and ${toCopy.length} more would pass the ${MAX_SECRETS_PER_SCOPE} Stripe allows. ${scopeFullHint(listedNow.map((s) => s.name))}`,
      );
      return;
    }
    if (createdMeanwhile.length > 0) {
      // eslint-disable-next-line @typescript-eslint/no-floating-promises -- notification: the flow goes on without waiting for it to be closed
      void services.prompts.warning(`Not copied, because ${to} has them now (created while you answered; left as they are): ${createdMeanwhile.map((n) => `'${n}'`).join(', ')}.`, { modal: false });
    }
    if (toCopy.length === 0) return;

    const results = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `Copying ${secretCount(toCopy.length)} into ${to}` },
      (progress) =>
        Promise.allSettled(
          toCopy.map(async ({ name, expiresAt }) => {
            const { payload } = await sourceClient.reveal(name, direction.from.scope);
            await destClient.set({ name, scope: direction.to.scope, payload, expiresAt });
            progress.report({ increment: 100 / toCopy.length });
          }),
        ),
    );
    const failures: string[] = [];
    results.forEach((result, i) => {
      if (result.status === 'fulfilled') return;
      const name = toCopy[i].name;
      services.log.error(`Copying '${name}' from ${from} into ${to} failed:`, result.reason);
      failures.push(`'${name}' (${shortReason(result.reason, source.emulator === true || destination.emulator === true).replace(/[.\s]+$/, '')})`);
    });
    const copied = toCopy.length - failures.length;
    services.log.info(`Copied ${copied} of ${toCopy.length} secrets from ${from} into ${to}.`);
    if (copied > 0) services.tree.refreshScope(destination.id, direction.to.scope);
    await showComparison(services, view, view.current()?.a ?? direction.from, view.current()?.b ?? direction.to);
    if (failures.length === 0) {
      // eslint-disable-next-line @typescript-eslint/no-floating-promises -- notification: the flow goes on without waiting for it to be closed
      void services.prompts.info(`Copied ${secretCount(copied)} into ${to}.`);
      return;
    }
    throw new Error(
      copied === 0
        ? `None of the ${toCopy.length} secrets was copied into ${to}: ${failures.join('; ')}.`
        : `Copied ${copied} of ${toCopy.length} secrets into ${to}; not copied: ${failures.join('; ')}.`,
    );
  };
}
