/**
 * `/v1/agent/webhooks` (admins): endpoints `{ url, events, site? }` → `{ id, secret: 'whsec_…' }` (the
 * secret is shown once), the delivery log with every attempt, replay of a delivery, and secret rotation
 * (both signatures are sent for a day, so the receiver can switch without missing one).
 */
import { randomUUID } from 'node:crypto';
import { Hono } from 'hono';
import { isId } from '../../domain/access.ts';
import { assertPublicUrl, endpointCreateSchema, newSecret } from '../../domain/webhooks.ts';
import type { AgentEnv, Deps } from '../../env.ts';
import { notFound, validationError } from '../../http-error.ts';
import { requireAdmin } from '../../middleware/agent.ts';
import { jsonLimit } from '../../middleware/body-limit.ts';
import { json } from '../../middleware/validate.ts';
import {
  deleteEndpoint,
  enqueueOne,
  findEndpoint,
  insertEndpoint,
  listDeliveries,
  listEndpoints,
  requeueDelivery,
  rotateSecret,
  type EndpointRow,
} from '../../store/webhooks.ts';

const ROTATION_OVERLAP_MS = 24 * 3_600_000;

const toEndpoint = (row: EndpointRow) => ({
  id: row.id,
  url: row.url,
  events: row.events,
  site: row.site,
  createdAt: new Date(row.created_at).toISOString(),
  disabled: row.disabled_at !== null,
  ...(row.disabled_reason ? { disabledReason: row.disabled_reason } : {}),
});

export function agentWebhookRoutes(deps: Deps) {
  const { db } = deps;
  const endpoint = async (id: string | undefined) => {
    const row = isId(id) ? await findEndpoint(db, id) : undefined;
    if (!row) throw notFound('No such webhook endpoint.');
    return row;
  };
  return new Hono<AgentEnv>()
    .use('*', requireAdmin())
    .get('/', async (c) => c.json({ webhooks: (await listEndpoints(db)).map(toEndpoint) }))
    .post('/', jsonLimit(8192), json(endpointCreateSchema), async (c) => {
      const { url, events, site } = c.var.body;
      if (site !== undefined && !deps.sites.has(site)) throw validationError({ site: 'invalid_choice' });
      await assertPublicUrl(url, deps.webhooks.allowPrivate);
      const secret = newSecret();
      const row = await insertEndpoint(
        db,
        { id: randomUUID(), site: site ?? null, url, events: [...new Set(events)], secret },
        new Date(),
      );
      return c.json({ ...toEndpoint(row), secret }, 201);
    })
    .delete('/:id', async (c) => {
      const id = c.req.param('id');
      if (!(isId(id) && (await deleteEndpoint(db, id)))) throw notFound('No such webhook endpoint.');
      return c.body(null, 204);
    })
    .post('/:id/rotate', async (c) => {
      const row = await endpoint(c.req.param('id'));
      const secret = newSecret();
      await rotateSecret(db, row.id, secret, new Date(Date.now() + ROTATION_OVERLAP_MS));
      return c.json({ ...toEndpoint(row), secret });
    })
    .post('/:id/test', async (c) => {
      // A signed test message (`webhook.test`) to this endpoint only, logged like any delivery.
      const row = await endpoint(c.req.param('id'));
      const now = new Date();
      const body = JSON.stringify({
        type: 'webhook.test',
        timestamp: now.toISOString(),
        data: { endpoint: row.id, message: 'A test event from Nectar: your endpoint verified this signature.' },
      });
      const id = await enqueueOne(db, row.id, { type: 'webhook.test', body }, now);
      return c.json({ id, event: 'webhook.test', status: 'pending' }, 202);
    })
    .get('/:id/deliveries', async (c) => {
      const row = await endpoint(c.req.param('id'));
      const deliveries = await listDeliveries(db, row.id);
      return c.json({
        deliveries: deliveries.map((d) => ({
          id: d.id,
          event: d.event,
          status: d.status,
          attempts: d.attempts,
          createdAt: new Date(d.created_at).toISOString(),
          ...(d.delivered_at ? { deliveredAt: new Date(d.delivered_at).toISOString() } : {}),
          ...(d.next_attempt_at && d.status === 'pending'
            ? { nextAttemptAt: new Date(d.next_attempt_at).toISOString() }
            : {}),
          log: d.log.map((a) => ({
            at: new Date(a.at).toISOString(),
            status: a.status_code,
            error: a.error,
            ms: a.duration_ms,
          })),
        })),
      });
    })
    .post('/:id/deliveries/:deliveryId/replay', async (c) => {
      const row = await endpoint(c.req.param('id'));
      const deliveryId = c.req.param('deliveryId');
      if (!/^msg_[0-9a-f]{32}$/.test(deliveryId) || !(await requeueDelivery(db, row.id, deliveryId, new Date()))) {
        throw notFound('No such delivery.');
      }
      return c.json({ id: deliveryId, status: 'pending' }, 202);
    });
}
