/**
 * The desk adapter of the Nectar reference service (HTTP API v1).
 *
 * ```ts
 * const desk = httpDesk({ endpoint: 'http://localhost:8787', siteKey: 'demo' });
 * ```
 */
import * as z from 'zod/mini';
import type { DeskAdapter, DeskIdentity } from '@nectar/core';
import { BackendError } from '@nectar/core/errors';
import { SITE_HEADER, USER_HEADER } from '@nectar/core/protocol';
import {
  CATEGORIES,
  LOCALES,
  STATUSES,
  type Answer,
  type FeedbackReceipt,
  type Ticket,
  type TicketReceipt,
  type TicketSummary,
} from '@nectar/core/schema';
import { createTransport, type TransportRetry } from '@nectar/core/transport';
import { shopperHeaders } from '../proxy/shopper.ts';

// What the service answers, checked before it reaches the client: a malformed answer is a
// BackendError, never passed on (the outbox would otherwise store a receipt without a token).
const text = z.string().check(z.minLength(1));
const promiseSchema = z.object({ firstResponseBy: text, resolveBy: text });
const receiptSchema = z.object({
  id: text,
  number: text,
  status: z.enum(STATUSES),
  createdAt: text,
  accessToken: text,
  promise: promiseSchema,
});
const ticketSchema = z.object({
  id: text,
  number: text,
  status: z.enum(STATUSES),
  category: text,
  message: z.string(),
  createdAt: text,
  promise: promiseSchema,
  timeline: z.array(z.object({ kind: text, at: text, by: text })),
});
const uploadSchema = z.object({ id: text });
const ticketListSchema = z.object({
  tickets: z.array(
    z.object({
      id: text,
      number: text,
      status: z.enum(STATUSES),
      category: z.enum(CATEGORIES),
      createdAt: text,
      updatedAt: text,
      promise: promiseSchema,
    }),
  ),
});
const feedbackSchema = z.object({ id: text, kind: text, score: z.number(), createdAt: text });
const answersSchema = z.object({
  answers: z.array(
    z.object({
      id: text,
      title: z.string(),
      body: z.string(),
      html: z.optional(z.string()),
      locale: z.enum(LOCALES),
      url: z.optional(z.string()),
      score: z.number(),
    }),
  ),
});
const acceptedSchema = z.object({ accepted: z.int().check(z.gte(0)) });
// Each rule was checked against the contract's schema when it was saved; the nudge engine checks it again.
const nudgesSchema = z.object({ version: z.optional(z.number()), rules: z.array(z.unknown()) });

function checked<T>(schema: z.ZodMiniType, what: string) {
  return (body: unknown): T => {
    if (!schema.safeParse(body).success) throw new BackendError(`Malformed ${what} from the Nectar service`, 200);
    return body as T;
  };
}
const asReceipt = checked<TicketReceipt>(receiptSchema, 'ticket receipt');
const asTicket = checked<Ticket>(ticketSchema, 'ticket');
const asUpload = checked<{ id: string }>(uploadSchema, 'upload receipt');
const asTicketList = checked<{ tickets: TicketSummary[] }>(ticketListSchema, 'ticket list');
const asFeedback = checked<FeedbackReceipt>(feedbackSchema, 'feedback receipt');
const asAnswers = checked<{ answers: Answer[] }>(answersSchema, 'answer list');
const asAccepted = checked<{ accepted: number }>(acceptedSchema, 'event receipt');
const asNudges = checked<{ version?: number; rules: unknown[] }>(nudgesSchema, 'nudge rule list');

export interface HttpDeskOptions {
  /** Base URL of the service, e.g. `https://help.example`. */
  endpoint: string;
  /** Public site key, sent as `X-Nectar-Site`. */
  siteKey: string;
  /** Timeout of one attempt, ms. Default 10 000. */
  timeout?: number;
  /** Retry policy of the transport (or a number of retries). */
  retry?: number | TransportRetry;
  fetch?: typeof fetch;
}

export function httpDesk(options: HttpDeskOptions): DeskAdapter {
  if (!options?.endpoint || !options.siteKey) throw new TypeError('httpDesk needs `endpoint` and `siteKey`');
  const transport = createTransport({
    endpoint: options.endpoint,
    headers: { [SITE_HEADER]: options.siteKey },
    ...(options.timeout !== undefined ? { timeout: options.timeout } : {}),
    ...(options.retry !== undefined ? { retry: options.retry } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  // A verified shopper (identity verification) is sent with every call once the client knows it.
  let identity: Record<string, string> = {};
  const withIdentity = (headers: Record<string, string> = {}) => ({ ...identity, ...headers });
  return {
    name: 'http',
    capabilities: { attachments: true, ticketStatus: true, messages: true, feedback: true, verifiedContact: true },
    identify(user: DeskIdentity | undefined) {
      identity = user?.id && user.hash ? shopperHeaders({ id: user.id, hash: user.hash }) : {};
    },
    createTicket: (input, { idempotencyKey, signal }) =>
      transport
        .request('POST', '/v1/tickets', {
          json: input,
          idempotencyKey,
          headers: withIdentity(),
          ...(signal ? { signal } : {}),
        })
        .then(asReceipt),
    uploadAttachment(file, filename, { idempotencyKey, signal }) {
      const body = new FormData();
      body.append('file', file, filename);
      return transport
        .request('POST', '/v1/attachments', { body, idempotencyKey, ...(signal ? { signal } : {}) })
        .then(asUpload);
    },
    async listTickets() {
      if (!identity[USER_HEADER]) return [];
      return (await transport.request('GET', '/v1/tickets', { headers: withIdentity() }).then(asTicketList)).tickets;
    },
    getTicket: (id, accessToken) =>
      transport
        .request('GET', `/v1/tickets/${encodeURIComponent(id)}`, {
          headers: withIdentity(accessToken ? { Authorization: `Bearer ${accessToken}` } : {}),
        })
        .then(asTicket),
    addMessage: (id, accessToken, input, { idempotencyKey, signal }) =>
      transport
        .request('POST', `/v1/tickets/${encodeURIComponent(id)}/messages`, {
          json: input,
          idempotencyKey,
          headers: withIdentity(accessToken ? { Authorization: `Bearer ${accessToken}` } : {}),
          ...(signal ? { signal } : {}),
        })
        .then(asTicket),
    sendFeedback: (input, { idempotencyKey, signal, accessToken }) =>
      transport
        .request('POST', '/v1/feedback', {
          json: input,
          idempotencyKey,
          headers: withIdentity(accessToken ? { Authorization: `Bearer ${accessToken}` } : {}),
          ...(signal ? { signal } : {}),
        })
        .then(asFeedback),
    searchAnswers(query, { locale, limit, signal }) {
      const params = new URLSearchParams({ q: query, locale });
      if (limit !== undefined) params.set('limit', String(limit));
      return transport
        .request('GET', `/v1/answers?${params}`, { ...(signal ? { signal } : {}) })
        .then(asAnswers)
        .then((body) => body.answers);
    },
    getNudges: ({ locale }) => transport.request('GET', `/v1/nudges?${new URLSearchParams({ locale })}`).then(asNudges),
    sendEvents: (events, { idempotencyKey, signal }) =>
      transport
        .request('POST', '/v1/events', {
          json: { events },
          idempotencyKey,
          ...(signal ? { signal } : {}),
        })
        .then(asAccepted),
  };
}
