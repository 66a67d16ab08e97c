/**
 * The commands that read the workspace index: Show Usages in Code (a secret row or a missing-name
 * row), Set Secret… on a missing-name row, and Check Go-Live Readiness….
 */
import * as vscode from 'vscode';
import { Commands } from '../constants';
import type { CopyRequest } from './copyMissingSecrets';
import type { CommandHandler } from './types';
import { describeExpiry } from '../model/expiry';
import type { SecretScope } from '../model/types';
import type { AppCode, ConnectionInfo, Services, TreeNode } from '../services';
import { modeBadge } from '../ui/labels';
import { connectionOf, connectionPickItems, pickConnection } from '../ui/pickers';
import type { IndexedReference } from '../workspaceIndex/secretIndex';
import { checkReadiness, type ReadinessRow } from '../workspaceIndex/readiness';
import { SECRET_WRITE } from '../references/manifest';
import { ACCOUNT, setSecretNode } from '../codeInsight/labels';
import { locationOf } from '../codeInsight/secretReferences';

function nameAndScope(node: TreeNode | undefined): { connectionId: string; name: string; scope: SecretScope } | undefined {
  if (node?.kind === 'secret') return { connectionId: node.connectionId, name: node.secret.name, scope: node.scope };
  if (node?.kind === 'codeName') return { connectionId: node.connectionId, name: node.name, scope: node.scope };
  return undefined;
}

function where(ref: IndexedReference): string {
  return `${vscode.workspace.asRelativePath(vscode.Uri.parse(ref.file))}:${ref.start.line + 1}`;
}

async function openAt(ref: IndexedReference): Promise<void> {
  const location = locationOf(ref);
  await vscode.window.showTextDocument(location.uri, { selection: location.range, preview: true });
}

/** Show Usages in Code: a quick pick of every call with the secret's name and scope; picking one opens it. */
export const showUsagesInCode: CommandHandler = async (services, node) => {
  const target = nameAndScope(node);
  if (!target) {
    await services.prompts.info('Show Usages in Code works on a secret in the Stripe Secrets view.');
    return;
  }
  const uses = (await services.codeInsight.indexed()).usesOf(target.name, target.scope);
  if (uses.length === 0) {
    await services.prompts.info(
      `No code in the workspace reads '${target.name}' in ${target.scope.type === 'account' ? 'the account scope' : 'a user scope'}.`,
    );
    return;
  }
  const picked = await services.prompts.quickPick(
    uses.map((ref) => ({ label: where(ref), description: `${ref.call} · ${ref.language}`, ref })),
    { title: `Usages of '${target.name}' in code (${uses.length})`, placeHolder: 'Open a usage', matchOnDescription: true },
  );
  if (picked) await openAt(picked.ref);
};

/** Set Secret… on a "used in code, not set" row: Set Secret with the name offered. */
export const setSecretUsedInCode: CommandHandler = async (_services, node) => {
  if (node?.kind !== 'codeName') return;
  await vscode.commands.executeCommand(Commands.setSecret, setSecretNode(node.connectionId, node.scope, node.name));
};

type ReadinessItem = vscode.QuickPickItem & { row?: ReadinessRow; manifest?: vscode.Uri; copy?: boolean };

const STATE_WORDS: Record<ReadinessRow['state'], string> = {
  set: 'set',
  soon: 'set, expiring soon',
  expired: 'expired',
  missing: 'missing',
};
const STATE_ICONS: Record<ReadinessRow['state'], string> = { set: '$(pass)', soon: '$(warning)', expired: '$(error)', missing: '$(error)' };

export const COPY_MISSING_LABEL = 'Copy the missing names from another connection…';

/**
 * Check Go-Live Readiness…: every account-scope name the workspace's code reads, whether the
 * picked connection holds it and when it expires (one list request, no value), and each app
 * manifest's secret_write. One action copies the missing names from another connection through
 * Copy Missing Secrets, then the check runs again.
 */
export const checkGoLiveReadiness: CommandHandler = async (services, node) => {
  // The index builds while the person picks a connection.
  services.codeInsight.startIndex();
  const connection = node
    ? connectionOf(services, node.connectionId)
    : await pickConnection(services, { placeHolder: 'Check go-live readiness against which connection? (for example the live one)' });
  if (!connection) return;
  const index = await services.codeInsight.indexed();
  const names = index.names('account');
  if (names.length === 0) {
    await services.prompts.info(
      'No code in the workspace reads an account-scope secret with a literal name, so there is nothing to check.',
    );
    return;
  }
  for (;;) {
    const stored = await (await services.connections.client(connection.id, connection.account)).list(ACCOUNT);
    const report = checkReadiness(names, stored, Date.now(), services.settings().expiringSoonDays);
    const items = readinessItems(services, connection, report.rows, report.missing.length, await services.codeInsight.apps());
    const summary = report.ready
      ? 'ready'
      : `${report.rows.filter((r) => r.state === 'missing' || r.state === 'expired').length} of ${report.rows.length} not ready`;
    services.log.info(
      `Go-live readiness of ${connection.label}: ${summary} (${report.rows.map((r) => `${r.name} ${r.state}`).join(', ')}).`,
    );
    const picked = await services.prompts.quickPick(items, {
      title: `Go-live readiness of ${connection.label} (${modeBadge(connection)}): ${summary}`,
      placeHolder: report.ready
        ? 'Every name the code reads is set in the account scope'
        : 'Pick a missing name to set it, or copy the missing names',
      matchOnDescription: true,
    });
    if (!picked) return;
    if (picked.copy) {
      const source = await pickSource(services, connection);
      if (!source) return;
      const request: CopyRequest = {
        kind: 'copyRequest',
        connectionId: connection.id,
        from: { connectionId: source.id, scope: ACCOUNT },
        to: { connectionId: connection.id, scope: ACCOUNT },
        names: report.missing,
      };
      await vscode.commands.executeCommand(Commands.copyMissingSecrets, request);
      continue;
    }
    if (picked.manifest) {
      await vscode.window.showTextDocument(picked.manifest);
      return;
    }
    if (picked.row && (picked.row.state === 'missing' || picked.row.state === 'expired')) {
      await vscode.commands.executeCommand(Commands.setSecret, setSecretNode(connection.id, ACCOUNT, picked.row.name));
      return;
    }
    if (picked.row) {
      const first = index.usesOf(picked.row.name, ACCOUNT)[0];
      if (first) await openAt(first);
    }
    return;
  }
};

function readinessItems(
  services: Services,
  connection: ConnectionInfo,
  rows: readonly ReadinessRow[],
  missing: number,
  apps: Awaited<ReturnType<AppCode['apps']>>,
): ReadinessItem[] {
  const now = Date.now();
  const items: ReadinessItem[] = [{ label: `Account scope of ${connection.label}`, kind: vscode.QuickPickItemKind.Separator }];
  for (const row of rows) {
    const expiry =
      row.expiresAt === undefined ? '' : row.expiresAt === null ? ', never expires' : `, ${describeExpiry(row.expiresAt, now)}`;
    items.push({ label: `${STATE_ICONS[row.state]} ${row.name}`, description: `${STATE_WORDS[row.state]}${expiry}`, row });
  }
  if (apps.length > 0) items.push({ label: 'App manifests', kind: vscode.QuickPickItemKind.Separator });
  for (const app of apps) {
    const granted = !app.info.missingSecretWrite;
    items.push({
      label: `${granted ? '$(pass)' : app.storeCall ? '$(error)' : '$(info)'} ${vscode.workspace.asRelativePath(app.uri)}`,
      description: granted
        ? `requests ${SECRET_WRITE}`
        : `does not request ${SECRET_WRITE}${app.storeCall ? ', and its code calls the Secret Store' : ''}`,
      manifest: app.uri,
    });
  }
  const others = services.connections.list().filter((c) => c.id !== connection.id);
  if (missing > 0 && others.length > 0) {
    items.push({ label: 'Actions', kind: vscode.QuickPickItemKind.Separator });
    items.push({ label: `$(copy) ${COPY_MISSING_LABEL}`, description: `${missing} missing`, copy: true });
  }
  return items;
}

async function pickSource(services: Services, destination: ConnectionInfo): Promise<ConnectionInfo | undefined> {
  const others = services.connections.list().filter((c) => c.id !== destination.id);
  if (others.length === 1) return others[0];
  const picked = await services.prompts.quickPick(connectionPickItems(others, services.connections.active()?.id), {
    placeHolder: `Copy the missing names into ${destination.label} from which connection?`,
    matchOnDescription: true,
  });
  return picked?.connection;
}
