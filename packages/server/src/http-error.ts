import type { ErrorBody, ErrorCode } from '@nectar/core/schema';

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 429 | 500 | 503;

/** An error with an HTTP status and the contract's error body; thrown by handlers, rendered by `onError`. */
export class HttpError extends Error {
  override name = 'HttpError';
  readonly status: ErrorStatus;
  readonly code: ErrorCode;
  readonly fields: Record<string, string> | undefined;
  readonly headers: Record<string, string> | undefined;

  constructor(
    status: ErrorStatus,
    code: ErrorCode,
    message: string,
    fields?: Record<string, string>,
    headers?: Record<string, string>,
  ) {
    super(message);
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.headers = headers;
  }

  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.fields ? { fields: this.fields } : {}) } };
  }
}

export const validationError = (fields: Record<string, string>, message = 'Some fields are not valid.') =>
  new HttpError(400, 'validation_failed', message, fields);
export const unauthorized = (message = 'Missing or invalid credentials.') =>
  new HttpError(401, 'unauthorized', message);
export const forbidden = (message: string) => new HttpError(403, 'forbidden', message);
export const notFound = (message = 'Not found.', fields?: Record<string, string>) =>
  new HttpError(404, 'not_found', message, fields);
export const payloadTooLarge = (message: string, fields?: Record<string, string>) =>
  new HttpError(413, 'payload_too_large', message, fields);
export const unsupportedMediaType = (message: string, fields?: Record<string, string>) =>
  new HttpError(415, 'unsupported_media_type', message, fields);
export const rateLimited = (retryAfterSeconds: number, message = 'Too many requests. Please try again shortly.') =>
  new HttpError(429, 'rate_limited', message, undefined, { 'Retry-After': String(retryAfterSeconds) });

/** The site key names no configured site (or is missing): 403 `unknown_site`, naming the setting. */
export const unknownSite = (siteKey: string | undefined, headers?: Record<string, string>) =>
  new HttpError(
    403,
    'unknown_site',
    siteKey
      ? `The site key "${siteKey.slice(0, 64)}" is unknown to this service: check the page's data-site-key (or siteKey), or add the site to NECTAR_SITES.`
      : "Name the site with the X-Nectar-Site header (the page's data-site-key, or siteKey).",
    undefined,
    headers,
  );
