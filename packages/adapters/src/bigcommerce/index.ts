/**
 * BigCommerce commerce adapter on the GraphQL Storefront API: the signed-in customer's orders
 * (`site.orders`, `site.order`), with their consignments, line items and shipments.
 *
 * ```ts
 * // In the browser: a storefront token (public, CORS-allowed) and the customer's access token
 * // (from the `login` mutation's `customerAccessToken`), sent as `X-Bc-Customer-Access-Token`.
 * bigcommerce({ endpoint: 'https://shop.example/graphql', storefrontToken, customerAccessToken });
 * // Server side (behind the proxy): a customer impersonation token and the customer id.
 * bigcommerce({ endpoint: 'https://store-abc.mybigcommerce.com/graphql', impersonationToken, customerId: 42 });
 * ```
 */
import * as z from 'zod/mini';
import { AuthError, NotFoundError } from '@nectar/core/errors';
import type { CommerceAdapter, FulfillmentStatus, Order, OrderPage, OrderStatus } from '../commerce/types.ts';
import { graphql, type GraphQLOptions } from '../internal/http.ts';
import { BC_CUSTOMER, BC_ORDER, BC_ORDERS } from './documents.ts';

export type BigCommerceOptions = (
  | { endpoint: string; storefrontToken: string; customerAccessToken: string }
  | { endpoint: string; impersonationToken: string; customerId: number | string }
) & { fetch?: typeof fetch; timeoutMs?: number };

const date = z.iso.datetime({ offset: true });
const dateTime = z.object({ utc: date });
const edges = <T extends z.ZodMiniType>(node: T) => z.object({ edges: z.nullable(z.array(z.object({ node }))) });
const line = z.object({
  entityId: z.int(),
  name: z.string(),
  quantity: z.int(),
  imageUrl: z.nullable(z.string()),
});
const tracking = z.nullable(
  z.object({
    __typename: z.string(),
    number: z.optional(z.string()),
    url: z.optional(z.string()),
  }),
);
const bcOrder = z.object({
  entityId: z.int(),
  orderedAt: dateTime,
  status: z.object({ value: z.nullable(z.string()), label: z.string() }),
  // BigDecimal: BigCommerce serializes it as a JSON number.
  totalIncTax: z.object({ value: z.number(), currencyCode: z.string() }),
  consignments: z.nullable(
    z.object({
      shipping: edges(
        z.object({
          entityId: z.int(),
          lineItems: edges(line),
          shipments: edges(
            z.object({
              entityId: z.int(),
              shippedAt: dateTime,
              shippingProviderName: z.string(),
              tracking,
            }),
          ),
        }),
      ),
      pickups: edges(z.object({ entityId: z.int(), lineItems: edges(line) })),
      downloads: z.array(z.object({ lineItems: edges(line) })),
    }),
  ),
});
type BcOrder = z.infer<typeof bcOrder>;
const pageInfo = z.object({ hasNextPage: z.boolean(), endCursor: z.nullable(z.string()) });
const customerId = z.nullable(z.object({ entityId: z.int() }));

/**
 * BigCommerce's order status (`OrderStatusValue`) → the normalized status and fulfillment. Statuses
 * that say nothing about shipping (refunds, disputes) read the shipments: shipped if any, else unknown.
 */
export function bigcommerceStatus(
  value: string | null,
  hasShipments: boolean,
): { status: OrderStatus; fulfillment: FulfillmentStatus } {
  const shippedOrUnknown: FulfillmentStatus = hasShipments ? 'shipped' : 'unknown';
  switch (value) {
    case 'INCOMPLETE':
    case 'PENDING':
    case 'AWAITING_PAYMENT':
    case 'MANUAL_VERIFICATION_REQUIRED':
    case 'AWAITING_FULFILLMENT':
      return { status: 'open', fulfillment: 'unfulfilled' };
    case 'AWAITING_SHIPMENT': // picked and packed, waiting for the carrier
    case 'AWAITING_PICKUP': // packed, waiting for the customer at the pickup location
      return { status: 'open', fulfillment: 'fulfilled' };
    case 'PARTIALLY_SHIPPED':
      return { status: 'open', fulfillment: 'partial' };
    case 'SHIPPED':
      return { status: 'open', fulfillment: 'shipped' };
    case 'COMPLETED': // shipped or picked up and received (or a digital order paid for)
      return { status: 'completed', fulfillment: 'delivered' };
    case 'CANCELLED':
    case 'DECLINED': // payment declined
      return { status: 'cancelled', fulfillment: hasShipments ? 'shipped' : 'unfulfilled' };
    case 'REFUNDED':
      return { status: 'cancelled', fulfillment: shippedOrUnknown };
    case 'PARTIALLY_REFUNDED':
    case 'DISPUTED':
      return { status: 'open', fulfillment: shippedOrUnknown };
    default:
      return { status: 'open', fulfillment: 'unknown' };
  }
}

const nodes = <T>(c: { edges: { node: T }[] | null }) => (c.edges ?? []).map((e) => e.node);

/** BigDecimal as a JSON number → a decimal string with the currency's minor digits. */
function decimal(value: number, currency: string): string {
  let digits = 2;
  try {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    // An unknown code keeps 2 digits.
  }
  return value.toFixed(Math.max(digits, (String(value).split('.')[1] ?? '').length));
}

function toOrder(o: BcOrder): Order {
  const shipping = o.consignments ? nodes(o.consignments.shipping) : [];
  const pickups = o.consignments ? nodes(o.consignments.pickups) : [];
  const downloads = o.consignments?.downloads ?? [];
  const shipments = shipping.flatMap((c) => nodes(c.shipments));
  const { status, fulfillment } = bigcommerceStatus(o.status.value, shipments.length > 0);
  const lines = [...shipping, ...pickups, ...downloads].flatMap((c) => nodes(c.lineItems));
  return {
    id: String(o.entityId),
    number: String(o.entityId),
    placedAt: o.orderedAt.utc,
    status,
    fulfillment,
    total: { amount: decimal(o.totalIncTax.value, o.totalIncTax.currencyCode), currency: o.totalIncTax.currencyCode },
    // The Storefront API gives order line items no SKU.
    lines: lines.map((l) => ({
      id: String(l.entityId),
      title: l.name,
      sku: null,
      quantity: l.quantity,
      image: l.imageUrl,
    })),
    shipments: shipments.map((s) => ({
      carrier: s.shippingProviderName || null,
      trackingNumber: s.tracking?.number || null,
      trackingUrl: s.tracking?.url || null,
      shippedAt: s.shippedAt.utc,
      // BigCommerce records neither delivery nor an estimate per shipment.
      deliveredAt: null,
      estimatedDeliveryAt: null,
    })),
  };
}

/** `123`, `#123` → 123; anything else is not a BigCommerce order id. */
const entityIdOf = (ref: string): number | null => {
  const m = /^#?(\d{1,10})$/.exec(ref.trim());
  const n = m ? Number(m[1]) : NaN;
  return Number.isSafeInteger(n) && n > 0 && n <= 2_147_483_647 ? n : null;
};

export function bigcommerce(options: BigCommerceOptions): CommerceAdapter {
  if (!options?.endpoint) throw new TypeError('bigcommerce needs `endpoint`');
  const fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
  const impersonating = 'impersonationToken' in options;
  const headers: Record<string, string> = impersonating
    ? { Authorization: `Bearer ${options.impersonationToken}`, 'X-Bc-Customer-Id': String(options.customerId) }
    : {
        Authorization: `Bearer ${options.storefrontToken}`,
        'X-Bc-Customer-Access-Token': options.customerAccessToken,
      };
  const run = <T>(query: string, variables: Record<string, unknown>, parse: z.ZodMiniType<T>) => {
    const opts: GraphQLOptions<T> = {
      parse,
      backend: 'BigCommerce',
      headers,
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    };
    return graphql(fetchFn, options.endpoint, query, variables, opts);
  };
  // A missing or expired customer token gives `customer: null` (no signed-in customer).
  const signedOut = () => new AuthError('BigCommerce has no signed-in customer (expired customer token)');

  return {
    name: 'bigcommerce',
    capabilities: { tracking: true, deliveryEstimate: false, guestLookup: false, needsProxy: impersonating },
    async identify() {
      const { customer } = await run(
        BC_CUSTOMER,
        {},
        z.object({
          customer: z.nullable(
            z.object({ entityId: z.int(), email: z.string(), firstName: z.string(), lastName: z.string() }),
          ),
        }),
      );
      if (!customer) return null;
      const name = [customer.firstName, customer.lastName].filter(Boolean).join(' ');
      return { id: String(customer.entityId), email: customer.email || null, name: name || null };
    },
    async listOrders({ first = 10, after = null } = {}): Promise<OrderPage> {
      const data = await run(
        BC_ORDERS,
        { first, after },
        z.object({
          customer: customerId,
          site: z.object({
            orders: z.nullable(z.object({ edges: z.nullable(z.array(z.object({ node: bcOrder }))), pageInfo })),
          }),
        }),
      );
      if (!data.customer || !data.site.orders) throw signedOut();
      const page = data.site.orders;
      return {
        orders: nodes(page).map(toOrder),
        next: page.pageInfo.hasNextPage && page.pageInfo.endCursor ? page.pageInfo.endCursor : null,
      };
    },
    async getOrder(ref) {
      const entityId = entityIdOf(ref);
      if (entityId === null) throw new NotFoundError('BigCommerce: order not found');
      const data = await run(
        BC_ORDER,
        { entityId },
        z.object({ customer: customerId, site: z.object({ order: z.nullable(bcOrder) }) }),
      );
      if (!data.customer) throw signedOut();
      if (!data.site.order) throw new NotFoundError('BigCommerce: order not found');
      return toOrder(data.site.order);
    },
  };
}
