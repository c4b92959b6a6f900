/** Medusa v2: tracking numbers of the shopper's own order (the store API hides fulfillment labels). */
import type { ProxyConfig } from '../config.ts';
import { ProxyError, json } from '../errors.ts';
import { pick } from '../fields.ts';
import { joinUrl } from '../shopper.ts';
import type { Route, RouteContext } from './route.ts';

export function medusaRoutes(m: NonNullable<ProxyConfig['medusa']>, { vendorJson }: RouteContext): Route[] {
  return [
    {
      method: 'GET',
      path: /^\/medusa\/orders\/([A-Za-z0-9_]{1,64})\/fulfillments$/,
      backend: 'medusa',
      name: 'medusa.fulfillments',
      shopper: true,
      async handle(_req, id, shopperId) {
        const customer = m.customerId ? await m.customerId(shopperId) : shopperId;
        const fields = 'id,customer_id,*fulfillments,*fulfillments.labels';
        const { body } = await vendorJson(
          'Medusa',
          joinUrl(m.url, `/admin/orders/${id}?fields=${encodeURIComponent(fields)}`),
          {
            headers: m.adminHeaders,
          },
        );
        const order = (body as { order?: { customer_id?: unknown; fulfillments?: unknown } })?.order;
        if (!order || order.customer_id !== customer) throw new ProxyError(404, 'not_found', 'Not found.');
        const fulfillments = Array.isArray(order.fulfillments) ? order.fulfillments : [];
        return json(200, {
          fulfillments: fulfillments.map((f) => {
            const out = pick(f, ['id', 'shipped_at', 'delivered_at', 'canceled_at', 'created_at']) as Record<
              string,
              unknown
            >;
            const labels = (f as { labels?: unknown })?.labels;
            out.labels = Array.isArray(labels) ? labels.map((l) => pick(l, ['tracking_number', 'tracking_url'])) : [];
            return out;
          }),
        });
      },
    },
  ];
}
