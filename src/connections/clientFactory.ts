import type { Settings } from '../constants';
import type { ClientMaker, Log } from '../services';
import { SecretStoreClient } from '../stripe/client';
import { fetchThroughProxy, type ProxyConfig } from '../stripe/proxyFetch';

export type { ClientMaker } from '../services';

export const DEFAULT_API_BASE = 'https://api.stripe.com';

/**
 * Clients built with the current settings, logging every request under the connection's label,
 * and tunnelled through the user's HTTP proxy when one is set (see stripe/proxyFetch.ts).
 */
export function clientMaker(
  settings: () => Settings,
  log: Log,
  appVersion: string,
  proxy: () => ProxyConfig | undefined = () => undefined,
): ClientMaker {
  return (target, connectionLabel) => {
    const s = settings();
    const fetch = fetchThroughProxy(target.apiBase ?? DEFAULT_API_BASE, proxy());
    return new SecretStoreClient(target, {
      maxConcurrentRequests: s.maxConcurrentRequests,
      timeoutMs: s.requestTimeoutSeconds * 1000,
      onRequest: (event) => log.request(connectionLabel, event),
      appVersion,
      ...(fetch ? { fetch } : {}),
    });
  };
}
