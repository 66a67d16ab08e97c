export { SecretStoreClient, STRIPE_API_VERSION, MAX_PAGE_SIZE, DEFAULT_APP_VERSION, ClientDefaults, type SecretStoreClientOptions } from './client';
export { SecretStoreError, isSecretStoreError, maskSecrets, toSecretStoreError, looksLikeScopeFull, type SecretStoreErrorKind, type SecretStoreErrorDetails, type ErrorContext } from './errors';
export { ConcurrencyLimiter } from './limiter';
export { rateLimitDelayMs, RATE_LIMIT_MAX_DELAY_MS } from './backoff';
export type { ClientOptions, RequestLogEvent, SecretStore } from './types';
