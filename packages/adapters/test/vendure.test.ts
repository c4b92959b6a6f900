/**
 * The Vendure adapter against a REAL Vendure server (sql.js in memory, 127.0.0.1:0), started and
 * seeded here through its Shop and Admin APIs: the commerce conformance kit, then what the kit
 * does not cover (tracking details, images, totals, cursors, guest lookup rules, channel token).
 */
import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { isAuthError, isNotFoundError, isValidationError } from '@nectar/core/errors';
import { runCommerceConformance } from '@nectar/adapters/conformance';
import { isLate } from '@nectar/adapters/commerce';
import { vendure } from '@nectar/adapters/vendure';
import { startVendure } from '../../../test/support/vendure.ts';

// The whole file, server start included, is bounded.
const watchdog = setTimeout(() => {
  console.error('[vendure.test] took longer than 170 s — giving up');
  process.exit(1);
}, 170_000);
watchdog.unref();

const now = new Date();
const startedAt = Date.now();
const v = await Promise.race([
  startVendure({ now }),
  new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error('Vendure did not start within 90 s')), 90_000).unref(),
  ),
]);
console.log(`# Vendure started and seeded in ${((Date.now() - startedAt) / 1000).toFixed(1)} s at ${v.url}`);
after(() => v.stop());

/**
 * A token Vendure issued and then revoked, as after a sign-out or expiry. (Vendure's `logout` ends
 * every session of that user, so it is done with the shopper without orders, who signs in again.)
 */
async function revokedToken(): Promise<string> {
  const token = await v.login(v.emptyShopper.email, v.emptyShopper.password);
  const r = await fetch(v.shopApiUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: 'mutation { logout { success } }' }),
  });
  assert.equal(((await r.json()) as { data: { logout: { success: boolean } } }).data.logout.success, true);
  return token;
}
const revoked = await revokedToken();
const emptyToken = await v.login(v.emptyShopper.email, v.emptyShopper.password);

await runCommerceConformance(
  'vendure (real server)',
  ({ fetch, timeoutMs }) => vendure({ shopApiUrl: v.shopApiUrl, token: v.shopper.token, fetch, timeoutMs }),
  {
    shopper: { email: v.shopper.email, name: v.shopper.name, id: v.shopper.id },
    orders: v.orders.map((o) => ({
      number: o.code,
      status: o.status,
      fulfillment: o.fulfillment,
      late: o.code === v.lateOrderCode,
      lines: o.lines.length,
      ...(o.trackingCode ? { trackingNumber: o.trackingCode } : {}),
    })),
    deliveryWindowDays: v.deliveryWindowDays,
    now,
    fulfillmentStates: ['unfulfilled', 'partial', 'fulfilled', 'shipped', 'delivered'],
    unknownOrderRef: 'ZZZZZZZZZZZZZZZZ',
    expiredAdapter: ({ fetch, timeoutMs }) => vendure({ shopApiUrl: v.shopApiUrl, token: revoked, fetch, timeoutMs }),
    emptyAdapter: ({ fetch, timeoutMs }) => vendure({ shopApiUrl: v.shopApiUrl, token: emptyToken, fetch, timeoutMs }),
    guest: { orderNumber: v.guestOrder.code, email: v.guestOrder.email },
    pageSize: 2,
    secrets: [v.shopper.token, emptyToken, revoked],
  },
);

describe('vendure adapter details (real server)', () => {
  const shopper = () => vendure({ shopApiUrl: v.shopApiUrl, token: v.shopper.token });
  const byCode = (code: string) => v.orders.find((o) => o.code === code)!;

  it('reports carrier and tracking code of each fulfilment, and when it shipped or was delivered', async () => {
    const shipped = v.orders.find((o) => o.fulfillment === 'shipped')!;
    const order = await shopper().getOrder(shipped.code);
    assert.equal(order.shipments.length, 1);
    const [s] = order.shipments;
    assert.equal(s!.carrier, 'DHL');
    assert.equal(s!.trackingNumber, 'JD0146000012345');
    assert.ok(s!.shippedAt && Date.parse(s!.shippedAt) <= Date.now());
    assert.equal(s!.deliveredAt, null);

    const delivered = await shopper().getOrder(v.orders.find((o) => o.fulfillment === 'delivered')!.code);
    assert.equal(delivered.status, 'completed');
    assert.equal(delivered.shipments[0]!.carrier, 'UPS');
    assert.ok(delivered.shipments[0]!.deliveredAt);
    assert.equal(isLate(delivered, { deliveryWindowDays: 1, now }), false, 'a delivered order is never late');

    const partial = await shopper().getOrder(v.orders.find((o) => o.fulfillment === 'partial')!.code);
    assert.deepEqual(
      partial.shipments.map((x) => x.trackingNumber),
      ['GLS-55501'],
    );
  });

  it('gives lines with title, SKU, quantity and a product image the browser can load', async () => {
    const fresh = v.orders[0]!;
    const order = await shopper().getOrder(fresh.code);
    assert.deepEqual(
      order.lines.map((l) => [l.title, l.sku, l.quantity]),
      [['Tea Towel Set', 'TOW-04', 3]],
    );
    const image = order.lines[0]!.image;
    assert.ok(image?.startsWith(`${v.url}/assets/`), `absolute image URL, got ${image}`);
    const res = await fetch(image!);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'image/svg+xml');
    assert.match(await res.text(), /<svg /);
  });

  it('converts the total from minor units: 3 × 19.90 + 20 % tax + 5.00 shipping = 76.64 USD', async () => {
    const order = await shopper().getOrder(v.orders[0]!.code);
    assert.deepEqual(order.total, { amount: '76.64', currency: 'USD' });
  });

  it('places every order at its checkout date, newest first, and the cancelled one as cancelled', async () => {
    const { orders } = await shopper().listOrders({ first: 50 });
    assert.deepEqual(
      orders.map((o) => [o.number, o.placedAt]),
      v.orders.map((o) => [o.code, o.placedAt]),
    );
    const cancelled = orders.find((o) => o.status === 'cancelled')!;
    assert.equal(byCode(cancelled.number).state, 'Cancelled');
    assert.equal(isLate(cancelled, { deliveryWindowDays: 1, now }), false);
  });

  it('rejects a cursor it did not make with a ValidationError', async () => {
    await assert.rejects(shopper().listOrders({ first: 2, after: 'not-a-cursor' }), isValidationError);
    await assert.rejects(shopper().listOrders({ first: 2, after: btoa('vendure:-3') }), isValidationError);
  });

  it('a guest (no token) is not identified and cannot list orders', async () => {
    const guest = vendure({ shopApiUrl: v.shopApiUrl });
    assert.equal(await guest.identify(), null);
    await assert.rejects(guest.listOrders(), isAuthError);
    await assert.rejects(guest.getOrder(v.orders[0]!.code), isAuthError);
  });

  it('a revoked session is an AuthError everywhere, not an empty list', async () => {
    const expired = vendure({ shopApiUrl: v.shopApiUrl, token: revoked });
    await assert.rejects(expired.identify(), isAuthError);
    await assert.rejects(expired.getOrder(v.orders[0]!.code), isAuthError);
    await assert.rejects(expired.getOrder(v.orders[0]!.id), isAuthError);
  });

  it("never shows another shopper's order, by id or by number", async () => {
    const other = vendure({ shopApiUrl: v.shopApiUrl, token: emptyToken });
    await assert.rejects(other.getOrder(v.orders[0]!.id), isNotFoundError);
    await assert.rejects(other.getOrder(v.orders[0]!.code), isNotFoundError);
  });

  it('guest lookup: accepts "#code", any case and spaces; an account order is not found as a guest', async () => {
    const guest = vendure({ shopApiUrl: v.shopApiUrl });
    const order = await guest.lookupGuestOrder({
      orderNumber: ` #${v.guestOrder.code.toLowerCase()} `,
      email: v.guestOrder.email.toUpperCase(),
    });
    assert.equal(order.number, v.guestOrder.code);
    assert.equal(order.lines[0]!.title, 'Ceramic Mug');
    // Knowing a registered shopper's email and order number is not enough: they must sign in.
    await assert.rejects(
      guest.lookupGuestOrder({ orderNumber: v.orders[0]!.code, email: v.shopper.email }),
      isNotFoundError,
    );
    await assert.rejects(
      guest.lookupGuestOrder({ orderNumber: 'NOPE0000NOPE0000', email: 'a@b.example' }),
      isNotFoundError,
    );
  });

  it('sends the channel token and the session token with every request, through the given fetch', async () => {
    const seen: Headers[] = [];
    const recording: typeof fetch = (input, init) => {
      seen.push(new Headers(init?.headers));
      return fetch(input, init);
    };
    const a = vendure({
      shopApiUrl: v.shopApiUrl,
      token: v.shopper.token,
      channelToken: v.channelToken,
      fetch: recording,
    });
    assert.equal((await a.listOrders({ first: 1 })).orders.length, 1);
    await a.getOrder(v.orders[1]!.code);
    assert.equal(seen.length, 2);
    for (const h of seen) {
      assert.equal(h.get('vendure-token'), v.channelToken);
      assert.equal(h.get('authorization'), `Bearer ${v.shopper.token}`);
    }
  });
});
