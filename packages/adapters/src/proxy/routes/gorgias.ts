/** Gorgias: upload a photo, create a ticket, read it and answer it with its access token. */
import { LIMITS } from '@nectar/core/schema';
import { ACCESS_TOKEN_HEADER, REPLAYED_HEADER } from '@nectar/core/protocol';
import type { ProxyConfig } from '../config.ts';
import { ProxyError, json } from '../errors.ts';
import { need, pick, readJson, str, tagList } from '../fields.ts';
import { joinUrl } from '../shopper.ts';
import type { Route, RouteContext } from './route.ts';

export function gorgiasRoutes(
  gg: NonNullable<ProxyConfig['gorgias']>,
  { vendorJson, idempotent, tokens, uploads }: RouteContext,
): Route[] {
  const auth = () => ({ Authorization: `Basic ${btoa(`${gg.username}:${gg.apiKey}`)}` });

  return [
    {
      method: 'POST',
      path: /^\/gorgias\/uploads$/,
      backend: 'gorgias',
      name: 'gorgias.upload',
      shopper: false,
      async handle(req) {
        const { file, key } = await uploads.take(req);
        const existing = await uploads.existing('gorgias', key);
        if (existing) return json(201, { id: existing }, { [REPLAYED_HEADER]: 'true' });
        const form = new FormData();
        form.append('file', file, file.name);
        const { body } = await vendorJson('Gorgias', joinUrl(gg.url, '/api/upload?type=attachment'), {
          method: 'POST',
          headers: auth(),
          body: form,
        });
        const remote = Array.isArray(body) ? body[0] : undefined;
        if (typeof (remote as { url?: unknown })?.url !== 'string')
          throw new ProxyError(502, 'internal', 'Malformed response from Gorgias.');
        return uploads.save('gorgias', key, { name: file.name, type: file.type, bytes: new Uint8Array(), remote });
      },
    },
    {
      method: 'POST',
      path: /^\/gorgias\/tickets$/,
      backend: 'gorgias',
      name: 'gorgias.create',
      shopper: false,
      async handle(req) {
        const body = await readJson(req);
        return idempotent(req, 'gorgias', body, async (key) => {
          const customer = body.customer as { email?: unknown; name?: unknown } | undefined;
          const email = need(str(customer?.email, LIMITS.emailMax), 'customer.email');
          const name = str(customer?.name, LIMITS.nameMax);
          const subject = need(str(body.subject, 255), 'subject');
          const text = need(str(body.body_text, 64 * 1024), 'body_text');
          const files = await uploads.load('gorgias', body.attachments);
          const meta = typeof body.meta === 'object' && body.meta !== null ? body.meta : undefined;
          const ticket = {
            customer: { email, ...(name ? { name } : {}) },
            channel: 'api',
            via: 'api',
            from_agent: false,
            status: 'open',
            subject,
            // Gorgias has no idempotency keys: the key becomes the ticket's external id.
            external_id: `nectar:${key}`,
            tags: tagList(body.tags).map((n) => ({ name: n })),
            ...(meta ? { meta } : {}),
            messages: [
              {
                channel: 'api',
                via: 'api',
                from_agent: false,
                sender: { email },
                subject,
                body_text: text,
                attachments: files.map((u) => u.remote),
              },
            ],
          };
          const { body: created } = await vendorJson('Gorgias', joinUrl(gg.url, '/api/tickets'), {
            method: 'POST',
            headers: { ...auth(), 'Content-Type': 'application/json' },
            body: JSON.stringify(ticket),
          });
          const id = (created as { id?: unknown })?.id;
          if (typeof id !== 'number') throw new ProxyError(502, 'internal', 'Malformed response from Gorgias.');
          return {
            status: 201,
            body: JSON.stringify(created),
            headers: {
              'Content-Type': 'application/json; charset=utf-8',
              [ACCESS_TOKEN_HEADER]: await tokens.sign('gorgias', String(id)),
            },
          };
        });
      },
    },
    {
      method: 'GET',
      path: /^\/gorgias\/tickets\/(\d{1,18})$/,
      backend: 'gorgias',
      name: 'gorgias.ticket',
      shopper: false,
      async handle(req, id) {
        await tokens.check(req, 'gorgias', id);
        const { body } = await vendorJson('Gorgias', joinUrl(gg.url, `/api/tickets/${id}`), { headers: auth() });
        const t = body as { messages?: unknown };
        // Internal notes are for agents only.
        if (Array.isArray(t?.messages))
          t.messages = t.messages
            .filter((m) => (m as { public?: unknown })?.public !== false)
            .map((m) =>
              pick(m, ['id', 'from_agent', 'body_text', 'created_datetime', 'sent_datetime', 'sender', 'attachments']),
            );
        return json(
          200,
          pick(t, [
            'id',
            'status',
            'subject',
            'external_id',
            'tags',
            'meta',
            'messages',
            'created_datetime',
            'updated_datetime',
            'opened_datetime',
            'closed_datetime',
          ]),
        );
      },
    },
    {
      method: 'POST',
      path: /^\/gorgias\/tickets\/(\d{1,18})\/messages$/,
      backend: 'gorgias',
      name: 'gorgias.message',
      shopper: false,
      async handle(req, id) {
        await tokens.check(req, 'gorgias', id);
        const body = await readJson(req);
        return idempotent(req, 'gorgias', body, async () => {
          const text = need(str(body.body_text, LIMITS.messageMax * 2), 'body_text');
          const { body: ticket } = await vendorJson('Gorgias', joinUrl(gg.url, `/api/tickets/${id}`), {
            headers: auth(),
          });
          const email = (ticket as { customer?: { email?: unknown } })?.customer?.email;
          const { body: message } = await vendorJson('Gorgias', joinUrl(gg.url, `/api/tickets/${id}/messages`), {
            method: 'POST',
            headers: { ...auth(), 'Content-Type': 'application/json' },
            body: JSON.stringify({
              channel: 'api',
              via: 'api',
              from_agent: false,
              sender: { email },
              body_text: text,
            }),
          });
          return {
            status: 201,
            body: JSON.stringify(pick(message, ['id', 'from_agent', 'body_text', 'created_datetime'])),
            headers: { 'Content-Type': 'application/json; charset=utf-8' },
          };
        });
      },
    },
  ];
}
