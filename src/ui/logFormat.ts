/** Log lines, masked, without `vscode` so they are unit-tested in plain Node. */
import { isSecretStoreError, maskSecrets } from '../stripe/errors';
import type { RequestLogEvent } from '../stripe/types';

export const LOG_CHANNEL_NAME = 'Stripe App Secrets';

/** One line per request: `Test account 1234 GET /v1/apps/secrets?scope[type]=account 200 req_123 84 ms`. */
export function formatRequest(connectionLabel: string, event: RequestLogEvent): string {
  const parts = [connectionLabel, event.method, event.path, String(event.status || 'no response')];
  if (event.requestId) parts.push(event.requestId);
  parts.push(`${Math.round(event.durationMs)} ms`);
  if (event.retry) parts.push(`(retry ${event.retry})`);
  return maskSecrets(parts.join(' '));
}

/** The full detail of an error: kind, status, Stripe code and param, Request-Id, and the stack. */
export function formatError(message: string, error?: unknown): string {
  const lines = [message];
  if (isSecretStoreError(error)) {
    const fields: Array<[string, unknown]> = [
      ['kind', error.kind],
      ['status', error.status],
      ['code', error.code],
      ['param', error.param],
      ['request-id', error.requestId],
      ['stripe', error.stripeMessage],
    ];
    lines.push(
      error.message,
      fields
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${k}=${String(v)}`)
        .join(' '),
    );
  } else if (error instanceof Error) {
    lines.push(error.stack ?? `${error.name}: ${error.message}`);
  } else if (error !== undefined) {
    lines.push(String(error));
  }
  return maskSecrets(lines.filter((l) => l !== '').join('\n  '));
}
