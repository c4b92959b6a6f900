import type { MiddlewareHandler } from 'hono';
import { payloadTooLarge } from '../http-error.ts';

/**
 * Caps a request body while it streams in (never buffering more than `maxSize`). An oversized
 * body is read on and thrown away up to `discardMax` bytes, so the client, still uploading,
 * receives the error response cleanly instead of a reset connection; beyond that the stream is
 * cancelled and the connection closed.
 */
export function limitBody(maxSize: number, onTooLarge: () => Error, discardMax = 64 * 1024 * 1024): MiddlewareHandler {
  return async (c, next) => {
    const body = c.req.raw.body;
    if (!body) return next();
    const reader = body.getReader();
    const declared = Number(c.req.header('Content-Length'));
    let size = 0;
    const chunks: Uint8Array[] = [];
    if (!(Number.isFinite(declared) && declared > maxSize)) {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) {
          const all = new Uint8Array(size);
          let offset = 0;
          for (const chunk of chunks) {
            all.set(chunk, offset);
            offset += chunk.byteLength;
          }
          c.req.raw = new Request(c.req.raw, { body: all });
          return next();
        }
        size += value.byteLength;
        if (size > maxSize) break;
        chunks.push(value);
      }
    }
    chunks.length = 0;
    for (;;) {
      if (size > discardMax) {
        await reader.cancel().catch(() => undefined);
        c.header('Connection', 'close');
        break;
      }
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
    }
    throw onTooLarge();
  };
}

/** The largest JSON body any route takes. */
export const JSON_BODY_MAX = 1024 * 1024;

/** `limitBody` for JSON routes: 413 `payload_too_large` past `max` bytes (default 1 MB). */
export const jsonLimit = (
  max = JSON_BODY_MAX,
  message = 'The request body is too large.',
  fields?: Record<string, string>,
) => limitBody(max, () => payloadTooLarge(message, fields));
