/**
 * `createProxy`: the wiring. Builds the shared pieces (backend calls, idempotency, access tokens,
 * uploads) once, the routes of every configured backend, and answers a request: CORS, route match
 * (404 / 405 / preflight), shopper verification, the rate-limit hook, then the route.
 */
import { RETRY_AFTER_HEADER, USER_HASH_HEADER, USER_HEADER } from '@nectar/core/protocol';
import { memoryStore, type ProxyConfig, type ProxyHandler } from './config.ts';
import { corsHeaders, preflight } from './cors.ts';
import { ProxyError, errorResponse } from './errors.ts';
import { idempotency } from './idempotency.ts';
import { verifyIdentity } from './identity.ts';
import { chatwootRoutes } from './routes/chatwoot.ts';
import { freshdeskRoutes } from './routes/freshdesk.ts';
import { gorgiasRoutes } from './routes/gorgias.ts';
import { medusaRoutes } from './routes/medusa.ts';
import type { Route, RouteContext } from './routes/route.ts';
import { woocommerceRoutes } from './routes/woocommerce.ts';
import { accessTokens } from './signing.ts';
import { uploads } from './uploads.ts';
import { vendorCaller } from './vendor.ts';

/**
 * The verified shopper of a request: null without identity headers, a 401 with a wrong hash.
 */
async function verifiedShopper(request: Request, identitySecret: string): Promise<string | null> {
  const id = request.headers.get(USER_HEADER);
  const hash = request.headers.get(USER_HASH_HEADER);
  if (!id || !hash) return null;
  if (!(await verifyIdentity(identitySecret, id, hash)))
    throw new ProxyError(401, 'unauthorized', 'The shopper could not be verified.');
  return id;
}

/**
 * Creates the proxy handler. Every route is named in `routes/`; anything else is a 404. Backends
 * without configuration answer 404 too, so a proxy only exposes what the merchant set up.
 */
export function createProxy(config: ProxyConfig): ProxyHandler {
  if (!config?.identitySecret) throw new TypeError('createProxy needs `identitySecret`');
  const basePath = (config.basePath ?? '/v1/proxy').replace(/\/+$/, '');
  const doFetch = config.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  const store = config.store ?? memoryStore();
  const context: RouteContext = {
    config,
    store,
    vendorJson: vendorCaller(doFetch, config.timeoutMs ?? 15_000),
    idempotent: idempotency(store),
    tokens: accessTokens(config.tokenSecret ?? `nectar-proxy-token:${config.identitySecret}`),
    uploads: uploads(store),
  };
  const routes: Route[] = [
    ...(config.woocommerce ? woocommerceRoutes(config.woocommerce, context) : []),
    ...(config.freshdesk ? freshdeskRoutes(config.freshdesk, context) : []),
    ...(config.gorgias ? gorgiasRoutes(config.gorgias, context) : []),
    ...(config.chatwoot ? chatwootRoutes(config.chatwoot) : []),
    ...(config.medusa ? medusaRoutes(config.medusa, context) : []),
  ];

  async function answer(request: Request, cors: Record<string, string>): Promise<Response> {
    const url = new URL(request.url);
    if (!url.pathname.startsWith(`${basePath}/`)) throw new ProxyError(404, 'not_found', 'No such route.');
    const path = url.pathname.slice(basePath.length);
    const matches = routes.flatMap((route) => {
      const m = route.path.exec(path);
      return m ? [{ route, id: m[1] ?? '' }] : [];
    });
    if (matches.length === 0) throw new ProxyError(404, 'not_found', 'No such route.');
    const methods = matches.map((r) => r.route.method);
    if (request.method === 'OPTIONS') return preflight(cors, methods);
    const hit = matches.find((r) => r.route.method === request.method);
    if (!hit) throw new ProxyError(405, 'method_not_allowed', 'Method not allowed.', { Allow: methods.join(', ') });
    const { route, id } = hit;
    const shopperId = await verifiedShopper(request, config.identitySecret);
    if (!route.shopper) {
      await limit(route, shopperId, request);
      return route.handle(request, id);
    }
    if (!shopperId) throw new ProxyError(401, 'unauthorized', 'Sign in to see this.');
    await limit(route, shopperId, request);
    return route.handle(request, id, shopperId);
  }

  /** The merchant's rate-limit hook: when it answers seconds to wait, the call is refused with 429 and `Retry-After`. */
  async function limit(route: Route, shopperId: string | null, request: Request): Promise<void> {
    const retryAfter = await config.rateLimit?.({ backend: route.backend, route: route.name, shopperId, request });
    if (retryAfter !== null && retryAfter !== undefined)
      throw new ProxyError(429, 'rate_limited', 'Too many requests. Please try again shortly.', {
        [RETRY_AFTER_HEADER]: String(Math.max(0, Math.ceil(retryAfter))),
      });
  }

  return async function proxy(request: Request): Promise<Response> {
    const cors = corsHeaders(request, config.allowedOrigins ?? []);
    let res: Response;
    try {
      if (!cors) throw new ProxyError(403, 'forbidden', 'This origin is not allowed.');
      res = await answer(request, cors);
    } catch (e) {
      res = errorResponse(e);
    }
    for (const [k, v] of Object.entries(cors ?? {})) res.headers.set(k, v);
    return res;
  };
}
