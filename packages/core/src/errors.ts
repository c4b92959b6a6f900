/**
 * Typed errors of the Nectar client and adapters. Guards work across realms
 * (iframes, duplicated bundles) by also checking `name`, as ky does.
 */
export class NectarError extends Error {
  override name = 'NectarError';
  /** Stable machine-readable code, e.g. `validation_failed`. */
  readonly code: string;
  constructor(message: string, code = 'error', options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** Bad input; `fields` maps a dotted field path to a reason code (`required`, `invalid_email`…). */
export class ValidationError extends NectarError {
  override name = 'ValidationError';
  readonly fields: Record<string, string>;
  constructor(message: string, fields: Record<string, string> = {}, options?: { cause?: unknown }) {
    super(message, 'validation_failed', options);
    this.fields = fields;
  }
}

/** The service could not be reached (offline, DNS, timeout, CORS). Worth retrying. */
export class NetworkError extends NectarError {
  override name = 'NetworkError';
  constructor(message = 'Network error', options?: { cause?: unknown }) {
    super(message, 'network_error', options);
  }
}

/** 429: try again after `retryAfter` seconds. */
export class RateLimitedError extends NectarError {
  override name = 'RateLimitedError';
  /** Seconds to wait before the next attempt. */
  readonly retryAfter: number;
  constructor(message: string, retryAfter: number, options?: { cause?: unknown }) {
    super(message, 'rate_limited', options);
    this.retryAfter = retryAfter;
  }
}

/** 401/403: missing or wrong credentials (access token, site key, agent key). */
export class AuthError extends NectarError {
  override name = 'AuthError';
  readonly status: 401 | 403;
  constructor(message: string, status: 401 | 403 = 401, options?: { cause?: unknown }) {
    super(message, status === 403 ? 'forbidden' : 'unauthorized', options);
    this.status = status;
  }
}

export class NotFoundError extends NectarError {
  override name = 'NotFoundError';
  constructor(message = 'Not found', options?: { cause?: unknown }) {
    super(message, 'not_found', options);
  }
}

/** The backend answered with something else (5xx after retries, malformed body, 413, 415…). */
export class BackendError extends NectarError {
  override name = 'BackendError';
  readonly status: number;
  constructor(message: string, status: number, code = 'backend_error', options?: { cause?: unknown }) {
    super(message, code, options);
    this.status = status;
  }
}

/** The adapter does not support this call. */
export class UnsupportedError extends NectarError {
  override name = 'UnsupportedError';
  constructor(operation: string) {
    super(`This desk does not support ${operation}`, 'unsupported');
  }
}

/**
 * The service refuses this page's configuration — its origin is not among the site's origins
 * (`origin_not_allowed`) or its site key is unknown (`unknown_site`). Not an outage: never retried,
 * never queued as offline; the message names the origin and the setting to change. An `AuthError`
 * (403) too, so code that checks credentials failures sees it as one.
 */
export class ConfigurationError extends AuthError {
  override name = 'ConfigurationError';
  declare readonly code: 'origin_not_allowed' | 'unknown_site';
  constructor(message: string, code: 'origin_not_allowed' | 'unknown_site', options?: { cause?: unknown }) {
    super(message, 403, options);
    Object.defineProperty(this, 'code', { value: code, enumerable: true });
  }
}

type Ctor<T> = abstract new (...args: never[]) => T;
const guard =
  <T>(ctor: Ctor<T>, name: string) =>
  (e: unknown): e is T =>
    e instanceof ctor || (typeof e === 'object' && e !== null && (e as { name?: unknown }).name === name);

export const isNectarError = (e: unknown): e is NectarError =>
  e instanceof NectarError ||
  (e instanceof Error &&
    [
      'NectarError',
      'ValidationError',
      'NetworkError',
      'RateLimitedError',
      'AuthError',
      'NotFoundError',
      'BackendError',
      'UnsupportedError',
      'ConfigurationError',
    ].includes(e.name));
export const isValidationError = guard(ValidationError, 'ValidationError');
export const isNetworkError = guard(NetworkError, 'NetworkError');
export const isRateLimitedError = guard(RateLimitedError, 'RateLimitedError');
export const isAuthError = guard(AuthError, 'AuthError');
export const isNotFoundError = guard(NotFoundError, 'NotFoundError');
export const isBackendError = guard(BackendError, 'BackendError');
export const isUnsupportedError = guard(UnsupportedError, 'UnsupportedError');
export const isConfigurationError = guard(ConfigurationError, 'ConfigurationError');

/** Errors worth retrying later from the outbox (the write may still succeed). */
export const isRetryable = (e: unknown): boolean =>
  isNetworkError(e) || isRateLimitedError(e) || (isBackendError(e) && (e.status >= 500 || e.status === 408));
