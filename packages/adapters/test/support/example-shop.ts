/**
 * The complete small example of docs/adapters.md: "Tiny Shop", a made-up REST backend, its adapter,
 * and a server that answers like it (used by conformance-example.test.ts).
 */
import * as z from 'zod/mini';
import { NotFoundError } from '@nectar/core/errors';
import type { CommerceAdapter, FulfillmentStatus, Order } from '../../src/commerce/types.ts';
import { requestJson } from '../../src/internal/http.ts';
import { sendJson, startServer, type TestServer } from './server.ts';

// ---- the adapter ---------------------------------------------------------------------------

// 1. Describe exactly what the backend answers; anything else becomes a BackendError.
const tinyOrder = z.object({
  id: z.string(),
  number: z.string(),
  created_at: z.iso.datetime({ offset: true }),
  state: z.enum(['open', 'done', 'cancelled']),
  shipping: z.enum(['pending', 'partial', 'shipped', 'delivered']),
  total_cents: z.int(),
  currency: z.string(),
  items: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      sku: z.nullable(z.string()),
      qty: z.int(),
      image_url: z.nullable(z.string()),
    }),
  ),
  tracking: z.nullable(
    z.object({
      carrier: z.string(),
      number: z.string(),
      url: z.string(),
      shipped_at: z.string(),
      eta: z.nullable(z.string()),
    }),
  ),
});
type TinyOrder = z.infer<typeof tinyOrder>;

export interface TinyShopOptions {
  baseUrl: string;
  token: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

const SHIPPING: Record<TinyOrder['shipping'], FulfillmentStatus> = {
  pending: 'unfulfilled',
  partial: 'partial',
  shipped: 'shipped',
  delivered: 'delivered',
};

// 2. Map the backend's order to the normalized one.
function toOrder(o: TinyOrder): Order {
  return {
    id: o.id,
    number: o.number,
    placedAt: o.created_at,
    status: o.state === 'done' ? 'completed' : o.state,
    fulfillment: SHIPPING[o.shipping],
    total: { amount: (o.total_cents / 100).toFixed(2), currency: o.currency },
    lines: o.items.map((i) => ({ id: i.id, title: i.name, sku: i.sku, quantity: i.qty, image: i.image_url })),
    shipments: o.tracking
      ? [
          {
            carrier: o.tracking.carrier,
            trackingNumber: o.tracking.number,
            trackingUrl: o.tracking.url,
            shippedAt: o.tracking.shipped_at,
            deliveredAt: null,
            estimatedDeliveryAt: o.tracking.eta,
          },
        ]
      : [],
  };
}

// 3. Every call goes through the injected fetch and the shared helper (typed errors, timeout, validation).
export function tinyShop(options: TinyShopOptions): CommerceAdapter {
  const fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);
  const get = <T>(path: string, parse: z.ZodMiniType<T>) =>
    requestJson(
      fetchFn,
      new URL(path, options.baseUrl),
      { headers: { Authorization: `Bearer ${options.token}` } },
      {
        parse,
        backend: 'Tiny Shop',
        ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
      },
    );
  return {
    name: 'tiny-shop',
    capabilities: { tracking: true, deliveryEstimate: true, guestLookup: false, needsProxy: false },
    async identify() {
      const me = await get('/api/me', z.object({ id: z.string(), email: z.string(), name: z.nullable(z.string()) }));
      return { id: me.id, email: me.email, name: me.name };
    },
    async listOrders({ first = 10, after = null } = {}) {
      const query = new URLSearchParams({ limit: String(first), ...(after ? { page_token: after } : {}) });
      const page = await get(
        `/api/orders?${query}`,
        z.object({ orders: z.array(tinyOrder), next_page_token: z.nullable(z.string()) }),
      );
      // The backend's page token is already opaque; pass it on as the cursor.
      return { orders: page.orders.map(toOrder), next: page.next_page_token };
    },
    async getOrder(ref) {
      if (!ref) throw new NotFoundError('Tiny Shop: not found');
      return toOrder(await get(`/api/orders/${encodeURIComponent(ref)}`, tinyOrder));
    },
  };
}

// ---- a server that answers like Tiny Shop (for the tests) -----------------------------------

export interface TinyShopServer extends TestServer {
  tokens: { shopper: string; empty: string };
}

const day = 86_400_000;

export async function startTinyShop(now = Date.now()): Promise<TinyShopServer> {
  const iso = (ms: number) => new Date(ms).toISOString();
  const order = (
    n: number,
    ageDays: number,
    state: TinyOrder['state'],
    shipping: TinyOrder['shipping'],
    eta?: number,
  ): TinyOrder => ({
    id: `ord_${n}`,
    number: `#${n}`,
    created_at: iso(now - ageDays * day),
    state,
    shipping,
    total_cents: 1000 + n,
    currency: 'EUR',
    items: [{ id: `li_${n}`, name: `Mug ${n}`, sku: `MUG-${n}`, qty: 1, image_url: null }],
    tracking:
      shipping === 'pending'
        ? null
        : {
            carrier: 'DHL',
            number: `TRK${n}`,
            url: `https://track.example/TRK${n}`,
            shipped_at: iso(now - (ageDays - 1) * day),
            eta: eta ? iso(eta) : null,
          },
  });
  const orders = [
    order(1005, 1, 'open', 'pending'),
    order(1004, 3, 'open', 'shipped', now + 2 * day),
    order(1003, 6, 'open', 'shipped', now - day), // late: the estimate has passed
    order(1002, 9, 'open', 'partial', now + day),
    order(1001, 20, 'done', 'delivered'),
    order(1000, 30, 'cancelled', 'pending'),
  ];
  const tokens = { shopper: 'tok_shopper_secret', empty: 'tok_empty_secret' };
  const server = await startServer((req, _body, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const token = req.headers.authorization?.replace(/^Bearer /, '');
    if (token !== tokens.shopper && token !== tokens.empty) return sendJson(res, 401, { error: 'invalid_token' });
    const mine = token === tokens.shopper ? orders : [];
    if (url.pathname === '/api/me')
      return sendJson(
        res,
        200,
        token === tokens.shopper
          ? { id: 'cus_1', email: 'ada@example.com', name: 'Ada' }
          : { id: 'cus_2', email: 'bob@example.com', name: null },
      );
    if (url.pathname === '/api/orders') {
      const limit = Number(url.searchParams.get('limit') ?? 10);
      const start = Number(url.searchParams.get('page_token') ?? 0);
      const slice = mine.slice(start, start + limit);
      return sendJson(res, 200, {
        orders: slice,
        next_page_token: start + limit < mine.length ? String(start + limit) : null,
      });
    }
    const m = /^\/api\/orders\/(.+)$/.exec(url.pathname);
    if (m) {
      const ref = decodeURIComponent(m[1]!);
      const found = mine.find((o) => o.id === ref || o.number === ref);
      return found ? sendJson(res, 200, found) : sendJson(res, 404, { error: 'not_found' });
    }
    return sendJson(res, 404, { error: 'not_found' });
  });
  return { ...server, tokens };
}
