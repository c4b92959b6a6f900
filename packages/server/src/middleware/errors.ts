import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HttpError } from '../http-error.ts';

/** Renders an `HttpError` as the contract's error body; anything else is a 500 that leaks nothing. */
export function errorHandler(onInternalError: (error: unknown) => void): ErrorHandler {
  return (error: Error, c: Context) => {
    if (error instanceof HttpError) {
      for (const [name, value] of Object.entries(error.headers ?? {})) c.header(name, value);
      return c.json(error.toBody(), error.status);
    }
    onInternalError(error);
    return c.json({ error: { code: 'internal', message: 'Something went wrong on our side. Please try again.' } }, 500);
  };
}

export const notFoundHandler: NotFoundHandler = (c) =>
  c.json({ error: { code: 'not_found', message: 'No such route.' } }, 404);
