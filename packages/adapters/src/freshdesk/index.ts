/**
 * Freshdesk desk adapter — through the secrets proxy (`@nectar/adapters/proxy`), which holds the API
 * key and exposes only: upload a photo, create a ticket, read it and add a message with its access token.
 *
 * ```ts
 * const desk = freshdeskDesk({ proxyUrl: 'https://help.example/v1/proxy' });
 * ```
 *
 * Fields: the category goes to the custom field `cf_nectar_category` and a tag `nectar-<category>`,
 * the order to `cf_nectar_order` (rename with `fields`); photos are sent as `attachments[]` of the
 * create call (Freshdesk has no separate upload, so the proxy holds them until then). The priority
 * follows the category's severity. Freshdesk has no idempotency keys: the proxy answers a retried key
 * with the first result and records the key as a tag `nectar-<key>` on the ticket.
 */
import * as z from 'zod/mini';
import type { DeskAdapter, WriteOptions } from '@nectar/core';
import { NotFoundError } from '@nectar/core/errors';
import { IDEMPOTENCY_KEY_HEADER } from '@nectar/core/protocol';
import {
  CATEGORY_SEVERITY,
  type Category,
  type Ticket,
  type TicketStatus,
  type TimelineEntry,
} from '@nectar/core/schema';
import { bodyOf, contactOf, isCategory, onceByKey, promiseFor, subjectOf, textToHtml } from '../internal/desk.ts';
import { proxyAccessToken, proxyCaller, proxyMessage, proxyUpload } from '../internal/proxy-desk.ts';

export interface FreshdeskDeskOptions {
  /** URL of the proxy's base path, e.g. `https://help.example/v1/proxy`. */
  proxyUrl: string;
  /** Custom ticket field names. Defaults `cf_nectar_category` and `cf_nectar_order`. */
  fields?: { category?: string; orderRef?: string };
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export interface FreshdeskDesk extends DeskAdapter {
  /** Adds the shopper's message (a public note marked incoming). Returns the updated ticket. */
  addMessage(id: string, accessToken: string, input: { message: string }, options: WriteOptions): Promise<Ticket>;
}

const BACKEND = 'Freshdesk';
const iso = z.string().check(z.iso.datetime());
const ticketSchema = z.object({
  id: z.number(),
  status: z.number(),
  subject: z.nullable(z.optional(z.string())),
  description_text: z.nullable(z.optional(z.string())),
  tags: z.optional(z.array(z.string())),
  custom_fields: z.optional(z.record(z.string(), z.unknown())),
  created_at: iso,
  updated_at: iso,
  attachments: z.optional(z.array(z.object({ id: z.number(), content_type: z.string(), size: z.number() }))),
  conversations: z.optional(
    z.array(z.object({ id: z.number(), body_text: z.string(), incoming: z.boolean(), created_at: iso })),
  ),
});
type FreshdeskTicket = z.infer<typeof ticketSchema>;

/** Freshdesk status codes: 2 open, 3 pending, 4 resolved, 5 closed, 6 waiting on customer, 7 waiting on third party. */
export function freshdeskStatus(status: number): TicketStatus {
  switch (status) {
    case 4:
      return 'resolved';
    case 5:
      return 'closed';
    case 6:
      return 'waiting_on_customer';
    default:
      return 'open';
  }
}

const PRIORITY = { low: 1, medium: 2, high: 3 } as const;

export function freshdeskDesk(options: FreshdeskDeskOptions): FreshdeskDesk {
  if (!options?.proxyUrl) throw new TypeError('freshdeskDesk needs `proxyUrl`');
  const call = proxyCaller(BACKEND, 'freshdesk', options);
  const cfCategory = options.fields?.category ?? 'cf_nectar_category';
  const cfOrder = options.fields?.orderRef ?? 'cf_nectar_order';

  const categoryOf = (t: FreshdeskTicket): Category => {
    const v = t.custom_fields?.[cfCategory];
    if (isCategory(v)) return v;
    const tag = t.tags?.map((x) => x.replace(/^nectar-/, '')).find(isCategory);
    return tag ?? 'other';
  };

  function toTicket(t: FreshdeskTicket): Ticket {
    const category = categoryOf(t);
    const status = freshdeskStatus(t.status);
    const timeline: TimelineEntry[] = [{ kind: 'created', at: t.created_at, by: 'customer' }];
    for (const c of t.conversations ?? [])
      timeline.push(
        c.incoming
          ? { kind: 'customer_message', at: c.created_at, by: 'customer', body: c.body_text }
          : { kind: 'replied', at: c.created_at, by: 'agent', body: c.body_text },
      );
    if (status === 'resolved' || status === 'closed')
      timeline.push({ kind: status === 'closed' ? 'closed' : 'resolved', at: t.updated_at, by: 'agent' });
    const orderRef = t.custom_fields?.[cfOrder];
    return {
      id: String(t.id),
      number: `#${t.id}`,
      status,
      category,
      ...(t.subject ? { subject: t.subject } : {}),
      message: t.description_text ?? '',
      ...(typeof orderRef === 'string' && orderRef ? { orderRef } : {}),
      createdAt: t.created_at,
      updatedAt: t.updated_at,
      promise: promiseFor(category, t.created_at),
      attachments: (t.attachments ?? []).map((a) => ({ id: String(a.id), contentType: a.content_type, size: a.size })),
      timeline,
    };
  }

  const getTicket = async (id: string, accessToken: string) => {
    if (!/^\d+$/.test(id)) throw new NotFoundError('Freshdesk: not found');
    const { body } = await call(`tickets/${id}`, { headers: { Authorization: `Bearer ${accessToken}` } }, ticketSchema);
    return toTicket(body);
  };

  const once = onceByKey<Awaited<ReturnType<FreshdeskDesk['createTicket']>>>();
  return {
    name: 'freshdesk',
    capabilities: { attachments: true, ticketStatus: true, messages: true, feedback: false },

    createTicket(input, { idempotencyKey, signal }) {
      return once(idempotencyKey, async () => {
        const { body, response } = await call(
          'tickets',
          {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', [IDEMPOTENCY_KEY_HEADER]: idempotencyKey },
            body: JSON.stringify({
              email: contactOf(input).email,
              ...(contactOf(input).name ? { name: contactOf(input).name } : {}),
              subject: subjectOf(input),
              description: textToHtml(bodyOf(input)),
              priority: PRIORITY[CATEGORY_SEVERITY[input.category]],
              tags: ['nectar', `nectar-${input.category}`],
              custom_fields: { [cfCategory]: input.category, ...(input.orderRef ? { [cfOrder]: input.orderRef } : {}) },
              ...(input.attachments?.length ? { attachments: input.attachments } : {}),
            }),
            ...(signal ? { signal } : {}),
          },
          ticketSchema,
        );
        const token = proxyAccessToken(response, BACKEND);
        return {
          id: String(body.id),
          number: `#${body.id}`,
          status: 'new',
          createdAt: body.created_at,
          accessToken: token,
          promise: promiseFor(input.category, body.created_at),
        };
      });
    },

    uploadAttachment: (file, filename, write) => proxyUpload(call, file, filename, write),

    getTicket,

    async addMessage(id, accessToken, { message }, write) {
      await proxyMessage(
        call,
        `tickets/${encodeURIComponent(id)}/notes`,
        accessToken,
        { body: textToHtml(message) },
        write,
      );
      return getTicket(id, accessToken);
    },
  };
}
