/**
 * Zendesk desk adapter (Requests API — the end-user side of Zendesk Support).
 *
 * ```ts
 * const desk = zendeskDesk({
 *   url: 'https://acme.zendesk.com',
 *   fields: { category: 360001, orderRef: 360002, idempotencyKey: 360003 },
 * });
 * ```
 *
 * Without `endUserToken` requests are anonymous (`POST /api/v2/requests.json` with a `requester`),
 * which works from the browser when the account lets anyone submit tickets; photos are uploaded
 * with `POST /api/v2/uploads.json` and attached by their tokens. Anonymous shoppers cannot read
 * their request back through the API (`ticketStatus: false`). With an end-user OAuth token the
 * adapter also reads requests, their public comments, and adds comments.
 *
 * Fields: the category goes to a custom field (a drop-down whose tag values are `nectar_<category>`
 * unless `categoryValues` says otherwise), the order to a text field. Zendesk documents idempotency
 * keys only for the agent Tickets API, not for requests: the adapter deduplicates retries within the
 * page, records the key in `fields.idempotencyKey`, and — when it can read the shopper's requests
 * (end-user token) — looks the key up before creating.
 */
import * as z from 'zod/mini';
import type { DeskAdapter, WriteOptions } from '@nectar/core';
import { NotFoundError, UnsupportedError } from '@nectar/core/errors';
import { CATEGORIES } from '@nectar/core/schema';
import type {
  Category,
  Ticket,
  TicketCreateInput,
  TicketReceipt,
  TicketStatus,
  TimelineEntry,
} from '@nectar/core/schema';
import { requestJson, type FetchLike } from '../internal/http.ts';
import { bodyOf, contactOf, onceByKey, promiseFor, subjectOf } from '../internal/desk.ts';

export interface ZendeskDeskOptions {
  /** Account URL, e.g. `https://acme.zendesk.com`. */
  url: string;
  /** End-user OAuth access token. Without it, requests are anonymous. */
  endUserToken?: string;
  /** Ids of ticket fields (editable by end users) that receive Nectar's data. */
  fields?: { category?: number; orderRef?: number; idempotencyKey?: number };
  /** Drop-down values of the category field. Default `nectar_<category>`. */
  categoryValues?: Partial<Record<Category, string>>;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export interface ZendeskDesk extends DeskAdapter {
  /** Adds a comment as the shopper (end-user token only). Returns the updated ticket. */
  addMessage(id: string, accessToken: string, input: { message: string }, options: WriteOptions): Promise<Ticket>;
  /** The shopper's requests, newest first (end-user token only). */
  listTickets(): Promise<Ticket[]>;
}

const BACKEND = 'Zendesk';

const customFields = z.array(z.object({ id: z.number(), value: z.unknown() }));
const requestSchema = z.object({
  id: z.number(),
  status: z.string(),
  subject: z.nullable(z.optional(z.string())),
  description: z.nullable(z.optional(z.string())),
  created_at: z.string().check(z.iso.datetime()),
  updated_at: z.string().check(z.iso.datetime()),
  custom_fields: z.optional(customFields),
});
type ZendeskRequest = z.infer<typeof requestSchema>;
const requestEnvelope = z.object({ request: requestSchema });
const requestsEnvelope = z.object({ requests: z.array(requestSchema) });
const uploadEnvelope = z.object({ upload: z.object({ token: z.string().check(z.minLength(1), z.maxLength(64)) }) });
const commentsEnvelope = z.object({
  comments: z.array(
    z.object({
      id: z.number(),
      body: z.string(),
      author_id: z.number(),
      created_at: z.string().check(z.iso.datetime()),
      attachments: z.optional(z.array(z.object({ id: z.number(), content_type: z.string(), size: z.number() }))),
    }),
  ),
  users: z.optional(
    z.array(z.object({ id: z.number(), name: z.optional(z.string()), agent: z.optional(z.boolean()) })),
  ),
});

/** Zendesk statuses → Nectar: new, open, pending (waiting on the shopper), hold, solved, closed. */
export function zendeskStatus(status: string): TicketStatus {
  switch (status) {
    case 'new':
      return 'new';
    case 'pending':
      return 'waiting_on_customer';
    case 'solved':
      return 'resolved';
    case 'closed':
      return 'closed';
    default:
      return 'open';
  }
}

export function zendeskDesk(options: ZendeskDeskOptions): ZendeskDesk {
  if (!options?.url) throw new TypeError('zendeskDesk needs `url`');
  const doFetch: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const base = options.url.replace(/\/+$/, '');
  const authenticated = !!options.endUserToken;
  const auth: Record<string, string> = authenticated ? { Authorization: `Bearer ${options.endUserToken}` } : {};
  const opts = { backend: BACKEND, ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}) };
  const fields = options.fields ?? {};
  const categoryValue = (c: Category) => options.categoryValues?.[c] ?? `nectar_${c}`;
  const categoryOf = (r: ZendeskRequest): Category => {
    const v = r.custom_fields?.find((f) => f.id === fields.category)?.value;
    const found = CATEGORIES.find((c) => categoryValue(c) === v);
    return found ?? 'other';
  };
  const fieldValue = (r: ZendeskRequest, id: number | undefined) => {
    const v = id === undefined ? undefined : r.custom_fields?.find((f) => f.id === id)?.value;
    return typeof v === 'string' && v ? v : undefined;
  };
  const receipt = (r: ZendeskRequest, category: Category): TicketReceipt => ({
    id: String(r.id),
    number: `#${r.id}`,
    status: zendeskStatus(r.status),
    createdAt: r.created_at,
    // Zendesk authorises reads with the end user's own token; anonymous requests cannot be read back.
    accessToken: '',
    promise: promiseFor(category, r.created_at),
  });
  const once = onceByKey<TicketReceipt>();
  const onceUpload = onceByKey<{ id: string }>();
  const onceMessage = onceByKey<Ticket>();

  const needToken = (operation: string) => {
    if (!authenticated) throw new UnsupportedError(`${operation} without an end-user token (Zendesk)`);
  };

  async function getTicket(id: string): Promise<Ticket> {
    needToken('reading a request');
    if (!/^\d+$/.test(id)) throw new NotFoundError('Zendesk: not found');
    const [{ request }, comments] = await Promise.all([
      requestJson(
        doFetch,
        `${base}/api/v2/requests/${id}.json`,
        { headers: auth },
        { ...opts, parse: requestEnvelope },
      ),
      requestJson(
        doFetch,
        `${base}/api/v2/requests/${id}/comments.json`,
        { headers: auth },
        { ...opts, parse: commentsEnvelope },
      ),
    ]);
    return toTicket(request, comments);
  }

  function toTicket(r: ZendeskRequest, c: z.infer<typeof commentsEnvelope>): Ticket {
    const category = categoryOf(r);
    const agents = new Map((c.users ?? []).map((u) => [u.id, u]));
    const [first, ...rest] = c.comments;
    const timeline: TimelineEntry[] = [{ kind: 'created', at: r.created_at, by: 'customer' }];
    for (const comment of rest) {
      const user = agents.get(comment.author_id);
      timeline.push(
        user?.agent
          ? {
              kind: 'replied',
              at: comment.created_at,
              by: 'agent',
              body: comment.body,
              ...(user.name ? { authorName: user.name } : {}),
            }
          : { kind: 'customer_message', at: comment.created_at, by: 'customer', body: comment.body },
      );
    }
    const status = zendeskStatus(r.status);
    if (status === 'resolved' || status === 'closed')
      timeline.push({ kind: status === 'closed' ? 'closed' : 'resolved', at: r.updated_at, by: 'agent' });
    const orderRef = fieldValue(r, fields.orderRef);
    return {
      id: String(r.id),
      number: `#${r.id}`,
      status,
      category,
      ...(r.subject ? { subject: r.subject } : {}),
      message: first?.body ?? r.description ?? '',
      ...(orderRef ? { orderRef } : {}),
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      promise: promiseFor(category, r.created_at),
      attachments: c.comments.flatMap((m) =>
        (m.attachments ?? []).map((a) => ({ id: String(a.id), contentType: a.content_type, size: a.size })),
      ),
      timeline,
    };
  }

  async function listRequests(): Promise<ZendeskRequest[]> {
    const { requests } = await requestJson(
      doFetch,
      `${base}/api/v2/requests.json?sort_by=created_at&sort_order=desc&per_page=25`,
      { headers: auth },
      { ...opts, parse: requestsEnvelope },
    );
    return requests;
  }

  return {
    name: 'zendesk',
    capabilities: { attachments: true, ticketStatus: authenticated, messages: authenticated, feedback: false },

    createTicket(input: TicketCreateInput, { idempotencyKey, signal }: WriteOptions) {
      return once(idempotencyKey, async () => {
        if (authenticated && fields.idempotencyKey !== undefined) {
          const existing = (await listRequests()).find((r) => fieldValue(r, fields.idempotencyKey) === idempotencyKey);
          if (existing) return receipt(existing, input.category);
        }
        const custom: { id: number; value: string }[] = [];
        if (fields.category !== undefined) custom.push({ id: fields.category, value: categoryValue(input.category) });
        if (fields.orderRef !== undefined && input.orderRef)
          custom.push({ id: fields.orderRef, value: input.orderRef });
        if (fields.idempotencyKey !== undefined) custom.push({ id: fields.idempotencyKey, value: idempotencyKey });
        const request = {
          subject: subjectOf(input),
          comment: { body: bodyOf(input), ...(input.attachments?.length ? { uploads: input.attachments } : {}) },
          ...(authenticated
            ? {}
            : { requester: { name: contactOf(input).name || contactOf(input).email, email: contactOf(input).email } }),
          ...(custom.length ? { custom_fields: custom } : {}),
        };
        const { request: created } = await requestJson(
          doFetch,
          `${base}/api/v2/requests.json`,
          {
            method: 'POST',
            headers: { ...auth, 'Content-Type': 'application/json' },
            body: JSON.stringify({ request }),
            ...(signal ? { signal } : {}),
          },
          { ...opts, parse: requestEnvelope },
        );
        return receipt(created, input.category);
      });
    },

    uploadAttachment(file: Blob, filename: string, { idempotencyKey, signal }: WriteOptions) {
      return onceUpload(idempotencyKey, async () => {
        const { upload } = await requestJson(
          doFetch,
          `${base}/api/v2/uploads.json?filename=${encodeURIComponent(filename)}`,
          {
            method: 'POST',
            headers: { ...auth, 'Content-Type': file.type || 'application/octet-stream' },
            body: file,
            ...(signal ? { signal } : {}),
          },
          { ...opts, parse: uploadEnvelope },
        );
        return { id: upload.token };
      });
    },

    getTicket: (id) => getTicket(id),

    addMessage(id, _accessToken, { message }, { idempotencyKey }) {
      return onceMessage(idempotencyKey, async () => {
        needToken('adding a comment');
        await requestJson(
          doFetch,
          `${base}/api/v2/requests/${encodeURIComponent(id)}.json`,
          {
            method: 'PUT',
            headers: { ...auth, 'Content-Type': 'application/json' },
            body: JSON.stringify({ request: { comment: { body: message } } }),
          },
          { ...opts, parse: requestEnvelope },
        );
        return getTicket(id);
      });
    },

    async listTickets() {
      needToken('listing requests');
      const requests = await listRequests();
      return Promise.all(requests.map((r) => getTicket(String(r.id))));
    },
  };
}
