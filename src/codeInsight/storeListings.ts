/**
 * The listings code insight checks names against: the tree's own listing when the tree lists that
 * scope (one request shared with the rows, whichever asks first), else ONE list request per
 * connection and scope, shared by every document, hover and completion, kept until the store or the
 * connections change. Nothing here lists per keystroke.
 */
import * as vscode from 'vscode';
import { scopeKey } from '../model/scope';
import type { SecretMeta, SecretScope } from '../model/types';
import type { Services } from '../services';

export class StoreListings implements vscode.Disposable {
  private readonly own = new Map<string, { promise: Promise<SecretMeta[]>; value?: SecretMeta[] }>();
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when listings may have changed: the tree reloaded, a secret was set or deleted, the active connection changed. */
  readonly onDidChange = this.changed.event;
  private readonly disposables: vscode.Disposable[] = [this.changed];

  constructor(
    private readonly services: Services,
    storeChanged: vscode.Event<unknown>,
  ) {
    this.disposables.push(
      storeChanged(() => this.invalidate()),
      services.connections.onDidChange(() => this.invalidate()),
    );
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }

  invalidate(): void {
    this.own.clear();
    this.changed.fire();
  }

  /** The listing if known without a request. */
  peek(connectionId: string, scope: SecretScope): SecretMeta[] | undefined {
    return this.services.tree.cachedScope(connectionId, scope) ?? this.own.get(key(connectionId, scope))?.value;
  }

  /** The listing; concurrent and later callers share one request until the next change. A failure is kept too (no retry storm). */
  get(connectionId: string, scope: SecretScope): Promise<SecretMeta[]> {
    const cached = this.services.tree.cachedScope(connectionId, scope);
    if (cached) return Promise.resolve(cached);
    const shared = this.services.tree.listing?.(connectionId, scope);
    if (shared) return shared;
    const k = key(connectionId, scope);
    let entry = this.own.get(k);
    if (!entry) {
      const fresh = {} as { promise: Promise<SecretMeta[]>; value?: SecretMeta[] };
      fresh.promise = this.services.connections
        .client(connectionId)
        .then((client) => client.list(scope))
        .then((secrets) => (fresh.value = secrets));
      // Observed here so a failure is never an unhandled rejection; callers still see it.
      fresh.promise.catch(() => undefined);
      entry = fresh;
      this.own.set(k, entry);
    }
    return entry.promise;
  }
}

function key(connectionId: string, scope: SecretScope): string {
  return JSON.stringify([connectionId, scopeKey(scope)]);
}
