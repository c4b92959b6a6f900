/** WooCommerce (REST API v3): the verified customer's own account and orders, and a guest's order by number and email. */
import type { ProxyConfig } from '../config.ts';
import { ProxyError, json } from '../errors.ts';
import { pick } from '../fields.ts';
import { joinUrl } from '../shopper.ts';
import type { Route, RouteContext } from './route.ts';

/** What an adapter may read of a WooCommerce order: no addresses, no payment or customer notes. */
const ORDER_FIELDS = [
  'id',
  'number',
  'status',
  'currency',
  'total',
  'date_created_gmt',
  'date_completed_gmt',
  'customer_id',
  'line_items',
  'meta_data',
] as const;
const LINE_FIELDS = ['id', 'name', 'sku', 'quantity', 'image'] as const;
/** Shipment tracking (the WooCommerce Shipment Tracking extension) is the only order meta passed on. */
const TRACKING_META = '_wc_shipment_tracking_items';

function projectOrder(order: unknown): unknown {
  const o = pick(order, ORDER_FIELDS) as Record<string, unknown>;
  if (typeof o !== 'object' || o === null) return o;
  if (Array.isArray(o.line_items)) o.line_items = o.line_items.map((l) => pick(l, LINE_FIELDS));
  if (Array.isArray(o.meta_data))
    o.meta_data = o.meta_data.filter(
      (m) => typeof m === 'object' && m !== null && (m as { key?: unknown }).key === TRACKING_META,
    );
  return o;
}

export function woocommerceRoutes(woo: NonNullable<ProxyConfig['woocommerce']>, { vendorJson }: RouteContext): Route[] {
  const auth = () => ({ Authorization: `Basic ${btoa(`${woo.consumerKey}:${woo.consumerSecret}`)}` });
  const url = (path: string) => joinUrl(woo.url, `/wp-json/wc/v3/${path}`);
  const customer = async (shopperId: string) => {
    const id = woo.customerId ? await woo.customerId(shopperId) : shopperId;
    if (!id || !/^\d+$/.test(id)) throw new ProxyError(404, 'not_found', 'No customer account for this shopper.');
    return id;
  };

  return [
    {
      method: 'GET',
      path: /^\/woocommerce\/customer$/,
      backend: 'woocommerce',
      name: 'woocommerce.customer',
      shopper: true,
      async handle(_req, _id, shopperId) {
        const { body } = await vendorJson('WooCommerce', url(`customers/${await customer(shopperId)}`), {
          headers: auth(),
        });
        return json(200, pick(body, ['id', 'email', 'first_name', 'last_name']));
      },
    },
    {
      method: 'GET',
      path: /^\/woocommerce\/orders$/,
      backend: 'woocommerce',
      name: 'woocommerce.orders',
      shopper: true,
      async handle(req, _id, shopperId) {
        const q = new URL(req.url).searchParams;
        const page = Math.max(1, Math.min(10_000, Number.parseInt(q.get('page') ?? '1', 10) || 1));
        const perPage = Math.max(1, Math.min(100, Number.parseInt(q.get('per_page') ?? '10', 10) || 10));
        const params = new URLSearchParams({
          customer: await customer(shopperId),
          page: String(page),
          per_page: String(perPage),
          orderby: 'date',
          order: 'desc',
        });
        const { body, res } = await vendorJson('WooCommerce', url(`orders?${params}`), { headers: auth() });
        const headers: Record<string, string> = {};
        for (const h of ['X-WP-Total', 'X-WP-TotalPages']) {
          const v = res.headers.get(h);
          if (v !== null) headers[h] = v;
        }
        return json(200, Array.isArray(body) ? body.map(projectOrder) : body, headers);
      },
    },
    {
      method: 'GET',
      path: /^\/woocommerce\/orders\/(\d{1,18})$/,
      backend: 'woocommerce',
      name: 'woocommerce.order',
      shopper: true,
      async handle(_req, id, shopperId) {
        const own = await customer(shopperId);
        const { body } = await vendorJson('WooCommerce', url(`orders/${id}`), { headers: auth() });
        if (String((body as { customer_id?: unknown })?.customer_id) !== own)
          throw new ProxyError(404, 'not_found', 'Not found.');
        return json(200, projectOrder(body));
      },
    },
    {
      // Guest lookup: order number + billing email. A wrong email and an unknown number look the same.
      method: 'GET',
      path: /^\/woocommerce\/guest-order$/,
      backend: 'woocommerce',
      name: 'woocommerce.guest-order',
      shopper: false,
      async handle(req) {
        const q = new URL(req.url).searchParams;
        const number = (q.get('number') ?? '').replace(/^#/, '').trim();
        const email = (q.get('email') ?? '').trim().toLowerCase();
        if (!/^\d{1,18}$/.test(number) || !email) throw new ProxyError(404, 'not_found', 'Not found.');
        const { body } = await vendorJson('WooCommerce', url(`orders/${number}`), { headers: auth() });
        const billing = (body as { billing?: { email?: unknown } })?.billing?.email;
        if (typeof billing !== 'string' || billing.trim().toLowerCase() !== email)
          throw new ProxyError(404, 'not_found', 'Not found.');
        return json(200, projectOrder(body));
      },
    },
  ];
}
