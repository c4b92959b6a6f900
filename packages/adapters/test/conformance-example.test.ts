/**
 * The docs/adapters.md example ("Tiny Shop") through the commerce conformance kit — and proof the kit
 * can fail: a sloppy adapter (no validation, no timeout) must fail the malformed/timeout checks.
 */
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { runCommerceConformance, type CommerceSeed, type TestApi } from '../src/conformance/index.ts';
import type { CommerceAdapter } from '../src/commerce/types.ts';
import { startTinyShop, tinyShop } from './support/example-shop.ts';

const shop = await startTinyShop();
after(() => shop.close());

const seed: CommerceSeed = {
  shopper: { email: 'ada@example.com', name: 'Ada', id: 'cus_1' },
  orders: [
    { number: '#1005', status: 'open', fulfillment: 'unfulfilled', late: false, lines: 1 },
    { number: '#1004', status: 'open', fulfillment: 'shipped', late: false, trackingNumber: 'TRK1004' },
    { number: '#1003', status: 'open', fulfillment: 'shipped', late: true },
    { number: '#1002', status: 'open', fulfillment: 'partial', late: false },
    {
      number: '#1001',
      status: 'completed',
      fulfillment: 'delivered',
      late: false,
      total: { amount: '20.01', currency: 'EUR' },
    },
    { number: '#1000', status: 'cancelled', fulfillment: 'unfulfilled', late: false },
  ],
  deliveryWindowDays: 5,
  fulfillmentStates: ['unfulfilled', 'partial', 'shipped', 'delivered'],
  unknownOrderRef: 'ord_404',
  expiredAdapter: ({ fetch, timeoutMs }) => tinyShop({ baseUrl: shop.url, token: 'tok_expired', fetch, timeoutMs }),
  emptyAdapter: ({ fetch, timeoutMs }) => tinyShop({ baseUrl: shop.url, token: shop.tokens.empty, fetch, timeoutMs }),
  secrets: [shop.tokens.shopper, shop.tokens.empty],
};

await runCommerceConformance(
  'tiny-shop',
  ({ fetch, timeoutMs }) => tinyShop({ baseUrl: shop.url, token: shop.tokens.shopper, fetch, timeoutMs }),
  seed,
);

/** An adapter that trusts whatever comes back: the kit must catch it. */
function sloppyShop(fetchFn: typeof fetch): CommerceAdapter {
  const good = tinyShop({ baseUrl: shop.url, token: shop.tokens.shopper, fetch: fetchFn });
  const raw = async (path: string) => {
    const res = await fetchFn(new URL(path, shop.url), { headers: { Authorization: `Bearer ${shop.tokens.shopper}` } });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return (await res.json()) as { orders: never[]; next_page_token: string | null };
  };
  return {
    ...good,
    async listOrders({ first = 10, after = null } = {}) {
      const page = await raw(`/api/orders?limit=${first}${after ? `&page_token=${after}` : ''}`);
      return { orders: page.orders, next: page.next_page_token };
    },
  };
}

describe('the kit fails a sloppy adapter', () => {
  it('reports the unvalidated, untyped failures', async () => {
    const tests: { name: string; fn: () => Promise<void> | void }[] = [];
    const api: TestApi = { describe: (_n, fn) => fn(), it: (name, fn) => void tests.push({ name, fn }) };
    await runCommerceConformance('sloppy', ({ fetch }) => sloppyShop(fetch), seed, api);
    const failed: string[] = [];
    for (const t of tests) {
      try {
        await t.fn();
      } catch {
        failed.push(t.name);
      }
    }
    for (const expected of [
      'throws RateLimitedError with retryAfter 7 on a rate-limit answer',
      'throws BackendError(500) on a server error',
      'throws NetworkError on a timeout',
      'throws BackendError on missing fields, never passes them on',
      'throws BackendError on wrong types, never passes them on',
    ])
      assert.ok(failed.includes(expected), `the kit fails "${expected}" (failed: ${failed.join('; ')})`);
    assert.ok(!failed.includes('identifies the signed-in shopper'), 'what the sloppy adapter does right passes');
  });
});
