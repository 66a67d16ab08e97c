import * as vscode from 'vscode';
import { planCopy, type CopyPlan } from '../model/compare';
import { copyOutcome, copyQuestion, failedCopy, nothingToCopyMessage, recheckCopy, typedLabelProblem } from '../model/copyMissingPlan';
import { describeExpiry } from '../model/expiry';
import type { SecretMeta } from '../model/types';
import type { ComparisonSide, ConnectionInfo, Services, TreeNode } from '../services';
import type { SecretStore } from '../stripe/types';
import { sideDescription } from '../tree/comparisonTree';
import { shortReason } from '../ui/errorReport';
import { connectionOf } from '../ui/pickers';
import { modeBadge, writeTitle } from '../ui/labels';
import { confirmDestructive } from '../ui/prompts';
import { showComparison } from './compareScopes';
import { secretCount } from '../model/importPlan';
import { scopeDescription } from '../model/scope';
import type { CommandHandler } from './types';
import { confirmLiveValueAccess } from '../ui/secretPrompts';

export const COPY_BUTTON = 'Copy';
export const DONT_COPY_BUTTON = "Don't Copy";

// Re-exported where they have always been found.
export { copyQuestion, typedLabelProblem };

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

async function chooseDirection(services: Services, node: TreeNode | undefined): Promise<Direction | undefined> {
  const c = services.comparison.current()!;
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

interface CopyAnswers {
  direction: Direction;
  source: ConnectionInfo;
  destination: ConnectionInfo;
  from: string;
  to: string;
  sourceClient: SecretStore;
  destClient: SecretStore;
  plan: CopyPlan;
}

/**
 * The prompts: the direction (unless the row or the request gives it), the names, then, against a
 * fresh listing of the destination, the plan and its modals (a live destination wants its label
 * typed, a live source the value-access question). Undefined when cancelled or when nothing is left.
 */
async function askCopy(services: Services, treeNode: TreeNode | undefined): Promise<CopyAnswers | undefined> {
  const request = asCopyRequest(treeNode);
  if (request) await showComparison(services, request.from, request.to);
  const current = services.comparison.current();
  if (!current) {
    await services.prompts.info('Compare two scopes first (Compare Scopes…), then copy what one side is missing.');
    return undefined;
  }
  const node = treeNode;
  const direction = request
    ? { from: current.a, to: current.b, missing: current.result.onlyA.filter((s) => request.names.includes(s.name)) }
    : await chooseDirection(services, node);
  if (request && direction?.missing.length === 0) {
    await services.prompts.info(
      `${sideDescription(services.connections, request.from)} holds none of the missing names: ${request.names.join(', ')}.`,
    );
    return undefined;
  }
  if (!direction) return undefined;
  const source = connectionOf(services, direction.from.connectionId, direction.from.account);
  const destination = connectionOf(services, direction.to.connectionId, direction.to.account);
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
    {
      title: writeTitle(`Copy Missing Secrets into ${to}`, [destination]),
      placeHolder: 'The names to copy (values are not shown)',
      canPickMany: true,
    },
  );
  if (!picked || picked.length === 0) return undefined;

  const sourceClient = await services.connections.client(source.id, source.account);
  const destClient = await services.connections.client(destination.id, destination.account);
  // A fresh listing: the comparison may be stale, and the limit must hold for what Stripe has now.
  const existing = await destClient.list(direction.to.scope);
  const plan = planCopy(
    picked.map((p) => p.secret),
    existing,
    {
      nowMs: Date.now(),
      soonDays: services.settings().expiringSoonDays,
      destinationLabel: `${scopeDescription(direction.to.scope)[0].toUpperCase()}${scopeDescription(direction.to.scope).slice(1)} of ${destination.label}`,
    },
  );
  if (plan.refusal) {
    await services.prompts.error(plan.refusal);
    return undefined;
  }
  if (plan.copy.length === 0) {
    await services.prompts.info(nothingToCopyMessage(plan));
    return undefined;
  }

  const live = destination.mode === 'live';
  const question = copyQuestion(plan, from, to, live);
  if (!(await confirmDestructive(services.prompts, question.message, COPY_BUTTON, DONT_COPY_BUTTON, question.detail))) return undefined;
  if (live && !(await confirmTypedLabel(services, destination, `Copy into ${to} (${modeBadge(destination)}).`))) return undefined;
  if (!(await confirmLiveValueAccess(services, source, direction.from.scope, plan.copy.map((c) => c.name).join("', '"), 'Copy')))
    return undefined;
  return { direction, source, destination, from, to, sourceClient, destClient, plan };
}

/**
 * The copies: the destination listed again after the modals (a name created meanwhile is left as
 * it is, never replaced), then each value read with one request and written with the next, in
 * memory only; a failure names its secret and the others go on. The comparison is listed again.
 */
async function executeCopy(services: Services, a: CopyAnswers): Promise<void> {
  const { direction, source, destination, from, to } = a;
  const listedNow = await a.destClient.list(direction.to.scope);
  const recheck = recheckCopy(
    a.plan.copy,
    listedNow.map((s) => s.name),
    to,
  );
  if (recheck.refusal) {
    await services.prompts.error(recheck.refusal);
    return;
  }
  // eslint-disable-next-line @typescript-eslint/no-floating-promises -- notification: the flow goes on without waiting for it to be closed
  if (recheck.warning) void services.prompts.warning(recheck.warning, { modal: false });
  const { toCopy } = recheck;
  if (toCopy.length === 0) return;

  const results = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Copying ${secretCount(toCopy.length)} into ${to}` },
    (progress) =>
      Promise.allSettled(
        toCopy.map(async ({ name, expiresAt }) => {
          const { payload } = await a.sourceClient.reveal(name, direction.from.scope);
          await a.destClient.set({ name, scope: direction.to.scope, payload, expiresAt });
          progress.report({ increment: 100 / toCopy.length });
        }),
      ),
  );
  const failures: string[] = [];
  results.forEach((result, i) => {
    if (result.status === 'fulfilled') return;
    const name = toCopy[i].name;
    services.log.error(`Copying '${name}' from ${from} into ${to} failed:`, result.reason);
    failures.push(failedCopy(name, shortReason(result.reason, source.emulator === true || destination.emulator === true)));
  });
  const copied = toCopy.length - failures.length;
  services.log.info(`Copied ${copied} of ${toCopy.length} secrets from ${from} into ${to}.`);
  if (copied > 0) services.tree.refreshScope(destination.id, direction.to.scope, destination.account);
  const shown = services.comparison.current();
  await showComparison(services, shown?.a ?? direction.from, shown?.b ?? direction.to);
  const outcome = copyOutcome(toCopy.length, failures, to);
  if ('error' in outcome) throw new Error(outcome.error);
  // eslint-disable-next-line @typescript-eslint/no-floating-promises -- notification: the flow goes on without waiting for it to be closed
  void services.prompts.info(outcome.done);
}

/**
 * Copy Missing Secrets…: from one side of the comparison to the other. Names are picked; the
 * destination is listed afresh and the 10-per-scope limit checked before any write; a modal names
 * the destination (and a live one wants its label typed); each value is read with one request and
 * written with the next, in memory only. A failure names its secret; the others go on. The
 * comparison is listed again afterwards.
 */
export const copyMissingSecrets: CommandHandler = async (services, treeNode) => {
  const answers = await askCopy(services, treeNode);
  if (answers) await executeCopy(services, answers);
};
