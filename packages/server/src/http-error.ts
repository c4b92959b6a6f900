import type { ErrorBody, ErrorCode } from '@nectar/core/schema';

/** An error with an HTTP status and the contract's error body; thrown by handlers, rendered by `onError`. */
export class HttpError extends Error {
  override name = 'HttpError';
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 413 | 415 | 422 | 429 | 500 | 503,
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }

  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.fields ? { fields: this.fields } : {}) } };
  }
}

export const validationError = (fields: Record<string, string>, message = 'Some fields are not valid.') =>
  new HttpError(400, 'validation_failed', message, fields);
export const unauthorized = (message = 'Missing or invalid credentials.') =>
  new HttpError(401, 'unauthorized', message);
export const notFound = (message = 'Not found.') => new HttpError(404, 'not_found', message);
