/**
 * commercetools adapter against a REAL @labdigital/commercetools-mock server (fastify) on 127.0.0.1:0:
 * customers created and signed in through its HTTP API (password flow), orders seeded into its store.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { CommercetoolsMock } from '@labdigital/commercetools-mock';
import { AuthError } from '@nectar/core/errors';
import { commercetools, ctFulfillment } from '../src/commercetools/index.ts';
import { runCommerceConformance } from '../src/conformance/index.ts';

const started = Date.now();
const mock = new CommercetoolsMock({ enableAuthentication: true, validateCredentials: true, silent: true });
await mock.app.listen({ port: 0, host: '127.0.0.1' });
const url = `http://127.0.0.1:${(mock.app.server.address() as AddressInfo).port}`;
after(() => mock.app.close());

const client = { clientId: 'nectar-spa', clientSecret: 'spa-secret-not-shown' };
const basic = `Basic ${btoa(`${client.clientId}:${client.clientSecret}`)}`;
const adminToken = (
  (await (
    await fetch(`${url}/oauth/token?grant_type=client_credentials`, {
      method: 'POST',
      headers: { Authorization: basic },
    })
  ).json()) as { access_token: string }
).access_token;

async function createCustomer(projectKey: string, email: string, password: string, firstName: string) {
  const res = await fetch(`${url}/${projectKey}/customers`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${adminToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password, firstName, lastName: 'Lovelace' }),
  });
  assert.equal(res.status, 201, await res.clone().text());
  return ((await res.json()) as { customer: { id: string } }).customer.id;
}

const DAY = 86_400_000;
const now = Date.now();
const customerId = await createCustomer('nectar-shop', 'ada@example.com', 'pw-ada', 'Ada');
await createCustomer('nectar-empty', 'bob@example.com', 'pw-bob', 'Bob');

const order = (
  n: number,
  ageDays: number,
  orderState: string,
  shipmentState: string | undefined,
  tracking?: string,
) => ({
  id: `00000000-0000-4000-8000-00000000${String(n).padStart(4, '0')}`,
  version: 1,
  createdAt: new Date(now - ageDays * DAY).toISOString(),
  lastModifiedAt: new Date(now - ageDays * DAY).toISOString(),
  orderNumber: `CT-${n}`,
  customerId,
  customerEmail: 'ada@example.com',
  orderState,
  ...(shipmentState ? { shipmentState } : {}),
  origin: 'Customer',
  shippingMode: 'Single',
  refusedGifts: [],
  syncInfo: [],
  lastMessageSequenceNumber: 0,
  customLineItems: [],
  totalPrice: { type: 'centPrecision', centAmount: 1999 + n, currencyCode: 'EUR', fractionDigits: 2 },
  lineItems: [
    {
      id: `li-${n}`,
      productId: 'p-1',
      name: { en: `Teapot ${n}`, 'zh-CN': `茶壶 ${n}` },
      quantity: 2,
      variant: {
        id: 1,
        sku: `TEA-${n}`,
        images: [{ url: `https://img.example/tea-${n}.jpg`, dimensions: { w: 1, h: 1 } }],
      },
    },
  ],
  ...(tracking
    ? {
        shippingInfo: {
          shippingMethodName: 'Standard',
          deliveries: [
            {
              id: `d-${n}`,
              createdAt: new Date(now - (ageDays - 1) * DAY).toISOString(),
              items: [{ id: `li-${n}`, quantity: 2 }],
              parcels: [
                {
                  id: `p-${n}`,
                  createdAt: new Date(now - (ageDays - 1) * DAY).toISOString(),
                  trackingData: { trackingId: tracking, carrier: 'DHL' },
                },
              ],
            },
          ],
        },
      }
    : {}),
});
// The mock returns orders in insertion order (it ignores `sort`), so they go in newest first.
for (const o of [
  order(1006, 1, 'Open', 'Pending'),
  order(1005, 2, 'Confirmed', 'Ready'),
  order(1004, 3, 'Open', 'Shipped', 'JD0001'),
  order(1003, 12, 'Open', 'Shipped', 'JD0002'), // late: shipped 11 days ago, window 7
  order(1002, 14, 'Open', 'Partial'),
  order(1001, 20, 'Complete', 'Delivered', 'JD0003'),
  order(1000, 30, 'Cancelled', undefined),
])
  await mock.project('nectar-shop').unsafeAdd('order', o as never);

const base = { apiUrl: url, authUrl: url, ...client };
const make =
  (projectKey: string, email: string, password: string) => (ctx: { fetch: typeof fetch; timeoutMs: number }) =>
    commercetools({ ...base, projectKey, customer: { email, password }, fetch: ctx.fetch, timeoutMs: ctx.timeoutMs });

await runCommerceConformance('commercetools (real mock server)', make('nectar-shop', 'ada@example.com', 'pw-ada'), {
  shopper: { email: 'ada@example.com', name: 'Ada Lovelace', id: customerId },
  orders: [
    { number: 'CT-1006', status: 'open', fulfillment: 'unfulfilled', late: false, lines: 1 },
    { number: 'CT-1005', status: 'open', fulfillment: 'fulfilled', late: false },
    { number: 'CT-1004', status: 'open', fulfillment: 'shipped', late: false, trackingNumber: 'JD0001' },
    { number: 'CT-1003', status: 'open', fulfillment: 'shipped', late: true, trackingNumber: 'JD0002' },
    { number: 'CT-1002', status: 'open', fulfillment: 'partial', late: true },
    {
      number: 'CT-1001',
      status: 'completed',
      fulfillment: 'delivered',
      late: false,
      total: { amount: '30.00', currency: 'EUR' },
    },
    { number: 'CT-1000', status: 'cancelled', fulfillment: 'unfulfilled', late: false },
  ],
  deliveryWindowDays: 7,
  now: new Date(now),
  fulfillmentStates: ['unfulfilled', 'partial', 'fulfilled', 'shipped', 'delivered'],
  unknownOrderRef: '00000000-0000-4000-8000-000000009999',
  // A token the auth server never issued (or revoked): 401 invalid_token.
  expiredAdapter: ({ fetch, timeoutMs }) =>
    commercetools({ apiUrl: url, projectKey: 'nectar-shop', accessToken: 'revoked-token', fetch, timeoutMs }),
  emptyAdapter: make('nectar-empty', 'bob@example.com', 'pw-bob'),
  secrets: [client.clientSecret, 'pw-ada', 'revoked-token'],
});

describe('commercetools specifics', () => {
  it('maps a wrong password (400 invalid_customer_account_credentials) to AuthError', async () => {
    const shop = commercetools({
      ...base,
      projectKey: 'nectar-shop',
      customer: { email: 'ada@example.com', password: 'nope' },
    });
    await assert.rejects(shop.listOrders(), (e: unknown) => e instanceof AuthError && !e.message.includes('nope'));
  });
  it('asks for the newest orders first and pages with limit/offset', async () => {
    const seen: string[] = [];
    const shop = commercetools({
      ...base,
      projectKey: 'nectar-shop',
      customer: { email: 'ada@example.com', password: 'pw-ada' },
      fetch: (input, init) => (seen.push(String(input)), fetch(input, init)),
    });
    const page = await shop.listOrders({ first: 3 });
    await shop.listOrders({ first: 3, after: page.next });
    const q = new URL(seen.at(-1)!).searchParams;
    assert.equal(q.get('sort'), 'createdAt desc');
    assert.equal(q.get('limit'), '3');
    assert.equal(q.get('offset'), '3');
    assert.notEqual(page.next, '3', 'the cursor is opaque, not the raw offset');
  });
  it('maps every ShipmentState', () => {
    assert.deepEqual(
      ['Shipped', 'Delivered', 'Ready', 'Pending', 'Delayed', 'Partial', 'Backorder', undefined, 'Lost'].map(
        ctFulfillment,
      ),
      [
        'shipped',
        'delivered',
        'fulfilled',
        'unfulfilled',
        'unfulfilled',
        'partial',
        'unfulfilled',
        'unfulfilled',
        'unknown',
      ],
    );
  });
  it('starts and seeds the mock quickly', () => assert.ok(Date.now() - started < 60_000));
});
