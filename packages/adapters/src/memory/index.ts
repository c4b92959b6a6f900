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
  feedbackCreateSchema,
  issuesToFields,
  ticketCreateSchema,
  type FeedbackReceipt,
  type Ticket,
  type TicketCreateInput,
  type TicketReceipt,
} from '@nectar/core';

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

export interface MemoryDeskOptions extends Simulation {
  /** Clock of the desk (timestamps and promises). */
  now?: () => Date;
  /** Agent name on replies. */
  agentName?: string;
}

export interface MemoryDesk extends DeskAdapter {
  /** Changes the failure simulation (merged into the current one). */
  simulate(simulation: Simulation): void;
  /** Every ticket created, oldest first. */
  tickets(): Ticket[];
  /** How many calls reached the desk (including failed ones), by method. */
  readonly calls: { createTicket: number; uploadAttachment: number; getTicket: number; sendFeedback: number };
  /** Survey responses stored (one per survey and respondent for NPS, one per ticket for CSAT), oldest first. */
  feedback(): (FeedbackReceipt & { respondent: string | null; followedUp: boolean })[];
  /** Stored attachments by id. */
  attachment(id: string): Blob | undefined;
  /** Agent replies (timeline `replied`, status `waiting_on_customer`). */
  reply(id: string, message: string, authorName?: string): Ticket;
  /** Agent resolves the ticket. */
  resolve(id: string): Ticket;
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
  const calls = { createTicket: 0, uploadAttachment: 0, getTicket: 0, sendFeedback: 0 };
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

  /** Same key → the first result; same key with another body → 422, as the service does. */
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
    capabilities: { attachments: true, ticketStatus: true, messages: false, feedback: true },
    calls,
    simulate,

    async createTicket(input, { idempotencyKey }: WriteOptions): Promise<TicketReceipt> {
      calls.createTicket += 1;
      await gate();
      return idempotent(idempotencyKey, JSON.stringify(input), async () => {
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

    async sendFeedback(input, { idempotencyKey, accessToken }): Promise<FeedbackReceipt> {
      calls.sendFeedback += 1;
      await gate();
      return idempotent(idempotencyKey, JSON.stringify([input, accessToken ?? null]), async () => {
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
  };
  return desk;
}
