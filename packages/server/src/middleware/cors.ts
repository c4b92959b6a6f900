import type { MiddlewareHandler } from 'hono';
import {
  IDEMPOTENCY_KEY_HEADER,
  REPLAYED_HEADER,
  RETRY_AFTER_HEADER,
  SITE_HEADER,
  USER_HASH_HEADER,
  USER_HEADER,
} from '@nectar/core/protocol';
import { forbidden } from '../http-error.ts';
import { originAllowed, type SiteConfig } from '../sites.ts';
import { setAfter } from './security-headers.ts';

const ALLOW_HEADERS = [
  'Content-Type',
  SITE_HEADER,
  IDEMPOTENCY_KEY_HEADER,
  'Authorization',
  USER_HEADER,
  USER_HASH_HEADER,
];
const EXPOSE_HEADERS = [REPLAYED_HEADER, RETRY_AFTER_HEADER];

/**
 * CORS of the API: only the origins configured for the site named in `X-Nectar-Site` (any site's
 * for a preflight, which cannot carry that header). Same-origin callers (the demo, the console)
 * are always fine. `skip` leaves a path to its own CORS (the secrets proxy).
 */
export function cors(sites: ReadonlyMap<string, SiteConfig>, skip?: (path: string) => boolean): MiddlewareHandler {
  return async (c, next) => {
    const origin = c.req.header('Origin');
    if (!origin || skip?.(c.req.path)) return next();
    const site = sites.get(c.req.header(SITE_HEADER) ?? '');
    const allowed =
      origin === new URL(c.req.url).origin ||
      (site ? originAllowed(site, origin) : [...sites.values()].some((s) => originAllowed(s, origin)));
    if (c.req.method === 'OPTIONS' && c.req.header('Access-Control-Request-Method')) {
      if (!allowed) throw forbidden('This origin is not allowed.');
      return c.body(null, 204, {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
        'Access-Control-Allow-Headers': ALLOW_HEADERS.join(', '),
        'Access-Control-Max-Age': '600',
        Vary: 'Origin',
      });
    }
    if (!allowed) throw forbidden('This origin is not allowed for this site.');
    await next();
    setAfter(c, 'Access-Control-Allow-Origin', origin);
    setAfter(c, 'Access-Control-Expose-Headers', EXPOSE_HEADERS.join(', '));
    setAfter(c, 'Vary', 'Origin');
  };
}
