/** WooCommerce commerce adapter through the proxy, against a server that answers as the WooCommerce REST and Store APIs do. */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { isNotFoundError } from '@nectar/core/errors';
import { runCommerceConformance } from '../src/conformance/index.ts';
import { woocommerce } from '../src/woocommerce/index.ts';
import { fakeWooCommerce, startFake, startProxy, userHash, type WooOrderRecord } from './proxy-fakes.ts';

const CK = 'ck_1234567890abcdef';
const CS = 'cs_fedcba0987654321';
const IDENTITY = 'identity-secret-woo-1';
const NOW = new Date('2025-06-20T12:00:00Z');
const day = (n: number) => new Date(NOW.getTime() - n * 86_400_000).toISOString().slice(0, 19);
const line = (id: number, name: string) => ({
  id,
  name,
  sku: `SKU-${id}`,
  quantity: 1,
  image: { id, src: `https://shop.example/img/${id}.jpg` },
});
const order = (id: number, status: string, ago: number, extra: Partial<WooOrderRecord> = {}): WooOrderRecord => ({
  id,
  number: String(id),
  status,
  customer_id: 7,
  billing_email: 'eve@example.com',
  order_key: `wc_order_${id}abc`,
  date_created_gmt: day(ago),
  currency: 'EUR',
  total: '24.90',
  line_items: [line(id * 10, 'Lamp')],
  ...extra,
});
const orders = [
  order(106, 'processing', 1),
  order(105, 'processing', 9, {
    tracking: [
      {
        tracking_provider: 'DHL',
        tracking_number: 'DHL105',
        date_shipped: String(Math.floor(NOW.getTime() / 1000) - 8 * 86400),
        custom_tracking_link: 'https://dhl.example/DHL105',
      },
    ],
  }),
  order(104, 'completed', 12, {
    tracking: [
      {
        tracking_provider: 'DHL',
        tracking_number: 'DHL104',
        date_shipped: String(Math.floor(NOW.getTime() / 1000) - 11 * 86400),
        custom_tracking_link: 'https://dhl.example/DHL104',
      },
    ],
  }),
  order(103, 'completed', 20),
  order(102, 'on-hold', 25, { total: '5.00' }),
  order(101, 'refunded', 30),
  order(100, 'cancelled', 40),
  { ...order(99, 'completed', 50), customer_id: 8, billing_email: 'other@example.com' },
  { ...order(98, 'processing', 3), customer_id: 0, billing_email: 'guest@example.com' },
];
const woo = fakeWooCommerce({
  consumerKey: CK,
  consumerSecret: CS,
  customers: [
    { id: 7, email: 'eve@example.com', first_name: 'Eve', last_name: 'Shopper' },
    { id: 9, email: 'new@example.com', first_name: 'New', last_name: 'Customer' },
  ],
  orders,
});
const vendor = await startFake(woo.app);
const proxy = await startProxy({
  identitySecret: IDENTITY,
  woocommerce: { url: vendor.url, consumerKey: CK, consumerSecret: CS },
});
after(() => Promise.all([vendor.close(), proxy.close()]));
const verified = (id: string, secret = IDENTITY) => ({ id, hash: userHash(secret, id) });

await runCommerceConformance(
  'woocommerce (via proxy)',
  ({ fetch, timeoutMs }) => woocommerce({ proxyUrl: proxy.proxyUrl, user: verified('7'), fetch, timeoutMs }),
  {
    shopper: { email: 'eve@example.com', name: 'Eve Shopper', id: '7' },
    orders: [
      { number: '#106', status: 'open', fulfillment: 'unfulfilled', late: false, lines: 1 },
      { number: '#105', status: 'open', fulfillment: 'shipped', late: true, trackingNumber: 'DHL105' },
      { number: '#104', status: 'completed', fulfillment: 'delivered', late: false, trackingNumber: 'DHL104' },
      { number: '#103', status: 'completed', fulfillment: 'delivered', late: false },
      {
        number: '#102',
        status: 'open',
        fulfillment: 'unfulfilled',
        late: true,
        total: { amount: '5.00', currency: 'EUR' },
      },
      { number: '#101', status: 'cancelled', fulfillment: 'unfulfilled', late: false },
      { number: '#100', status: 'cancelled', fulfillment: 'unfulfilled', late: false },
    ],
    deliveryWindowDays: 7,
    now: NOW,
    fulfillmentStates: ['unfulfilled', 'shipped', 'delivered'],
    unknownOrderRef: '99',
    expiredAdapter: ({ fetch, timeoutMs }) =>
      woocommerce({ proxyUrl: proxy.proxyUrl, user: verified('7', 'rotated-secret'), fetch, timeoutMs }),
    emptyAdapter: ({ fetch, timeoutMs }) =>
      woocommerce({ proxyUrl: proxy.proxyUrl, user: verified('9'), fetch, timeoutMs }),
    guest: { orderNumber: '#98', email: 'guest@example.com' },
    pageSize: 3,
    secrets: [CK, CS, IDENTITY],
  },
);

describe('woocommerce: direct', () => {
  const shop = woocommerce({ proxyUrl: proxy.proxyUrl, user: verified('7'), storeUrl: vendor.url });

  it("another customer's order is not found, even by id", async () => {
    await assert.rejects(shop.getOrder('#99'), (e) => isNotFoundError(e));
  });

  it('orders reach the browser without addresses, notes or private meta', async () => {
    const res = await fetch(`${proxy.proxyUrl}/woocommerce/orders/104`, {
      headers: { 'X-Nectar-User': '7', 'X-Nectar-User-Hash': userHash(IDENTITY, '7') },
    });
    const text = await res.text();
    for (const leak of ['1 Main St', 'customer_note', 'leave at the door', 'fraud score', 'payment_method', CK, CS])
      assert.ok(!text.includes(leak), leak);
    assert.ok(text.includes('DHL104'));
  });

  it('reads one order with its key from the Store API (totals from minor units)', async () => {
    const o = await shop.orderByKey({ id: '104', key: 'wc_order_104abc', email: 'eve@example.com' });
    assert.equal(o.total.amount, '24.90');
    assert.equal(o.lines[0]?.title, 'Lamp');
    assert.equal(o.status, 'completed');
  });

  it('a guest is not signed in and has no order list', async () => {
    const guest = woocommerce({ proxyUrl: proxy.proxyUrl });
    assert.equal(await guest.identify(), null);
    assert.deepEqual(await guest.listOrders(), { orders: [], next: null });
  });
});
