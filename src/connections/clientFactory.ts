import type { Settings } from '../constants';
import type { ConnectionTarget } from '../model/types';
import type { Log } from '../services';
import { SecretStoreClient } from '../stripe/client';
import type { SecretStore } from '../stripe/types';

export type ClientMaker = (target: ConnectionTarget, connectionLabel: string) => SecretStore;

/** Clients built with the current settings, logging every request under the connection's label. */
export function clientMaker(settings: () => Settings, log: Log, appVersion: string): ClientMaker {
  return (target, connectionLabel) => {
    const s = settings();
    return new SecretStoreClient(target, {
      maxConcurrentRequests: s.maxConcurrentRequests,
      timeoutMs: s.requestTimeoutSeconds * 1000,
      onRequest: (event) => log.request(connectionLabel, event),
      appVersion,
    });
  };
}
