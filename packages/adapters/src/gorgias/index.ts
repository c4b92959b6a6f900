/**
 * Gorgias desk adapter — through the secrets proxy (`@nectar/adapters/proxy`), which holds the API key
 * and exposes only: upload a photo, create a ticket, read it and add a message with its access token.
 *
 * ```ts
 * const desk = gorgiasDesk({ proxyUrl: 'https://help.example/v1/proxy' });
 * ```
 *
 * Fields: the category becomes the tags `nectar` and `nectar-<category>`, the category, order and
 * affected items go to the ticket's `meta.nectar` (shown in the Gorgias sidebar and usable in rules),
 * photos are uploaded with `POST /api/upload` and attached to the first message. Gorgias has no
 * idempotency keys: the proxy answers a retried key with the first result and stores the key as the
 * ticket's `external_id` (`nectar:<key>`).
 */
import * as z from 'zod/mini';
import type { DeskAdapter, WriteOptions } from '@nectar/core';
import { NotFoundError } from '@nectar/core/errors';
import { IDEMPOTENCY_KEY_HEADER } from '@nectar/core/protocol';
import type { Category, Ticket, TicketStatus, TimelineEntry } from '@nectar/core/schema';
import { bodyOf, contactOf, isCategory, onceByKey, promiseFor, subjectOf } from '../internal/desk.ts';
import { proxyAccessToken, proxyCaller, proxyMessage, proxyUpload } from '../internal/proxy-desk.ts';

export interface GorgiasDeskOptions {
  /** URL of the proxy's base path, e.g. `https://help.example/v1/proxy`. */
  proxyUrl: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export interface GorgiasDesk extends DeskAdapter {
  /** Adds the shopper's message to the ticket. Returns the updated ticket. */
  addMessage(id: string, accessToken: string, input: { message: string }, options: WriteOptions): Promise<Ticket>;
}

const BACKEND = 'Gorgias';
const iso = z.string().check(z.iso.datetime({ offset: true, local: false }));
const ticketSchema = z.object({
  id: z.number(),
  status: z.string(),
  subject: z.nullable(z.optional(z.string())),
  tags: z.optional(z.array(z.object({ name: z.string() }))),
  meta: z.nullable(z.optional(z.record(z.string(), z.unknown()))),
  created_datetime: iso,
  updated_datetime: z.nullable(z.optional(iso)),
  closed_datetime: z.nullable(z.optional(iso)),
  messages: z.optional(
    z.array(
      z.object({
        id: z.number(),
        from_agent: z.boolean(),
        body_text: z.nullable(z.string()),
        created_datetime: iso,
        sender: z.nullable(z.optional(z.object({ name: z.nullable(z.optional(z.string())) }))),
        attachments: z.nullable(
          z.optional(
            z.array(
              z.object({
                url: z.string(),
                content_type: z.nullable(z.optional(z.string())),
                size: z.nullable(z.optional(z.number())),
              }),
            ),
          ),
        ),
      }),
    ),
  ),
});
type GorgiasTicket = z.infer<typeof ticketSchema>;

/** Gorgias tickets are `open` or `closed`; an open ticket with an agent's answer is waiting on the shopper. */
export function gorgiasStatus(t: Pick<GorgiasTicket, 'status' | 'messages'>): TicketStatus {
  if (t.status === 'closed') return 'resolved';
  const last = t.messages?.at(-1);
  if (last?.from_agent) return 'waiting_on_customer';
  return t.messages && t.messages.length > 1 ? 'open' : 'new';
}

export function gorgiasDesk(options: GorgiasDeskOptions): GorgiasDesk {
  if (!options?.proxyUrl) throw new TypeError('gorgiasDesk needs `proxyUrl`');
  const call = proxyCaller(BACKEND, 'gorgias', options);

  const categoryOf = (t: GorgiasTicket): Category => {
    const meta = t.meta?.nectar as { category?: unknown } | undefined;
    if (isCategory(meta?.category)) return meta.category;
    return t.tags?.map((x) => x.name.replace(/^nectar-/, '')).find(isCategory) ?? 'other';
  };

  function toTicket(t: GorgiasTicket): Ticket {
    const category = categoryOf(t);
    const [first, ...rest] = t.messages ?? [];
    const timeline: TimelineEntry[] = [{ kind: 'created', at: t.created_datetime, by: 'customer' }];
    for (const m of rest)
      timeline.push(
        m.from_agent
          ? {
              kind: 'replied',
              at: m.created_datetime,
              by: 'agent',
              body: m.body_text ?? '',
              ...(m.sender?.name ? { authorName: m.sender.name } : {}),
            }
          : { kind: 'customer_message', at: m.created_datetime, by: 'customer', body: m.body_text ?? '' },
      );
    const status = gorgiasStatus(t);
    if (status === 'resolved')
      timeline.push({
        kind: 'resolved',
        at: t.closed_datetime ?? t.updated_datetime ?? t.created_datetime,
        by: 'agent',
      });
    const orderRef = (t.meta?.nectar as { orderRef?: unknown } | undefined)?.orderRef;
    return {
      id: String(t.id),
      number: `#${t.id}`,
      status,
      category,
      ...(t.subject ? { subject: t.subject } : {}),
      message: first?.body_text ?? '',
      ...(typeof orderRef === 'string' && orderRef ? { orderRef } : {}),
      createdAt: t.created_datetime,
      updatedAt: t.updated_datetime ?? t.created_datetime,
      promise: promiseFor(category, t.created_datetime),
      attachments: (first?.attachments ?? []).map((a, i) => ({
        id: String(i + 1),
        contentType: a.content_type ?? 'application/octet-stream',
        size: a.size ?? 0,
      })),
      timeline,
    };
  }

  const getTicket = async (id: string, accessToken: string) => {
    if (!/^\d+$/.test(id)) throw new NotFoundError('Gorgias: not found');
    const { body } = await call(`tickets/${id}`, { headers: { Authorization: `Bearer ${accessToken}` } }, ticketSchema);
    return toTicket(body);
  };

  const once = onceByKey<Awaited<ReturnType<GorgiasDesk['createTicket']>>>();
  return {
    name: 'gorgias',
    capabilities: { attachments: true, ticketStatus: true, messages: true, feedback: false },

    createTicket(input, { idempotencyKey, signal }) {
      return once(idempotencyKey, async () => {
        const { body, response } = await call(
          'tickets',
          {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', [IDEMPOTENCY_KEY_HEADER]: idempotencyKey },
            body: JSON.stringify({
              customer: {
                email: contactOf(input).email,
                ...(contactOf(input).name ? { name: contactOf(input).name } : {}),
              },
              subject: subjectOf(input),
              body_text: bodyOf(input),
              tags: ['nectar', `nectar-${input.category}`],
              meta: {
                nectar: {
                  category: input.category,
                  ...(input.orderRef ? { orderRef: input.orderRef } : {}),
                  ...(input.items?.length ? { items: input.items } : {}),
                  ...(input.locale ? { locale: input.locale } : {}),
                },
              },
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
          status: gorgiasStatus(body),
          createdAt: body.created_datetime,
          accessToken: token,
          promise: promiseFor(input.category, body.created_datetime),
        };
      });
    },

    uploadAttachment: (file, filename, write) => proxyUpload(call, file, filename, write),

    getTicket,

    async addMessage(id, accessToken, { message }, write) {
      await proxyMessage(
        call,
        `tickets/${encodeURIComponent(id)}/messages`,
        accessToken,
        { body_text: message },
        write,
      );
      return getTicket(id, accessToken);
    },
  };
}
