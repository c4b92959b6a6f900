/**
 * Chatwoot desk adapter (public client API of an API inbox: contacts, conversations, messages).
 *
 * ```ts
 * const desk = chatwootDesk({
 *   url: 'https://chat.example', inboxIdentifier: 'Xy12…',
 *   proxyUrl: 'https://help.example/v1/proxy', user: { id: 'u_42', hash: userHashFromYourServer },
 * });
 * ```
 *
 * A signed-in shopper is identified with `identifier` + `identifier_hash`, which the proxy computes
 * from the inbox's HMAC token (never in the browser); a guest becomes a contact with their email.
 * A ticket is a conversation: the category and order go to the conversation's `custom_attributes`
 * (`nectar_category`, `nectar_order`), photos are `attachments[]` of its first message (Chatwoot has
 * no separate upload, so photos wait in the page until the ticket is created). The access token of
 * a ticket is the contact's `source_id`, the public API's own credential for that contact.
 *
 * Idempotency: Chatwoot has no keys and does not return custom attributes publicly, so the first
 * message ends with a reference line `Nectar ref: <key>`; before creating, the adapter lists the
 * contact's conversations and reuses the one carrying that reference (or an empty one left by an
 * interrupted attempt).
 */
import * as z from 'zod/mini';
import type { DeskAdapter, WriteOptions } from '@nectar/core';
import { NotFoundError, ValidationError } from '@nectar/core/errors';
import type {
  Category,
  Ticket,
  TicketCreateInput,
  TicketReceipt,
  TicketStatus,
  TimelineEntry,
} from '@nectar/core/schema';
import { requestJson, type FetchLike } from '../internal/http.ts';
import { bodyOf, contactOf, isCategory, localId, onceByKey, promiseFor } from '../internal/desk.ts';
import { joinUrl, shopperHeaders, type VerifiedUser } from '../proxy/shopper.ts';

export interface ChatwootDeskOptions {
  /** Chatwoot installation URL, e.g. `https://app.chatwoot.com`. */
  url: string;
  /** The API inbox's identifier (Settings → Inboxes → Configuration). */
  inboxIdentifier: string;
  /** Proxy base URL; needed for signed-in shoppers (it computes `identifier_hash`). */
  proxyUrl?: string;
  /** The signed-in shopper with the merchant's identity hash. Guests leave it out. */
  user?: VerifiedUser;
  /** Keeps the contact's `source_id` across reloads. Default `localStorage` when present. */
  storage?: Pick<Storage, 'getItem' | 'setItem'> | null;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export interface ChatwootDesk extends DeskAdapter {
  addMessage(id: string, accessToken: string, input: { message: string }, options: WriteOptions): Promise<Ticket>;
}

const BACKEND = 'Chatwoot';
const contactSchema = z.object({ source_id: z.string().check(z.minLength(1)), pubsub_token: z.optional(z.string()) });
const messageSchema = z.object({
  id: z.number(),
  content: z.nullable(z.string()),
  message_type: z.number(),
  created_at: z.number(),
  attachments: z.optional(
    z.array(z.object({ id: z.number(), file_type: z.string(), file_size: z.optional(z.nullable(z.number())) })),
  ),
  sender: z.optional(z.nullable(z.object({ id: z.number(), name: z.optional(z.nullable(z.string())) }))),
});
const conversationSchema = z.object({
  id: z.number(),
  status: z.string(),
  messages: z.array(messageSchema),
});
type Conversation = z.infer<typeof conversationSchema>;

const REF = 'Nectar ref: ';
const META = /\n\nNectar: ([a-z_]+)(?: · order (.+))?\n/;
const toIso = (unix: number) => new Date(unix * 1000).toISOString();

/** Chatwoot conversation statuses → Nectar. */
export function chatwootStatus(c: Pick<Conversation, 'status' | 'messages'>): TicketStatus {
  if (c.status === 'resolved') return 'resolved';
  const last = c.messages.at(-1);
  // message_type: 0 incoming (shopper), 1 outgoing (agent), 2 activity, 3 template.
  if (last?.message_type === 1) return 'waiting_on_customer';
  return c.messages.some((m) => m.message_type === 1) ? 'open' : 'new';
}

export function chatwootDesk(options: ChatwootDeskOptions): ChatwootDesk {
  if (!options?.url || !options.inboxIdentifier) throw new TypeError('chatwootDesk needs `url` and `inboxIdentifier`');
  if (options.user && !options.proxyUrl) throw new TypeError('chatwootDesk needs `proxyUrl` for a signed-in user');
  const doFetch: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const inbox = joinUrl(options.url, `/public/api/v1/inboxes/${encodeURIComponent(options.inboxIdentifier)}`);
  const opts = { backend: BACKEND, ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}) };
  const storage =
    options.storage === undefined ? ((globalThis as { localStorage?: Storage }).localStorage ?? null) : options.storage;
  const contacts = new Map<string, string>();
  const photos = new Map<string, { file: Blob; filename: string }>();
  const json = (method: string, body: unknown, signal?: AbortSignal): RequestInit => ({
    method,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
    ...(signal ? { signal } : {}),
  });

  async function contactFor(input: TicketCreateInput): Promise<string> {
    const who = options.user ? `user:${options.user.id}` : `email:${contactOf(input).email.toLowerCase()}`;
    const storageKey = `nectar:chatwoot:${options.inboxIdentifier}:${who}`;
    const known = contacts.get(who) ?? storage?.getItem(storageKey) ?? undefined;
    if (known) return known;
    let identity: { identifier?: string; identifier_hash?: string } = {};
    if (options.user) {
      identity = await requestJson(
        doFetch,
        joinUrl(options.proxyUrl!, '/chatwoot/identity'),
        { headers: shopperHeaders(options.user) },
        { ...opts, parse: z.object({ identifier: z.string(), identifier_hash: z.string() }) },
      );
    }
    const contact = await requestJson(
      doFetch,
      `${inbox}/contacts`,
      json('POST', {
        ...identity,
        email: contactOf(input).email,
        ...(contactOf(input).name ? { name: contactOf(input).name } : {}),
      }),
      { ...opts, parse: contactSchema },
    );
    contacts.set(who, contact.source_id);
    storage?.setItem(storageKey, contact.source_id);
    return contact.source_id;
  }

  const conversations = (sourceId: string) =>
    requestJson(
      doFetch,
      `${inbox}/contacts/${encodeURIComponent(sourceId)}/conversations`,
      {},
      {
        ...opts,
        parse: z.array(conversationSchema),
      },
    );

  const receipt = (c: Conversation, sourceId: string, category: Category, createdAt: string): TicketReceipt => ({
    id: String(c.id),
    number: `#${c.id}`,
    status: chatwootStatus(c),
    createdAt,
    accessToken: sourceId,
    promise: promiseFor(category, createdAt),
  });

  function toTicket(c: Conversation): Ticket {
    const [first, ...rest] = c.messages.filter((m) => m.message_type === 0 || m.message_type === 1);
    const content = first?.content ?? '';
    const meta = META.exec(content);
    const category: Category = isCategory(meta?.[1]) ? meta[1] : 'other';
    const createdAt = toIso(first?.created_at ?? 0);
    const timeline: TimelineEntry[] = [{ kind: 'created', at: createdAt, by: 'customer' }];
    for (const m of rest)
      timeline.push(
        m.message_type === 1
          ? {
              kind: 'replied',
              at: toIso(m.created_at),
              by: 'agent',
              body: m.content ?? '',
              ...(m.sender?.name ? { authorName: m.sender.name } : {}),
            }
          : { kind: 'customer_message', at: toIso(m.created_at), by: 'customer', body: m.content ?? '' },
      );
    const status = chatwootStatus(c);
    const last = c.messages.at(-1);
    if (status === 'resolved') timeline.push({ kind: 'resolved', at: toIso(last?.created_at ?? 0), by: 'agent' });
    return {
      id: String(c.id),
      number: `#${c.id}`,
      status,
      category,
      message: meta ? content.slice(0, meta.index) : content,
      ...(meta?.[2] ? { orderRef: meta[2] } : {}),
      createdAt,
      updatedAt: toIso(last?.created_at ?? 0),
      promise: promiseFor(category, createdAt),
      attachments: (first?.attachments ?? []).map((a) => ({
        id: String(a.id),
        contentType: a.file_type === 'image' ? 'image/*' : a.file_type,
        size: a.file_size ?? 0,
      })),
      timeline,
    };
  }

  async function postMessage(
    sourceId: string,
    id: number | string,
    content: string,
    files: { file: Blob; filename: string }[],
    signal?: AbortSignal,
  ) {
    const path = `${inbox}/contacts/${encodeURIComponent(sourceId)}/conversations/${id}/messages`;
    let init: RequestInit;
    if (files.length) {
      const form = new FormData();
      form.append('content', content);
      for (const f of files) form.append('attachments[]', f.file, f.filename);
      init = { method: 'POST', body: form, ...(signal ? { signal } : {}) };
    } else init = json('POST', { content }, signal);
    return requestJson(doFetch, path, init, { ...opts, parse: messageSchema });
  }

  async function getTicket(id: string, accessToken: string): Promise<Ticket> {
    if (!/^\d+$/.test(id)) throw new NotFoundError('Chatwoot: not found');
    const base = `${inbox}/contacts/${encodeURIComponent(accessToken)}/conversations/${id}`;
    const [conversation, messages] = await Promise.all([
      requestJson(doFetch, base, {}, { ...opts, parse: conversationSchema }),
      requestJson(doFetch, `${base}/messages`, {}, { ...opts, parse: z.array(messageSchema) }),
    ]);
    return toTicket({ ...conversation, messages });
  }

  const once = onceByKey<TicketReceipt>();
  const onceMessage = onceByKey<Ticket>();
  return {
    name: 'chatwoot',
    capabilities: { attachments: true, ticketStatus: true, messages: true, feedback: false },

    createTicket(input, { idempotencyKey, signal }) {
      return once(idempotencyKey, async () => {
        const files = (input.attachments ?? []).map((id) => {
          const photo = photos.get(id);
          if (!photo) throw new ValidationError('Unknown attachment', { attachments: 'invalid' });
          return photo;
        });
        const sourceId = await contactFor(input);
        const ref = `${REF}${idempotencyKey}`;
        const existing = await conversations(sourceId);
        const done = existing.find((c) => c.messages.some((m) => m.content?.includes(ref)));
        if (done) return receipt(done, sourceId, input.category, toIso(done.messages[0]?.created_at ?? 0));
        const empty = existing.filter((c) => c.messages.length === 0).at(-1);
        const conversation =
          empty ??
          (await requestJson(
            doFetch,
            `${inbox}/contacts/${encodeURIComponent(sourceId)}/conversations`,
            json(
              'POST',
              {
                custom_attributes: {
                  nectar_category: input.category,
                  ...(input.orderRef ? { nectar_order: input.orderRef } : {}),
                },
              },
              signal,
            ),
            { ...opts, parse: conversationSchema },
          ));
        const meta = `Nectar: ${input.category}${input.orderRef ? ` · order ${input.orderRef}` : ''}`;
        const message = await postMessage(
          sourceId,
          conversation.id,
          `${bodyOf(input)}\n\n${meta}\n${ref}`,
          files,
          signal,
        );
        for (const id of input.attachments ?? []) photos.delete(id);
        return receipt({ ...conversation, messages: [message] }, sourceId, input.category, toIso(message.created_at));
      });
    },

    async uploadAttachment(file, filename) {
      // Chatwoot takes files only with a message: keep it until the ticket is created.
      const id = localId('cw_');
      photos.set(id, { file, filename });
      return { id };
    },

    getTicket,

    addMessage(id, accessToken, { message }, { idempotencyKey, signal }) {
      return onceMessage(idempotencyKey, async () => {
        if (!/^\d+$/.test(id)) throw new NotFoundError('Chatwoot: not found');
        await postMessage(accessToken, id, message, [], signal);
        return getTicket(id, accessToken);
      });
    },
  };
}
