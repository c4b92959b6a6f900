import type { IncomingMessage } from 'node:http';
import type { MiddlewareHandler } from 'hono';
import { createMiddleware } from 'hono/factory';
import { payloadTooLarge } from '../http-error.ts';

/** How much of an oversized body is read and dropped before the connection is closed instead. */
const DISCARD_MAX = 64 * 1024 * 1024;

/**
 * Caps a request body while it streams in (never buffering more than `maxSize`). An oversized
 * body is read on and thrown away up to `discardMax` bytes, so the client, still uploading,
 * receives the error response cleanly instead of a reset connection; beyond that the stream is
 * cancelled and the connection closed.
 */
export function limitBody(maxSize: number, onTooLarge: () => Error, discardMax = DISCARD_MAX): MiddlewareHandler {
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

/**
 * For JSON routes: reads the body (at most `max` bytes, default 1 MB; 413 `payload_too_large` past it,
 * the rest read and dropped as `limitBody` does) as text onto `c.var.bodyText`, for `json()`.
 * On Node it reads the request's own stream: no web-stream copy and no second `Request` per write.
 */
export function jsonLimit(
  max = JSON_BODY_MAX,
  message = 'The request body is too large.',
  fields?: Record<string, string>,
) {
  const tooLarge = () => payloadTooLarge(message, fields);
  const viaWebStream = limitBody(max, tooLarge);
  return createMiddleware<{ Variables: { bodyText: string } }>(async (c, next) => {
    const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
    if (!incoming || incoming.readableEnded) {
      return viaWebStream(c, async () => {
        c.set('bodyText', await c.req.text());
        await next();
      });
    }
    const declared = Number(c.req.header('Content-Length'));
    const chunks: Buffer[] = [];
    let size = 0;
    let over = Number.isFinite(declared) && declared > max;
    for await (const chunk of incoming as AsyncIterable<Buffer>) {
      size += chunk.byteLength;
      if (size > max) over = true;
      if (over) {
        chunks.length = 0;
        if (size > DISCARD_MAX) {
          c.header('Connection', 'close');
          incoming.destroy();
          break;
        }
      } else chunks.push(chunk);
    }
    if (over) throw tooLarge();
    c.set('bodyText', Buffer.concat(chunks, size).toString('utf8'));
    await next();
  });
}
