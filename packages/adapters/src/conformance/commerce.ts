/**
 * The commerce conformance kit: one suite every `CommerceAdapter` runs against its backend (a real
 * server where one can run, else a server that answers as the vendor documents). See docs/adapters.md.
 */
import { isAuthError, isNotFoundError, isUnsupportedError } from '@nectar/core/errors';
import { FULFILLMENT_STATUSES, isLate, orderSchema, type CommerceAdapter, type Order } from '../commerce/types.ts';
import { check, checkSafeError, equal, rejectsWith } from './assert.ts';
import { faultCases, faultyFetch, type Fault } from './faults.ts';
import type { AdapterContext, CommerceSeed, TestApi } from './types.ts';

/**
 * The kit's request timeout; a fault "timeout" must surface as NetworkError soon after. Long enough
 * that a real backend on a loaded CI machine answers normal requests in time (400 ms flaked there).
 */
export const KIT_TIMEOUT_MS = 2_000;
/** How long a fault case waits for the adapter to fail (its retries of a timed-out request included). */
export const FAULT_WAIT_MS = 20_000;

export async function defaultTestApi(): Promise<TestApi> {
  const specifier = 'node:test';
  return (await import(/* @vite-ignore */ specifier)) as TestApi;
}

function validOrder(order: Order, what: string): void {
  const result = orderSchema.safeParse(order);
  check(result.success, `${what}: not a valid normalized Order (${result.error?.issues[0]?.path.join('.') ?? ''})`);
}

async function allOrders(adapter: CommerceAdapter, first: number): Promise<{ orders: Order[]; pages: Order[][] }> {
  const pages: Order[][] = [];
  let after: string | null = null;
  for (let i = 0; i < 100; i++) {
    const page = await adapter.listOrders({ first, after });
    check(Array.isArray(page.orders), 'listOrders returns { orders: [] }');
    check(page.orders.length <= first, `a page holds at most first=${first} orders (got ${page.orders.length})`);
    check(page.next === null || (typeof page.next === 'string' && page.next.length > 0), 'next is a string or null');
    pages.push(page.orders);
    if (page.next === null) return { orders: pages.flat(), pages };
    check(page.orders.length > 0, 'a page with a next cursor is not empty');
    after = page.next;
  }
  throw new Error('listOrders did not end after 100 pages');
}

/**
 * Registers the commerce conformance suite `name` with `testApi` (default `node:test`).
 * `makeAdapter(ctx)` builds the adapter for the seeded shopper; it must send every request through
 * `ctx.fetch` and use `ctx.timeoutMs`.
 */
export async function runCommerceConformance(
  name: string,
  makeAdapter: (ctx: AdapterContext) => CommerceAdapter | Promise<CommerceAdapter>,
  seed: CommerceSeed,
  testApi?: TestApi,
): Promise<void> {
  const { describe, it } = testApi ?? (await defaultTestApi());
  const skip = (title: string) => (it.skip ? it.skip(title, () => {}) : it(`${title} (skipped)`, () => {}));
  const secrets = seed.secrets ?? [];
  const now = seed.now ?? new Date();
  const setup = async () => {
    const faults = faultyFetch();
    const adapter = await makeAdapter({ fetch: faults.fetch, timeoutMs: KIT_TIMEOUT_MS });
    return { adapter, faults };
  };
  const byNumber = new Map(seed.orders.map((o) => [o.number, o]));

  describe(`${name}: commerce conformance`, () => {
    it('declares its capabilities', async () => {
      const { adapter } = await setup();
      check(typeof adapter.name === 'string' && adapter.name.length > 0, 'adapter.name');
      for (const key of ['tracking', 'deliveryEstimate', 'guestLookup', 'needsProxy'] as const)
        check(typeof adapter.capabilities?.[key] === 'boolean', `capabilities.${key} is a boolean`);
    });

    it('identifies the signed-in shopper', async () => {
      const { adapter } = await setup();
      const shopper = await adapter.identify();
      check(shopper !== null, 'identify() returns the shopper');
      equal(shopper.email?.toLowerCase(), seed.shopper.email.toLowerCase(), 'shopper email');
      check(typeof shopper.id === 'string' && shopper.id.length > 0, 'shopper id');
      if (seed.shopper.id) equal(shopper.id, seed.shopper.id, 'shopper id');
      if (seed.shopper.name !== undefined) equal(shopper.name, seed.shopper.name, 'shopper name');
    });

    if (seed.emptyAdapter) {
      const makeEmpty = seed.emptyAdapter;
      it('lists no orders for a shopper without orders', async () => {
        const faults = faultyFetch();
        const adapter = await makeEmpty({ fetch: faults.fetch, timeoutMs: KIT_TIMEOUT_MS });
        const page = await adapter.listOrders({ first: 5 });
        equal(page.orders.length, 0, 'orders of a shopper without orders');
        equal(page.next, null, 'next of an empty list');
      });
    } else skip('lists no orders for a shopper without orders (no empty shopper in the seed)');

    it('lists every order once, newest first, across pages with an opaque cursor', async () => {
      const { adapter } = await setup();
      const first = seed.pageSize ?? Math.max(1, Math.ceil(seed.orders.length / 3));
      const { orders, pages } = await allOrders(adapter, first);
      if (seed.orders.length > first) check(pages.length >= 2, `more than ${first} orders come in several pages`);
      orders.forEach((o, i) => validOrder(o, `order #${i}`));
      const numbers = orders.map((o) => o.number);
      equal(new Set(numbers).size, numbers.length, 'no order listed twice');
      equal(new Set(orders.map((o) => o.id)).size, orders.length, 'no id listed twice');
      equal(numbers.join(','), seed.orders.map((o) => o.number).join(','), 'the orders, newest first');
      for (let i = 1; i < orders.length; i++)
        check(Date.parse(orders[i - 1]!.placedAt) >= Date.parse(orders[i]!.placedAt), 'placedAt is newest first');
      // A cursor can be used again and gives the same page.
      const firstPage = await adapter.listOrders({ first });
      if (firstPage.next) {
        const a = await adapter.listOrders({ first, after: firstPage.next });
        const b = await adapter.listOrders({ first, after: firstPage.next });
        equal(
          a.orders.map((o) => o.id).join(','),
          b.orders.map((o) => o.id).join(','),
          'the same cursor, the same page',
        );
        equal(a.orders[0]?.number, seed.orders[first]?.number, 'the second page starts after the first');
      }
      const defaultPage = await adapter.listOrders();
      check(defaultPage.orders.length > 0, 'listOrders() without options lists orders');
    });

    const states = new Set(seed.orders.map((o) => o.fulfillment));
    for (const state of FULFILLMENT_STATUSES) {
      if (!seed.fulfillmentStates.includes(state)) {
        skip(`fulfillment "${state}" (the backend cannot express it)`);
        continue;
      }
      it(`reports fulfillment "${state}"`, async () => {
        check(states.has(state), `the seed has an order in state ${state}`);
        const { adapter } = await setup();
        const { orders } = await allOrders(adapter, 50);
        const matching = seed.orders.filter((o) => o.fulfillment === state);
        for (const expected of matching) {
          const order = orders.find((o) => o.number === expected.number);
          check(order, `order ${expected.number} is listed`);
          equal(order.fulfillment, expected.fulfillment, `fulfillment of ${expected.number}`);
          equal(order.status, expected.status, `status of ${expected.number}`);
        }
      });
    }

    it('reads each order by id (and by number) with its lines, totals and shipments', async () => {
      const { adapter } = await setup();
      const { orders } = await allOrders(adapter, 50);
      for (const listed of orders) {
        const expected = byNumber.get(listed.number);
        check(expected, `order ${listed.number} is in the seed`);
        const order = await adapter.getOrder(listed.id);
        validOrder(order, `getOrder(${listed.id})`);
        equal(order.id, listed.id, 'getOrder(id).id');
        equal(order.number, listed.number, 'getOrder(id).number');
        equal(order.fulfillment, expected.fulfillment, `fulfillment of ${expected.number}`);
        equal(order.status, expected.status, `status of ${expected.number}`);
        if (expected.lines !== undefined) equal(order.lines.length, expected.lines, `lines of ${expected.number}`);
        if (expected.total) {
          equal(Number(order.total.amount), Number(expected.total.amount), `total of ${expected.number}`);
          equal(order.total.currency, expected.total.currency, `currency of ${expected.number}`);
        }
        if (expected.trackingNumber && adapter.capabilities.tracking)
          check(
            order.shipments.some((s) => s.trackingNumber === expected.trackingNumber),
            `tracking number of ${expected.number}`,
          );
        if (seed.getByNumber !== false) {
          const again = await adapter.getOrder(listed.number);
          equal(again.id, listed.id, `getOrder(number ${listed.number}).id`);
        }
      }
    });

    it('notices the late order with isLate', async () => {
      check(
        seed.orders.some((o) => o.late),
        'the seed has a late order',
      );
      const { adapter } = await setup();
      const { orders } = await allOrders(adapter, 50);
      for (const expected of seed.orders) {
        const order = orders.find((o) => o.number === expected.number);
        check(order, `order ${expected.number} is listed`);
        equal(
          isLate(order, { deliveryWindowDays: seed.deliveryWindowDays, now }),
          expected.late,
          `isLate(${expected.number})`,
        );
      }
    });

    it('throws NotFoundError for an unknown order', async () => {
      const { adapter } = await setup();
      const e = await rejectsWith(adapter.getOrder(seed.unknownOrderRef), isNotFoundError, 'getOrder(unknown)');
      checkSafeError(e, secrets, 'unknown order');
    });

    it('throws AuthError for expired credentials', async () => {
      const faults = faultyFetch();
      const adapter = await seed.expiredAdapter({ fetch: faults.fetch, timeoutMs: KIT_TIMEOUT_MS });
      const e = await rejectsWith(adapter.listOrders({ first: 5 }), isAuthError, 'listOrders with expired credentials');
      checkSafeError(e, secrets, 'expired credentials');
    });

    if (seed.guest) {
      const guest = seed.guest;
      it('finds a guest order by number and email, and not with another email', async () => {
        const { adapter } = await setup();
        check(adapter.capabilities.guestLookup && adapter.lookupGuestOrder, 'guest lookup is declared and present');
        const order = await adapter.lookupGuestOrder!(guest);
        validOrder(order, 'lookupGuestOrder');
        equal(order.number, guest.orderNumber, 'guest order number');
        await rejectsWith(
          adapter.lookupGuestOrder!({ orderNumber: guest.orderNumber, email: `not-${guest.email}` }),
          isNotFoundError,
          'guest lookup with another email',
        );
      });
    } else {
      it('declares no guest lookup, or fails it with UnsupportedError', async () => {
        const { adapter } = await setup();
        if (adapter.capabilities.guestLookup)
          throw new Error('guestLookup is declared but the seed has no guest order');
        if (adapter.lookupGuestOrder)
          await rejectsWith(
            adapter.lookupGuestOrder({ orderNumber: '1', email: 'a@example.com' }),
            isUnsupportedError,
            'lookupGuestOrder without support',
          );
      });
    }

    // ---- faults in front of the real backend ----
    const faultCase = (
      title: string,
      fault: Fault,
      guard: (e: unknown) => boolean,
      what: string,
      extra?: (e: unknown) => void,
    ) =>
      it(title, async () => {
        const { adapter, faults } = await setup();
        // Sign-in and tokens happen before the fault; then every request fails.
        const primed = await adapter.listOrders({ first: 1 });
        const ref = primed.orders[0]?.id ?? seed.orders[0]!.number;
        faults.arm(fault);
        for (const [label, call] of [
          ['listOrders', () => adapter.listOrders({ first: 2 })],
          ['getOrder', () => adapter.getOrder(ref)],
        ] as const) {
          const e = await rejectsWith(call(), guard as (e: unknown) => e is unknown, `${label} ${what}`, FAULT_WAIT_MS);
          checkSafeError(e, secrets, `${label} ${what}`);
          extra?.(e);
        }
        faults.disarm();
        const page = await adapter.listOrders({ first: 1 });
        check(page.orders.length === 1, 'the adapter works again once the backend recovers');
      });

    for (const c of faultCases(seed.faults, {
      peer: 'backend',
      mutateDepth: 2,
      malformedSuffix: ', never passes them on',
      errorBody: (message) => ({ message }),
    }))
      faultCase(c.title, c.fault, c.guard, c.what, c.extra);
  });
}
