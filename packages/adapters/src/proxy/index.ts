/**
 * The secrets proxy: a Web-standard `(Request) => Promise<Response>` handler that holds the backend
 * secrets a browser must never see (WooCommerce consumer key/secret, Freshdesk and Gorgias API keys,
 * the Chatwoot HMAC token, Medusa admin credentials) and exposes only the calls Nectar's adapters
 * need — an allow-list of routes per backend — for the verified shopper only.
 *
 * Server-side only. Runs on any runtime that speaks fetch (Node with Hono or `@hono/node-server`,
 * Deno, Bun, Cloudflare Workers):
 *
 * ```ts
 * const proxy = createProxy({
 *   identitySecret: process.env.NECTAR_IDENTITY_SECRET!,
 *   allowedOrigins: ['https://shop.example'],
 *   woocommerce: { url: 'https://shop.example', consumerKey: process.env.WC_KEY!, consumerSecret: process.env.WC_SECRET! },
 * });
 * app.all('/v1/proxy/*', (c) => proxy(c.req.raw));
 * ```
 *
 * Shopper verification: the page sends `X-Nectar-User: <id>` and `X-Nectar-User-Hash: <hex HMAC-SHA256
 * of the id keyed with identitySecret>` (the `user.hash` the merchant's server computes). Tickets created
 * through the proxy come back with `X-Nectar-Access-Token`, a token signed by the proxy that alone
 * reads or answers that ticket later.
 */
import { LIMITS } from '@nectar/core/schema';
import { ACCESS_TOKEN_HEADER, USER_HASH_HEADER, USER_HEADER } from '@nectar/core/protocol';
import { hmacBytes as hmac, identityHash, timingSafeEqual, verifyIdentity } from './identity.ts';
import { joinUrl } from './shopper.ts';

export { identityHash } from './identity.ts';

export { ACCESS_TOKEN_HEADER, USER_HASH_HEADER, USER_HEADER, shopperHeaders, type VerifiedUser } from './shopper.ts';

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

class ProxyError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

const ALLOW_HEADERS = `Content-Type, Authorization, Idempotency-Key, ${USER_HEADER}, ${USER_HASH_HEADER}`;
const EXPOSE_HEADERS = `Retry-After, X-WP-Total, X-WP-TotalPages, ${ACCESS_TOKEN_HEADER}`;
const JSON_MAX = 64 * 1024;
const DAY = 86_400;

function base64url(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function memoryStore(): ProxyStore {
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

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', ...headers },
  });

const pick = (value: unknown, keys: readonly string[]): unknown => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const out: Record<string, unknown> = {};
  for (const k of keys) if (k in value) out[k] = (value as Record<string, unknown>)[k];
  return out;
};

/** What an adapter may read of a WooCommerce order: no addresses, no payment or customer notes. */
const WOO_ORDER_FIELDS = [
  'id',
  'number',
  'status',
  'currency',
  'total',
  'date_created_gmt',
  'date_completed_gmt',
  'customer_id',
  'line_items',
  'meta_data',
] as const;
const WOO_LINE_FIELDS = ['id', 'name', 'sku', 'quantity', 'image'] as const;
/** Shipment tracking (the WooCommerce Shipment Tracking extension) is the only order meta passed on. */
const WOO_TRACKING_META = '_wc_shipment_tracking_items';

function projectWooOrder(order: unknown): unknown {
  const o = pick(order, WOO_ORDER_FIELDS) as Record<string, unknown>;
  if (typeof o !== 'object' || o === null) return o;
  if (Array.isArray(o.line_items)) o.line_items = o.line_items.map((l) => pick(l, WOO_LINE_FIELDS));
  if (Array.isArray(o.meta_data))
    o.meta_data = o.meta_data.filter(
      (m) => typeof m === 'object' && m !== null && (m as { key?: unknown }).key === WOO_TRACKING_META,
    );
  return o;
}

/**
 * Creates the proxy handler. Every route is named below; anything else is a 404. Backends without
 * configuration answer 404 too, so a proxy only exposes what the merchant set up.
 */
export function createProxy(config: ProxyConfig): ProxyHandler {
  if (!config?.identitySecret) throw new TypeError('createProxy needs `identitySecret`');
  const basePath = (config.basePath ?? '/v1/proxy').replace(/\/+$/, '');
  const doFetch = config.fetch ?? ((input: RequestInfo | URL, init?: RequestInit) => globalThis.fetch(input, init));
  const timeoutMs = config.timeoutMs ?? 15_000;
  const store = config.store ?? memoryStore();
  const tokenSecret = config.tokenSecret ?? `nectar-proxy-token:${config.identitySecret}`;
  const inflight = new Map<string, Promise<StoredResponse>>();

  interface StoredResponse {
    status: number;
    body: string;
    headers: Record<string, string>;
  }

  const accessToken = async (backend: string, id: string) => base64url(await hmac(tokenSecret, `${backend}:${id}`));

  async function verifiedShopper(request: Request, required: true): Promise<string>;
  async function verifiedShopper(request: Request, required: false): Promise<string | null>;
  async function verifiedShopper(request: Request, required: boolean): Promise<string | null> {
    const id = request.headers.get(USER_HEADER);
    const hash = request.headers.get(USER_HASH_HEADER);
    if (!id || !hash) {
      if (required) throw new ProxyError(401, 'unauthorized', 'Sign in to see this.');
      return null;
    }
    if (!(await verifyIdentity(config.identitySecret, id, hash)))
      throw new ProxyError(401, 'unauthorized', 'The shopper could not be verified.');
    return id;
  }

  async function checkToken(request: Request, backend: string, id: string): Promise<void> {
    const auth = request.headers.get('Authorization') ?? '';
    const token = auth.startsWith('Bearer ') ? auth.slice(7).trim() : '';
    if (!token) throw new ProxyError(401, 'unauthorized', 'An access token is required.');
    // A wrong token and an unknown ticket look the same: nobody learns which ids exist.
    if (!timingSafeEqual(token, await accessToken(backend, id))) throw new ProxyError(404, 'not_found', 'Not found.');
  }

  /** Calls a backend and maps its failures to safe proxy errors (no vendor body, no secret, passes Retry-After). */
  async function vendor(backend: string, url: string, init: RequestInit = {}): Promise<Response> {
    let res: Response;
    try {
      res = await doFetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    } catch (e) {
      const timedOut = (e as { name?: string })?.name === 'TimeoutError';
      throw new ProxyError(timedOut ? 504 : 502, 'internal', `${backend} did not answer.`);
    }
    if (res.ok) return res;
    await res.body?.cancel().catch(() => {});
    if (res.status === 429) {
      const retryAfter = res.headers.get('Retry-After') ?? '60';
      throw new ProxyError(429, 'rate_limited', `${backend} is busy. Please try again shortly.`, {
        'Retry-After': retryAfter,
      });
    }
    if (res.status === 404) throw new ProxyError(404, 'not_found', 'Not found.');
    if (res.status === 401 || res.status === 403)
      throw new ProxyError(502, 'internal', `${backend} refused the proxy's credentials.`);
    if (res.status === 400 || res.status === 422)
      throw new ProxyError(422, 'validation_failed', `${backend} refused the request.`);
    throw new ProxyError(502, 'internal', `${backend} failed (${res.status}).`);
  }

  async function vendorJson(
    backend: string,
    url: string,
    init?: RequestInit,
  ): Promise<{ body: unknown; res: Response }> {
    const res = await vendor(backend, url, init);
    try {
      return { body: await res.json(), res };
    } catch {
      throw new ProxyError(502, 'internal', `Malformed response from ${backend}.`);
    }
  }

  async function readJson(request: Request): Promise<Record<string, unknown>> {
    const text = await request.text();
    if (text.length > JSON_MAX) throw new ProxyError(413, 'payload_too_large', 'The request is too large.');
    try {
      const body = JSON.parse(text) as unknown;
      if (typeof body === 'object' && body !== null && !Array.isArray(body)) return body as Record<string, unknown>;
    } catch {
      /* fall through */
    }
    throw new ProxyError(422, 'validation_failed', 'Expected a JSON object.');
  }

  /** Runs a write once per (backend, Idempotency-Key): a retry — also a concurrent one — gets the first answer. */
  async function idempotent(
    request: Request,
    backend: string,
    run: (key: string) => Promise<StoredResponse>,
  ): Promise<Response> {
    const key = request.headers.get('Idempotency-Key')?.trim();
    if (!key || key.length > 255) throw new ProxyError(422, 'validation_failed', 'Idempotency-Key is required.', {});
    const storeKey = `idem:${backend}:${new URL(request.url).pathname}:${key}`;
    const stored = (await store.get(storeKey)) as StoredResponse | undefined;
    const replay = (r: StoredResponse, replayed: boolean) =>
      new Response(r.body, {
        status: r.status,
        headers: { ...r.headers, ...(replayed ? { 'Idempotent-Replayed': 'true' } : {}) },
      });
    if (stored) return replay(stored, true);
    const pending = inflight.get(storeKey);
    if (pending) return replay(await pending, true);
    const promise = run(key).then(async (r) => {
      await store.set(storeKey, r, DAY);
      return r;
    });
    inflight.set(storeKey, promise);
    try {
      return replay(await promise, false);
    } finally {
      inflight.delete(storeKey);
    }
  }

  async function takeUpload(request: Request, backend: string): Promise<{ file: File; key: string }> {
    const key = request.headers.get('Idempotency-Key')?.trim();
    if (!key) throw new ProxyError(422, 'validation_failed', 'Idempotency-Key is required.');
    const length = Number(request.headers.get('Content-Length') ?? 0);
    if (length > LIMITS.attachmentBytesMax + 64 * 1024)
      throw new ProxyError(413, 'payload_too_large', 'The file is too large.');
    let form: FormData;
    try {
      form = await request.formData();
    } catch {
      throw new ProxyError(422, 'validation_failed', 'Expected multipart/form-data with a file.');
    }
    const file = form.get('file');
    if (!(file instanceof File)) throw new ProxyError(422, 'validation_failed', 'The field `file` is required.');
    if (file.size > LIMITS.attachmentBytesMax) throw new ProxyError(413, 'payload_too_large', 'The file is too large.');
    void backend;
    return { file, key };
  }

  interface Upload {
    name: string;
    type: string;
    bytes: Uint8Array;
    /** Gorgias: the uploaded file's description. */
    remote?: unknown;
  }

  async function loadUploads(backend: string, ids: unknown): Promise<Upload[]> {
    if (ids === undefined) return [];
    if (!Array.isArray(ids) || ids.length > LIMITS.attachmentsMax)
      throw new ProxyError(422, 'validation_failed', 'attachments must be a list of upload ids.');
    const out: Upload[] = [];
    for (const id of ids) {
      const upload =
        typeof id === 'string' ? ((await store.get(`upload:${backend}:${id}`)) as Upload | undefined) : undefined;
      if (!upload) throw new ProxyError(422, 'validation_failed', 'Unknown attachment.');
      out.push(upload);
    }
    return out;
  }

  async function saveUpload(backend: string, key: string, upload: Upload): Promise<Response> {
    const idemKey = `upload-key:${backend}:${key}`;
    const existing = (await store.get(idemKey)) as string | undefined;
    if (existing) return json(201, { id: existing }, { 'Idempotent-Replayed': 'true' });
    const id = base64url(crypto.getRandomValues(new Uint8Array(18)));
    await store.set(`upload:${backend}:${id}`, upload, DAY);
    await store.set(idemKey, id, DAY);
    return json(201, { id });
  }

  const str = (v: unknown, max: number) => (typeof v === 'string' && v.length <= max ? v : undefined);
  const need = (v: string | undefined, field: string) => {
    if (!v) throw new ProxyError(422, 'validation_failed', `${field} is required.`);
    return v;
  };
  const tagList = (v: unknown): string[] =>
    Array.isArray(v) ? v.filter((t): t is string => typeof t === 'string' && t.length <= 64).slice(0, 10) : [];

  type Route = {
    method: string;
    /** Path pattern below the base path; `:id` matches digits. */
    path: RegExp;
    backend: 'woocommerce' | 'freshdesk' | 'gorgias' | 'chatwoot' | 'medusa';
    name: string;
    handle: (request: Request, params: string[], shopperId: string | null) => Promise<Response>;
    /** Whether the route needs a verified shopper. */
    shopper: boolean;
  };

  const woo = config.woocommerce;
  const wooAuth = () => ({ Authorization: `Basic ${btoa(`${woo!.consumerKey}:${woo!.consumerSecret}`)}` });
  const wooUrl = (path: string) => joinUrl(woo!.url, `/wp-json/wc/v3/${path}`);
  const wooCustomer = async (shopperId: string) => {
    const id = woo!.customerId ? await woo!.customerId(shopperId) : shopperId;
    if (!id || !/^\d+$/.test(id)) throw new ProxyError(404, 'not_found', 'No customer account for this shopper.');
    return id;
  };

  const fd = config.freshdesk;
  const fdAuth = () => ({ Authorization: `Basic ${btoa(`${fd!.apiKey}:X`)}` });
  const gg = config.gorgias;
  const ggAuth = () => ({ Authorization: `Basic ${btoa(`${gg!.username}:${gg!.apiKey}`)}` });

  const routes: Route[] = [
    // ---- WooCommerce: the verified customer's own account and orders (REST API v3) ----
    {
      method: 'GET',
      path: /^\/woocommerce\/customer$/,
      backend: 'woocommerce',
      name: 'woocommerce.customer',
      shopper: true,
      async handle(_req, _p, shopperId) {
        const { body } = await vendorJson('WooCommerce', wooUrl(`customers/${await wooCustomer(shopperId!)}`), {
          headers: wooAuth(),
        });
        return json(200, pick(body, ['id', 'email', 'first_name', 'last_name']));
      },
    },
    {
      method: 'GET',
      path: /^\/woocommerce\/orders$/,
      backend: 'woocommerce',
      name: 'woocommerce.orders',
      shopper: true,
      async handle(req, _p, shopperId) {
        const q = new URL(req.url).searchParams;
        const page = Math.max(1, Math.min(10_000, Number.parseInt(q.get('page') ?? '1', 10) || 1));
        const perPage = Math.max(1, Math.min(100, Number.parseInt(q.get('per_page') ?? '10', 10) || 10));
        const params = new URLSearchParams({
          customer: await wooCustomer(shopperId!),
          page: String(page),
          per_page: String(perPage),
          orderby: 'date',
          order: 'desc',
        });
        const { body, res } = await vendorJson('WooCommerce', wooUrl(`orders?${params}`), { headers: wooAuth() });
        const headers: Record<string, string> = {};
        for (const h of ['X-WP-Total', 'X-WP-TotalPages']) {
          const v = res.headers.get(h);
          if (v !== null) headers[h] = v;
        }
        return json(200, Array.isArray(body) ? body.map(projectWooOrder) : body, headers);
      },
    },
    {
      method: 'GET',
      path: /^\/woocommerce\/orders\/(\d{1,18})$/,
      backend: 'woocommerce',
      name: 'woocommerce.order',
      shopper: true,
      async handle(_req, [id], shopperId) {
        const customer = await wooCustomer(shopperId!);
        const { body } = await vendorJson('WooCommerce', wooUrl(`orders/${id}`), { headers: wooAuth() });
        if (String((body as { customer_id?: unknown })?.customer_id) !== customer)
          throw new ProxyError(404, 'not_found', 'Not found.');
        return json(200, projectWooOrder(body));
      },
    },
    {
      // Guest lookup: order number + billing email. A wrong email and an unknown number look the same.
      method: 'GET',
      path: /^\/woocommerce\/guest-order$/,
      backend: 'woocommerce',
      name: 'woocommerce.guest-order',
      shopper: false,
      async handle(req) {
        const q = new URL(req.url).searchParams;
        const number = (q.get('number') ?? '').replace(/^#/, '').trim();
        const email = (q.get('email') ?? '').trim().toLowerCase();
        if (!/^\d{1,18}$/.test(number) || !email) throw new ProxyError(404, 'not_found', 'Not found.');
        const { body } = await vendorJson('WooCommerce', wooUrl(`orders/${number}`), { headers: wooAuth() });
        const billing = (body as { billing?: { email?: unknown } })?.billing?.email;
        if (typeof billing !== 'string' || billing.trim().toLowerCase() !== email)
          throw new ProxyError(404, 'not_found', 'Not found.');
        return json(200, projectWooOrder(body));
      },
    },

    // ---- Freshdesk: create a ticket (with attachments), read it and answer it with its access token ----
    {
      method: 'POST',
      path: /^\/freshdesk\/uploads$/,
      backend: 'freshdesk',
      name: 'freshdesk.upload',
      shopper: false,
      async handle(req) {
        const { file, key } = await takeUpload(req, 'freshdesk');
        return saveUpload('freshdesk', key, {
          name: file.name,
          type: file.type,
          bytes: new Uint8Array(await file.arrayBuffer()),
        });
      },
    },
    {
      method: 'POST',
      path: /^\/freshdesk\/tickets$/,
      backend: 'freshdesk',
      name: 'freshdesk.create',
      shopper: false,
      async handle(req) {
        const body = await readJson(req);
        return idempotent(req, 'freshdesk', async (key) => {
          const email = need(str(body.email, LIMITS.emailMax), 'email');
          const fields: Record<string, unknown> = {
            email,
            subject: need(str(body.subject, 255), 'subject'),
            description: need(str(body.description, 64 * 1024), 'description'),
            status: 2,
            source: 2,
            priority: [1, 2, 3, 4].includes(body.priority as number) ? body.priority : 1,
          };
          const name = str(body.name, LIMITS.nameMax);
          if (name) fields.name = name;
          // The key is recorded on the ticket (Freshdesk has no idempotency keys) so duplicates can be found.
          fields.tags = [...tagList(body.tags), `nectar-${key}`.slice(0, 64)];
          if (typeof body.custom_fields === 'object' && body.custom_fields !== null) {
            const cf: Record<string, string | number> = {};
            for (const [k, v] of Object.entries(body.custom_fields)) {
              if (/^cf_[a-z0-9_]{1,60}$/.test(k) && (typeof v === 'string' || typeof v === 'number'))
                cf[k] = typeof v === 'string' ? v.slice(0, 255) : v;
            }
            fields.custom_fields = cf;
          }
          const uploads = await loadUploads('freshdesk', body.attachments);
          let init: RequestInit;
          if (uploads.length === 0) {
            init = {
              method: 'POST',
              headers: { ...fdAuth(), 'Content-Type': 'application/json' },
              body: JSON.stringify(fields),
            };
          } else {
            // Freshdesk takes attachments only as multipart `attachments[]` on the create call.
            const form = new FormData();
            for (const [k, v] of Object.entries(fields)) {
              if (k === 'tags') for (const t of v as string[]) form.append('tags[]', t);
              else if (k === 'custom_fields')
                for (const [ck, cv] of Object.entries(v as Record<string, unknown>))
                  form.append(`custom_fields[${ck}]`, String(cv));
              else form.append(k, String(v));
            }
            for (const u of uploads)
              form.append('attachments[]', new Blob([u.bytes as BlobPart], { type: u.type }), u.name);
            init = { method: 'POST', headers: fdAuth(), body: form };
          }
          const { body: ticket } = await vendorJson('Freshdesk', joinUrl(fd!.url, '/api/v2/tickets'), init);
          const id = (ticket as { id?: unknown })?.id;
          if (typeof id !== 'number') throw new ProxyError(502, 'internal', 'Malformed response from Freshdesk.');
          return {
            status: 201,
            body: JSON.stringify(ticket),
            headers: {
              'Content-Type': 'application/json; charset=utf-8',
              [ACCESS_TOKEN_HEADER]: await accessToken('freshdesk', String(id)),
            },
          };
        });
      },
    },
    {
      method: 'GET',
      path: /^\/freshdesk\/tickets\/(\d{1,18})$/,
      backend: 'freshdesk',
      name: 'freshdesk.ticket',
      shopper: false,
      async handle(req, [id]) {
        await checkToken(req, 'freshdesk', id!);
        const { body } = await vendorJson(
          'Freshdesk',
          joinUrl(fd!.url, `/api/v2/tickets/${id}?include=conversations`),
          {
            headers: fdAuth(),
          },
        );
        const t = body as { conversations?: unknown };
        // Private notes are for agents only.
        if (Array.isArray(t?.conversations))
          t.conversations = t.conversations
            .filter((c) => (c as { private?: unknown })?.private === false)
            .map((c) => pick(c, ['id', 'body_text', 'incoming', 'private', 'user_id', 'created_at', 'updated_at']));
        return json(200, t);
      },
    },
    {
      method: 'POST',
      path: /^\/freshdesk\/tickets\/(\d{1,18})\/notes$/,
      backend: 'freshdesk',
      name: 'freshdesk.message',
      shopper: false,
      async handle(req, [id]) {
        await checkToken(req, 'freshdesk', id!);
        const body = await readJson(req);
        return idempotent(req, 'freshdesk', async () => {
          const text = need(str(body.body, LIMITS.messageMax * 2), 'body');
          const { body: ticket } = await vendorJson('Freshdesk', joinUrl(fd!.url, `/api/v2/tickets/${id}`), {
            headers: fdAuth(),
          });
          const requester = (ticket as { requester_id?: unknown })?.requester_id;
          // A public note marked incoming, on behalf of the requester: how the API records a customer's reply.
          const { body: note } = await vendorJson('Freshdesk', joinUrl(fd!.url, `/api/v2/tickets/${id}/notes`), {
            method: 'POST',
            headers: { ...fdAuth(), 'Content-Type': 'application/json' },
            body: JSON.stringify({ body: text, private: false, incoming: true, user_id: requester }),
          });
          return {
            status: 201,
            body: JSON.stringify(note),
            headers: { 'Content-Type': 'application/json; charset=utf-8' },
          };
        });
      },
    },

    // ---- Gorgias: upload, create a ticket, read it and answer it with its access token ----
    {
      method: 'POST',
      path: /^\/gorgias\/uploads$/,
      backend: 'gorgias',
      name: 'gorgias.upload',
      shopper: false,
      async handle(req) {
        const { file, key } = await takeUpload(req, 'gorgias');
        const existing = (await store.get(`upload-key:gorgias:${key}`)) as string | undefined;
        if (existing) return json(201, { id: existing }, { 'Idempotent-Replayed': 'true' });
        const form = new FormData();
        form.append('file', file, file.name);
        const { body } = await vendorJson('Gorgias', joinUrl(gg!.url, '/api/upload?type=attachment'), {
          method: 'POST',
          headers: ggAuth(),
          body: form,
        });
        const remote = Array.isArray(body) ? body[0] : undefined;
        if (typeof (remote as { url?: unknown })?.url !== 'string')
          throw new ProxyError(502, 'internal', 'Malformed response from Gorgias.');
        return saveUpload('gorgias', key, { name: file.name, type: file.type, bytes: new Uint8Array(), remote });
      },
    },
    {
      method: 'POST',
      path: /^\/gorgias\/tickets$/,
      backend: 'gorgias',
      name: 'gorgias.create',
      shopper: false,
      async handle(req) {
        const body = await readJson(req);
        return idempotent(req, 'gorgias', async (key) => {
          const customer = body.customer as { email?: unknown; name?: unknown } | undefined;
          const email = need(str(customer?.email, LIMITS.emailMax), 'customer.email');
          const name = str(customer?.name, LIMITS.nameMax);
          const subject = need(str(body.subject, 255), 'subject');
          const text = need(str(body.body_text, 64 * 1024), 'body_text');
          const uploads = await loadUploads('gorgias', body.attachments);
          const meta = typeof body.meta === 'object' && body.meta !== null ? body.meta : undefined;
          const ticket = {
            customer: { email, ...(name ? { name } : {}) },
            channel: 'api',
            via: 'api',
            from_agent: false,
            status: 'open',
            subject,
            // Gorgias has no idempotency keys: the key becomes the ticket's external id.
            external_id: `nectar:${key}`,
            tags: tagList(body.tags).map((n) => ({ name: n })),
            ...(meta ? { meta } : {}),
            messages: [
              {
                channel: 'api',
                via: 'api',
                from_agent: false,
                sender: { email },
                subject,
                body_text: text,
                attachments: uploads.map((u) => u.remote),
              },
            ],
          };
          const { body: created } = await vendorJson('Gorgias', joinUrl(gg!.url, '/api/tickets'), {
            method: 'POST',
            headers: { ...ggAuth(), 'Content-Type': 'application/json' },
            body: JSON.stringify(ticket),
          });
          const id = (created as { id?: unknown })?.id;
          if (typeof id !== 'number') throw new ProxyError(502, 'internal', 'Malformed response from Gorgias.');
          return {
            status: 201,
            body: JSON.stringify(created),
            headers: {
              'Content-Type': 'application/json; charset=utf-8',
              [ACCESS_TOKEN_HEADER]: await accessToken('gorgias', String(id)),
            },
          };
        });
      },
    },
    {
      method: 'GET',
      path: /^\/gorgias\/tickets\/(\d{1,18})$/,
      backend: 'gorgias',
      name: 'gorgias.ticket',
      shopper: false,
      async handle(req, [id]) {
        await checkToken(req, 'gorgias', id!);
        const { body } = await vendorJson('Gorgias', joinUrl(gg!.url, `/api/tickets/${id}`), { headers: ggAuth() });
        const t = body as { messages?: unknown };
        // Internal notes are for agents only.
        if (Array.isArray(t?.messages))
          t.messages = t.messages
            .filter((m) => (m as { public?: unknown })?.public !== false)
            .map((m) =>
              pick(m, ['id', 'from_agent', 'body_text', 'created_datetime', 'sent_datetime', 'sender', 'attachments']),
            );
        return json(
          200,
          pick(t, [
            'id',
            'status',
            'subject',
            'external_id',
            'tags',
            'meta',
            'messages',
            'created_datetime',
            'updated_datetime',
            'opened_datetime',
            'closed_datetime',
          ]),
        );
      },
    },
    {
      method: 'POST',
      path: /^\/gorgias\/tickets\/(\d{1,18})\/messages$/,
      backend: 'gorgias',
      name: 'gorgias.message',
      shopper: false,
      async handle(req, [id]) {
        await checkToken(req, 'gorgias', id!);
        const body = await readJson(req);
        return idempotent(req, 'gorgias', async () => {
          const text = need(str(body.body_text, LIMITS.messageMax * 2), 'body_text');
          const { body: ticket } = await vendorJson('Gorgias', joinUrl(gg!.url, `/api/tickets/${id}`), {
            headers: ggAuth(),
          });
          const email = (ticket as { customer?: { email?: unknown } })?.customer?.email;
          const { body: message } = await vendorJson('Gorgias', joinUrl(gg!.url, `/api/tickets/${id}/messages`), {
            method: 'POST',
            headers: { ...ggAuth(), 'Content-Type': 'application/json' },
            body: JSON.stringify({
              channel: 'api',
              via: 'api',
              from_agent: false,
              sender: { email },
              body_text: text,
            }),
          });
          return {
            status: 201,
            body: JSON.stringify(pick(message, ['id', 'from_agent', 'body_text', 'created_datetime'])),
            headers: { 'Content-Type': 'application/json; charset=utf-8' },
          };
        });
      },
    },

    // ---- Chatwoot: the identifier hash of the verified shopper ----
    {
      method: 'GET',
      path: /^\/chatwoot\/identity$/,
      backend: 'chatwoot',
      name: 'chatwoot.identity',
      shopper: true,
      async handle(_req, _p, shopperId) {
        return json(200, {
          identifier: shopperId,
          identifier_hash: await identityHash(config.chatwoot!.hmacToken, shopperId!),
        });
      },
    },

    // ---- Medusa v2: tracking numbers of the shopper's own order (the store API hides fulfillment labels) ----
    {
      method: 'GET',
      path: /^\/medusa\/orders\/([A-Za-z0-9_]{1,64})\/fulfillments$/,
      backend: 'medusa',
      name: 'medusa.fulfillments',
      shopper: true,
      async handle(_req, [id], shopperId) {
        const m = config.medusa!;
        const customer = m.customerId ? await m.customerId(shopperId!) : shopperId;
        const fields = 'id,customer_id,*fulfillments,*fulfillments.labels';
        const { body } = await vendorJson(
          'Medusa',
          joinUrl(m.url, `/admin/orders/${id}?fields=${encodeURIComponent(fields)}`),
          {
            headers: m.adminHeaders,
          },
        );
        const order = (body as { order?: { customer_id?: unknown; fulfillments?: unknown } })?.order;
        if (!order || order.customer_id !== customer) throw new ProxyError(404, 'not_found', 'Not found.');
        const fulfillments = Array.isArray(order.fulfillments) ? order.fulfillments : [];
        return json(200, {
          fulfillments: fulfillments.map((f) => {
            const out = pick(f, ['id', 'shipped_at', 'delivered_at', 'canceled_at', 'created_at']) as Record<
              string,
              unknown
            >;
            const labels = (f as { labels?: unknown })?.labels;
            out.labels = Array.isArray(labels) ? labels.map((l) => pick(l, ['tracking_number', 'tracking_url'])) : [];
            return out;
          }),
        });
      },
    },
  ];

  function cors(request: Request): Record<string, string> | null {
    const origin = request.headers.get('Origin');
    if (!origin) return {};
    if (origin === new URL(request.url).origin || (config.allowedOrigins ?? []).includes(origin))
      return { 'Access-Control-Allow-Origin': origin, 'Access-Control-Expose-Headers': EXPOSE_HEADERS, Vary: 'Origin' };
    return null;
  }

  return async function proxy(request: Request): Promise<Response> {
    const corsHeaders = cors(request);
    const withCors = (res: Response) => {
      for (const [k, v] of Object.entries(corsHeaders ?? {})) res.headers.set(k, v);
      return res;
    };
    try {
      if (!corsHeaders) throw new ProxyError(403, 'forbidden', 'This origin is not allowed.');
      const url = new URL(request.url);
      if (!url.pathname.startsWith(`${basePath}/`)) throw new ProxyError(404, 'not_found', 'No such route.');
      const path = url.pathname.slice(basePath.length);
      const matches = routes
        .map((route) => ({ route, m: route.path.exec(path) }))
        .filter((r): r is { route: Route; m: RegExpExecArray } => !!r.m && !!config[r.route.backend]);
      if (matches.length === 0) throw new ProxyError(404, 'not_found', 'No such route.');
      if (request.method === 'OPTIONS') {
        return new Response(null, {
          status: 204,
          headers: {
            ...corsHeaders,
            'Access-Control-Allow-Methods': [...new Set(matches.map((r) => r.route.method)), 'OPTIONS'].join(', '),
            'Access-Control-Allow-Headers': ALLOW_HEADERS,
            'Access-Control-Max-Age': '600',
          },
        });
      }
      const hit = matches.find((r) => r.route.method === request.method);
      if (!hit)
        throw new ProxyError(405, 'method_not_allowed', 'Method not allowed.', {
          Allow: matches.map((r) => r.route.method).join(', '),
        });
      const { route, m } = hit;
      const shopperId = await verifiedShopper(request, route.shopper as false);
      if (route.shopper && !shopperId) throw new ProxyError(401, 'unauthorized', 'Sign in to see this.');
      if (config.rateLimit) {
        const retryAfter = await config.rateLimit({ backend: route.backend, route: route.name, shopperId, request });
        if (retryAfter !== null && retryAfter !== undefined)
          throw new ProxyError(429, 'rate_limited', 'Too many requests. Please try again shortly.', {
            'Retry-After': String(Math.max(0, Math.ceil(retryAfter))),
          });
      }
      return withCors(await route.handle(request, m.slice(1), shopperId));
    } catch (e) {
      if (e instanceof ProxyError)
        return withCors(json(e.status, { error: { code: e.code, message: e.message } }, e.headers));
      return withCors(json(500, { error: { code: 'internal', message: 'Something went wrong in the proxy.' } }));
    }
  };
}
