/**
 * Saleor adapter through the conformance kit against a local server that answers as Saleor documents:
 * it EXECUTES the adapter's documents with graphql-js against the transcribed schema subset
 * (saleor-schema.ts), so every answer has exactly the shape the query asks for. Auth as Saleor does it:
 * `Authorization: Bearer <JWT>`; an expired token answers `me: null` with an error whose
 * `extensions.exception.code` is `ExpiredSignatureError`; no token is an anonymous visitor (`me: null`).
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { buildSchema, graphql as execute } from 'graphql';
import { AuthError, NotFoundError } from '@nectar/core/errors';
import { runCommerceConformance } from '../src/conformance/index.ts';
import { saleor, saleorStatus } from '../src/saleor/index.ts';
import { SALEOR_SDL } from './saleor-schema.ts';
import { paginate } from './support/graphql-server.ts';
import { sendJson, startServer } from './support/server.ts';

const DAY = 86_400_000;
const now = Date.now();
const iso = (ms: number) => new Date(ms).toISOString().replace('Z', '+00:00');
const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.customer-ada.secret-signature';
const EMPTY_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.customer-bob.secret-signature';
const EXPIRED_TOKEN = 'eyJhbGciOiJSUzI1NiJ9.customer-ada.expired-signature';

const schema = buildSchema(SALEOR_SDL);
const gid = (type: string, id: string) => Buffer.from(`${type}:${id}`).toString('base64');
type Ful = { status: string; tracking?: string };
function order(number: number, ageDays: number, status: string, fulfillments: Ful[] = [], gross?: number) {
  const uuid = `0a1b2c3d-0000-4000-8000-${String(number).padStart(12, '0')}`;
  const amount = gross ?? number / 100 + 0.5;
  return {
    id: gid('Order', uuid),
    number: String(number),
    created: iso(now - ageDays * DAY),
    updatedAt: iso(now - ageDays * DAY),
    status,
    userEmail: 'ada@example.com',
    total: {
      currency: 'EUR',
      gross: { amount, currency: 'EUR' },
      net: { amount, currency: 'EUR' },
      tax: { amount: 0, currency: 'EUR' },
    },
    lines: [
      {
        id: gid('OrderLine', `${uuid}-1`),
        productName: `Tea ${number}`,
        variantName: '250 g',
        productSku: `TEA-${number}`,
        productVariantId: gid('ProductVariant', String(number)),
        isShippingRequired: true,
        quantity: 2,
        quantityFulfilled: 0,
        thumbnail: (args: { size?: number }) => ({
          url: `https://shop.saleor.cloud/thumbnail/${number}/${args.size ?? 4096}/`,
          alt: '',
        }),
      },
    ],
    fulfillments: fulfillments.map((f, i) => ({
      id: gid('Fulfillment', `${number}-${i}`),
      fulfillmentOrder: i + 1,
      status: f.status,
      trackingNumber: f.tracking ?? '',
      created: iso(now - (ageDays - 1) * DAY),
    })),
  };
}

// Newest first (Saleor sorts `me.orders` by number, descending). Every OrderStatus a customer sees.
const orders = [
  order(1010, 0.5, 'UNCONFIRMED'),
  order(1009, 1, 'UNFULFILLED'),
  order(1008, 2, 'PARTIALLY_FULFILLED', [{ status: 'FULFILLED', tracking: 'DHL1008' }]),
  order(1007, 3, 'FULFILLED', [{ status: 'FULFILLED' }]),
  order(1006, 4, 'FULFILLED', [
    { status: 'CANCELED', tracking: 'VOID' },
    { status: 'FULFILLED', tracking: 'DHL1006' },
  ]),
  // Late: placed 12 days ago, shipped, never marked otherwise; the window is 7 days.
  order(1005, 12, 'FULFILLED', [{ status: 'FULFILLED', tracking: 'DHL1005' }]),
  order(1004, 20, 'PARTIALLY_RETURNED', [{ status: 'FULFILLED' }, { status: 'RETURNED' }]),
  order(1003, 25, 'RETURNED', [{ status: 'RETURNED' }], 20.01),
  order(1002, 30, 'CANCELED'),
  order(1001, 31, 'EXPIRED'),
];

const users = new Map([
  [
    TOKEN,
    {
      id: gid('User', '21'),
      email: 'ada@example.com',
      firstName: 'Ada',
      lastName: 'Lovelace',
      isActive: true,
      list: orders,
    },
  ],
  [
    EMPTY_TOKEN,
    { id: gid('User', '22'), email: 'bob@example.com', firstName: 'Bob', lastName: '', isActive: true, list: [] },
  ],
]);

const server = await startServer(async (req, body, res) => {
  if (new URL(req.url ?? '/', 'http://x').pathname !== '/graphql/' || req.method !== 'POST')
    return sendJson(res, 404, { errors: [{ message: 'Not found' }] });
  const { query, variables } = JSON.parse(body) as { query: string; variables?: Record<string, unknown> };
  const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
  if (token && !users.has(token))
    return sendJson(res, 200, {
      data: { me: null },
      errors: [
        {
          message: token === EXPIRED_TOKEN ? 'Signature has expired' : 'Invalid token',
          locations: [{ line: 2, column: 3 }],
          path: ['me'],
          extensions: { exception: { code: token === EXPIRED_TOKEN ? 'ExpiredSignatureError' : 'InvalidTokenError' } },
        },
      ],
    });
  const user = token ? users.get(token)! : null;
  const me = user && {
    ...user,
    orders: (args: { first?: number; after?: string }) => {
      const page = paginate(user.list, Math.min(args.first ?? 100, 100), args.after);
      return {
        edges: page.edges,
        pageInfo: { ...page.pageInfo, hasPreviousPage: !!args.after, startCursor: page.edges[0]?.cursor ?? null },
        totalCount: user.list.length,
      };
    },
  };
  sendJson(res, 200, await execute({ schema, source: query, variableValues: variables ?? {}, rootValue: { me } }));
});
after(() => server.close());
const endpoint = `${server.url}/graphql/`;

const make = (accessToken: string) => (ctx: { fetch: typeof fetch; timeoutMs: number }) =>
  saleor({ endpoint, accessToken, fetch: ctx.fetch, timeoutMs: ctx.timeoutMs });

await runCommerceConformance('saleor (GraphQL API contract)', make(TOKEN), {
  shopper: { email: 'ada@example.com', name: 'Ada Lovelace', id: gid('User', '21') },
  orders: [
    { number: '1010', status: 'open', fulfillment: 'unfulfilled', late: false, lines: 1 },
    { number: '1009', status: 'open', fulfillment: 'unfulfilled', late: false },
    { number: '1008', status: 'open', fulfillment: 'partial', late: false, trackingNumber: 'DHL1008' },
    { number: '1007', status: 'completed', fulfillment: 'fulfilled', late: false },
    { number: '1006', status: 'completed', fulfillment: 'shipped', late: false, trackingNumber: 'DHL1006' },
    { number: '1005', status: 'completed', fulfillment: 'shipped', late: true, trackingNumber: 'DHL1005' },
    { number: '1004', status: 'completed', fulfillment: 'unknown', late: true },
    {
      number: '1003',
      status: 'completed',
      fulfillment: 'unknown',
      late: true,
      total: { amount: '20.01', currency: 'EUR' },
    },
    { number: '1002', status: 'cancelled', fulfillment: 'unfulfilled', late: false },
    { number: '1001', status: 'cancelled', fulfillment: 'unfulfilled', late: false },
  ],
  deliveryWindowDays: 7,
  now: new Date(now),
  // Saleor records no delivery: "delivered" cannot be expressed.
  fulfillmentStates: ['unfulfilled', 'partial', 'fulfilled', 'shipped', 'unknown'],
  unknownOrderRef: gid('Order', 'ffffffff-0000-4000-8000-000000000000'),
  expiredAdapter: make(EXPIRED_TOKEN),
  emptyAdapter: make(EMPTY_TOKEN),
  secrets: [TOKEN, EMPTY_TOKEN, EXPIRED_TOKEN],
});

describe('saleor specifics', () => {
  const adapter = make(TOKEN)({ fetch, timeoutMs: 2000 });
  it('reads lines with variant, SKU and thumbnail, and only sent fulfillments as shipments', async () => {
    const o = await adapter.getOrder('#1006');
    assert.deepEqual(o.lines[0], {
      id: gid('OrderLine', '0a1b2c3d-0000-4000-8000-000000001006-1'),
      title: 'Tea 1006 (250 g)',
      sku: 'TEA-1006',
      quantity: 2,
      image: 'https://shop.saleor.cloud/thumbnail/1006/256/',
    });
    assert.deepEqual(
      o.shipments.map((s) => s.trackingNumber),
      ['DHL1006'],
    );
  });
  it("another customer's order is NotFoundError (orders are read through me.orders only)", async () => {
    await assert.rejects(make(EMPTY_TOKEN)({ fetch, timeoutMs: 2000 }).getOrder(orders[0]!.id), NotFoundError);
  });
  it('InvalidTokenError and PermissionDenied are AuthErrors; no token is a guest for identify()', async () => {
    await assert.rejects(make('not-a-jwt')({ fetch, timeoutMs: 2000 }).listOrders(), AuthError);
    const denied = saleor({
      endpoint,
      accessToken: TOKEN,
      fetch: async () =>
        new Response(
          JSON.stringify({
            data: { me: null },
            errors: [
              {
                message: 'You need one of the following permissions: MANAGE_STAFF, OWNER',
                extensions: { exception: { code: 'PermissionDenied' } },
              },
            ],
          }),
          { status: 200, headers: { 'Content-Type': 'application/json' } },
        ),
    });
    await assert.rejects(denied.listOrders(), (e: unknown) => e instanceof AuthError && e.status === 403);
    const guest = saleor({ endpoint, accessToken: '' });
    assert.equal(await guest.identify(), null);
    await assert.rejects(guest.listOrders(), AuthError);
  });
  it('maps every OrderStatus', () => {
    assert.deepEqual(saleorStatus('FULFILLED', false), { status: 'completed', fulfillment: 'fulfilled' });
    assert.deepEqual(saleorStatus('EXPIRED', false), { status: 'cancelled', fulfillment: 'unfulfilled' });
    assert.deepEqual(saleorStatus('DRAFT', false), { status: 'open', fulfillment: 'unknown' });
  });
});
