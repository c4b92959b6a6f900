/**
 * commercetools commerce adapter: the signed-in customer's orders from `/{projectKey}/me/orders`,
 * authorised by a customer token (password flow of an SPA API client, or a token you pass in).
 *
 * ```ts
 * const shop = commercetools({
 *   apiUrl: 'https://api.europe-west1.gcp.commercetools.com',
 *   authUrl: 'https://auth.europe-west1.gcp.commercetools.com',
 *   projectKey: 'my-shop',
 *   clientId, clientSecret, // a public "Mobile & single-page application client" (me scopes only)
 *   customer: { email, password }, // or: accessToken
 * });
 * ```
 */
import * as z from 'zod/mini';
import { AuthError, NotFoundError } from '@nectar/core/errors';
import type { CommerceAdapter, FulfillmentStatus, Order, OrderStatus } from '../commerce/types.ts';
import { requestJson, type RequestOptions } from '../internal/http.ts';

export interface CommercetoolsOptions {
  /** API host, e.g. `https://api.europe-west1.gcp.commercetools.com`. */
  apiUrl: string;
  /** Auth host, e.g. `https://auth.europe-west1.gcp.commercetools.com` (password flow only). */
  authUrl?: string;
  projectKey: string;
  /** SPA API client (password flow only). */
  clientId?: string;
  clientSecret?: string;
  /** Signs the customer in with the password flow. */
  customer?: { email: string; password: string };
  /** A customer access token obtained elsewhere (instead of `customer`). */
  accessToken?: string;
  /** Scopes requested in the password flow. Default `view_orders:<key> manage_my_profile:<key>`. */
  scope?: string;
  /** Language of line item names (falls back to the first one). Default `en`. */
  locale?: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

const money = z.object({ centAmount: z.int(), currencyCode: z.string(), fractionDigits: z.optional(z.int()) });
const localized = z.record(z.string(), z.string());
const ctOrder = z.object({
  id: z.string(),
  orderNumber: z.optional(z.string()),
  createdAt: z.string(),
  completedAt: z.optional(z.string()),
  orderState: z.enum(['Open', 'Confirmed', 'Complete', 'Cancelled']),
  shipmentState: z.optional(z.nullable(z.string())),
  totalPrice: money,
  lineItems: z.array(
    z.object({
      id: z.string(),
      name: localized,
      quantity: z.int(),
      variant: z.optional(
        z.object({ sku: z.optional(z.string()), images: z.optional(z.array(z.object({ url: z.string() }))) }),
      ),
    }),
  ),
  shippingInfo: z.optional(
    z.nullable(
      z.object({
        deliveries: z.optional(
          z.array(
            z.object({
              createdAt: z.optional(z.string()),
              parcels: z.optional(
                z.array(
                  z.object({
                    createdAt: z.optional(z.string()),
                    trackingData: z.optional(
                      z.object({
                        trackingId: z.optional(z.string()),
                        carrier: z.optional(z.string()),
                        provider: z.optional(z.string()),
                        isReturn: z.optional(z.boolean()),
                      }),
                    ),
                  }),
                ),
              ),
            }),
          ),
        ),
      }),
    ),
  ),
});
type CtOrder = z.infer<typeof ctOrder>;
const orderPage = z.object({
  limit: z.int(),
  offset: z.int(),
  count: z.int(),
  total: z.optional(z.int()),
  results: z.array(ctOrder),
});
const customerSchema = z.object({
  id: z.string(),
  email: z.string(),
  firstName: z.optional(z.string()),
  lastName: z.optional(z.string()),
});
const tokenSchema = z.object({ access_token: z.string(), expires_in: z.optional(z.number()) });

const ORDER_STATE: Record<CtOrder['orderState'], OrderStatus> = {
  Open: 'open',
  Confirmed: 'open',
  Complete: 'completed',
  Cancelled: 'cancelled',
};

/** commercetools ShipmentState → the normalized fulfillment. */
export function ctFulfillment(shipmentState: string | null | undefined): FulfillmentStatus {
  switch (shipmentState) {
    case 'Shipped':
      return 'shipped';
    case 'Delivered':
      return 'delivered';
    case 'Partial':
      return 'partial';
    case 'Ready':
      return 'fulfilled';
    case 'Pending':
    case 'Backorder':
    case 'Delayed':
    case undefined:
    case null:
      return 'unfulfilled';
    default:
      return 'unknown';
  }
}

const iso = (s: string | undefined): string | null =>
  s && !Number.isNaN(Date.parse(s)) ? new Date(s).toISOString() : null;

function amount(m: z.infer<typeof money>): string {
  const digits = m.fractionDigits ?? 2;
  const negative = m.centAmount < 0;
  const s = String(Math.abs(m.centAmount)).padStart(digits + 1, '0');
  const value = digits > 0 ? `${s.slice(0, -digits)}.${s.slice(-digits)}` : s;
  return negative ? `-${value}` : value;
}

function toOrder(o: CtOrder, locale: string): Order {
  const shipmentState = o.shipmentState ?? null;
  const parcels = (o.shippingInfo?.deliveries ?? []).flatMap((d) =>
    (d.parcels ?? []).map((p) => ({ parcel: p, deliveryAt: d.createdAt })),
  );
  return {
    id: o.id,
    number: o.orderNumber ?? o.id,
    placedAt: iso(o.completedAt) ?? iso(o.createdAt) ?? o.createdAt,
    status: ORDER_STATE[o.orderState],
    fulfillment: ctFulfillment(shipmentState),
    total: { amount: amount(o.totalPrice), currency: o.totalPrice.currencyCode },
    lines: o.lineItems.map((l) => ({
      id: l.id,
      title: l.name[locale] ?? Object.values(l.name)[0] ?? '',
      sku: l.variant?.sku ?? null,
      quantity: l.quantity,
      image: l.variant?.images?.[0]?.url ?? null,
    })),
    shipments: parcels
      .filter(({ parcel }) => !parcel.trackingData?.isReturn)
      .map(({ parcel, deliveryAt }) => ({
        carrier: parcel.trackingData?.carrier ?? parcel.trackingData?.provider ?? null,
        trackingNumber: parcel.trackingData?.trackingId ?? null,
        trackingUrl: null,
        shippedAt: iso(parcel.createdAt ?? deliveryAt),
        deliveredAt: null,
        estimatedDeliveryAt: null,
      })),
  };
}

const encodeCursor = (offset: number) => btoa(`ct:${offset}`).replace(/=+$/, '');
function decodeCursor(cursor: string): number {
  try {
    const m = /^ct:(\d+)$/.exec(atob(cursor));
    if (m) return Number(m[1]);
  } catch {
    // fall through
  }
  throw new NotFoundError('Unknown page cursor');
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function commercetools(options: CommercetoolsOptions): CommerceAdapter {
  if (!options?.apiUrl || !options.projectKey) throw new TypeError('commercetools needs `apiUrl` and `projectKey`');
  if (!options.accessToken && !options.customer) throw new TypeError('commercetools needs `accessToken` or `customer`');
  const fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
  const locale = options.locale ?? 'en';
  const base = `${options.apiUrl.replace(/\/$/, '')}/${encodeURIComponent(options.projectKey)}`;
  const common: Omit<RequestOptions<unknown>, 'parse'> = {
    backend: 'commercetools',
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  };
  let token: Promise<string> | null = options.accessToken ? Promise.resolve(options.accessToken) : null;

  const signIn = async (): Promise<string> => {
    const { customer, authUrl, clientId, clientSecret } = options;
    if (!customer || !authUrl || !clientId || !clientSecret)
      throw new AuthError('commercetools: the customer token expired and cannot be renewed');
    const body = new URLSearchParams({
      grant_type: 'password',
      username: customer.email,
      password: customer.password,
      scope: options.scope ?? `view_orders:${options.projectKey} manage_my_profile:${options.projectKey}`,
    });
    const result = await requestJson(
      fetchFn,
      `${authUrl.replace(/\/$/, '')}/oauth/${encodeURIComponent(options.projectKey)}/customers/token`,
      {
        method: 'POST',
        headers: {
          Authorization: `Basic ${btoa(`${clientId}:${clientSecret}`)}`,
          'Content-Type': 'application/x-www-form-urlencoded',
        },
        body: body.toString(),
      },
      {
        ...common,
        parse: tokenSchema,
        // Wrong email/password: 400 invalid_customer_account_credentials (or invalid_grant).
        mapError: (res, b) =>
          res.status === 400 && /invalid_customer_account_credentials|invalid_grant/.test(JSON.stringify(b ?? ''))
            ? new AuthError('commercetools refused the customer credentials')
            : undefined,
      },
    );
    return result.access_token;
  };

  const get = async <T>(path: string, parse: z.ZodMiniType<T>): Promise<T> => {
    token ??= signIn();
    let current: string;
    try {
      current = await token;
    } catch (e) {
      token = null;
      throw e;
    }
    return requestJson(
      fetchFn,
      `${base}${path}`,
      { headers: { Authorization: `Bearer ${current}` } },
      { ...common, parse },
    );
  };

  return {
    name: 'commercetools',
    capabilities: { tracking: true, deliveryEstimate: false, guestLookup: false, needsProxy: false },
    async identify() {
      const c = await get('/me', customerSchema);
      const name = [c.firstName, c.lastName].filter(Boolean).join(' ');
      return { id: c.id, email: c.email, name: name || null };
    },
    async listOrders({ first = 10, after = null } = {}) {
      const offset = after ? decodeCursor(after) : 0;
      const query = new URLSearchParams({
        limit: String(first),
        offset: String(offset),
        sort: 'createdAt desc',
        withTotal: 'true',
      });
      const page = await get(`/me/orders?${query}`, orderPage);
      const end = page.offset + page.count;
      const more = page.total !== undefined ? end < page.total : page.count === first;
      return { orders: page.results.map((o) => toOrder(o, locale)), next: more ? encodeCursor(end) : null };
    },
    async getOrder(ref) {
      if (UUID.test(ref)) return toOrder(await get(`/me/orders/${encodeURIComponent(ref)}`, ctOrder), locale);
      const query = new URLSearchParams({ where: `orderNumber=${JSON.stringify(ref)}`, limit: '1' });
      const page = await get(`/me/orders?${query}`, orderPage);
      const found = page.results[0];
      if (!found) throw new NotFoundError('commercetools: order not found');
      return toOrder(found, locale);
    },
  };
}
