/**
 * Vendure commerce adapter on the Shop API (GraphQL): the signed-in customer's orders
 * (`activeCustomer.orders`), one order by id or code, and guest lookup by code + email
 * (`orderByCode`, as far as the channel's OrderByCodeAccessStrategy allows anonymous access).
 *
 * Auth is Vendure's bearer session token (`vendure-auth-token`, sent as `Authorization: Bearer`);
 * no secret is involved, so it runs in the browser. Vendure states map to the normalized model:
 * `Cancelled` → cancelled, `Delivered` → completed, others open; fulfillment from the order state
 * (`Shipped`, `PartiallyShipped`, `Delivered`, `PartiallyDelivered`) or else from the quantities
 * its fulfillments cover; tracking from each fulfillment's `method` (carrier) and `trackingCode`.
 */
import { AuthError, BackendError, NotFoundError, ValidationError } from '@nectar/core/errors';
import * as z from 'zod/mini';
import { orderSchema, type CommerceAdapter, type Order, type OrderPage, type Shopper } from '../commerce/types.ts';
import { graphql, type GraphQLErrorEntry } from '../internal/http.ts';
import { decimal, fulfillmentStatus, orderStatus } from './order-state.ts';

export interface VendureOptions {
  /** The Shop API endpoint, e.g. `https://shop.example/shop-api`. */
  shopApiUrl: string;
  /** The shopper's session token (from the `vendure-auth-token` header after `login`); none for a guest. */
  token?: string | null;
  /** The channel token (`vendure-token` header) when the shop runs several channels. */
  channelToken?: string;
  /** Every request goes through this fetch (default `globalThis.fetch`). */
  fetch?: typeof fetch;
  /** Per request, ms (default 10 000). */
  timeoutMs?: number;
}

const BACKEND = 'Vendure';
const isoDate = z.string().check(z.refine((s) => !Number.isNaN(Date.parse(s))));

const customerSchema = z.object({
  id: z.string(),
  emailAddress: z.string(),
  firstName: z.string(),
  lastName: z.string(),
});

const fulfillmentSchema = z.object({
  id: z.string(),
  state: z.string(),
  method: z.string(),
  trackingCode: z.nullable(z.string()),
  createdAt: isoDate,
  updatedAt: isoDate,
  lines: z.array(z.object({ orderLineId: z.string(), quantity: z.number() })),
});

const rawOrderSchema = z.object({
  id: z.string(),
  code: z.string(),
  state: z.string(),
  orderPlacedAt: z.nullable(isoDate),
  createdAt: isoDate,
  totalWithTax: z.number(),
  currencyCode: z.string(),
  lines: z.array(
    z.object({
      id: z.string(),
      quantity: z.number(),
      productVariant: z.object({ name: z.string(), sku: z.nullable(z.string()) }),
      featuredAsset: z.nullable(z.object({ preview: z.string() })),
    }),
  ),
  fulfillments: z.nullable(z.array(fulfillmentSchema)),
});
type RawOrder = z.infer<typeof rawOrderSchema>;

const ORDER_FIELDS = `
  id code state orderPlacedAt createdAt totalWithTax currencyCode
  lines { id quantity productVariant { name sku } featuredAsset { preview } }
  fulfillments { id state method trackingCode createdAt updatedAt lines { orderLineId quantity } }`;

const IDENTIFY = `query NectarIdentify { activeCustomer { id emailAddress firstName lastName } }`;
const LIST = `query NectarOrders($options: OrderListOptions) {
  activeCustomer { id orders(options: $options) { totalItems items { ${ORDER_FIELDS} } } } }`;
// The shopper's own order by code: through `activeCustomer` (not `orderByCode`), so an expired
// session is told apart from an order that is not theirs.
const BY_CODE = `query NectarOrderByCode($code: String!) { activeCustomer { id
  orders(options: { take: 1, filter: { code: { eq: $code } } }) { items { ${ORDER_FIELDS} } } } }`;
const BY_ID = `query NectarOrderById($id: ID!) { activeCustomer { id } order(id: $id) { ${ORDER_FIELDS} } }`;
const GUEST = `query NectarGuestOrder($code: String!) {
  orderByCode(code: $code) { ${ORDER_FIELDS} customer { emailAddress } } }`;

/** Vendure's order codes (DefaultOrderCodeStrategy: 16 chars A–Z, 0–9); ids are numbers, `T_n` or UUIDs. */
const looksLikeCode = (ref: string) => /^[A-Z0-9]{8,}$/.test(ref) && !/^\d+$/.test(ref);

const money = decimal;

const toIso = (date: string) => new Date(date).toISOString();

/** The normalized order, validated: anything Vendure sent that does not fit is a BackendError. */
function normalize(raw: RawOrder): Order {
  const result = orderSchema.safeParse(toOrder(raw));
  if (!result.success) throw new BackendError(`Malformed response from ${BACKEND}`, 200, 'malformed_response');
  return result.data;
}

function toOrder(raw: RawOrder): Order {
  return {
    id: raw.id,
    number: raw.code,
    placedAt: toIso(raw.orderPlacedAt ?? raw.createdAt),
    status: orderStatus(raw.state),
    fulfillment: fulfillmentStatus(raw),
    total: { amount: money(raw.totalWithTax), currency: raw.currencyCode.toUpperCase() },
    lines: raw.lines.map((l) => ({
      id: l.id,
      title: l.productVariant.name,
      sku: l.productVariant.sku || null,
      quantity: l.quantity,
      image: l.featuredAsset?.preview ?? null,
    })),
    shipments: (raw.fulfillments ?? [])
      .filter((f) => f.state !== 'Cancelled')
      .map((f) => ({
        carrier: f.method || null,
        trackingNumber: f.trackingCode || null,
        trackingUrl: null,
        // Vendure keeps no per-state timestamps in the Shop API: the last change is when it got there.
        shippedAt: f.state === 'Shipped' ? toIso(f.updatedAt) : null,
        deliveredAt: f.state === 'Delivered' ? toIso(f.updatedAt) : null,
        estimatedDeliveryAt: null,
      })),
  };
}

const CURSOR_PREFIX = 'vendure:';

function encodeCursor(skip: number): string {
  return btoa(`${CURSOR_PREFIX}${skip}`).replace(/=+$/, '');
}

function decodeCursor(after: string | null | undefined): number {
  if (after == null || after === '') return 0;
  let text = '';
  try {
    text = atob(after);
  } catch {
    /* fall through */
  }
  const skip = Number(text.slice(CURSOR_PREFIX.length));
  if (!text.startsWith(CURSOR_PREFIX) || !Number.isInteger(skip) || skip < 0)
    throw new ValidationError('Invalid order cursor', { after: 'invalid' });
  return skip;
}

export function vendure(options: VendureOptions): CommerceAdapter & {
  lookupGuestOrder(input: { orderNumber: string; email: string }): Promise<Order>;
} {
  const fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
  const token = options.token || null;

  function request<T>(
    query: string,
    variables: Record<string, unknown>,
    parse: z.ZodMiniType<T>,
    opts: { auth?: boolean; mapGraphQLError?: (e: GraphQLErrorEntry) => Error | undefined } = {},
  ): Promise<T> {
    const headers: Record<string, string> = {};
    if (options.channelToken) headers['vendure-token'] = options.channelToken;
    if (token && opts.auth !== false) headers.Authorization = `Bearer ${token}`;
    return graphql(fetchFn, options.shopApiUrl, query, variables, {
      backend: BACKEND,
      parse,
      headers,
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
      ...(opts.mapGraphQLError ? { mapGraphQLError: opts.mapGraphQLError } : {}),
    });
  }

  /** Orders need a signed-in customer: no token, or one Vendure no longer knows, is an AuthError. */
  const signedOut = () =>
    new AuthError(token ? `${BACKEND} session expired or revoked` : `${BACKEND}: no shopper is signed in`);

  // `orderByCode` answers FORBIDDEN both for an unknown code and for someone else's order.
  const forbiddenIsNotFound = (e: GraphQLErrorEntry) =>
    e.path?.[0] === 'orderByCode' && String(e.extensions?.code).toUpperCase() === 'FORBIDDEN'
      ? new NotFoundError(`${BACKEND}: order not found`)
      : undefined;

  return {
    name: 'vendure',
    capabilities: { tracking: true, deliveryEstimate: false, guestLookup: true, needsProxy: false },

    async identify(): Promise<Shopper | null> {
      if (!token) return null;
      const data = await request(IDENTIFY, {}, z.object({ activeCustomer: z.nullable(customerSchema) }));
      const c = data.activeCustomer;
      if (!c) throw signedOut();
      const name = `${c.firstName} ${c.lastName}`.trim();
      return { id: c.id, email: c.emailAddress || null, name: name || null };
    },

    async listOrders(opts = {}): Promise<OrderPage> {
      const first = Math.max(1, Math.min(100, Math.floor(opts.first ?? 10)));
      const skip = decodeCursor(opts.after);
      if (!token) throw signedOut();
      const data = await request(
        LIST,
        { options: { skip, take: first, sort: { orderPlacedAt: 'DESC' }, filter: { active: { eq: false } } } },
        z.object({
          activeCustomer: z.nullable(
            z.object({
              id: z.string(),
              orders: z.object({ totalItems: z.number(), items: z.array(rawOrderSchema) }),
            }),
          ),
        }),
      );
      if (!data.activeCustomer) throw signedOut();
      const { items, totalItems } = data.activeCustomer.orders;
      const end = skip + items.length;
      return { orders: items.map(normalize), next: items.length > 0 && end < totalItems ? encodeCursor(end) : null };
    },

    async getOrder(ref: string): Promise<Order> {
      if (!token) throw signedOut();
      if (looksLikeCode(ref)) {
        const data = await request(
          BY_CODE,
          { code: ref },
          z.object({
            activeCustomer: z.nullable(
              z.object({ id: z.string(), orders: z.object({ items: z.array(rawOrderSchema) }) }),
            ),
          }),
        );
        if (!data.activeCustomer) throw signedOut();
        const order = data.activeCustomer.orders.items[0];
        if (!order) throw new NotFoundError(`${BACKEND}: order not found`);
        return normalize(order);
      }
      const data = await request(
        BY_ID,
        { id: ref },
        z.object({ activeCustomer: z.nullable(z.object({ id: z.string() })), order: z.nullable(rawOrderSchema) }),
        {
          // An id the shop's id strategy cannot decode is simply not an order of this shopper.
          mapGraphQLError: (e) =>
            forbiddenIsNotFound(e) ??
            (e.path?.[0] === 'order' && /\bid\b/i.test(e.message ?? '') && e.extensions?.code !== 'FORBIDDEN'
              ? new NotFoundError(`${BACKEND}: order not found`)
              : undefined),
        },
      );
      if (!data.activeCustomer) throw signedOut();
      if (!data.order) throw new NotFoundError(`${BACKEND}: order not found`);
      return normalize(data.order);
    },

    async lookupGuestOrder(input: { orderNumber: string; email: string }): Promise<Order> {
      const code = input.orderNumber.trim().replace(/^#/, '').toUpperCase();
      const email = input.email.trim().toLowerCase();
      if (!code || !email)
        throw new ValidationError('Order number and email are required', { orderNumber: 'required' });
      const data = await request(
        GUEST,
        { code },
        z.object({
          orderByCode: z.nullable(
            z.extend(rawOrderSchema, { customer: z.nullable(z.object({ emailAddress: z.string() })) }),
          ),
        }),
        { auth: false, mapGraphQLError: forbiddenIsNotFound },
      );
      const order = data.orderByCode;
      // The same answer for an unknown code and a wrong email: nothing tells which one was wrong.
      if (!order || order.customer?.emailAddress.toLowerCase() !== email)
        throw new NotFoundError(`${BACKEND}: order not found`);
      return normalize(order);
    },
  };
}
