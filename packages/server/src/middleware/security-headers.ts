import type { Context, MiddlewareHandler } from 'hono';

/**
 * Sets a header on the answer already made. Straight on its headers when they are mutable (`c.header`
 * after the handler would rebuild the response and turn its body into a stream, losing the Node
 * server's fast path for a string body); through `c.header` when they are not (a fetched response).
 */
export function setAfter(c: Context, name: string, value: string): void {
  try {
    c.res.headers.set(name, value);
  } catch {
    c.header(name, value);
  }
}

/** Headers every answer carries; API answers (tokens, personal data) are never cached. */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    setAfter(c, 'X-Content-Type-Options', 'nosniff');
    setAfter(c, 'Referrer-Policy', 'no-referrer');
    if (c.req.path.startsWith('/v1/') && !c.res.headers.has('Cache-Control')) setAfter(c, 'Cache-Control', 'no-store');
  };
}
