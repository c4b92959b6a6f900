/**
 * WooCommerce commerce adapter. The REST API (`wc/v3`) needs the consumer key and secret, so account
 * calls go through the secrets proxy (`@nectar/adapters/proxy`), which adds them server-side and
 * filters orders with `customer=<the verified shopper>`. One order with its order key (the link of
 * the "order received" page) is read directly from the Store API (`wc/store/v1/order/{id}`), which
 * needs no secret.
 *
 * ```ts
 * const commerce = woocommerce({ proxyUrl: 'https://help.example/v1/proxy', user: { id: '42', hash } });
 * ```
 *
 * Statuses: pending, processing, on-hold → open; completed → completed; cancelled, refunded,
 * failed → cancelled. WooCommerce has no fulfillment or delivery model of its own: a completed
 * order ("fulfilled and complete, requires no further action") is `delivered` (so it is never
 * reported late), an open order with a tracking number (Shipment Tracking extension,
 * `_wc_shipment_tracking_items`) is `shipped`, anything else `unfulfilled`; no delivery dates, no
 * estimate — lateness comes from placedAt plus the delivery window.
 * Pages follow `X-WP-TotalPages`; the cursor is opaque.
 */
import * as z from 'zod/mini';
import { BackendError, NotFoundError } from '@nectar/core/errors';
import {
  orderSchema,
  type CommerceAdapter,
  type FulfillmentStatus,
  type Order,
  type OrderPage,
  type OrderStatus,
  type Shopper,
} from '../commerce/types.ts';
import { requestJson, requestRaw, type FetchLike } from '../internal/http.ts';
import { joinUrl, shopperHeaders, type VerifiedUser } from '../proxy/shopper.ts';

export interface WooCommerceOptions {
  /** Proxy base URL, e.g. `https://help.example/v1/proxy`. */
  proxyUrl: string;
  /** The signed-in shopper (WooCommerce customer id) with the merchant's identity hash; null for a guest. */
  user?: VerifiedUser | null;
  /** Shop URL for the Store API (`orderByKey`), e.g. `https://shop.example`. */
  storeUrl?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export interface WooCommerceAdapter extends CommerceAdapter {
  lookupGuestOrder(input: { orderNumber: string; email: string }): Promise<Order>;
  /**
   * One order by its id and order key (`?key=wc_order_…` of the order-received page) and billing
   * email, from the Store API. It carries no date or tracking: `placedAt` is the time of the call.
   */
  orderByKey(input: { id: string; key: string; email: string }): Promise<Order>;
}

const BACKEND = 'WooCommerce';

const wooDate = z.string().check(z.regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/));
const trackingItem = z.object({
  tracking_provider: z.optional(z.nullable(z.string())),
  custom_tracking_provider: z.optional(z.nullable(z.string())),
  tracking_number: z.string(),
  custom_tracking_link: z.optional(z.nullable(z.string())),
  date_shipped: z.optional(z.nullable(z.union([z.string(), z.number()]))),
});
const restOrder = z.object({
  id: z.number(),
  number: z.string(),
  status: z.string(),
  currency: z.string(),
  total: z.string(),
  date_created_gmt: wooDate,
  line_items: z.array(
    z.object({
      id: z.number(),
      name: z.string(),
      sku: z.nullable(z.optional(z.string())),
      quantity: z.number(),
      image: z.optional(z.nullable(z.object({ src: z.optional(z.nullable(z.string())) }))),
    }),
  ),
  meta_data: z.optional(z.array(z.object({ key: z.string(), value: z.unknown() }))),
});
type RestOrder = z.infer<typeof restOrder>;

/** WooCommerce order statuses → the normalized status. */
export function wooStatus(status: string): OrderStatus {
  switch (status) {
    case 'completed':
      return 'completed';
    case 'cancelled':
    case 'refunded':
    case 'failed':
    case 'trash':
      return 'cancelled';
    default:
      // pending, processing, on-hold, checkout-draft and custom statuses.
      return 'open';
  }
}

const utc = (d: string) => new Date(/Z|[+-]\d\d:?\d\d$/.test(d) ? d : `${d}Z`).toISOString();

export function toOrder(o: RestOrder): Order {
  const tracking = o.meta_data?.find((m) => m.key === '_wc_shipment_tracking_items')?.value;
  const items = z.array(trackingItem).safeParse(tracking ?? []);
  if (!items.success) throw new BackendError(`Malformed response from ${BACKEND}`, 200, 'malformed_response');
  const shipments = items.data.map((t) => ({
    carrier: t.custom_tracking_provider || t.tracking_provider || null,
    trackingNumber: t.tracking_number,
    trackingUrl: t.custom_tracking_link || null,
    shippedAt:
      t.date_shipped !== undefined && t.date_shipped !== null && /^\d+$/.test(String(t.date_shipped))
        ? new Date(Number(t.date_shipped) * 1000).toISOString()
        : null,
    deliveredAt: null,
    estimatedDeliveryAt: null,
  }));
  const status = wooStatus(o.status);
  const fulfillment: FulfillmentStatus =
    status === 'cancelled'
      ? 'unfulfilled'
      : status === 'completed'
        ? 'delivered'
        : shipments.length
          ? 'shipped'
          : 'unfulfilled';
  const order = {
    id: String(o.id),
    number: `#${o.number}`,
    placedAt: utc(o.date_created_gmt),
    status,
    fulfillment,
    total: { amount: o.total, currency: o.currency.toUpperCase() },
    lines: o.line_items.map((l) => ({
      id: String(l.id),
      title: l.name,
      sku: l.sku || null,
      quantity: l.quantity,
      image: l.image?.src || null,
    })),
    shipments,
  };
  const checked = orderSchema.safeParse(order);
  if (!checked.success) throw new BackendError(`Malformed response from ${BACKEND}`, 200, 'malformed_response');
  return checked.data;
}

const encodeCursor = (page: number, perPage: number) =>
  btoa(JSON.stringify({ p: page, n: perPage })).replace(/=+$/, '');
function decodeCursor(cursor: string): { p: number; n: number } {
  try {
    const v = JSON.parse(atob(cursor)) as { p?: unknown; n?: unknown };
    if (Number.isInteger(v.p) && Number.isInteger(v.n) && (v.p as number) > 0 && (v.n as number) > 0)
      return v as { p: number; n: number };
  } catch {
    /* fall through */
  }
  throw new BackendError('Invalid cursor', 400, 'invalid_cursor');
}

export function woocommerce(options: WooCommerceOptions): WooCommerceAdapter {
  if (!options?.proxyUrl) throw new TypeError('woocommerce needs `proxyUrl`');
  const doFetch: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const url = (path: string) => joinUrl(options.proxyUrl, `/woocommerce/${path}`);
  const opts = { backend: BACKEND, ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}) };
  const headers = shopperHeaders(options.user);

  return {
    name: 'woocommerce',
    capabilities: { tracking: true, deliveryEstimate: false, guestLookup: true, needsProxy: true },

    async identify(): Promise<Shopper | null> {
      if (!options.user) return null;
      const c = await requestJson(
        doFetch,
        url('customer'),
        { headers },
        {
          ...opts,
          parse: z.object({
            id: z.number(),
            email: z.nullable(z.string()),
            first_name: z.nullable(z.optional(z.string())),
            last_name: z.nullable(z.optional(z.string())),
          }),
        },
      );
      const name = [c.first_name, c.last_name].filter(Boolean).join(' ');
      return { id: String(c.id), email: c.email || null, name: name || null };
    },

    async listOrders({ first = 10, after = null } = {}): Promise<OrderPage> {
      if (!options.user) return { orders: [], next: null };
      const { p, n } = after ? decodeCursor(after) : { p: 1, n: Math.max(1, Math.min(100, first)) };
      const { response, body } = await requestRaw(
        doFetch,
        url(`orders?${new URLSearchParams({ page: String(p), per_page: String(n) })}`),
        { headers },
        opts,
      );
      const parsed = z.array(restOrder).safeParse(body);
      if (!parsed.success)
        throw new BackendError(`Malformed response from ${BACKEND}`, response.status, 'malformed_response');
      const totalPages = Number.parseInt(response.headers.get('X-WP-TotalPages') ?? '', 10);
      if (!Number.isInteger(totalPages) || totalPages < 0)
        throw new BackendError(`Malformed response from ${BACKEND}`, response.status, 'malformed_response');
      return { orders: parsed.data.map(toOrder), next: p < totalPages ? encodeCursor(p + 1, n) : null };
    },

    async getOrder(ref: string): Promise<Order> {
      const id = ref.trim().replace(/^#/, '');
      if (!/^\d{1,18}$/.test(id)) throw new NotFoundError(`${BACKEND}: not found`);
      return toOrder(await requestJson(doFetch, url(`orders/${id}`), { headers }, { ...opts, parse: restOrder }));
    },

    async lookupGuestOrder({ orderNumber, email }): Promise<Order> {
      const q = new URLSearchParams({ number: orderNumber.trim().replace(/^#/, ''), email: email.trim() });
      return toOrder(await requestJson(doFetch, url(`guest-order?${q}`), {}, { ...opts, parse: restOrder }));
    },

    async orderByKey({ id, key, email }): Promise<Order> {
      if (!options.storeUrl) throw new TypeError('orderByKey needs `storeUrl`');
      if (!/^\d{1,18}$/.test(id)) throw new NotFoundError(`${BACKEND}: not found`);
      const q = new URLSearchParams({ key, billing_email: email });
      const o = await requestJson(
        doFetch,
        joinUrl(options.storeUrl, `/wp-json/wc/store/v1/order/${id}?${q}`),
        {},
        {
          ...opts,
          parse: z.object({
            id: z.number(),
            status: z.string(),
            items: z.array(
              z.object({
                id: z.number(),
                name: z.string(),
                sku: z.optional(z.nullable(z.string())),
                quantity: z.number(),
                images: z.optional(z.array(z.object({ src: z.string() }))),
              }),
            ),
            totals: z.object({
              total_price: z.string().check(z.regex(/^-?\d+$/)),
              currency_code: z.string(),
              currency_minor_unit: z.number(),
            }),
          }),
        },
      );
      const minor = o.totals.currency_minor_unit;
      const raw = o.totals.total_price.replace('-', '').padStart(minor + 1, '0');
      const amount = `${o.totals.total_price.startsWith('-') ? '-' : ''}${minor ? `${raw.slice(0, -minor)}.${raw.slice(-minor)}` : raw}`;
      return toOrder({
        id: o.id,
        number: String(o.id),
        status: o.status,
        currency: o.totals.currency_code,
        total: amount,
        date_created_gmt: new Date().toISOString(),
        line_items: o.items.map((i) => ({
          id: i.id,
          name: i.name,
          sku: i.sku ?? null,
          quantity: i.quantity,
          image: { src: i.images?.[0]?.src ?? null },
        })),
      });
    },
  };
}
