/**
 * Shopify adapter (Customer Account API) through the conformance kit against a local server that
 * answers as Shopify documents: `customer.orders` connections with `pageInfo { hasNextPage endCursor }`,
 * `order(id:)` → null when unknown, HTTP 401 for a bad token, THROTTLED with the query cost.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { AuthError, NotFoundError } from '@nectar/core/errors';
import { runCommerceConformance } from '../src/conformance/index.ts';
import { shopify, shopifyFulfillment } from '../src/shopify/index.ts';
import { paginate, startGraphQLServer } from './support/graphql-server.ts';
import { sendJson } from './support/server.ts';

const DAY = 86_400_000;
const now = Date.now();
const iso = (ms: number) => new Date(ms).toISOString();
const TOKEN = 'shcat_customer_secret_token';
const EMPTY_TOKEN = 'shcat_empty_secret_token';

type Ship = { latest: string | null; tracking?: string; eta?: number };
const order = (n: number, ageDays: number, fulfillmentStatus: string, ships: Ship[] = [], cancelled = false) => ({
  id: `gid://shopify/Order/${n}`,
  name: `#${n}`,
  processedAt: iso(now - ageDays * DAY),
  cancelledAt: cancelled ? iso(now - (ageDays - 1) * DAY) : null,
  fulfillmentStatus,
  totalPrice: { amount: `${n - 1000}.50`, currencyCode: 'USD' },
  lineItems: {
    nodes: [
      {
        id: `gid://shopify/LineItem/${n}1`,
        title: `Candle ${n}`,
        sku: `CND-${n}`,
        quantity: 1,
        image: { url: `https://cdn.shopify.com/c-${n}.jpg` },
      },
    ],
  },
  fulfillments: {
    nodes: ships.map((s) => ({
      createdAt: iso(now - (ageDays - 1) * DAY),
      status: 'SUCCESS',
      latestShipmentStatus: s.latest,
      estimatedDeliveryAt: s.eta ? iso(s.eta) : null,
      trackingInformation: s.tracking
        ? [{ company: 'UPS', number: s.tracking, url: `https://ups.example/${s.tracking}` }]
        : [],
    })),
  },
});
const orders = [
  order(1007, 1, 'UNFULFILLED'),
  order(1006, 2, 'READY_FOR_PICKUP'),
  order(1005, 4, 'FULFILLED', [{ latest: 'IN_TRANSIT', tracking: '1Z001', eta: now + 2 * DAY }]),
  order(1004, 8, 'FULFILLED', [{ latest: 'DELAYED', tracking: '1Z002', eta: now - DAY }]), // late: estimate passed
  order(1003, 9, 'PARTIALLY_FULFILLED', [{ latest: 'IN_TRANSIT', tracking: '1Z003', eta: now + DAY }]),
  order(1002, 15, 'FULFILLED', [{ latest: 'DELIVERED', tracking: '1Z004' }]),
  order(1001, 30, 'UNFULFILLED', [], true),
];

const server = await startGraphQLServer(
  '/account/customer/api/2025-07/graphql',
  {
    NectarCustomer: (_v, req) =>
      req.headers.authorization === TOKEN
        ? {
            customer: {
              id: 'gid://shopify/Customer/1',
              displayName: 'Ada Lovelace',
              emailAddress: { emailAddress: 'ada@example.com' },
            },
          }
        : {
            customer: {
              id: 'gid://shopify/Customer/2',
              displayName: 'Bob',
              emailAddress: { emailAddress: 'bob@example.com' },
            },
          },
    NectarOrders: (v, req) => {
      let mine = req.headers.authorization === TOKEN ? orders : [];
      const q = typeof v.query === 'string' ? /^name:"(.+)"$/.exec(v.query)?.[1] : undefined;
      if (q) mine = mine.filter((o) => o.name === q);
      const page = paginate(mine, Number(v.first), v.after);
      return { customer: { orders: { nodes: page.slice, pageInfo: page.pageInfo } } };
    },
    NectarOrder: (v, req) => ({
      order: (req.headers.authorization === TOKEN && orders.find((o) => o.id === v.id)) || null,
    }),
  },
  (req, res) => {
    if (req.headers.authorization === TOKEN || req.headers.authorization === EMPTY_TOKEN) return true;
    res.writeHead(401, { 'Content-Type': 'text/plain' }).end('Unauthorized');
    return false;
  },
);
after(() => server.close());

const make = (accessToken: string) => (ctx: { fetch: typeof fetch; timeoutMs: number }) =>
  shopify({
    api: 'customer-account',
    endpoint: server.endpoint,
    accessToken,
    fetch: ctx.fetch,
    timeoutMs: ctx.timeoutMs,
  });

/** Shopify's throttle answer: HTTP 200, THROTTLED, the cost at the top level. (252 − 12) / 100 → 3 s. */
const throttled = () =>
  new Response(
    JSON.stringify({
      errors: [
        {
          message: 'Throttled',
          extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' },
        },
      ],
      extensions: {
        cost: {
          requestedQueryCost: 252,
          actualQueryCost: null,
          throttleStatus: { maximumAvailable: 2000, currentlyAvailable: 12, restoreRate: 100 },
        },
      },
    }),
    { status: 200, headers: { 'Content-Type': 'application/json' } },
  );

await runCommerceConformance('shopify (Customer Account API contract)', make(TOKEN), {
  shopper: { email: 'ada@example.com', name: 'Ada Lovelace', id: 'gid://shopify/Customer/1' },
  orders: [
    { number: '#1007', status: 'open', fulfillment: 'unfulfilled', late: false, lines: 1 },
    { number: '#1006', status: 'open', fulfillment: 'fulfilled', late: false },
    { number: '#1005', status: 'open', fulfillment: 'shipped', late: false, trackingNumber: '1Z001' },
    { number: '#1004', status: 'open', fulfillment: 'shipped', late: true, trackingNumber: '1Z002' },
    { number: '#1003', status: 'open', fulfillment: 'partial', late: false },
    {
      number: '#1002',
      status: 'completed',
      fulfillment: 'delivered',
      late: false,
      total: { amount: '2.50', currency: 'USD' },
    },
    { number: '#1001', status: 'cancelled', fulfillment: 'unfulfilled', late: false },
  ],
  deliveryWindowDays: 7,
  now: new Date(now),
  fulfillmentStates: ['unfulfilled', 'partial', 'fulfilled', 'shipped', 'delivered'],
  unknownOrderRef: 'gid://shopify/Order/999999',
  expiredAdapter: make('shcat_expired'),
  emptyAdapter: make(EMPTY_TOKEN),
  secrets: [TOKEN, EMPTY_TOKEN],
  faults: {
    rateLimited: { response: throttled, retryAfter: 3 },
    serverError: {
      response: () =>
        new Response('{"errors":[{"message":"Internal error","extensions":{"code":"INTERNAL_SERVER_ERROR"}}]}', {
          status: 502,
        }),
      status: 502,
    },
  },
});

describe('shopify specifics', () => {
  it('finds an order by its name through the orders query', async () => {
    const order = await make(TOKEN)({ fetch, timeoutMs: 2000 }).getOrder('1004');
    assert.equal(order.id, 'gid://shopify/Order/1004');
    assert.equal(order.shipments[0]?.carrier, 'UPS');
  });
  it('maps OrderFulfillmentStatus with shipment events', () => {
    assert.equal(shopifyFulfillment('FULFILLED', [{ latest: 'DELIVERED', tracked: true }]), 'delivered');
    assert.equal(shopifyFulfillment('FULFILLED', [{ latest: null, tracked: false }]), 'fulfilled');
    assert.equal(shopifyFulfillment('ON_HOLD'), 'unfulfilled');
    assert.equal(shopifyFulfillment('SOMETHING_NEW'), 'unknown');
  });
  it('storefront mode: a null customer (expired legacy token) is an AuthError', async () => {
    const sf = await startGraphQLServer(
      '/api/2025-07/graphql.json',
      { NectarSfOrders: () => ({ customer: null }), NectarSfCustomer: () => ({ customer: null }) },
      (req, res) =>
        req.headers['x-shopify-storefront-access-token'] === 'pub' ? true : (sendJson(res, 401, {}), false),
    );
    try {
      const adapter = shopify({
        api: 'storefront',
        endpoint: sf.endpoint,
        storefrontToken: 'pub',
        customerAccessToken: 'legacy-expired',
      });
      await assert.rejects(adapter.listOrders(), AuthError);
      await assert.rejects(adapter.identify(), AuthError);
      await assert.rejects(
        adapter.getOrder('#1'),
        (e: unknown) => e instanceof AuthError && !(e instanceof NotFoundError),
      );
    } finally {
      await sf.close();
    }
  });
});
