/** Stripe's error body: `{error: {type, code?, message, param?, doc_url?}}`. */
export interface StripeErrorBody {
  type: 'invalid_request_error' | 'api_error' | 'idempotency_error' | 'card_error';
  code?: string;
  message: string;
  param?: string;
  doc_url?: string;
}

/** The code the emulator answers with when a scope already holds 10 secrets (Stripe's own is unconfirmed). */
export const SECRET_LIMIT_CODE = 'secret_limit_exceeded';

export class ApiError extends Error {
  readonly body: StripeErrorBody;
  constructor(
    readonly status: number,
    body: Omit<StripeErrorBody, 'doc_url'>,
    /** True when the endpoint ran (not a validation failure): Stripe then saves the result under the Idempotency-Key. */
    readonly executed = false,
  ) {
    super(body.message);
    this.body = body.code ? { ...body, doc_url: `https://stripe.com/docs/error-codes/${body.code.replace(/_/g, '-')}` } : body;
  }
}

export function invalidRequest(message: string, extra: { code?: string; param?: string } = {}, status = 400): ApiError {
  return new ApiError(status, { type: 'invalid_request_error', message, ...extra });
}

export function parameterMissing(param: string): ApiError {
  return invalidRequest(`Missing required param: ${param}.`, { code: 'parameter_missing', param });
}

export function parameterUnknown(param: string, hint = ''): ApiError {
  return invalidRequest(`Received unknown parameter: ${param}${hint}`, { code: 'parameter_unknown', param });
}

export function parameterEmpty(param: string): ApiError {
  return invalidRequest(
    `You passed an empty string for '${param}'. We assume empty values are an attempt to unset a parameter; however '${param}' cannot be unset. You should remove '${param}' from your request or supply a non-empty value.`,
    { code: 'parameter_invalid_empty', param },
  );
}

export function noSuchSecret(name: string, param?: string, status = 404): ApiError {
  return new ApiError(
    status,
    { type: 'invalid_request_error', code: 'resource_missing', message: `No such secret: '${name}'`, ...(param ? { param } : {}) },
    true,
  );
}

export function unrecognizedUrl(method: string, path: string): ApiError {
  return invalidRequest(
    `Unrecognized request URL (${method}: ${path}). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.`,
    {},
    404,
  );
}

export function hostNotAllowed(host: string): ApiError {
  const shown = host.length > 100 ? `${host.slice(0, 100)}...` : host;
  return invalidRequest(
    `The emulator answers only requests addressed to this computer (localhost, 127.0.0.1, [::1]) or to the host it was started with, not to '${shown}'. This stops web pages from reaching it through DNS rebinding; start it with --allow-host NAME to add a name.`,
    { code: 'host_not_allowed' },
    403,
  );
}

export function rateLimited(): ApiError {
  return invalidRequest(
    'Request rate limit exceeded. You can learn more about rate limits here https://stripe.com/docs/rate-limits.',
    { code: 'rate_limit' },
    429,
  );
}

/** The body of an injected status fault: Stripe's usual shape for that status. */
export function faultError(status: number, code?: string, message?: string): ApiError {
  if (status >= 500) {
    return new ApiError(status, { type: 'api_error', message: message ?? 'An unknown error occurred', ...(code ? { code } : {}) });
  }
  const defaultCode = status === 429 ? 'rate_limit' : status === 409 ? 'lock_timeout' : undefined;
  const finalCode = code ?? defaultCode;
  return invalidRequest(
    message ?? (status === 429 ? rateLimited().message : `Injected error (HTTP ${status}).`),
    finalCode ? { code: finalCode } : {},
    status,
  );
}
