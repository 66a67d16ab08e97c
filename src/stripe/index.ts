export {
  SecretStoreClient,
  STRIPE_API_VERSION,
  MAX_PAGE_SIZE,
  DEFAULT_APP_VERSION,
  ClientDefaults,
  type SecretStoreClientOptions,
} from './client';
export {
  SecretStoreError,
  isSecretStoreError,
  maskSecrets,
  toSecretStoreError,
  looksLikeScopeFull,
  type SecretStoreErrorKind,
  type SecretStoreErrorDetails,
  type ErrorContext,
} from './errors';
export { ConcurrencyLimiter, type Outcome, type Permit } from './limiter';
export { AdaptiveController } from './adaptive';
export { OperationCancelledError, isOperationCancelled } from './cancel';
export { rateLimitDelayMs, networkRetryDelayMs, RATE_LIMIT_MAX_DELAY_MS } from './backoff';
export type { ClientOptions, OperationOptions, RequestLogEvent, SecretStore } from './types';
