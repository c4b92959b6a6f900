import type { MiddlewareHandler } from 'hono';
import {
  IDEMPOTENCY_KEY_HEADER,
  REPLAYED_HEADER,
  RETRY_AFTER_HEADER,
  SITE_HEADER,
  USER_HASH_HEADER,
  USER_HEADER,
} from '@nectar/core/protocol';
import { HttpError, forbidden, unknownSite } from '../http-error.ts';
import { originAllowed, type SiteConfig } from '../sites.ts';
import { consoleOrigin } from './agent.ts';
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

/** Agent and console routes keep plain CORS: only configured origins may even ask. */
const STAFF_PATH = /^\/v1\/(agent|console)(\/|$)/;

/**
 * CORS of the API: only the origins configured for the site named in `X-Nectar-Site`. Same-origin
 * callers (the demo, the console) are always fine; `skip` leaves a path to its own CORS (the proxy).
 *
 * A misconfigured page is told, not left guessing: on shopper routes a preflight from any origin is
 * answered, so that the browser sends the request and can read its refusal — `403 unknown_site` or
 * `403 origin_not_allowed`, naming the origin and the setting to change — which is all it can read:
 * the request is refused here, before any route runs. The client reports it as a configuration
 * error and never queues the write as "offline".
 */
export function cors(
  sites: ReadonlyMap<string, SiteConfig>,
  options: { trustProxy: boolean; skip?: (path: string) => boolean },
): MiddlewareHandler {
  const anySiteAllows = (origin: string) => [...sites.values()].some((s) => originAllowed(s, origin));
  return async (c, next) => {
    const origin = c.req.header('Origin');
    if (!origin || options.skip?.(c.req.path)) return next();
    // The service's own pages (the demo, the console), as the browser addresses them.
    const sameOrigin = origin === consoleOrigin(c, options.trustProxy);
    const staff = STAFF_PATH.test(c.req.path);
    if (c.req.method === 'OPTIONS' && c.req.header('Access-Control-Request-Method')) {
      // A preflight carries no X-Nectar-Site: any site's origins will do.
      const allowed = sameOrigin || anySiteAllows(origin);
      if (!allowed && staff) throw forbidden('This origin is not allowed.');
      return c.body(null, 204, {
        'Access-Control-Allow-Origin': origin,
        'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
        'Access-Control-Allow-Headers': ALLOW_HEADERS.join(', '),
        // A refused origin asks again soon: its configuration may be fixed meanwhile.
        'Access-Control-Max-Age': allowed ? '600' : '60',
        Vary: 'Origin',
      });
    }
    const corsHeaders = {
      'Access-Control-Allow-Origin': origin,
      'Access-Control-Expose-Headers': EXPOSE_HEADERS.join(', '),
      Vary: 'Origin',
    };
    if (!sameOrigin) {
      const siteKey = c.req.header(SITE_HEADER);
      const site = sites.get(siteKey ?? '');
      if (staff) {
        if (!(site ? originAllowed(site, origin) : anySiteAllows(origin))) {
          throw forbidden('This origin is not allowed for this site.');
        }
      } else if (!site) {
        throw unknownSite(siteKey, corsHeaders);
      } else if (!originAllowed(site, origin)) {
        throw new HttpError(
          403,
          'origin_not_allowed',
          `The origin ${origin} is not allowed for site "${site.key}": add it to that site's origins in NECTAR_SITES on the service.`,
          undefined,
          corsHeaders,
        );
      }
    }
    await next();
    for (const [name, value] of Object.entries(corsHeaders)) setAfter(c, name, value);
  };
}
