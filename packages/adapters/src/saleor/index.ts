/**
 * Saleor commerce adapter: the signed-in customer's orders (`me.orders`) on the Saleor GraphQL API,
 * authorised by the customer's JWT access token (from `tokenCreate`, or Saleor's auth SDK).
 *
 * ```ts
 * saleor({ endpoint: 'https://shop.saleor.cloud/graphql/', accessToken });
 * ```
 *
 * Saleor has no guest order lookup in its public API without a token (`capabilities.guestLookup: false`),
 * no delivery state (a fulfilled order is at most "shipped"), no carrier and no delivery estimate.
 */
import * as z from 'zod/mini';
import { AuthError, NotFoundError } from '@nectar/core/errors';
import type { CommerceAdapter, FulfillmentStatus, Order, OrderPage, OrderStatus } from '../commerce/types.ts';
import { graphql, type GraphQLErrorEntry, type GraphQLOptions } from '../internal/http.ts';
import { SALEOR_ME, SALEOR_ORDERS } from './documents.ts';

export interface SaleorOptions {
  /** The API URL, e.g. `https://shop.saleor.cloud/graphql/`. */
  endpoint: string;
  /** The customer's JWT access token. */
  accessToken: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

const date = z.iso.datetime({ offset: true });
const saleorOrder = z.object({
  id: z.string(),
  number: z.string(),
  created: date,
  status: z.string(),
  total: z.object({ gross: z.object({ amount: z.number(), currency: z.string() }) }),
  lines: z.array(
    z.object({
      id: z.string(),
      productName: z.string(),
      variantName: z.string(),
      productSku: z.nullable(z.string()),
      quantity: z.int(),
      thumbnail: z.nullable(z.object({ url: z.string() })),
    }),
  ),
  fulfillments: z.array(z.object({ id: z.string(), status: z.string(), trackingNumber: z.string(), created: date })),
});
type SaleorOrder = z.infer<typeof saleorOrder>;
const pageInfo = z.object({ hasNextPage: z.boolean(), endCursor: z.nullable(z.string()) });
const ordersPage = z.object({
  me: z.nullable(
    z.object({
      id: z.string(),
      orders: z.nullable(z.object({ edges: z.array(z.object({ node: saleorOrder })), pageInfo })),
    }),
  ),
});

/** Fulfillments that left the warehouse (not cancelled, not waiting for approval). */
const SENT = new Set(['FULFILLED', 'RETURNED', 'REFUNDED', 'REPLACED', 'REFUNDED_AND_RETURNED']);

/**
 * Saleor's `OrderStatus` → the normalized status and fulfillment. Saleor records no delivery: a
 * fulfilled order is "shipped" when a fulfillment has a tracking number, else "fulfilled"; returns
 * say nothing certain about shipping and are "unknown".
 */
export function saleorStatus(
  status: string,
  tracked: boolean,
): { status: OrderStatus; fulfillment: FulfillmentStatus } {
  switch (status) {
    case 'UNCONFIRMED':
    case 'UNFULFILLED':
      return { status: 'open', fulfillment: 'unfulfilled' };
    case 'PARTIALLY_FULFILLED':
      return { status: 'open', fulfillment: 'partial' };
    case 'FULFILLED':
      return { status: 'completed', fulfillment: tracked ? 'shipped' : 'fulfilled' };
    case 'PARTIALLY_RETURNED':
    case 'RETURNED':
      return { status: 'completed', fulfillment: 'unknown' };
    case 'CANCELED':
    case 'EXPIRED': // an unpaid order from a checkout that expired
      return { status: 'cancelled', fulfillment: 'unfulfilled' };
    default: // DRAFT (never in me.orders) and anything newer
      return { status: 'open', fulfillment: 'unknown' };
  }
}

function decimal(value: number, currency: string): string {
  let digits = 2;
  try {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    // An unknown code keeps 2 digits.
  }
  return value.toFixed(Math.max(digits, (String(value).split('.')[1] ?? '').length));
}

function toOrder(o: SaleorOrder): Order {
  const sent = o.fulfillments.filter((f) => SENT.has(f.status));
  const { status, fulfillment } = saleorStatus(
    o.status,
    sent.some((f) => f.trackingNumber !== ''),
  );
  return {
    id: o.id,
    number: o.number,
    placedAt: o.created,
    status,
    fulfillment,
    total: { amount: decimal(o.total.gross.amount, o.total.gross.currency), currency: o.total.gross.currency },
    lines: o.lines.map((l) => ({
      id: l.id,
      title: l.variantName ? `${l.productName} (${l.variantName})` : l.productName,
      sku: l.productSku,
      quantity: l.quantity,
      image: l.thumbnail?.url ?? null,
    })),
    shipments: sent.map((f) => ({
      carrier: null,
      trackingNumber: f.trackingNumber || null,
      trackingUrl: null,
      shippedAt: f.created,
      deliveredAt: null,
      estimatedDeliveryAt: null,
    })),
  };
}

/** Saleor's own error codes (graphene puts them in `extensions.exception.code`). */
function saleorError(error: GraphQLErrorEntry): Error | undefined {
  const code = error.extensions?.exception?.code ?? error.extensions?.code;
  if (code === 'PermissionDenied' || code === 'ExpiredSignatureError' || code === 'InvalidTokenError')
    return new AuthError('Saleor refused the access token', code === 'PermissionDenied' ? 403 : 401);
  return undefined;
}

export function saleor(options: SaleorOptions): CommerceAdapter {
  if (!options?.endpoint) throw new TypeError('saleor needs `endpoint`');
  const fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
  const run = <T>(query: string, variables: Record<string, unknown>, parse: z.ZodMiniType<T>) => {
    const opts: GraphQLOptions<T> = {
      parse,
      backend: 'Saleor',
      headers: options.accessToken ? { Authorization: `Bearer ${options.accessToken}` } : {},
      mapGraphQLError: saleorError,
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    };
    return graphql(fetchFn, options.endpoint, query, variables, opts);
  };
  const page = async (first: number, after: string | null) => {
    const { me } = await run(SALEOR_ORDERS, { first, after }, ordersPage);
    // No signed-in user (no token, or one Saleor no longer accepts without saying so).
    if (!me?.orders) throw new AuthError('Saleor has no signed-in customer');
    return me.orders;
  };

  return {
    name: 'saleor',
    capabilities: { tracking: true, deliveryEstimate: false, guestLookup: false, needsProxy: false },
    async identify() {
      const { me } = await run(
        SALEOR_ME,
        {},
        z.object({
          me: z.nullable(z.object({ id: z.string(), email: z.string(), firstName: z.string(), lastName: z.string() })),
        }),
      );
      if (!me) return null;
      const name = [me.firstName, me.lastName].filter(Boolean).join(' ');
      return { id: me.id, email: me.email || null, name: name || null };
    },
    async listOrders({ first = 10, after = null } = {}): Promise<OrderPage> {
      const p = await page(first, after);
      return {
        orders: p.edges.map((e) => toOrder(e.node)),
        next: p.pageInfo.hasNextPage && p.pageInfo.endCursor ? p.pageInfo.endCursor : null,
      };
    },
    async getOrder(ref) {
      const wanted = ref.trim();
      if (!wanted) throw new NotFoundError('Saleor: order not found');
      const number = wanted.replace(/^#/, '');
      // Only the customer's own orders: walk `me.orders` (100 a page, Saleor's maximum) rather than
      // `order(id:)`, which answers for any order whose id one knows.
      let after: string | null = null;
      for (let i = 0; i < 50; i++) {
        const p = await page(100, after);
        const found = p.edges.find((e) => e.node.id === wanted || e.node.number === number);
        if (found) return toOrder(found.node);
        if (!p.pageInfo.hasNextPage || !p.pageInfo.endCursor) break;
        after = p.pageInfo.endCursor;
      }
      throw new NotFoundError('Saleor: order not found');
    },
  };
}
