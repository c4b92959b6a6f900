/**
 * An in-memory desk for demos and tests. It behaves like the reference service (validation,
 * ticket numbers, promises from the category's severity, idempotency by key, a timeline) and
 * can simulate failures: offline, 500s, 429 with Retry-After, latency.
 */
import type { DeskAdapter, WriteOptions } from '@nectar/core';
import {
  ATTACHMENT_TYPES,
  BackendError,
  CATEGORY_SEVERITY,
  LIMITS,
  NetworkError,
  NotFoundError,
  RateLimitedError,
  SEVERITY_PROMISE_HOURS,
  ValidationError,
  AuthError,
  DEFAULT_SURVEY_ID,
  NPS_RECONTACT_DAYS,
  answerQuerySchema,
  eventBatchSchema,
  feedbackCreateSchema,
  issuesToFields,
  ticketCreateSchema,
  ticketMessageSchema,
  type Answer,
  type FeedbackReceipt,
  type Locale,
  type TrackedEvent,
  type Ticket,
  type TicketCreateInput,
  type TicketReceipt,
} from '@nectar/core';
import { stableStringify } from '../proxy/idempotency.ts';

export interface Simulation {
  /** Every call fails with `NetworkError` until switched off. */
  offline?: boolean;
  /** The next N calls fail with a 500 `BackendError`. */
  status500?: number;
  /** The next `count` calls fail with `RateLimitedError(retryAfter)` (seconds). */
  rateLimit?: { count: number; retryAfter: number };
  /** Each call takes this long. */
  latencyMs?: number;
}

/** One article of the in-memory knowledge base. */
export interface MemoryArticle {
  id: string;
  locale: Locale;
  title: string;
  body: string;
  url?: string;
  tags?: string[];
}

/** A few articles in en, zh-CN and zh-TW, so `searchAnswers` works out of the box. */
export const MEMORY_ARTICLES: MemoryArticle[] = [
  {
    id: 'track-order.en',
    locale: 'en',
    title: 'How do I track my order?',
    body: 'Follow the tracking link in your shipping email, or open My orders. Tracking can take a day to update.',
    tags: ['tracking', 'where is my order', 'parcel'],
  },
  {
    id: 'returns.en',
    locale: 'en',
    title: 'How do I return an item?',
    body: 'Unused items can be returned within 30 days. Choose Return items on the order and print the label.',
    tags: ['return', 'refund', 'send back'],
  },
  {
    id: 'damaged.en',
    locale: 'en',
    title: 'My item arrived damaged',
    body: 'Take a photo of the item and the box and tell us your order number; we send a replacement or refund you.',
    tags: ['broken', 'cracked', 'damaged'],
  },
  {
    id: 'track-order.zh-CN',
    locale: 'zh-CN',
    title: '如何查询订单物流？',
    body: '点击发货邮件里的物流链接，或在“我的订单”中查看运单号。物流信息可能需要一天才会更新。',
    tags: ['物流', '快递单号', '订单在哪'],
  },
  {
    id: 'returns.zh-CN',
    locale: 'zh-CN',
    title: '如何退货？',
    body: '签收后 30 天内未使用的商品可以退货。在订单中选择“申请退货”并打印退货面单。',
    tags: ['退货', '退款'],
  },
  {
    id: 'returns.zh-TW',
    locale: 'zh-TW',
    title: '如何辦理退貨？',
    body: '簽收後 30 天內未使用的商品可以退貨。在訂單中選擇「申請退貨」並列印退貨單。',
    tags: ['退貨', '退款'],
  },
];

/** Query terms like the service's: lower-cased words, and overlapping pairs of Han characters. */
function searchTerms(query: string): string[] {
  const terms = new Set<string>();
  for (const run of query.toLowerCase().match(/\p{Script=Han}+|[^\s\p{P}\p{S}\p{Script=Han}]+/gu) ?? []) {
    if (!/\p{Script=Han}/u.test(run)) terms.add(run);
    else if (run.length === 1) terms.add(run);
    else for (let i = 0; i + 2 <= run.length; i++) terms.add(run.slice(i, i + 2));
  }
  return [...terms];
}

function scoreArticle(article: MemoryArticle, terms: string[]): number {
  const title = article.title.toLowerCase();
  const tags = (article.tags ?? []).join(' ').toLowerCase();
  const body = article.body.toLowerCase();
  let score = 0;
  for (const t of terms) score += (title.includes(t) ? 3 : 0) + (tags.includes(t) ? 2 : 0) + (body.includes(t) ? 1 : 0);
  return score;
}

export interface MemoryDeskOptions extends Simulation {
  /** The knowledge base of `searchAnswers` (default `MEMORY_ARTICLES`). */
  answers?: MemoryArticle[];
  /** Clock of the desk (timestamps and promises). */
  now?: () => Date;
  /** Agent name on replies. */
  agentName?: string;
  /** The site's nudge rules `getNudges` answers (default none). */
  nudges?: unknown[];
}

export interface MemoryDesk extends DeskAdapter {
  /** Changes the failure simulation (merged into the current one). */
  simulate(simulation: Simulation): void;
  /** Every ticket created, oldest first. */
  tickets(): Ticket[];
  /** How many calls reached the desk (including failed ones), by method. */
  readonly calls: {
    createTicket: number;
    uploadAttachment: number;
    getTicket: number;
    addMessage: number;
    sendFeedback: number;
    searchAnswers: number;
    sendEvents: number;
  };
  /** Tracked events stored (`sendEvents`), oldest first, each batch once. */
  events(): TrackedEvent[];
  /** Survey responses stored (one per survey and respondent for NPS, one per ticket for CSAT), oldest first. */
  feedback(): (FeedbackReceipt & { respondent: string | null; followedUp: boolean })[];
  /** Stored attachments by id. */
  attachment(id: string): Blob | undefined;
  /** Agent replies (timeline `replied`, status `waiting_on_customer`). */
  reply(id: string, message: string, authorName?: string): Ticket;
  /** Agent resolves the ticket. */
  resolve(id: string): Ticket;
  /** The ticket is closed (e.g. by the helpdesk some days after it was resolved). */
  close(id: string): Ticket;
}

const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const randomChars = (n: number) => {
  const bytes = crypto.getRandomValues(new Uint8Array(n));
  return [...bytes].map((b) => ALPHABET[b % ALPHABET.length]).join('');
};
/** The image type of a file by its first bytes (as the service checks it), not by its name or `type`. */
export async function sniffImageType(file: Blob): Promise<string | undefined> {
  const b = new Uint8Array(await file.slice(0, 16).arrayBuffer());
  const ascii = (from: number, to: number) => String.fromCharCode(...b.subarray(from, to));
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b[0] === 0x89 && ascii(1, 4) === 'PNG') return 'image/png';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'image/webp';
  if (ascii(4, 8) === 'ftyp' && ['heic', 'heix', 'mif1', 'msf1', 'heim', 'heis'].includes(ascii(8, 12)))
    return 'image/heic';
  return undefined;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const clone = <T>(v: T): T => structuredClone(v);

export function memoryDesk(options: MemoryDeskOptions = {}): MemoryDesk {
  const now = options.now ?? (() => new Date());
  const agentName = options.agentName ?? 'Mia';
  const sim: Simulation = {};
  const tickets = new Map<string, Ticket & { accessToken: string; contact: TicketCreateInput['contact'] }>();
  const attachments = new Map<string, Blob>();
  const replays = new Map<string, { body: string; result: Promise<unknown> }>();
  const calls = {
    createTicket: 0,
    uploadAttachment: 0,
    getTicket: 0,
    addMessage: 0,
    sendFeedback: 0,
    searchAnswers: 0,
    sendEvents: 0,
  };
  const articles = options.answers ?? MEMORY_ARTICLES;
  const events: TrackedEvent[] = [];
  const responses: (FeedbackReceipt & { respondent: string | null; followedUp: boolean })[] = [];

  const simulate = (s: Simulation) => {
    if ('offline' in s) sim.offline = s.offline;
    if ('status500' in s) sim.status500 = s.status500;
    if ('rateLimit' in s) sim.rateLimit = s.rateLimit && { ...s.rateLimit };
    if ('latencyMs' in s) sim.latencyMs = s.latencyMs;
  };
  simulate(options);

  async function gate() {
    if (sim.latencyMs) await sleep(sim.latencyMs);
    if (sim.offline) throw new NetworkError('memoryDesk: offline (simulated)');
    if (sim.status500 && sim.status500 > 0) {
      sim.status500 -= 1;
      throw new BackendError('memoryDesk: internal error (simulated)', 500, 'internal');
    }
    if (sim.rateLimit && sim.rateLimit.count > 0) {
      sim.rateLimit.count -= 1;
      throw new RateLimitedError('memoryDesk: rate limited (simulated)', sim.rateLimit.retryAfter);
    }
  }

  /** Same key → the first result; same key with another body (in any key order) → 422, as the service does. */
  function idempotent<T>(key: string, body: string, run: () => Promise<T>): Promise<T> {
    const seen = replays.get(key);
    if (seen) {
      if (seen.body !== body) {
        return Promise.reject(
          new BackendError('Idempotency-Key reused with another body', 422, 'idempotency_conflict'),
        );
      }
      return seen.result.then(clone) as Promise<T>;
    }
    const result = run();
    replays.set(key, { body, result });
    // A failed write may be retried with the same key.
    result.catch(() => replays.delete(key));
    return result.then(clone);
  }

  const find = (id: string) => {
    const t = tickets.get(id);
    if (!t) throw new NotFoundError(`No ticket ${id}`);
    return t;
  };
  const view = (t: Ticket & { accessToken?: string; contact?: unknown }): Ticket => {
    const { accessToken: _a, contact: _c, ...rest } = t;
    return clone(rest);
  };

  const desk: MemoryDesk = {
    name: 'memory',
    capabilities: { attachments: true, ticketStatus: true, messages: true, feedback: true },
    calls,
    simulate,

    async createTicket(input, { idempotencyKey }: WriteOptions): Promise<TicketReceipt> {
      calls.createTicket += 1;
      await gate();
      return idempotent(idempotencyKey, stableStringify(input), async () => {
        const r = ticketCreateSchema.safeParse(input);
        if (!r.success) throw new ValidationError('Invalid ticket', issuesToFields(r.error.issues));
        const data = r.data;
        const missing = (data.attachments ?? []).findIndex((a) => !attachments.has(a));
        if (missing >= 0) throw new ValidationError('Unknown attachment', { [`attachments.${missing}`]: 'invalid' });
        const created = now();
        const hours = SEVERITY_PROMISE_HOURS[CATEGORY_SEVERITY[data.category]];
        const at = (h: number) => new Date(created.getTime() + h * 3600_000).toISOString();
        const ticket = {
          id: `t_${crypto.randomUUID()}`,
          number: `NC-${randomChars(6)}`,
          status: 'new' as const,
          category: data.category,
          ...(data.subject !== undefined ? { subject: data.subject } : {}),
          message: data.message,
          ...(data.orderRef !== undefined ? { orderRef: data.orderRef } : {}),
          createdAt: created.toISOString(),
          updatedAt: created.toISOString(),
          promise: { firstResponseBy: at(hours.firstResponse), resolveBy: at(hours.resolve) },
          attachments: (data.attachments ?? []).map((id) => {
            const blob = attachments.get(id)!;
            return { id, contentType: blob.type, size: blob.size };
          }),
          timeline: [{ kind: 'created' as const, at: created.toISOString(), by: 'customer' as const }],
          accessToken: `tok_${randomChars(24)}`,
          contact: data.contact,
        };
        tickets.set(ticket.id, ticket);
        const { id, number, status, createdAt, accessToken, promise } = ticket;
        return { id, number, status, createdAt, accessToken, promise };
      });
    },

    async uploadAttachment(file, _filename, { idempotencyKey }): Promise<{ id: string }> {
      calls.uploadAttachment += 1;
      await gate();
      return idempotent(idempotencyKey, `${file.size}:${file.type}`, async () => {
        if (file.size > LIMITS.attachmentBytesMax) throw new BackendError('Image too large', 413, 'payload_too_large');
        const type = await sniffImageType(file);
        if (!type || !(ATTACHMENT_TYPES as readonly string[]).includes(type)) {
          throw new BackendError('Only JPEG, PNG, WebP or HEIC images', 415, 'unsupported_media_type');
        }
        const id = `a_${crypto.randomUUID()}`;
        attachments.set(id, new Blob([file], { type }));
        return { id };
      });
    },

    async getTicket(id, accessToken): Promise<Ticket> {
      calls.getTicket += 1;
      await gate();
      const t = find(id);
      // Like the service: a wrong token does not reveal that the ticket exists.
      if (t.accessToken !== accessToken) throw new NotFoundError(`No ticket ${id}`);
      return view(t);
    },

    async addMessage(id, accessToken, input, { idempotencyKey }): Promise<Ticket> {
      calls.addMessage += 1;
      await gate();
      return idempotent(idempotencyKey, stableStringify([id, input]), async () => {
        const t = find(id);
        if (t.accessToken !== accessToken) throw new NotFoundError(`No ticket ${id}`);
        const r = ticketMessageSchema.safeParse(input);
        if (!r.success) throw new ValidationError('Invalid message', issuesToFields(r.error.issues));
        const missing = (r.data.attachments ?? []).findIndex((a) => !attachments.has(a));
        if (missing >= 0) throw new ValidationError('Unknown attachment', { [`attachments.${missing}`]: 'invalid' });
        const at = now().toISOString();
        // Like the service: a resolved (or closed) ticket reopens; an answer to a question makes it open again.
        if (t.status === 'resolved' || t.status === 'closed') t.timeline.push({ kind: 'reopened', at, by: 'customer' });
        const ids = r.data.attachments ?? [];
        t.timeline.push({
          kind: 'customer_message',
          at,
          by: 'customer',
          body: r.data.message,
          ...(ids.length ? { attachments: [...ids] } : {}),
        });
        for (const a of ids) {
          const blob = attachments.get(a)!;
          t.attachments.push({ id: a, contentType: blob.type, size: blob.size });
        }
        t.status = 'open';
        t.updatedAt = at;
        return view(t);
      });
    },

    async sendFeedback(input, { idempotencyKey, accessToken }): Promise<FeedbackReceipt> {
      calls.sendFeedback += 1;
      await gate();
      return idempotent(idempotencyKey, stableStringify([input, accessToken ?? null]), async () => {
        const r = feedbackCreateSchema.safeParse(input);
        if (!r.success) throw new ValidationError('Invalid feedback', issuesToFields(r.error.issues));
        const data = r.data;
        const at = now();
        const comment = data.comment || null;
        let existing: (typeof responses)[number] | undefined;
        let ticket: (Ticket & { accessToken: string }) | undefined;
        if (data.kind === 'csat') {
          // Like the service: an unknown ticket and a wrong token look the same.
          if (!accessToken) throw new AuthError('A CSAT answer needs the ticket’s access token', 401);
          ticket = tickets.get(data.ticketId);
          if (!ticket || ticket.accessToken !== accessToken) throw new NotFoundError(`No ticket ${data.ticketId}`);
          existing = responses.find((x) => x.kind === 'csat' && x.ticketId === data.ticketId);
        } else {
          const surveyId = data.surveyId || DEFAULT_SURVEY_ID.nps;
          const since = at.getTime() - NPS_RECONTACT_DAYS * 86_400_000;
          existing = responses.findLast(
            (x) =>
              x.kind === 'nps' &&
              x.surveyId === surveyId &&
              x.respondent === data.respondent &&
              Date.parse(x.createdAt) > since,
          );
        }
        const followUp = data.kind === 'csat' && data.followUp === true && data.score <= 2 && !existing?.followedUp;
        if (existing) {
          existing.score = data.score;
          existing.comment = comment ?? existing.comment;
          existing.updatedAt = at.toISOString();
          existing.followedUp ||= followUp;
        } else {
          existing = {
            id: `f_${crypto.randomUUID()}`,
            kind: data.kind,
            score: data.score,
            comment,
            surveyId: data.surveyId || DEFAULT_SURVEY_ID[data.kind],
            ticketId: data.kind === 'csat' ? data.ticketId : null,
            createdAt: at.toISOString(),
            updatedAt: at.toISOString(),
            respondent: data.respondent ?? null,
            followedUp: followUp,
          };
          responses.push(existing);
        }
        if (followUp && ticket) {
          // The same ticket is reopened with the comment: someone contacts the shopper again.
          const when = at.toISOString();
          if (existing.comment)
            ticket.timeline.push({ kind: 'customer_message', at: when, by: 'customer', body: existing.comment });
          if (ticket.status === 'resolved' || ticket.status === 'closed')
            ticket.timeline.push({ kind: 'reopened', at: when, by: 'customer' });
          ticket.status = 'open';
          ticket.updatedAt = when;
        }
        const { respondent: _r, followedUp: _f, ...receipt } = existing;
        return receipt;
      });
    },

    getNudges: async () => ({ rules: structuredClone(options.nudges ?? []) }),
    async searchAnswers(query, { locale, limit, signal }): Promise<Answer[]> {
      calls.searchAnswers += 1;
      await gate();
      signal?.throwIfAborted();
      const r = answerQuerySchema.safeParse({ q: query, locale, limit });
      if (!r.success) throw new ValidationError('Invalid answer query', issuesToFields(r.error.issues));
      const terms = searchTerms(r.data.q);
      const rank = (l: Locale): Answer[] =>
        articles
          .filter((a) => a.locale === l)
          .map((a) => ({ a, score: scoreArticle(a, terms) }))
          .filter((x) => x.score > 0)
          .sort((x, y) => y.score - x.score)
          .slice(0, r.data.limit ?? 5)
          .map(({ a, score }) => ({
            id: a.id,
            title: a.title,
            body: a.body,
            locale: a.locale,
            ...(a.url ? { url: a.url } : {}),
            score,
          }));
      const found = rank(locale);
      // Like the service: English when the shopper's locale has no match.
      return found.length > 0 || locale === 'en' ? found : rank('en');
    },

    async sendEvents(batch, { idempotencyKey }): Promise<{ accepted: number }> {
      calls.sendEvents += 1;
      await gate();
      return idempotent(idempotencyKey, stableStringify(batch), async () => {
        const r = eventBatchSchema.safeParse({ events: batch });
        if (!r.success) throw new ValidationError('Invalid events', issuesToFields(r.error.issues));
        const received = now().toISOString();
        for (const e of r.data.events) events.push({ ...e, at: e.at ?? received });
        return { accepted: r.data.events.length };
      });
    },

    events: () => events.map(clone),
    feedback: () => responses.map(clone),
    tickets: () => [...tickets.values()].map(view),
    attachment: (id) => attachments.get(id),

    reply(id, message, authorName = agentName) {
      const t = find(id);
      const at = now().toISOString();
      if (!t.timeline.some((e) => e.kind === 'assigned'))
        t.timeline.push({ kind: 'assigned', at, by: 'agent', authorName });
      t.timeline.push({ kind: 'replied', at, by: 'agent', authorName, body: message });
      t.status = 'waiting_on_customer';
      t.updatedAt = at;
      return view(t);
    },

    resolve(id) {
      const t = find(id);
      const at = now().toISOString();
      t.timeline.push({ kind: 'resolved', at, by: 'agent', authorName: agentName });
      t.status = 'resolved';
      t.updatedAt = at;
      return view(t);
    },

    close(id) {
      const t = find(id);
      const at = now().toISOString();
      t.timeline.push({ kind: 'closed', at, by: 'system' });
      t.status = 'closed';
      t.updatedAt = at;
      return view(t);
    },
  };
  return desk;
}
