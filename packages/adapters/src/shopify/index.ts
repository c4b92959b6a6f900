/**
 * Shopify commerce adapter. Customer Account API (the current customer accounts; token from the
 * Customer Account OAuth flow) or, for classic accounts, the Storefront API with a legacy customer
 * access token.
 *
 * ```ts
 * shopify({ api: 'customer-account', endpoint: 'https://shopify.com/<shop-id>/account/customer/api/2025-07/graphql', accessToken });
 * shopify({ api: 'storefront', endpoint: 'https://<shop>.myshopify.com/api/2025-07/graphql.json', storefrontToken, customerAccessToken });
 * ```
 */
import * as z from 'zod/mini';
import { AuthError, NotFoundError } from '@nectar/core/errors';
import type { CommerceAdapter, FulfillmentStatus, Order, OrderPage } from '../commerce/types.ts';
import { graphql, type GraphQLOptions } from '../internal/http.ts';
import { CA_CUSTOMER, CA_ORDER, CA_ORDERS, SF_CUSTOMER, SF_ORDERS } from './documents.ts';

export type ShopifyOptions = (
  | { api: 'customer-account'; endpoint: string; accessToken: string }
  | { api: 'storefront'; endpoint: string; storefrontToken: string; customerAccessToken: string }
) & { fetch?: typeof fetch; timeoutMs?: number };

const money = z.object({ amount: z.string(), currencyCode: z.string() });
const pageInfo = z.object({ hasNextPage: z.boolean(), endCursor: z.nullable(z.string()) });
const date = z.iso.datetime({ offset: true });

const caOrder = z.object({
  id: z.string(),
  name: z.string(),
  processedAt: date,
  cancelledAt: z.nullable(date),
  fulfillmentStatus: z.string(),
  totalPrice: money,
  lineItems: z.object({
    nodes: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        sku: z.nullable(z.string()),
        quantity: z.int(),
        image: z.nullable(z.object({ url: z.string() })),
      }),
    ),
  }),
  fulfillments: z.object({
    nodes: z.array(
      z.object({
        createdAt: date,
        status: z.nullable(z.string()),
        latestShipmentStatus: z.nullable(z.string()),
        estimatedDeliveryAt: z.nullable(date),
        trackingInformation: z.array(
          z.object({ company: z.nullable(z.string()), number: z.nullable(z.string()), url: z.nullable(z.string()) }),
        ),
      }),
    ),
  }),
});
type CaOrder = z.infer<typeof caOrder>;

const sfOrder = z.object({
  id: z.string(),
  name: z.string(),
  processedAt: date,
  canceledAt: z.nullable(date),
  fulfillmentStatus: z.string(),
  totalPrice: money,
  lineItems: z.object({
    nodes: z.array(
      z.object({
        title: z.string(),
        quantity: z.int(),
        variant: z.nullable(
          z.object({ id: z.string(), sku: z.nullable(z.string()), image: z.nullable(z.object({ url: z.string() })) }),
        ),
      }),
    ),
  }),
  successfulFulfillments: z.nullable(
    z.array(
      z.object({
        trackingCompany: z.nullable(z.string()),
        trackingInfo: z.array(z.object({ number: z.nullable(z.string()), url: z.nullable(z.string()) })),
      }),
    ),
  ),
});
type SfOrder = z.infer<typeof sfOrder>;

const IN_TRANSIT = new Set([
  'CARRIER_PICKED_UP',
  'IN_TRANSIT',
  'OUT_FOR_DELIVERY',
  'ATTEMPTED_DELIVERY',
  'DELAYED',
  'PICKED_UP',
  'CONFIRMED',
  'LABEL_PRINTED',
  'LABEL_PURCHASED',
]);

/** Shopify's OrderFulfillmentStatus (+ shipment events, tracking) → the normalized fulfillment. */
export function shopifyFulfillment(
  status: string,
  shipments: { latest: string | null; tracked: boolean }[] = [],
): FulfillmentStatus {
  switch (status) {
    case 'FULFILLED':
      if (shipments.length > 0 && shipments.every((s) => s.latest === 'DELIVERED' || s.latest === 'PICKED_UP'))
        return 'delivered';
      if (shipments.some((s) => s.tracked || (s.latest !== null && IN_TRANSIT.has(s.latest)))) return 'shipped';
      return 'fulfilled';
    case 'PARTIALLY_FULFILLED':
      return 'partial';
    case 'READY_FOR_DELIVERY':
    case 'READY_FOR_PICKUP':
      return 'fulfilled';
    case 'UNFULFILLED':
    case 'OPEN':
    case 'PENDING_FULFILLMENT':
    case 'IN_PROGRESS':
    case 'ON_HOLD':
    case 'SCHEDULED':
    case 'RESTOCKED':
      return 'unfulfilled';
    default:
      return 'unknown';
  }
}

function fromCustomerAccount(o: CaOrder): Order {
  const fulfillment = shopifyFulfillment(
    o.fulfillmentStatus,
    o.fulfillments.nodes.map((f) => ({
      latest: f.latestShipmentStatus,
      tracked: f.trackingInformation.some((t) => !!t.number),
    })),
  );
  return {
    id: o.id,
    number: o.name,
    placedAt: o.processedAt,
    status: o.cancelledAt ? 'cancelled' : fulfillment === 'delivered' ? 'completed' : 'open',
    fulfillment,
    total: { amount: o.totalPrice.amount, currency: o.totalPrice.currencyCode },
    lines: o.lineItems.nodes.map((l) => ({
      id: l.id,
      title: l.title,
      sku: l.sku,
      quantity: l.quantity,
      image: l.image?.url ?? null,
    })),
    shipments: o.fulfillments.nodes.flatMap((f) => {
      const delivered = f.latestShipmentStatus === 'DELIVERED' ? f.createdAt : null;
      const tracking =
        f.trackingInformation.length > 0 ? f.trackingInformation : [{ company: null, number: null, url: null }];
      return tracking.map((t) => ({
        carrier: t.company,
        trackingNumber: t.number,
        trackingUrl: t.url,
        shippedAt: f.createdAt,
        // The Customer Account API gives no delivery time; the event status says it happened.
        deliveredAt: delivered,
        estimatedDeliveryAt: f.estimatedDeliveryAt,
      }));
    }),
  };
}

function fromStorefront(o: SfOrder): Order {
  const fulfillments = o.successfulFulfillments ?? [];
  const fulfillment = shopifyFulfillment(
    o.fulfillmentStatus,
    fulfillments.map((f) => ({ latest: null, tracked: f.trackingInfo.some((t) => !!t.number) })),
  );
  return {
    id: o.id,
    number: o.name,
    placedAt: o.processedAt,
    status: o.canceledAt ? 'cancelled' : 'open',
    fulfillment,
    total: { amount: o.totalPrice.amount, currency: o.totalPrice.currencyCode },
    lines: o.lineItems.nodes.map((l, i) => ({
      id: l.variant?.id ?? `${o.id}#${i}`,
      title: l.title,
      sku: l.variant?.sku ?? null,
      quantity: l.quantity,
      image: l.variant?.image?.url ?? null,
    })),
    shipments: fulfillments.flatMap((f) =>
      f.trackingInfo.map((t) => ({
        carrier: f.trackingCompany,
        trackingNumber: t.number,
        trackingUrl: t.url,
        shippedAt: null,
        deliveredAt: null,
        estimatedDeliveryAt: null,
      })),
    ),
  };
}

const isGid = (ref: string) => ref.startsWith('gid://shopify/Order/');
/** Order names are searched as `name:#1001`; quotes keep odd characters out of the query syntax. */
const nameQuery = (ref: string) => `name:${JSON.stringify(ref.startsWith('#') ? ref : `#${ref}`)}`;

export function shopify(options: ShopifyOptions): CommerceAdapter {
  if (!options?.endpoint) throw new TypeError('shopify needs `endpoint`');
  const fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
  const headers: Record<string, string> =
    options.api === 'customer-account'
      ? { Authorization: options.accessToken }
      : { 'X-Shopify-Storefront-Access-Token': options.storefrontToken };
  const run = <T>(query: string, variables: Record<string, unknown>, parse: z.ZodMiniType<T>) => {
    const opts: GraphQLOptions<T> = {
      parse,
      backend: 'Shopify',
      headers,
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    };
    return graphql(fetchFn, options.endpoint, query, variables, opts);
  };

  if (options.api === 'storefront') {
    const token = options.customerAccessToken;
    const sfCustomer = z.nullable(z.object({ id: z.string(), email: z.nullable(z.string()), displayName: z.string() }));
    // An expired or unknown customer access token gives `customer: null`, not an error.
    const expired = () => new AuthError('Shopify refused the customer access token');
    const list = async (first: number, after: string | null, query: string | null) => {
      const data = await run(
        SF_ORDERS,
        { token, first, after, query },
        z.object({ customer: z.nullable(z.object({ orders: z.object({ nodes: z.array(sfOrder), pageInfo }) })) }),
      );
      if (!data.customer) throw expired();
      return data.customer.orders;
    };
    return {
      name: 'shopify-storefront',
      capabilities: { tracking: true, deliveryEstimate: false, guestLookup: false, needsProxy: false },
      async identify() {
        const data = await run(SF_CUSTOMER, { token }, z.object({ customer: sfCustomer }));
        if (!data.customer) throw expired();
        return { id: data.customer.id, email: data.customer.email, name: data.customer.displayName || null };
      },
      async listOrders({ first = 10, after = null } = {}): Promise<OrderPage> {
        const page = await list(first, after, null);
        return {
          orders: page.nodes.map(fromStorefront),
          next: page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null,
        };
      },
      async getOrder(ref) {
        if (isGid(ref)) {
          // The Storefront API reads orders only through the customer: walk their orders.
          let after: string | null = null;
          for (let i = 0; i < 20; i++) {
            const page = await list(50, after, null);
            const found = page.nodes.find((o) => o.id === ref);
            if (found) return fromStorefront(found);
            if (!page.pageInfo.hasNextPage) break;
            after = page.pageInfo.endCursor;
          }
          throw new NotFoundError('Shopify: order not found');
        }
        const page = await list(1, null, nameQuery(ref));
        const found = page.nodes[0];
        if (!found) throw new NotFoundError('Shopify: order not found');
        return fromStorefront(found);
      },
    };
  }

  const list = async (first: number, after: string | null, query: string | null) =>
    (
      await run(
        CA_ORDERS,
        { first, after, query },
        z.object({ customer: z.object({ orders: z.object({ nodes: z.array(caOrder), pageInfo }) }) }),
      )
    ).customer.orders;
  return {
    name: 'shopify',
    capabilities: { tracking: true, deliveryEstimate: true, guestLookup: false, needsProxy: false },
    async identify() {
      const data = await run(
        CA_CUSTOMER,
        {},
        z.object({
          customer: z.object({
            id: z.string(),
            displayName: z.string(),
            emailAddress: z.nullable(z.object({ emailAddress: z.nullable(z.string()) })),
          }),
        }),
      );
      const c = data.customer;
      return { id: c.id, email: c.emailAddress?.emailAddress ?? null, name: c.displayName || null };
    },
    async listOrders({ first = 10, after = null } = {}): Promise<OrderPage> {
      const page = await list(first, after, null);
      return {
        orders: page.nodes.map(fromCustomerAccount),
        next: page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null,
      };
    },
    async getOrder(ref) {
      if (isGid(ref)) {
        const data = await run(CA_ORDER, { id: ref }, z.object({ order: z.nullable(caOrder) }));
        if (!data.order) throw new NotFoundError('Shopify: order not found');
        return fromCustomerAccount(data.order);
      }
      const found = (await list(1, null, nameQuery(ref))).nodes[0];
      if (!found) throw new NotFoundError('Shopify: order not found');
      return fromCustomerAccount(found);
    },
  };
}
