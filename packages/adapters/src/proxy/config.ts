/** The proxy's configuration and the storage it keeps idempotent results and pending uploads in. */

/** Storage for idempotent results and pending uploads. The default keeps them in memory (one process). */
export interface ProxyStore {
  get(key: string): Promise<unknown> | unknown;
  set(key: string, value: unknown, ttlSeconds: number): Promise<void> | void;
}

export interface RateLimitContext {
  backend: string;
  /** Route name, e.g. `woocommerce.orders`. */
  route: string;
  /** The verified shopper, or null. */
  shopperId: string | null;
  request: Request;
}

export interface ProxyConfig {
  /** Merchant's identity secret: `X-Nectar-User-Hash` must be hex HMAC-SHA256(identitySecret, user id). */
  identitySecret: string;
  /** Signs ticket access tokens. Default: derived from `identitySecret`. */
  tokenSecret?: string;
  /** Path the handler is mounted at. Default `/v1/proxy`. */
  basePath?: string;
  /** Origins allowed to call from a browser (CORS). Calls without `Origin` (server to server) are always allowed. */
  allowedOrigins?: string[];
  /** Return seconds to wait to refuse a call with 429 and `Retry-After`; null/undefined lets it through. */
  rateLimit?: (context: RateLimitContext) => number | null | undefined | Promise<number | null | undefined>;
  store?: ProxyStore;
  /** Fetch used to call the backends. Default `globalThis.fetch`. */
  fetch?: typeof fetch;
  /** Timeout of one backend call, ms. Default 15 000. */
  timeoutMs?: number;
  woocommerce?: {
    /** Site URL, e.g. `https://shop.example` (REST API under `/wp-json/`). */
    url: string;
    consumerKey: string;
    consumerSecret: string;
    /** Maps the verified shopper id to a WooCommerce customer id. Default: the same id. */
    customerId?: (shopperId: string) => string | null | Promise<string | null>;
  };
  freshdesk?: {
    /** e.g. `https://acme.freshdesk.com`. */
    url: string;
    apiKey: string;
  };
  gorgias?: {
    /** e.g. `https://acme.gorgias.com`. */
    url: string;
    /** The account email the API key belongs to (HTTP Basic user name). */
    username: string;
    apiKey: string;
  };
  chatwoot?: {
    /** The inbox's HMAC token ("Identity validation"), used to compute `identifier_hash`. */
    hmacToken: string;
  };
  medusa?: {
    /** Medusa v2 server URL. */
    url: string;
    /** Headers of an admin call, e.g. `{ Authorization: 'Basic ' + btoa(secretApiKey + ':') }`. */
    adminHeaders: Record<string, string>;
    /** Maps the verified shopper id to a Medusa customer id. Default: the same id. */
    customerId?: (shopperId: string) => string | null | Promise<string | null>;
  };
}

export type ProxyHandler = (request: Request) => Promise<Response>;

/** The default store: in memory, one process (give a shared one when the proxy runs on several instances). */
export function memoryStore(): ProxyStore {
  const map = new Map<string, { value: unknown; expires: number }>();
  return {
    get(key) {
      const hit = map.get(key);
      if (!hit) return undefined;
      if (hit.expires < Date.now()) {
        map.delete(key);
        return undefined;
      }
      return hit.value;
    },
    set(key, value, ttlSeconds) {
      map.set(key, { value, expires: Date.now() + ttlSeconds * 1000 });
    },
  };
}
