/**
 * A client for the "My orders" stories: an in-memory desk and a small in-memory commerce adapter (what an
 * integrator's adapter answers the widgets) with a shipped, a late, a delivered and a cancelled order.
 */
import {
  AuthError,
  NotFoundError,
  createNectar,
  type CommerceAdapter,
  type NectarClient,
  type Order,
} from '@nectar/core';
import { memoryDesk } from '@nectar/adapters/memory';

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();
const IMG =
  'data:image/svg+xml,' +
  encodeURIComponent(
    '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8" height="8" fill="#c2410c"/></svg>',
  );

const base = (n: string, over: Partial<Order>): Order => ({
  id: n,
  number: n,
  placedAt: ago(2),
  status: 'open',
  fulfillment: 'unfulfilled',
  total: { amount: '32.00', currency: 'EUR' },
  lines: [{ id: `${n}-1`, title: 'Linen Apron', sku: 'APR-02', quantity: 1, image: IMG }],
  shipments: [],
  ...over,
});

export const STORY_ORDERS: Order[] = [
  base('#1042', {
    fulfillment: 'shipped',
    placedAt: ago(3),
    lines: [
      { id: 'a', title: 'Desk Lamp', sku: 'LMP-03', quantity: 1, image: IMG },
      { id: 'b', title: 'Ceramic Mug', sku: 'MUG-01', quantity: 1, image: IMG },
    ],
    shipments: [
      {
        carrier: 'DHL',
        trackingNumber: 'JD0146000012345',
        trackingUrl: null,
        shippedAt: ago(2),
        deliveredAt: null,
        estimatedDeliveryAt: ago(-2),
      },
    ],
  }),
  base('#1031', {
    placedAt: ago(30),
    lines: [{ id: 'c', title: 'Desk Lamp', sku: 'LMP-03', quantity: 1, image: IMG }],
  }),
  base('#1017', {
    status: 'completed',
    fulfillment: 'delivered',
    placedAt: ago(12),
    shipments: [
      {
        carrier: 'UPS',
        trackingNumber: '1Z999AA10123456784',
        trackingUrl: null,
        shippedAt: ago(11),
        deliveredAt: ago(9),
        estimatedDeliveryAt: null,
      },
    ],
  }),
  base('#1009', { status: 'cancelled', placedAt: ago(20) }),
];

let counter = 0;

/** A fresh client with the orders above; `guest`: nobody is signed in, orders are found by number and email. */
export function ordersClient(locale: string, options: { guest?: boolean } = {}): { client: NectarClient } {
  const commerce: CommerceAdapter = {
    name: 'story',
    capabilities: { tracking: true, deliveryEstimate: true, guestLookup: true, needsProxy: false },
    identify: async () => (options.guest ? null : { id: 'c1', email: 'ada@example.com', name: 'Ada' }),
    async listOrders() {
      if (options.guest) throw new AuthError('No shopper is signed in');
      return { orders: STORY_ORDERS, next: null };
    },
    async getOrder(ref) {
      const found = STORY_ORDERS.find((o) => o.id === ref || o.number === ref);
      if (!found) throw new NotFoundError('No such order');
      return found;
    },
    async lookupGuestOrder({ orderNumber, email }) {
      const found = STORY_ORDERS.find((o) => o.number === orderNumber);
      if (!found || email.toLowerCase() !== 'ada@example.com') throw new NotFoundError('No such order');
      return found;
    },
  };
  const namespace = `story-orders-${Date.now().toString(36)}-${++counter}`;
  return { client: createNectar({ desk: memoryDesk(), locale, storage: 'memory', namespace, commerce }) };
}
