/**
 * The server-side Vendure adapter (Admin API) against a REAL Vendure (sql.js in memory, 127.0.0.1:0),
 * seeded by test/support/vendure.ts: one order in full for an agent, refunds executed and checked
 * through the Admin API, idempotent by key, refused when the order cannot take them; bad credentials
 * and a backend that never answers are typed errors.
 */
import assert from 'node:assert/strict';
import { createServer, type Socket } from 'node:net';
import { after, describe, it } from 'node:test';
import { isAuthError, isNetworkError, isNotFoundError, isValidationError } from '@nectar/core/errors';
import { vendureAdmin } from '@nectar/adapters/vendure/admin';
import { startVendure } from '../../../test/support/vendure.ts';

const watchdog = setTimeout(() => {
  console.error('[vendure-admin.test] took longer than 170 s — giving up');
  process.exit(1);
}, 170_000);
watchdog.unref();

const v = await Promise.race([
  startVendure(),
  new Promise<never>((_, reject) =>
    setTimeout(() => reject(new Error('Vendure did not start within 90 s')), 90_000).unref(),
  ),
]);
after(() => v.stop());

const admin = () =>
  vendureAdmin({ adminApiUrl: v.adminApiUrl, username: v.admin.username, password: v.admin.password });
const seeded = (fulfillment: string) => v.orders.find((o) => o.fulfillment === fulfillment)!;

/** The order's refunds as Vendure's Admin API reports them (its own sign-in, not the adapter's). */
async function refundsOf(code: string): Promise<Array<{ id: string; total: number; state: string; reason: string }>> {
  const login = await fetch(v.adminApiUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation { login(username: "superadmin", password: "superadmin") { __typename } }',
    }),
  });
  const token = login.headers.get('vendure-auth-token')!;
  const res = await fetch(v.adminApiUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({
      query: `query($code: String!) { orders(options: { filter: { code: { eq: $code } } }) {
        items { payments { refunds { id total state reason } } } } }`,
      variables: { code },
    }),
  });
  const body = (await res.json()) as {
    data: {
      orders: {
        items: Array<{
          payments: Array<{ refunds: Array<{ id: string; total: number; state: string; reason: string }> }>;
        }>;
      };
    };
  };
  return body.data.orders.items[0]!.payments.flatMap((p) => p.refunds);
}

describe('vendureAdmin (real Vendure, Admin API)', () => {
  it('reads an order in full: state, lines, totals, customer, shipments with a tracking link', async () => {
    const shipped = seeded('shipped');
    const order = await admin().orderForAgent(`#${shipped.code.toLowerCase()}`);
    assert.equal(order.number, shipped.code);
    assert.equal(order.state, 'Shipped');
    assert.equal(order.fulfillment, 'shipped');
    assert.deepEqual(
      order.lines.map((l) => l.title),
      shipped.lines,
    );
    assert.equal(order.customer.email, v.shopper.email);
    assert.equal(order.customer.name, v.shopper.name);
    assert.equal(order.totals.refunded.amount, '0.00');
    assert.equal(order.totals.total.currency, 'USD');
    assert.equal(order.shipments.length, 1);
    const [s] = order.shipments;
    assert.equal(s!.carrier, 'DHL');
    assert.equal(s!.trackingNumber, 'JD0146000012345');
    assert.match(s!.trackingUrl!, /^https:\/\/www\.dhl\.com\/.*tracking-id=JD0146000012345$/);
    assert.ok(s!.shippedAt);
  });

  it('an unknown order is a NotFoundError; wrong credentials an AuthError', async () => {
    await assert.rejects(admin().orderForAgent('ZZZZZZZZZZZZZZZZ'), isNotFoundError);
    await assert.rejects(admin().orderForAgent('not a code!'), isNotFoundError);
    const wrong = vendureAdmin({ adminApiUrl: v.adminApiUrl, username: 'superadmin', password: 'wrong' });
    await assert.rejects(wrong.orderForAgent(seeded('shipped').code), isAuthError);
  });

  it('refunds through Vendure (checked through the Admin API), once per key', async () => {
    const delivered = seeded('delivered');
    const commerce = admin();
    const result = await commerce.refund!(delivered.code, {
      amount: 5.5,
      currency: 'USD',
      reason: 'Mug arrived chipped',
      key: 'adapter-test-1',
    });
    assert.equal(result.state, 'executed');
    assert.equal(result.backendState, 'Settled');
    let refunds = await refundsOf(delivered.code);
    assert.equal(refunds.length, 1);
    assert.deepEqual([refunds[0]!.id, refunds[0]!.total, refunds[0]!.state], [result.reference, 550, 'Settled']);
    assert.match(refunds[0]!.reason, /^Mug arrived chipped \[nectar:adapter-test-1\]$/);

    // The same key again (a retried request): the same refund, no second one.
    const again = await commerce.refund!(delivered.code, {
      amount: 5.5,
      currency: 'USD',
      reason: 'Mug arrived chipped',
      key: 'adapter-test-1',
    });
    assert.equal(again.reference, result.reference);
    refunds = await refundsOf(delivered.code);
    assert.equal(refunds.length, 1);
    assert.equal((await commerce.orderForAgent(delivered.code)).totals.refunded.amount, '5.50');
  });

  it('refuses a refund in another currency or above what is left, and refunds nothing', async () => {
    const packed = seeded('fulfilled');
    const commerce = admin();
    await assert.rejects(
      commerce.refund!(packed.code, { amount: 1, currency: 'EUR', reason: 'x' }),
      (e) => isValidationError(e) && (e as { fields: Record<string, string> }).fields.currency === 'mismatch',
    );
    await assert.rejects(
      commerce.refund!(packed.code, { amount: 100_000, currency: 'USD', reason: 'x' }),
      (e) => isValidationError(e) && /At most \d+\.\d\d USD/.test((e as Error).message),
    );
    await assert.rejects(
      commerce.refund!('ZZZZZZZZZZZZZZZZ', { amount: 1, currency: 'USD', reason: 'x' }),
      isNotFoundError,
    );
    assert.deepEqual(await refundsOf(packed.code), []);
  });

  it('a backend that never answers is a NetworkError within the timeout', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    try {
      const started = Date.now();
      const hung = vendureAdmin({
        adminApiUrl: `http://127.0.0.1:${port}/admin-api`,
        username: 'superadmin',
        password: 'superadmin',
        timeoutMs: 300,
      });
      await assert.rejects(hung.orderForAgent(seeded('shipped').code), isNetworkError);
      assert.ok(Date.now() - started < 3000);
    } finally {
      for (const s of sockets) s.destroy();
      silent.close();
    }
  });
});
