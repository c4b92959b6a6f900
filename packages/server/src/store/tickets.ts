/** Ticket rows (SQL of tickets and their timeline) and their shapes on the wire (`Ticket`, `TicketReceipt`, the agent's view). */
import { randomUUID } from 'node:crypto';
import {
  CATEGORY_SEVERITY,
  SEVERITY_PROMISE_HOURS,
  type CallbackInput,
  type Category,
  type Severity,
  type Ticket,
  type TicketCreateInput,
  type TicketReceipt,
  type TicketStatus,
  type TicketSummary,
  type TimelineEntry,
  type TimelineKind,
} from '@nectar/core/schema';
import type { Queryable } from './db.ts';
import { randomToken, sha256, ticketNumber } from '../crypto.ts';
import { addBusinessHours, type BusinessHours } from '../domain/business-hours.ts';
import { callbackTerms } from '../domain/callback.ts';
import { priorityHints, type Priority, type PriorityHint } from '../domain/priority.ts';

export interface TicketRow {
  id: string;
  site: string;
  /** The verified shopper who filed it (identity verification), or null for an anonymous one. */
  user_id: string | null;
  number: string;
  status: TicketStatus;
  category: Category;
  severity: Severity;
  subject: string | null;
  message: string;
  order_ref: string | null;
  items: unknown;
  /** Null: a verified shopper who gave none (the agent knows them by `user_id`). */
  contact_email: string | null;
  contact_name: string | null;
  locale: string | null;
  context: unknown;
  access_token_hash: string;
  assignee: string | null;
  created_at: Date;
  updated_at: Date;
  first_response_by: Date;
  resolve_by: Date;
  first_responded_at: Date | null;
  resolved_at: Date | null;
  escalated_at: Date | null;
  attribution: Attribution | null;
  priority: Priority;
  priority_reasons: PriorityHint['reasons'] | null;
  callback?: CallbackInput | null;
  callback_from?: Date | null;
  callback_by?: Date | null;
  /** Migration 20: the agent made the call (when, who); calls that found nobody, and the last one. */
  callback_done_at?: Date | null;
  callback_done_by?: string | null;
  callback_attempts?: number | null;
  callback_last_attempt_at?: Date | null;
}

/** Where a ticket's problem comes from (the problem board groups by these). */
export interface Attribution {
  department?: string;
  issueType?: string;
  product?: string;
  supplier?: string;
}

/**
 * Timeline entries only agents see: internal notes and escalations. Every other kind is the shopper's
 * too (`TimelineKind` of the contract).
 */
export type AgentTimelineKind = TimelineKind | 'note' | 'escalated' | 'remedy' | 'callback';
const AGENT_ONLY_KINDS: AgentTimelineKind[] = ['note', 'escalated', 'callback'];
/** Entries whose text the shopper sees (`TimelineEntry.body`). */
const SHOPPER_BODIES = new Set<AgentTimelineKind>(['replied', 'customer_message', 'remedy']);

/** An entry of the agent's timeline. */
export interface AgentTimelineEntry extends Omit<TimelineEntry, 'kind'> {
  kind: AgentTimelineKind;
  /** A `remedy` entry's terms. */
  remedy?: Remedy;
  /** The photos sent with a `customer_message` (ids of the ticket's attachments). */
  attachments?: string[];
  /** A `callback` entry: how the call went, and which attempt it was. */
  callback?: CallbackOutcome;
}

/** An agent's call to a shopper who asked for one (`POST /v1/agent/tickets/:id/callback`). */
export interface CallbackOutcome {
  outcome: 'done' | 'no_answer';
  attempt: number;
}

/** What a timeline entry carries besides its text. */
export interface TimelineData {
  remedy?: Remedy;
  attachments?: string[];
  callback?: CallbackOutcome;
}

/** What the shop does to make a problem good, recorded on the timeline (the shopper sees it). */
export interface Remedy {
  kind: 'refund' | 'reship' | 'voucher';
  amount?: number;
  currency?: string;
  /**
   * `executed`: the shop's backend did it (a refund through the commerce adapter); `manual`: someone
   * fulfils it in the shop's own systems. The shopper sees this much.
   */
  fulfilment: 'manual' | 'executed';
  /** Agents only: how it went — `failed` was tried in the backend and refused (so fulfilled by hand). */
  execution?: 'executed' | 'manual' | 'failed';
  /** Agents only: the backend's reference of what it did (e.g. the refund's id). */
  reference?: string;
  /** Agents only: why the backend did not do it. */
  error?: string;
}

/** What the shopper reads of a remedy: the terms and whether it is done, never the backend's words. */
const shopperRemedy = ({ kind, amount, currency, fulfilment }: Remedy): Remedy => ({
  kind,
  ...(amount !== undefined ? { amount } : {}),
  ...(currency !== undefined ? { currency } : {}),
  fulfilment,
});

interface TimelineRow {
  kind: AgentTimelineKind;
  at: Date;
  by_role: TimelineEntry['by'];
  author_name: string | null;
  body: string | null;
  data: TimelineData | null;
}

interface AttachmentRow {
  id: string;
  content_type: string;
  size: number;
}

/** What an agent sees: the shopper's ticket plus contact, items, context, SLA facts, notes and escalation. */
export interface AgentTicket extends Omit<Ticket, 'timeline'> {
  timeline: AgentTimelineEntry[];
  escalatedAt?: string;
  attribution?: Attribution;
  site: string;
  severity: Severity;
  /** `email` is missing for a verified shopper who gave none; `userId` names the verified shopper. */
  contact: { email?: string; name?: string; userId?: string };
  /**
   * The shopper asked to be called back: the number and window, and when the call is due (`from`…`by`);
   * `doneAt`/`doneBy` once an agent made the call (it is no longer due), `attempts` that found nobody.
   */
  callback?: CallbackInput & {
    from?: string;
    by: string;
    doneAt?: string;
    doneBy?: string;
    attempts: number;
    lastAttemptAt?: string;
  };
  items?: unknown;
  locale?: string;
  context?: unknown;
  assignee?: string;
  firstRespondedAt?: string;
  resolvedAt?: string;
  /** The shopper's CSAT answer for this ticket, when there is one. */
  csat?: TicketCsat;
  /** Raised by the ticket's own words (safety, anger, urgency, a threat to escalate, a large amount), with why. */
  priority: PriorityHint;
}

/** The CSAT of a ticket as an agent sees it (`followUp`: the shopper asked to be contacted again). */
export interface TicketCsat {
  score: number;
  comment: string | null;
  followUp: boolean;
  createdAt: string;
  updatedAt: string;
}

const iso = (value: Date | string): string => new Date(value).toISOString();

/** A ticket's severity and promised hours (its site's category), counted in the site's business hours. */
export interface TicketTerms {
  severity: Severity;
  promise: { firstResponse: number; resolve: number };
  businessHours?: BusinessHours | null;
}

/** A new ticket as the service takes it: its category is one of its site's (the default taxonomy or the site's own). */
export type SiteTicketInput = Omit<TicketCreateInput, 'category'> & { category: string };

export async function insertTicket(
  tx: Queryable,
  site: string,
  input: SiteTicketInput,
  now = new Date(),
  userId: string | null = null,
  terms?: TicketTerms,
): Promise<TicketReceipt> {
  const severity = terms?.severity ?? CATEGORY_SEVERITY[input.category as Category] ?? 'low';
  const promise = terms?.promise ?? SEVERITY_PROMISE_HOURS[severity];
  const businessHours = terms?.businessHours ?? undefined;
  const id = randomUUID();
  const accessToken = randomToken();
  const hint = priorityHints(`${input.subject ?? ''}\n${input.message}`);
  const firstResponseBy = addBusinessHours(now, promise.firstResponse, businessHours);
  const resolveBy = addBusinessHours(now, promise.resolve, businessHours);
  const call = input.callback && callbackTerms(input.callback, now, businessHours, firstResponseBy);
  let number: string | undefined;
  for (let attempt = 0; attempt < 8 && !number; attempt++) {
    const candidate = ticketNumber();
    const { rows } = await tx.query(
      `INSERT INTO tickets (id, site, number, status, category, severity, subject, message, order_ref, items,
         contact_email, contact_name, locale, context, access_token_hash, created_at, updated_at, first_response_by, resolve_by, user_id,
         priority, priority_reasons)
       VALUES ($1, $2, $3, 'new', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15, $16, $17, $18, $19, $20)
       ON CONFLICT (number) DO NOTHING RETURNING id`,
      [
        id,
        site,
        candidate,
        input.category,
        severity,
        input.subject || null,
        input.message,
        input.orderRef || null,
        input.items ? JSON.stringify(input.items) : null,
        input.contact?.email || null,
        input.contact?.name || null,
        input.locale ?? null,
        input.context ? JSON.stringify(input.context) : null,
        sha256(accessToken),
        now.toISOString(),
        firstResponseBy.toISOString(),
        resolveBy.toISOString(),
        userId,
        hint.level,
        hint.reasons.length ? JSON.stringify(hint.reasons) : null,
      ],
    );
    if (rows.length === 1) number = candidate;
  }
  if (!number) throw new Error('Could not allocate a unique ticket number');
  if (input.callback && call) {
    await tx.query('UPDATE tickets SET callback = $2, callback_from = $3, callback_by = $4 WHERE id = $1', [
      id,
      JSON.stringify(input.callback),
      call.from?.toISOString() ?? null,
      call.by.toISOString(),
    ]);
  }
  if (input.attachments?.length) {
    await tx.query('UPDATE attachments SET ticket_id = $1 WHERE id = ANY($2::text[])', [id, input.attachments]);
  }
  await addTimeline(tx, id, 'created', 'customer', now);
  return {
    id,
    number,
    status: 'new',
    createdAt: now.toISOString(),
    accessToken,
    promise: { firstResponseBy: firstResponseBy.toISOString(), resolveBy: resolveBy.toISOString() },
  };
}

/** The contact a verified shopper gave on their latest ticket of the site that has one. */
export async function lastContactOf(
  db: Queryable,
  site: string,
  userId: string,
): Promise<{ email: string; name?: string } | undefined> {
  const { rows } = await db.query<{ contact_email: string; contact_name: string | null }>(
    `SELECT contact_email, contact_name FROM tickets
      WHERE site = $1 AND user_id = $2 AND contact_email IS NOT NULL ORDER BY created_at DESC LIMIT 1`,
    [site, userId],
  );
  const row = rows[0];
  return row && { email: row.contact_email, ...(row.contact_name ? { name: row.contact_name } : {}) };
}

export async function addTimeline(
  tx: Queryable,
  ticketId: string,
  kind: AgentTimelineKind,
  by: TimelineEntry['by'],
  at: Date,
  authorName?: string,
  body?: string,
  data?: TimelineData,
): Promise<void> {
  await tx.query(
    'INSERT INTO timeline (ticket_id, kind, at, by_role, author_name, body, data) VALUES ($1, $2, $3, $4, $5, $6, $7)',
    [
      ticketId,
      kind,
      at.toISOString(),
      by,
      authorName ?? null,
      body ?? null,
      data && Object.keys(data).length > 0 ? JSON.stringify(data) : null,
    ],
  );
}

/** The columns a status change may set (see domain/lifecycle.ts, the only caller). */
export interface TicketPatch {
  status?: TicketStatus;
  assignee?: string | null;
  first_responded_at?: Date | null;
  resolved_at?: Date | null;
  escalated_at?: Date | null;
  attribution?: Attribution;
  callback_done_at?: Date;
  callback_done_by?: string | null;
  callback_attempts?: number;
  callback_last_attempt_at?: Date;
}

/** Sets the given columns and `updated_at`. */
export async function updateTicket(tx: Queryable, id: string, patch: TicketPatch, now: Date): Promise<void> {
  const columns = Object.keys(patch) as (keyof TicketPatch)[];
  // Dates as ISO strings, objects as JSON (the column's type, jsonb, reads it), the rest as they are.
  const values = columns.map((column) => {
    const value = patch[column];
    if (value instanceof Date) return value.toISOString();
    return value !== null && typeof value === 'object' ? JSON.stringify(value) : (value ?? null);
  });
  const sets = columns.map((column, i) => `${column} = $${i + 3}`);
  await tx.query(`UPDATE tickets SET ${['updated_at = $2', ...sets].join(', ')} WHERE id = $1`, [
    id,
    now.toISOString(),
    ...values,
  ]);
}

/** Whether the ticket's timeline has an entry of this kind. */
export async function hasTimelineEntry(db: Queryable, ticketId: string, kind: TimelineKind): Promise<boolean> {
  const { rows } = await db.query('SELECT 1 FROM timeline WHERE ticket_id = $1 AND kind = $2 LIMIT 1', [
    ticketId,
    kind,
  ]);
  return rows.length > 0;
}

/** A verified shopper's tickets on one site, newest first. */
export async function listShopperTickets(db: Queryable, site: string, userId: string): Promise<TicketRow[]> {
  const { rows } = await db.query<TicketRow>(
    'SELECT * FROM tickets WHERE site = $1 AND user_id = $2 ORDER BY created_at DESC LIMIT 100',
    [site, userId],
  );
  return rows;
}

/**
 * The agent's queue: open tickets first, by the SLA deadline that comes next (first response until
 * answered, then resolution), then resolved and closed ones, most recently changed first.
 * `q` matches subject or message, case-insensitively, as a plain substring.
 */
export async function listAgentTickets(
  db: Queryable,
  filter: {
    status: TicketStatus | null;
    q: string | null;
    /** An agent's name, or null for unassigned tickets; left out: anyone's. */
    assignee?: string | null;
    site?: string | null;
    /** Only tickets past a promise they have not kept. */
    breached?: boolean;
  },
  now = new Date(),
): Promise<TicketRow[]> {
  const pattern = filter.q ? `%${filter.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%` : null;
  const { rows } = await db.query<TicketRow>(
    `SELECT * FROM tickets
     WHERE ($1::text IS NULL OR status = $1)
       AND ($2::text IS NULL OR subject ILIKE $2 ESCAPE '\\' OR message ILIKE $2 ESCAPE '\\')
       AND (NOT $3::boolean OR assignee IS NOT DISTINCT FROM $4::text)
       AND ($5::text IS NULL OR site = $5)
       AND (NOT $6::boolean OR (status NOT IN ('resolved', 'closed') AND (
             (first_responded_at IS NULL AND first_response_by < $7::timestamptz) OR resolve_by < $7::timestamptz)))
     ORDER BY CASE WHEN status IN ('resolved', 'closed') THEN 1 ELSE 0 END,
       CASE WHEN status NOT IN ('resolved', 'closed') AND priority = 'urgent' THEN 0 ELSE 1 END,
       CASE WHEN status IN ('resolved', 'closed') THEN NULL
            WHEN first_responded_at IS NULL THEN first_response_by ELSE resolve_by END ASC,
       updated_at DESC
     LIMIT 500`,
    [
      filter.status,
      pattern,
      filter.assignee !== undefined,
      filter.assignee ?? null,
      filter.site ?? null,
      filter.breached ?? false,
      now.toISOString(),
    ],
  );
  return rows;
}

export async function findTicket(db: Queryable, id: string, forUpdate = false): Promise<TicketRow | undefined> {
  const { rows } = await db.query<TicketRow>(`SELECT * FROM tickets WHERE id = $1${forUpdate ? ' FOR UPDATE' : ''}`, [
    id,
  ]);
  return rows[0];
}

/** The shopper's view (`Ticket` in schema.ts): internal notes and escalations are never in it. */
export async function toTicket(db: Queryable, row: TicketRow): Promise<Ticket> {
  return toView(db, row, 'shopper') as Promise<Ticket>;
}

async function toView(db: Queryable, row: TicketRow, audience: 'shopper' | 'agent') {
  const [timeline, attachments] = await Promise.all([
    db.query<TimelineRow>(
      `SELECT kind, at, by_role, author_name, body, data FROM timeline WHERE ticket_id = $1
       ${audience === 'shopper' ? 'AND NOT (kind = ANY($2::text[]))' : ''} ORDER BY seq`,
      audience === 'shopper' ? [row.id, AGENT_ONLY_KINDS] : [row.id],
    ),
    db.query<AttachmentRow>(
      'SELECT id, content_type, size FROM attachments WHERE ticket_id = $1 ORDER BY created_at, id',
      [row.id],
    ),
  ]);
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    category: row.category,
    ...(row.subject ? { subject: row.subject } : {}),
    message: row.message,
    ...(row.order_ref ? { orderRef: row.order_ref } : {}),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    promise: { firstResponseBy: iso(row.first_response_by), resolveBy: iso(row.resolve_by) },
    attachments: attachments.rows.map((a) => ({ id: a.id, contentType: a.content_type, size: Number(a.size) })),
    timeline: timeline.rows.map((t) => ({
      kind: t.kind,
      at: iso(t.at),
      by: t.by_role,
      ...(t.author_name ? { authorName: t.author_name } : {}),
      // The shopper reads the messages only; an assignment's reason is the agents' business.
      ...(t.body && (audience === 'agent' || SHOPPER_BODIES.has(t.kind)) ? { body: t.body } : {}),
      ...(t.data?.remedy ? { remedy: audience === 'agent' ? t.data.remedy : shopperRemedy(t.data.remedy) } : {}),
      ...(t.data?.attachments ? { attachments: t.data.attachments } : {}),
      ...(audience === 'agent' && t.data?.callback ? { callback: t.data.callback } : {}),
    })),
  };
}

/** The agent's summary of a ticket (no timeline); `toAgentTicket` adds it. */
export function toAgentSummary(row: TicketRow): Omit<AgentTicket, 'timeline' | 'attachments'> {
  return {
    id: row.id,
    site: row.site,
    number: row.number,
    status: row.status,
    category: row.category,
    severity: row.severity,
    ...(row.subject ? { subject: row.subject } : {}),
    message: row.message,
    ...(row.order_ref ? { orderRef: row.order_ref } : {}),
    contact: {
      ...(row.contact_email ? { email: row.contact_email } : {}),
      ...(row.contact_name ? { name: row.contact_name } : {}),
      ...(row.user_id ? { userId: row.user_id } : {}),
    },
    ...(row.callback && row.callback_by
      ? {
          callback: {
            ...row.callback,
            ...(row.callback_from ? { from: iso(row.callback_from) } : {}),
            by: iso(row.callback_by),
            ...(row.callback_done_at ? { doneAt: iso(row.callback_done_at) } : {}),
            ...(row.callback_done_by ? { doneBy: row.callback_done_by } : {}),
            attempts: Number(row.callback_attempts ?? 0),
            ...(row.callback_last_attempt_at ? { lastAttemptAt: iso(row.callback_last_attempt_at) } : {}),
          },
        }
      : {}),
    ...(row.items ? { items: row.items } : {}),
    ...(row.locale ? { locale: row.locale } : {}),
    ...(row.context ? { context: row.context } : {}),
    ...(row.assignee ? { assignee: row.assignee } : {}),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    promise: { firstResponseBy: iso(row.first_response_by), resolveBy: iso(row.resolve_by) },
    ...(row.first_responded_at ? { firstRespondedAt: iso(row.first_responded_at) } : {}),
    ...(row.resolved_at ? { resolvedAt: iso(row.resolved_at) } : {}),
    ...(row.escalated_at ? { escalatedAt: iso(row.escalated_at) } : {}),
    ...(row.attribution ? { attribution: row.attribution } : {}),
    priority: { level: row.priority, reasons: row.priority_reasons ?? [] },
  };
}

export async function toAgentTicket(db: Queryable, row: TicketRow): Promise<AgentTicket> {
  const [ticket, csat, answerTitle] = await Promise.all([
    toView(db, row, 'agent'),
    ticketCsat(db, row.id),
    readArticleTitle(db, row),
  ]);
  const summary = toAgentSummary(row);
  return {
    ...summary,
    ...(answerTitle ? { context: { ...(summary.context as object), answerTitle } } : {}),
    attachments: ticket.attachments,
    timeline: ticket.timeline,
    ...(csat ? { csat } : {}),
  };
}

/**
 * The title of the article the shopper read before asking (`context.answerId`, the answers' hand-off), when it
 * is still one of the ticket's site; the console shows it as `context.answerTitle`.
 */
async function readArticleTitle(db: Queryable, row: TicketRow): Promise<string | undefined> {
  const answerId = (row.context as { answerId?: unknown } | null)?.answerId;
  if (typeof answerId !== 'string' || !answerId) return undefined;
  const { rows } = await db.query<{ title: string }>('SELECT title FROM answers WHERE id = $1 AND site = $2', [
    answerId,
    row.site,
  ]);
  return rows[0]?.title;
}

async function ticketCsat(db: Queryable, ticketId: string): Promise<TicketCsat | undefined> {
  const { rows } = await db.query<{
    score: number;
    comment: string | null;
    followed_up_at: Date | null;
    created_at: Date;
    updated_at: Date;
  }>(
    `SELECT score, comment, followed_up_at, created_at, updated_at FROM feedback WHERE kind = 'csat' AND ticket_id = $1`,
    [ticketId],
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    score: Number(row.score),
    comment: row.comment,
    followUp: row.followed_up_at !== null,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

export function toTicketSummary(row: TicketRow): TicketSummary {
  return {
    id: row.id,
    number: row.number,
    status: row.status,
    category: row.category,
    ...(row.subject ? { subject: row.subject } : {}),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
    promise: { firstResponseBy: iso(row.first_response_by), resolveBy: iso(row.resolve_by) },
  };
}
