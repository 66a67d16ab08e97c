/**
 * Which connection an error came from, so the error funnel can offer "Re-enter API Key" for the
 * right connection even when the command was run from the palette. No `vscode` import.
 */
import type { SecretStore } from '../stripe/types';

const sources = new WeakMap<object, string>();

export function connectionIdOfError(error: unknown): string | undefined {
  return typeof error === 'object' && error !== null ? sources.get(error) : undefined;
}

export function tagError(error: unknown, connectionId: string): void {
  if (typeof error === 'object' && error !== null && !sources.has(error)) sources.set(error, connectionId);
}

/** The same store, with every thrown error tagged with `connectionId`. */
export function tagErrors(store: SecretStore, connectionId: string): SecretStore {
  const tagged =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await fn(...args);
      } catch (error) {
        tagError(error, connectionId);
        throw error;
      }
    };
  return {
    list: tagged((scope, signal, options) => store.list(scope, signal, options)),
    find: tagged((name, scope, options) => store.find(name, scope, options)),
    reveal: tagged((name, scope, options) => store.reveal(name, scope, options)),
    set: tagged((input, options) => store.set(input, options)),
    delete: tagged((name, scope, options) => store.delete(name, scope, options)),
    verify: tagged(() => store.verify()),
  };
}
