/**
 * Medusa v2 commerce adapter: the signed-in shopper and their orders through Medusa's store API
 * (`/store/customers/me`, `/store/orders`), with the customer's JWT and the storefront's publishable
 * API key — both safe in a browser. Tracking numbers live on fulfillment labels, which the store API
 * does not expose; give `proxy` (the `@nectar/adapters/proxy` handler configured with `medusa`) and
 * the adapter reads them, for the verified shopper's own orders only, through the proxy's
 * `GET <proxy>/medusa/orders/:id/fulfillments`.
 *
 * ```ts
 * import { medusa } from '@nectar/adapters/medusa';
 * const commerce = medusa({
 *   baseUrl: 'https://api.shop.example',
 *   publishableKey: 'pk_…',
 *   token: () => sessionStorage.getItem('medusa_jwt'),
 *   proxy: { url: 'https://shop.example/v1/proxy', user: { id: 'cus_…', hash: '…' } },
 * });
 * ```
 */
import { AuthError, BackendError, NotFoundError, isNotFoundError } from '@nectar/core/errors';
import * as z from 'zod/mini';
import {
  orderSchema,
  type CommerceAdapter,
  type FulfillmentStatus,
  type Order,
  type OrderPage,
  type OrderStatus,
  type Shipment,
  type Shopper,
} from '../commerce/types.ts';
import { requestJson, type FetchLike } from '../internal/http.ts';
import { joinUrl, shopperHeaders, type VerifiedUser } from '../proxy/shopper.ts';

const BACKEND = 'Medusa';

type Maybe<T> = T | null | undefined;
type Source<T> = T | (() => Maybe<T> | Promise<Maybe<T>>);

export interface MedusaOptions {
  /** The Medusa server, e.g. `https://api.shop.example`. */
  baseUrl: string;
  /** The storefront's publishable API key (`pk_…`), sent as `x-publishable-api-key`. */
  publishableKey: string;
  /** The signed-in customer's JWT (from `POST /auth/customer/emailpass`), or a function returning it; none for a guest. */
  token?: Source<string>;
  /** Reads tracking numbers through the Nectar proxy (`createProxy({ medusa })`) for the verified shopper. */
  proxy?: { url: string; user: Source<VerifiedUser> };
  fetch?: FetchLike;
  /** Timeout of one request, ms. Default 10 000. */
  timeoutMs?: number;
}

/* ---- what Medusa answers (only the fields Nectar reads; validated, never passed on raw) ---- */

const decimal = z.union([z.number(), z.string().check(z.regex(/^-?\d+(\.\d+)?$/))]);
const date = z.string().check(z.minLength(10));
const optionalString = z.optional(z.nullable(z.string()));

const medusaItem = z.object({
  id: z.string(),
  title: z.string(),
  product_title: optionalString,
  variant_title: optionalString,
  variant_sku: optionalString,
  thumbnail: optionalString,
  quantity: decimal,
});

const medusaFulfillment = z.object({
  id: z.string(),
  packed_at: z.optional(z.nullable(date)),
  shipped_at: z.nullable(date),
  delivered_at: z.nullable(date),
  canceled_at: z.nullable(date),
});

const medusaOrder = z.object({
  id: z.string(),
  display_id: z.number(),
  customer_id: z.nullable(z.string()),
  status: z.string(),
  created_at: date,
  currency_code: z.string(),
  total: decimal,
  fulfillment_status: z.string(),
  payment_status: z.string(),
  items: z.array(medusaItem),
  fulfillments: z.optional(z.nullable(z.array(medusaFulfillment))),
});
type MedusaOrder = z.infer<typeof medusaOrder>;

const customerResponse = z.object({
  customer: z.object({
    id: z.string(),
    email: z.nullable(z.string()),
    first_name: optionalString,
    last_name: optionalString,
  }),
});
const ordersResponse = z.object({ orders: z.array(medusaOrder), count: z.number(), offset: z.number() });
const orderResponse = z.object({ order: medusaOrder });
const numbersResponse = z.object({
  orders: z.array(z.object({ id: z.string(), display_id: z.number() })),
  count: z.number(),
});
const trackingResponse = z.object({
  fulfillments: z.array(
    z.object({
      id: z.string(),
      labels: z.array(z.object({ tracking_number: optionalString, tracking_url: optionalString })),
    }),
  ),
});

const ORDER_FIELDS = [
  'id',
  'display_id',
  'customer_id',
  'status',
  'created_at',
  'currency_code',
  'total',
  'fulfillment_status',
  'payment_status',
  '*items',
  'fulfillments.id',
  'fulfillments.packed_at',
  'fulfillments.shipped_at',
  'fulfillments.delivered_at',
  'fulfillments.canceled_at',
].join(',');

/* ---- mapping ---- */

/** Medusa order status → Nectar. `pending`/`requires_action`/`draft` are still open. */
export function mapOrderStatus(status: string): OrderStatus {
  if (status === 'canceled') return 'cancelled';
  if (status === 'completed' || status === 'archived') return 'completed';
  return 'open';
}

/**
 * Medusa `fulfillment_status` → Nectar. Any `partially_*` is `partial`; a cancelled fulfillment
 * leaves the goods unfulfilled.
 */
export function mapFulfillmentStatus(status: string): FulfillmentStatus {
  switch (status) {
    case 'not_fulfilled':
    case 'canceled':
      return 'unfulfilled';
    case 'partially_fulfilled':
    case 'partially_shipped':
    case 'partially_delivered':
      return 'partial';
    case 'fulfilled':
      return 'fulfilled';
    case 'shipped':
      return 'shipped';
    case 'delivered':
      return 'delivered';
    default:
      return 'unknown';
  }
}

const fractionDigits = (currency: string): number => {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
};

/** Medusa v2 amounts are major units (`44.4` EUR); Nectar wants a decimal string (`"44.40"`). */
export function toDecimal(value: number | string, currency: string): string {
  const n = typeof value === 'number' ? value : Number(value);
  return n.toFixed(fractionDigits(currency));
}

const iso = (value: string) => new Date(value).toISOString();
const isoOrNull = (value: Maybe<string>) => (value ? iso(value) : null);

type Tracking = Map<string, Array<{ trackingNumber: string | null; trackingUrl: string | null }>>;

function toOrder(o: MedusaOrder, tracking?: Tracking): Order {
  const currency = o.currency_code.toUpperCase();
  const shipments: Shipment[] = [];
  for (const f of o.fulfillments ?? []) {
    if (f.canceled_at) continue;
    const base = {
      carrier: null,
      shippedAt: isoOrNull(f.shipped_at),
      deliveredAt: isoOrNull(f.delivered_at),
      estimatedDeliveryAt: null,
    };
    const labels = tracking?.get(f.id) ?? [];
    if (labels.length === 0) shipments.push({ ...base, trackingNumber: null, trackingUrl: null });
    for (const label of labels) shipments.push({ ...base, ...label });
  }
  const order: Order = {
    id: o.id,
    number: `#${o.display_id}`,
    placedAt: iso(o.created_at),
    status: mapOrderStatus(o.status),
    fulfillment: mapFulfillmentStatus(o.fulfillment_status),
    total: { amount: toDecimal(o.total, currency), currency },
    lines: o.items.map((item) => ({
      id: item.id,
      title: [item.product_title ?? item.title, item.variant_title].filter(Boolean).join(' · '),
      sku: item.variant_sku ?? null,
      quantity: Number(item.quantity),
      image: item.thumbnail ?? null,
    })),
    shipments,
  };
  // A value Medusa sent but Nectar cannot represent (a bad date, a non-integer quantity) is a malformed answer.
  const checked = orderSchema.safeParse(order);
  if (!checked.success) throw new Error('invalid');
  return checked.data;
}

/* ---- cursor: opaque, URL-safe ---- */

const encodeCursor = (offset: number) => btoa(`medusa:${offset}`).replace(/=+$/, '');
function decodeCursor(cursor: string | null | undefined): number {
  if (!cursor) return 0;
  try {
    const match = /^medusa:(\d+)$/.exec(atob(cursor));
    if (match) return Number(match[1]);
  } catch {
    /* fall through */
  }
  throw new RangeError('Invalid cursor for the Medusa adapter');
}

async function resolve<T>(source: Source<T> | undefined): Promise<T | null> {
  if (source === undefined) return null;
  const value = typeof source === 'function' ? await (source as () => Maybe<T> | Promise<Maybe<T>>)() : source;
  return value ?? null;
}

/** A Medusa v2 `CommerceAdapter` on the store API. */
export function medusa(options: MedusaOptions): CommerceAdapter {
  const fetchFn: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const timeoutMs = options.timeoutMs;
  const url = (path: string) => joinUrl(options.baseUrl, path);

  const mapError = (response: Response, body: unknown): Error | undefined => {
    // A wrong or revoked publishable key: 400 `not_allowed`.
    const type = (body as { type?: unknown } | null)?.type;
    if (response.status === 400 && type === 'not_allowed')
      return new AuthError(`${BACKEND} refused the publishable API key`, 403);
    return undefined;
  };

  async function store<T>(path: string, parse: z.ZodMiniType<T>, token: string): Promise<T> {
    return requestJson(
      fetchFn,
      url(path),
      { headers: { 'x-publishable-api-key': options.publishableKey, Authorization: `Bearer ${token}` } },
      { parse, backend: BACKEND, mapError, ...(timeoutMs !== undefined ? { timeoutMs } : {}) },
    );
  }

  async function requireToken(): Promise<string> {
    const token = await resolve(options.token);
    if (!token) throw new AuthError(`${BACKEND}: no signed-in customer`, 401);
    return token;
  }

  let me: { token: string; id: string } | null = null;
  async function customerId(token: string): Promise<string> {
    if (me?.token === token) return me.id;
    const { customer } = await store(
      '/store/customers/me?fields=id,email,first_name,last_name',
      customerResponse,
      token,
    );
    me = { token, id: customer.id };
    return customer.id;
  }

  async function trackingFor(orders: MedusaOrder[]): Promise<Map<string, Tracking>> {
    const result = new Map<string, Tracking>();
    if (!options.proxy) return result;
    const user = await resolve(options.proxy.user);
    if (!user) return result;
    const proxyUrl = options.proxy.url;
    await Promise.all(
      orders
        .filter((o) => (o.fulfillments ?? []).some((f) => f.shipped_at && !f.canceled_at))
        .map(async (o) => {
          const body = await requestJson(
            fetchFn,
            joinUrl(proxyUrl, `/medusa/orders/${encodeURIComponent(o.id)}/fulfillments`),
            { headers: shopperHeaders(user) },
            { parse: trackingResponse, backend: 'Nectar proxy', ...(timeoutMs !== undefined ? { timeoutMs } : {}) },
          );
          const map: Tracking = new Map();
          for (const f of body.fulfillments)
            map.set(
              f.id,
              f.labels
                .filter((l) => l.tracking_number || l.tracking_url)
                .map((l) => ({ trackingNumber: l.tracking_number ?? null, trackingUrl: l.tracking_url ?? null })),
            );
          result.set(o.id, map);
        }),
    );
    return result;
  }

  async function normalize(orders: MedusaOrder[]): Promise<Order[]> {
    const tracking = await trackingFor(orders);
    try {
      return orders.map((o) => toOrder(o, tracking.get(o.id)));
    } catch {
      throw new BackendError(`Malformed response from ${BACKEND}`, 200, 'malformed_response');
    }
  }

  async function byId(id: string, token: string): Promise<Order> {
    const [owner, { order }] = await Promise.all([
      customerId(token),
      store(`/store/orders/${encodeURIComponent(id)}?fields=${ORDER_FIELDS}`, orderResponse, token),
    ]);
    // Medusa serves any order by id to anyone holding the id; Nectar shows a shopper only their own.
    if (order.customer_id !== owner) throw new NotFoundError(`${BACKEND}: not found`);
    const [normalized] = await normalize([order]);
    return normalized!;
  }

  async function idForNumber(number: number, token: string): Promise<string> {
    const limit = 100;
    for (let offset = 0; ; offset += limit) {
      const page = await store(
        `/store/orders?limit=${limit}&offset=${offset}&order=-created_at&fields=id,display_id`,
        numbersResponse,
        token,
      );
      const found = page.orders.find((o) => o.display_id === number);
      if (found) return found.id;
      if (page.orders.length < limit || offset + limit >= page.count) throw new NotFoundError(`${BACKEND}: not found`);
    }
  }

  return {
    name: 'medusa',
    capabilities: {
      tracking: !!options.proxy,
      deliveryEstimate: false,
      guestLookup: false,
      needsProxy: !!options.proxy,
    },

    async identify(): Promise<Shopper | null> {
      const token = await resolve(options.token);
      if (!token) return null;
      const { customer } = await store(
        '/store/customers/me?fields=id,email,first_name,last_name',
        customerResponse,
        token,
      );
      me = { token, id: customer.id };
      const name = [customer.first_name, customer.last_name].filter(Boolean).join(' ');
      return { id: customer.id, email: customer.email, name: name || null };
    },

    async listOrders({ first = 10, after = null } = {}): Promise<OrderPage> {
      const token = await requireToken();
      const limit = Math.max(1, Math.min(100, Math.floor(first)));
      const offset = decodeCursor(after);
      const page = await store(
        `/store/orders?limit=${limit}&offset=${offset}&order=-created_at&fields=${ORDER_FIELDS}`,
        ordersResponse,
        token,
      );
      const orders = await normalize(page.orders);
      const end = offset + page.orders.length;
      return { orders, next: page.orders.length > 0 && end < page.count ? encodeCursor(end) : null };
    },

    async getOrder(ref: string): Promise<Order> {
      const token = await requireToken();
      const number = /^#?(\d+)$/.exec(ref.trim());
      const id = number ? await idForNumber(Number(number[1]), token) : ref.trim();
      if (!/^[A-Za-z0-9_-]{1,100}$/.test(id)) throw new NotFoundError(`${BACKEND}: not found`);
      try {
        return await byId(id, token);
      } catch (e) {
        if (isNotFoundError(e)) throw new NotFoundError(`${BACKEND}: not found`);
        throw e;
      }
    },
  };
}
