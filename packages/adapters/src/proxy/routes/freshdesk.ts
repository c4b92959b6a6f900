/** Freshdesk: create a ticket (with photos uploaded first), read it and answer it with its access token. */
import { LIMITS } from '@nectar/core/schema';
import { ACCESS_TOKEN_HEADER } from '@nectar/core/protocol';
import type { ProxyConfig } from '../config.ts';
import { ProxyError, json } from '../errors.ts';
import { need, pick, readJson, str, tagList } from '../fields.ts';
import { joinUrl } from '../shopper.ts';
import type { Route, RouteContext } from './route.ts';

export function freshdeskRoutes(
  fd: NonNullable<ProxyConfig['freshdesk']>,
  { vendorJson, idempotent, tokens, uploads }: RouteContext,
): Route[] {
  const auth = () => ({ Authorization: `Basic ${btoa(`${fd.apiKey}:X`)}` });

  return [
    {
      method: 'POST',
      path: /^\/freshdesk\/uploads$/,
      backend: 'freshdesk',
      name: 'freshdesk.upload',
      shopper: false,
      async handle(req) {
        const { file, key } = await uploads.take(req);
        return uploads.save('freshdesk', key, {
          name: file.name,
          type: file.type,
          bytes: new Uint8Array(await file.arrayBuffer()),
        });
      },
    },
    {
      method: 'POST',
      path: /^\/freshdesk\/tickets$/,
      backend: 'freshdesk',
      name: 'freshdesk.create',
      shopper: false,
      async handle(req) {
        const body = await readJson(req);
        return idempotent(req, 'freshdesk', body, async (key) => {
          const email = need(str(body.email, LIMITS.emailMax), 'email');
          const fields: Record<string, unknown> = {
            email,
            subject: need(str(body.subject, 255), 'subject'),
            description: need(str(body.description, 64 * 1024), 'description'),
            status: 2,
            source: 2,
            priority: [1, 2, 3, 4].includes(body.priority as number) ? body.priority : 1,
          };
          const name = str(body.name, LIMITS.nameMax);
          if (name) fields.name = name;
          // The key is recorded on the ticket (Freshdesk has no idempotency keys) so duplicates can be found.
          fields.tags = [...tagList(body.tags), `nectar-${key}`.slice(0, 64)];
          if (typeof body.custom_fields === 'object' && body.custom_fields !== null) {
            const cf: Record<string, string | number> = {};
            for (const [k, v] of Object.entries(body.custom_fields)) {
              if (/^cf_[a-z0-9_]{1,60}$/.test(k) && (typeof v === 'string' || typeof v === 'number'))
                cf[k] = typeof v === 'string' ? v.slice(0, 255) : v;
            }
            fields.custom_fields = cf;
          }
          const files = await uploads.load('freshdesk', body.attachments);
          let init: RequestInit;
          if (files.length === 0) {
            init = {
              method: 'POST',
              headers: { ...auth(), 'Content-Type': 'application/json' },
              body: JSON.stringify(fields),
            };
          } else {
            // Freshdesk takes attachments only as multipart `attachments[]` on the create call.
            const form = new FormData();
            for (const [k, v] of Object.entries(fields)) {
              if (k === 'tags') for (const t of v as string[]) form.append('tags[]', t);
              else if (k === 'custom_fields')
                for (const [ck, cv] of Object.entries(v as Record<string, unknown>))
                  form.append(`custom_fields[${ck}]`, String(cv));
              else form.append(k, String(v));
            }
            for (const u of files)
              form.append('attachments[]', new Blob([u.bytes as BlobPart], { type: u.type }), u.name);
            init = { method: 'POST', headers: auth(), body: form };
          }
          const { body: ticket } = await vendorJson('Freshdesk', joinUrl(fd.url, '/api/v2/tickets'), init);
          const id = (ticket as { id?: unknown })?.id;
          if (typeof id !== 'number') throw new ProxyError(502, 'internal', 'Malformed response from Freshdesk.');
          return {
            status: 201,
            body: JSON.stringify(ticket),
            headers: {
              'Content-Type': 'application/json; charset=utf-8',
              [ACCESS_TOKEN_HEADER]: await tokens.sign('freshdesk', String(id)),
            },
          };
        });
      },
    },
    {
      method: 'GET',
      path: /^\/freshdesk\/tickets\/(\d{1,18})$/,
      backend: 'freshdesk',
      name: 'freshdesk.ticket',
      shopper: false,
      async handle(req, id) {
        await tokens.check(req, 'freshdesk', id);
        const { body } = await vendorJson('Freshdesk', joinUrl(fd.url, `/api/v2/tickets/${id}?include=conversations`), {
          headers: auth(),
        });
        const t = body as { conversations?: unknown };
        // Private notes are for agents only.
        if (Array.isArray(t?.conversations))
          t.conversations = t.conversations
            .filter((c) => (c as { private?: unknown })?.private === false)
            .map((c) => pick(c, ['id', 'body_text', 'incoming', 'private', 'user_id', 'created_at', 'updated_at']));
        return json(200, t);
      },
    },
    {
      method: 'POST',
      path: /^\/freshdesk\/tickets\/(\d{1,18})\/notes$/,
      backend: 'freshdesk',
      name: 'freshdesk.message',
      shopper: false,
      async handle(req, id) {
        await tokens.check(req, 'freshdesk', id);
        const body = await readJson(req);
        return idempotent(req, 'freshdesk', body, async () => {
          const text = need(str(body.body, LIMITS.messageMax * 2), 'body');
          const { body: ticket } = await vendorJson('Freshdesk', joinUrl(fd.url, `/api/v2/tickets/${id}`), {
            headers: auth(),
          });
          const requester = (ticket as { requester_id?: unknown })?.requester_id;
          // A public note marked incoming, on behalf of the requester: how the API records a customer's reply.
          const { body: note } = await vendorJson('Freshdesk', joinUrl(fd.url, `/api/v2/tickets/${id}/notes`), {
            method: 'POST',
            headers: { ...auth(), 'Content-Type': 'application/json' },
            body: JSON.stringify({ body: text, private: false, incoming: true, user_id: requester }),
          });
          return {
            status: 201,
            body: JSON.stringify(note),
            headers: { 'Content-Type': 'application/json; charset=utf-8' },
          };
        });
      },
    },
  ];
}
