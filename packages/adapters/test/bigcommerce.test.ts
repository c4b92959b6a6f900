/**
 * BigCommerce adapter (GraphQL Storefront API) through the conformance kit against a local server that
 * answers as BigCommerce documents: it EXECUTES the adapter's documents with graphql-js against the
 * transcribed Storefront schema subset (bigcommerce-schema.ts), so every answer has exactly the shape the
 * query asks for. Auth as BigCommerce documents it: `Authorization: Bearer <storefront token>` plus
 * `X-Bc-Customer-Access-Token`, or a customer impersonation token plus `X-Bc-Customer-Id`; a bad
 * storefront token is HTTP 401, a missing/expired customer token gives `customer: null`; a rate limit is
 * HTTP 429 with `X-Rate-Limit-Time-Reset-Ms`.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildSchema, graphql as execute } from 'graphql';
import { AuthError, NotFoundError } from '@nectar/core/errors';
import { runCommerceConformance } from '../src/conformance/index.ts';
import { bigcommerce, bigcommerceStatus } from '../src/bigcommerce/index.ts';
import { BIGCOMMERCE_SDL } from './bigcommerce-schema.ts';
import { paginate } from './support/graphql-server.ts';
import { sendJson, startServer } from './support/server.ts';

const DAY = 86_400_000;
const now = Date.now();
const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const STOREFRONT_TOKEN = 'bc_storefront_secret_jwt';
const IMPERSONATION_TOKEN = 'bc_impersonation_secret_jwt';
const CUSTOMER_TOKEN = 'bc_customer_access_secret';
const EMPTY_CUSTOMER_TOKEN = 'bc_customer_access_empty_secret';

const schema = buildSchema(BIGCOMMERCE_SDL);
const money = (value: number, currencyCode = 'USD') => ({ value, currencyCode });
const connection = <T>(items: T[]) => {
  const page = paginate(items, items.length || 1, null);
  return { edges: page.edges, pageInfo: { ...page.pageInfo, hasPreviousPage: false, startCursor: null } };
};
const physical = (id: number, name: string) => ({
  entityId: id,
  name,
  quantity: 1,
  subTotalListPrice: money(10),
  subTotalSalePrice: money(10),
  refundedQuantity: 0,
  parentLineItemEntityId: null,
  brand: 'Acme',
  imageUrl: `https://cdn11.bigcommerce.com/s-abc/images/${id}.jpg`,
});
type Tracking =
  | { __typename: 'OrderShipmentNumberAndUrlTracking'; number: string; url: string }
  | { __typename: 'OrderShipmentNumberOnlyTracking'; number: string }
  | { __typename: 'OrderShipmentUrlOnlyTracking'; url: string }
  | null;
interface Seed {
  id: number;
  ageDays: number;
  status: string;
  label: string;
  shipments?: Tracking[];
  pickup?: boolean;
  digital?: boolean;
  total?: number;
}
function order({ id, ageDays, status, label, shipments = [], pickup = false, digital = false, total }: Seed) {
  const lines = [physical(id * 10 + 1, `Mug ${id}`)];
  return {
    id: Buffer.from(`Order:${id}`).toString('base64'),
    entityId: id,
    orderedAt: { utc: iso(now - ageDays * DAY) },
    updatedAt: { utc: iso(now - ageDays * DAY + 3600_000) },
    status: { value: status, label },
    isTaxIncluded: false,
    subTotal: money(id),
    shippingCostTotal: money(5),
    taxTotal: money(0),
    totalIncTax: money(total ?? id + 0.5),
    customerMessage: null,
    consignments: {
      downloads: digital
        ? [
            {
              recipientEmail: 'ada@example.com',
              lineItems: connection([
                {
                  ...physical(id * 10 + 9, `E-book ${id}`),
                  downloadFileUrls: [],
                  downloadPageUrl: null,
                },
              ]),
            },
          ]
        : [],
      pickups: connection(
        pickup
          ? [
              {
                entityId: id * 100 + 2,
                pickupMethodName: 'Store pickup',
                collectionInstructions: 'Bring your ID',
                collectionTimeDescription: 'Ready in 2 hours',
                locationName: 'Downtown',
                lineItems: connection(lines),
              },
            ]
          : [],
      ),
      shipping: connection(
        pickup
          ? []
          : [
              {
                entityId: id * 100 + 1,
                lineItems: connection(lines),
                shippingCost: money(5),
                handlingCost: money(0),
                shipments: connection(
                  shipments.map((tracking, i) => ({
                    entityId: id * 100 + 50 + i,
                    shippedAt: { utc: iso(now - (ageDays - 1) * DAY) },
                    shippingProviderName: 'UPS',
                    shippingMethodName: 'Ground',
                    tracking,
                  })),
                ),
              },
            ],
      ),
    },
  };
}

// Newest first, as `site.orders` lists them. One order in every status BigCommerce can express.
const orders = [
  order({ id: 112, ageDays: 0.5, status: 'INCOMPLETE', label: 'Incomplete' }),
  order({ id: 111, ageDays: 1, status: 'PENDING', label: 'Pending', digital: true }),
  order({ id: 110, ageDays: 1.5, status: 'AWAITING_PAYMENT', label: 'Awaiting Payment' }),
  order({ id: 109, ageDays: 1.7, status: 'MANUAL_VERIFICATION_REQUIRED', label: 'Manual Verification Required' }),
  order({ id: 108, ageDays: 2, status: 'AWAITING_FULFILLMENT', label: 'Awaiting Fulfillment' }),
  order({ id: 107, ageDays: 2.5, status: 'AWAITING_SHIPMENT', label: 'Awaiting Shipment' }),
  order({ id: 106, ageDays: 3, status: 'AWAITING_PICKUP', label: 'Awaiting Pickup', pickup: true }),
  order({
    id: 105,
    ageDays: 3.5,
    status: 'SHIPPED',
    label: 'Shipped',
    shipments: [{ __typename: 'OrderShipmentNumberAndUrlTracking', number: '1Z105', url: 'https://ups.example/1Z105' }],
  }),
  order({
    id: 104,
    ageDays: 4,
    status: 'PARTIALLY_SHIPPED',
    label: 'Partially Shipped',
    shipments: [{ __typename: 'OrderShipmentUrlOnlyTracking', url: 'https://ups.example/t/104' }],
  }),
  // Late: shipped 12 days ago, no delivery, the window is 7 days.
  order({
    id: 103,
    ageDays: 12,
    status: 'SHIPPED',
    label: 'Shipped',
    shipments: [{ __typename: 'OrderShipmentNumberOnlyTracking', number: '1Z103' }],
  }),
  order({ id: 102, ageDays: 20, status: 'COMPLETED', label: 'Completed', shipments: [null], total: 20.01 }),
  order({ id: 101, ageDays: 21, status: 'DISPUTED', label: 'Disputed', shipments: [null] }),
  order({ id: 100, ageDays: 22, status: 'PARTIALLY_REFUNDED', label: 'Partially Refunded', shipments: [null] }),
  order({ id: 99, ageDays: 30, status: 'REFUNDED', label: 'Refunded' }),
  order({ id: 98, ageDays: 31, status: 'CANCELLED', label: 'Cancelled' }),
  order({ id: 97, ageDays: 32, status: 'DECLINED', label: 'Declined' }),
];

const ada = {
  entityId: 7,
  company: '',
  customerGroupId: 0,
  email: 'ada@example.com',
  firstName: 'Ada',
  lastName: 'Lovelace',
  phone: '',
};
const bob = {
  entityId: 8,
  company: '',
  customerGroupId: 0,
  email: 'bob@example.com',
  firstName: 'Bob',
  lastName: '',
  phone: '',
};
const ordersOf = new Map<number, typeof orders>([
  [ada.entityId, orders],
  [bob.entityId, []],
]);
const byAccessToken = new Map([
  [CUSTOMER_TOKEN, ada],
  [EMPTY_CUSTOMER_TOKEN, bob],
]);

const server = await startServer(async (req, body, res) => {
  if (new URL(req.url ?? '/', 'http://x').pathname !== '/graphql' || req.method !== 'POST')
    return sendJson(res, 404, { status: 404, title: 'Not Found' });
  const auth = req.headers.authorization;
  let customer: typeof ada | null = null;
  if (auth === `Bearer ${STOREFRONT_TOKEN}`) {
    customer = byAccessToken.get(String(req.headers['x-bc-customer-access-token'] ?? '')) ?? null;
  } else if (auth === `Bearer ${IMPERSONATION_TOKEN}`) {
    const id = Number(req.headers['x-bc-customer-id']);
    customer = [ada, bob].find((c) => c.entityId === id) ?? null;
  } else {
    return sendJson(res, 401, {
      status: 401,
      title: 'Unauthorized',
      type: 'https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes',
    });
  }
  const { query, variables } = JSON.parse(body) as { query: string; variables?: Record<string, unknown> };
  const mine = customer ? (ordersOf.get(customer.entityId) ?? []) : null;
  const result = await execute({
    schema,
    source: query,
    variableValues: variables ?? {},
    rootValue: {
      customer,
      site: {
        orders: (args: { first?: number; after?: string }) => {
          if (!mine) return null;
          const page = paginate(mine, args.first ?? 10, args.after);
          return {
            edges: page.edges,
            pageInfo: { ...page.pageInfo, hasPreviousPage: !!args.after, startCursor: page.edges[0]?.cursor ?? null },
          };
        },
        order: (args: { filter?: { entityId: number } }) =>
          mine?.find((o) => o.entityId === args.filter?.entityId) ?? null,
      },
    },
  });
  sendJson(res, 200, result);
});
after(() => server.close());
const endpoint = `${server.url}/graphql`;

const make = (customerAccessToken: string) => (ctx: { fetch: typeof fetch; timeoutMs: number }) =>
  bigcommerce({
    endpoint,
    storefrontToken: STOREFRONT_TOKEN,
    customerAccessToken,
    fetch: ctx.fetch,
    timeoutMs: ctx.timeoutMs,
  });

/** BigCommerce's rate-limit answer: 429 with the milliseconds until the window resets. */
const rateLimited = () =>
  new Response(JSON.stringify({ status: 429, title: 'Too Many Requests' }), {
    status: 429,
    headers: {
      'Content-Type': 'application/json',
      'X-Rate-Limit-Time-Window-Ms': '30000',
      'X-Rate-Limit-Time-Reset-Ms': '14200',
      'X-Rate-Limit-Requests-Quota': '150',
      'X-Rate-Limit-Requests-Left': '0',
    },
  });

const o = (
  number: number,
  status: 'open' | 'completed' | 'cancelled',
  fulfillment: string,
  late = false,
  extra = {},
) => ({
  number: String(number),
  status,
  fulfillment: fulfillment as 'unfulfilled',
  late,
  ...extra,
});

await runCommerceConformance('bigcommerce (Storefront API contract)', make(CUSTOMER_TOKEN), {
  shopper: { email: 'ada@example.com', name: 'Ada Lovelace', id: '7' },
  orders: [
    o(112, 'open', 'unfulfilled'),
    o(111, 'open', 'unfulfilled', false, { lines: 2 }),
    o(110, 'open', 'unfulfilled'),
    o(109, 'open', 'unfulfilled'),
    o(108, 'open', 'unfulfilled'),
    o(107, 'open', 'fulfilled'),
    o(106, 'open', 'fulfilled', false, { lines: 1 }),
    o(105, 'open', 'shipped', false, { trackingNumber: '1Z105' }),
    o(104, 'open', 'partial'),
    o(103, 'open', 'shipped', true, { trackingNumber: '1Z103' }),
    o(102, 'completed', 'delivered', false, { total: { amount: '20.01', currency: 'USD' } }),
    o(101, 'open', 'shipped', true),
    o(100, 'open', 'shipped', true),
    o(99, 'cancelled', 'unknown'),
    o(98, 'cancelled', 'unfulfilled'),
    o(97, 'cancelled', 'unfulfilled'),
  ],
  deliveryWindowDays: 7,
  now: new Date(now),
  fulfillmentStates: ['unfulfilled', 'partial', 'fulfilled', 'shipped', 'delivered', 'unknown'],
  unknownOrderRef: '424242',
  expiredAdapter: make('bc_customer_access_expired'),
  emptyAdapter: make(EMPTY_CUSTOMER_TOKEN),
  secrets: [STOREFRONT_TOKEN, CUSTOMER_TOKEN, EMPTY_CUSTOMER_TOKEN],
  faults: { rateLimited: { response: rateLimited, retryAfter: 15 } },
});

describe('bigcommerce specifics', () => {
  const adapter = make(CUSTOMER_TOKEN)({ fetch, timeoutMs: 2000 });
  it('reads tracking from each tracking union member and the carrier from the shipment', async () => {
    const shipped = await adapter.getOrder('#105');
    assert.deepEqual(
      [shipped.shipments[0]?.carrier, shipped.shipments[0]?.trackingNumber, shipped.shipments[0]?.trackingUrl],
      ['UPS', '1Z105', 'https://ups.example/1Z105'],
    );
    const urlOnly = await adapter.getOrder('104');
    assert.equal(urlOnly.shipments[0]?.trackingNumber, null);
    assert.equal(urlOnly.shipments[0]?.trackingUrl, 'https://ups.example/t/104');
  });
  it('lists shipping, pickup and digital lines (BigCommerce gives order lines no SKU)', async () => {
    const pending = await adapter.getOrder('111');
    assert.deepEqual(
      pending.lines.map((l) => [l.title, l.sku]),
      [
        ['Mug 111', null],
        ['E-book 111', null],
      ],
    );
    assert.equal((await adapter.getOrder('106')).lines[0]?.title, 'Mug 106');
  });
  it("another customer's order is NotFoundError; a non-numeric ref asks nothing", async () => {
    const bobs = make(EMPTY_CUSTOMER_TOKEN)({ fetch, timeoutMs: 2000 });
    await assert.rejects(bobs.getOrder('105'), NotFoundError);
    await assert.rejects(adapter.getOrder('gid://shopify/Order/1'), NotFoundError);
  });
  it('a revoked storefront token (HTTP 401) is an AuthError; identify() of a signed-out visitor is null', async () => {
    const revoked = bigcommerce({ endpoint, storefrontToken: 'revoked', customerAccessToken: CUSTOMER_TOKEN });
    await assert.rejects(revoked.listOrders(), AuthError);
    assert.equal(await make('bc_customer_access_expired')({ fetch, timeoutMs: 2000 }).identify(), null);
  });
  it('impersonation mode (server side, behind the proxy) reads the customer named by X-Bc-Customer-Id', async () => {
    const server = bigcommerce({ endpoint, impersonationToken: IMPERSONATION_TOKEN, customerId: 7 });
    assert.equal(server.capabilities.needsProxy, true);
    assert.equal(adapter.capabilities.needsProxy, false);
    assert.equal((await server.identify())?.email, 'ada@example.com');
    assert.equal((await server.listOrders({ first: 3 })).orders[0]?.number, '112');
  });
  it('maps every OrderStatusValue', () => {
    assert.deepEqual(bigcommerceStatus('AWAITING_SHIPMENT', false), { status: 'open', fulfillment: 'fulfilled' });
    assert.deepEqual(bigcommerceStatus('COMPLETED', true), { status: 'completed', fulfillment: 'delivered' });
    assert.deepEqual(bigcommerceStatus('REFUNDED', true), { status: 'cancelled', fulfillment: 'shipped' });
    assert.deepEqual(bigcommerceStatus(null, false), { status: 'open', fulfillment: 'unknown' });
    assert.deepEqual(bigcommerceStatus('SOMETHING_NEW', false), { status: 'open', fulfillment: 'unknown' });
  });
});
