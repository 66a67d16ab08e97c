/**
 * Problems in open code: a name missing from the account scope of the active connection (Warning),
 * one expiring within `expiringSoonDays` (Information), and hard-coded credentials (Warning). User
 * scopes and names or scopes that are not literals get nothing. Listings come from StoreListings
 * (the tree's cache or one list per scope); document edits are debounced.
 */
import * as vscode from 'vscode';
import { CODE_DIAGNOSTICS_SETTING, DIAGNOSTIC_SOURCE, DiagnosticCodes, SETTINGS_SECTION } from '../constants';
import { describeExpiry, expiryState } from '../model/expiry';
import type { SecretMeta } from '../model/types';
import type { Services } from '../services';
import { credentialsIn, isCodeDocument, nameRange, referencesIn } from './documents';
import { ACCOUNT } from './labels';
import type { StoreListings } from './storeListings';

const EDIT_DELAY_MS = 400;

export function codeDiagnosticsEnabled(): boolean {
  // The user's own value only, like every guard: a repository must not silence its hard-coded-key warnings.
  const user = vscode.workspace.getConfiguration(SETTINGS_SECTION).inspect<unknown>(CODE_DIAGNOSTICS_SETTING)?.globalValue;
  return typeof user === 'boolean' ? user : true;
}

export class CodeDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('stripeSecrets.code');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly disposables: vscode.Disposable[] = [this.collection];
  /** Bumped per document: an update that awaited a listing yields to a newer one. */
  private readonly generations = new Map<string, number>();
  private lastListingError: string | undefined;

  constructor(
    private readonly services: Services,
    private readonly listings: StoreListings,
    private readonly now: () => number = Date.now,
  ) {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((doc) => this.schedule(doc, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document, EDIT_DELAY_MS)),
      vscode.workspace.onDidCloseTextDocument((doc) => this.forget(doc.uri)),
      listings.onDidChange(() => this.scheduleAll()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (
          e.affectsConfiguration(`${SETTINGS_SECTION}.${CODE_DIAGNOSTICS_SETTING}`) ||
          e.affectsConfiguration(`${SETTINGS_SECTION}.expiringSoonDays`)
        )
          this.scheduleAll();
      }),
    );
    this.scheduleAll();
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
    for (const d of this.disposables) d.dispose();
  }

  /** Resolves once every open document's diagnostics are current (tests and the benchmark wait on it). */
  async updateAll(): Promise<void> {
    await Promise.all(vscode.workspace.textDocuments.filter(isCodeDocument).map((doc) => this.update(doc)));
  }

  private scheduleAll(): void {
    for (const doc of vscode.workspace.textDocuments) this.schedule(doc, 0);
  }

  private schedule(doc: vscode.TextDocument, delay: number): void {
    if (!isCodeDocument(doc)) return;
    const key = doc.uri.toString();
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        // eslint-disable-next-line @typescript-eslint/no-floating-promises -- timer callback: nothing can wait for it
        void this.update(doc);
      }, delay),
    );
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    const pending = this.timers.get(key);
    if (pending) clearTimeout(pending);
    this.timers.delete(key);
    this.generations.delete(key);
    this.collection.delete(uri);
  }

  private async update(doc: vscode.TextDocument): Promise<void> {
    const key = doc.uri.toString();
    const generation = (this.generations.get(key) ?? 0) + 1;
    this.generations.set(key, generation);
    if (doc.isClosed || !codeDiagnosticsEnabled()) {
      this.collection.delete(doc.uri);
      return;
    }
    const diagnostics = credentialsIn(doc).map((c) => {
      const range = new vscode.Range(doc.positionAt(c.start), doc.positionAt(c.end));
      const d = new vscode.Diagnostic(
        range,
        `Hard-coded ${c.kind} (${c.masked}): move it to the Stripe Secret Store.`,
        vscode.DiagnosticSeverity.Warning,
      );
      d.source = DIAGNOSTIC_SOURCE;
      d.code = DiagnosticCodes.hardcodedKey;
      return d;
    });
    const refs = referencesIn(doc).filter((r) => r.scope.type === 'account' && r.name !== '');
    const connection = this.services.connections.active();
    let secrets: SecretMeta[] | undefined;
    if (refs.length > 0 && connection) {
      try {
        secrets = await this.listings.get(connection.id, ACCOUNT);
        this.lastListingError = undefined;
      } catch (error) {
        // Said once per failure, not per document: the tree shows the same failure with a Retry.
        const message = error instanceof Error ? error.message : String(error);
        if (this.lastListingError !== message)
          this.services.log.info(`Secret names in code are not checked: listing ${connection.label} failed: ${message}`);
        this.lastListingError = message;
      }
    }
    if (this.generations.get(key) !== generation || doc.isClosed) return;
    if (secrets && connection) {
      const byName = new Map(secrets.map((s) => [s.name, s]));
      const soonDays = this.services.settings().expiringSoonDays;
      const now = this.now();
      for (const ref of refs) {
        const secret = byName.get(ref.name);
        const state = secret ? expiryState(secret.expiresAt, now, soonDays) : 'missing';
        if (state === 'missing' || state === 'expired') {
          const what = state === 'missing' ? 'is not in' : 'has expired in';
          const d = new vscode.Diagnostic(
            nameRange(ref),
            `Secret '${ref.name}' ${what} the Account scope of ${connection.label}.`,
            vscode.DiagnosticSeverity.Warning,
          );
          d.source = DIAGNOSTIC_SOURCE;
          d.code = DiagnosticCodes.missingSecret;
          diagnostics.push(d);
        } else if (state === 'soon') {
          const d = new vscode.Diagnostic(
            nameRange(ref),
            `Secret '${ref.name}' ${describeExpiry(secret!.expiresAt, now)} (Account scope of ${connection.label}).`,
            vscode.DiagnosticSeverity.Information,
          );
          d.source = DIAGNOSTIC_SOURCE;
          d.code = DiagnosticCodes.expiringSecret;
          diagnostics.push(d);
        }
      }
    }
    this.collection.set(doc.uri, diagnostics);
  }
}
