/**
 * Survey answers (NPS, CSAT) as idempotent upserts, the shopper's messages on a ticket, and the
 * agent's metrics, computed in SQL.
 */
import { randomUUID } from 'node:crypto';
import {
  DEFAULT_SURVEY_ID,
  NPS_RECONTACT_DAYS,
  type CsatFeedbackInput,
  type CsatFigures,
  type DurationFigures,
  type FeedbackKind,
  type FeedbackReceipt,
  type MetricsReport,
  type NpsFeedbackInput,
  type NpsFigures,
} from '@nectar/core/schema';
import type { Queryable } from './db.ts';
import type { WriteResult } from './idempotency.ts';
import { addTimeline, type TicketRow } from './tickets.ts';

interface FeedbackRow {
  id: string;
  site: string;
  kind: FeedbackKind;
  survey_id: string;
  respondent: string | null;
  ticket_id: string | null;
  score: number;
  comment: string | null;
  followed_up_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

const iso = (value: Date | string): string => new Date(value).toISOString();

export function toFeedbackReceipt(row: FeedbackRow): FeedbackReceipt {
  return {
    id: row.id,
    kind: row.kind,
    score: Number(row.score),
    comment: row.comment,
    surveyId: row.survey_id,
    ticketId: row.ticket_id,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

/**
 * One NPS response per (site, survey, respondent) within the recontact window: a later answer in
 * the window (the comment after the score, a changed score) updates it; a comment left out keeps
 * the one already given. 201 when created, 200 when updated.
 */
export async function upsertNps(
  tx: Queryable,
  site: string,
  input: NpsFeedbackInput & { respondent: string },
  now = new Date(),
): Promise<WriteResult> {
  const surveyId = input.surveyId || DEFAULT_SURVEY_ID.nps;
  // Serializes answers of one respondent to one survey, so two first answers cannot both insert.
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
    `nectar-nps\n${site}\n${surveyId}\n${input.respondent}`,
  ]);
  const since = new Date(now.getTime() - NPS_RECONTACT_DAYS * 86_400_000);
  const { rows } = await tx.query<FeedbackRow>(
    `SELECT * FROM feedback WHERE kind = 'nps' AND site = $1 AND survey_id = $2 AND respondent = $3 AND created_at > $4
     ORDER BY created_at DESC LIMIT 1 FOR UPDATE`,
    [site, surveyId, input.respondent, since.toISOString()],
  );
  const comment = input.comment || null;
  const context = input.context ? JSON.stringify(input.context) : null;
  const existing = rows[0];
  if (existing) {
    const updated = await tx.query<FeedbackRow>(
      `UPDATE feedback SET score = $2, comment = COALESCE($3, comment), context = COALESCE($4::jsonb, context),
         updated_at = $5, ticket_id = COALESCE($6, ticket_id) WHERE id = $1 RETURNING *`,
      [existing.id, input.score, comment, context, now.toISOString(), input.ticketId ?? null],
    );
    return { status: 200, body: toFeedbackReceipt(updated.rows[0]!) };
  }
  const inserted = await tx.query<FeedbackRow>(
    `INSERT INTO feedback (id, site, kind, survey_id, respondent, ticket_id, score, comment, context, created_at,
       updated_at)
     VALUES ($1, $2, 'nps', $3, $4, $5, $6, $7, $8, $9, $9) RETURNING *`,
    [
      randomUUID(),
      site,
      surveyId,
      input.respondent,
      input.ticketId ?? null,
      input.score,
      comment,
      context,
      now.toISOString(),
    ],
  );
  return { status: 201, body: toFeedbackReceipt(inserted.rows[0]!) };
}

/**
 * One CSAT response per ticket (the caller has checked the ticket's access token or the verified
 * shopper, and locked its row). `followUp` with score 1–2 reopens the same ticket with the comment, once.
 */
export async function upsertCsat(
  tx: Queryable,
  ticket: TicketRow,
  input: CsatFeedbackInput,
  now = new Date(),
): Promise<WriteResult> {
  const { rows } = await tx.query<FeedbackRow>(`SELECT * FROM feedback WHERE kind = 'csat' AND ticket_id = $1`, [
    ticket.id,
  ]);
  const existing = rows[0];
  const comment = input.comment || null;
  const context = input.context ? JSON.stringify(input.context) : null;
  const followUp = input.followUp === true && input.score <= 2 && !existing?.followed_up_at;
  let row: FeedbackRow;
  if (existing) {
    const updated = await tx.query<FeedbackRow>(
      `UPDATE feedback SET score = $2, comment = COALESCE($3, comment), context = COALESCE($4::jsonb, context),
         respondent = COALESCE($5, respondent), followed_up_at = COALESCE(followed_up_at, $6), updated_at = $7
       WHERE id = $1 RETURNING *`,
      [
        existing.id,
        input.score,
        comment,
        context,
        input.respondent ?? null,
        followUp ? now.toISOString() : null,
        now.toISOString(),
      ],
    );
    row = updated.rows[0]!;
  } else {
    const inserted = await tx.query<FeedbackRow>(
      `INSERT INTO feedback (id, site, kind, survey_id, respondent, ticket_id, score, comment, context, followed_up_at,
         created_at, updated_at)
       VALUES ($1, $2, 'csat', $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING *`,
      [
        randomUUID(),
        ticket.site,
        input.surveyId || DEFAULT_SURVEY_ID.csat,
        input.respondent ?? null,
        ticket.id,
        input.score,
        comment,
        context,
        followUp ? now.toISOString() : null,
        now.toISOString(),
      ],
    );
    row = inserted.rows[0]!;
  }
  if (followUp) await customerWrites(tx, ticket, row.comment ?? undefined, now);
  return { status: existing ? 200 : 201, body: toFeedbackReceipt(row) };
}

/**
 * The shopper writes on their ticket (a message, or a CSAT follow-up): a `customer_message` entry
 * when there is text; a resolved or closed ticket is reopened (`reopened`, status `open`); one
 * waiting on the customer goes back to `open`.
 */
export async function customerWrites(
  tx: Queryable,
  ticket: TicketRow,
  message: string | undefined,
  now = new Date(),
): Promise<void> {
  if (message) await addTimeline(tx, ticket.id, 'customer_message', 'customer', now, undefined, message);
  const reopen = ticket.status === 'resolved' || ticket.status === 'closed';
  if (reopen) await addTimeline(tx, ticket.id, 'reopened', 'customer', now);
  await tx.query(
    `UPDATE tickets SET updated_at = $2,
       status = CASE WHEN status IN ('resolved', 'closed', 'waiting_on_customer') THEN 'open' ELSE status END,
       resolved_at = CASE WHEN status IN ('resolved', 'closed') THEN NULL ELSE resolved_at END
     WHERE id = $1`,
    [ticket.id, now.toISOString()],
  );
}

// ---- metrics ------------------------------------------------------------------------------------

interface FiguresRow {
  day: string | null;
  nps_total: number;
  promoters: number;
  passives: number;
  detractors: number;
  nps: number | null;
  csat_total: number;
  c1: number;
  c2: number;
  c3: number;
  c4: number;
  c5: number;
  csat_average: number | null;
}

interface TicketFiguresRow {
  created: number;
  responded: number;
  frt_median: number | null;
  frt_average: number | null;
  resolved: number;
  res_median: number | null;
  res_average: number | null;
  frt_breaches: number;
  res_breaches: number;
}

const num = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

function npsFigures(row: FiguresRow): NpsFigures {
  return {
    score: num(row.nps),
    promoters: Number(row.promoters),
    passives: Number(row.passives),
    detractors: Number(row.detractors),
    total: Number(row.nps_total),
  };
}

function csatFigures(row: FiguresRow): CsatFigures {
  return {
    average: num(row.csat_average),
    distribution: { 1: Number(row.c1), 2: Number(row.c2), 3: Number(row.c3), 4: Number(row.c4), 5: Number(row.c5) },
    total: Number(row.csat_total),
  };
}

function durations(count: number, median: unknown, average: unknown): DurationFigures {
  return { count: Number(count), medianMinutes: num(median), averageMinutes: num(average) };
}

/**
 * NPS, CSAT and ticket figures for the UTC days `from`…`to` (inclusive, `YYYY-MM-DD`), for one site
 * or all. Responses count on the UTC date of their first answer; tickets by their creation.
 */
export async function computeMetrics(
  db: Queryable,
  range: { from: string; to: string; site: string | null },
  now = new Date(),
): Promise<MetricsReport> {
  const { from, to, site } = range;
  // GROUPING SETS: one row per day and one (day IS NULL) for the whole range.
  const figures = await db.query<FiguresRow>(
    `WITH days AS (
       SELECT d::date AS day FROM generate_series($1::date::timestamp, $2::date::timestamp, interval '1 day') AS d
     ), answers AS (
       SELECT (f.created_at AT TIME ZONE 'UTC')::date AS day, f.kind, f.score FROM feedback f
       WHERE f.created_at >= ($1::date::timestamp AT TIME ZONE 'UTC')
         AND f.created_at < (($2::date + 1)::timestamp AT TIME ZONE 'UTC')
         AND ($3::text IS NULL OR f.site = $3)
     ), counted AS (
       SELECT to_char(days.day, 'YYYY-MM-DD') AS day, GROUPING(days.day) AS whole,
         count(*) FILTER (WHERE a.kind = 'nps')::int AS nps_total,
         count(*) FILTER (WHERE a.kind = 'nps' AND a.score >= 9)::int AS promoters,
         count(*) FILTER (WHERE a.kind = 'nps' AND a.score BETWEEN 7 AND 8)::int AS passives,
         count(*) FILTER (WHERE a.kind = 'nps' AND a.score <= 6)::int AS detractors,
         count(*) FILTER (WHERE a.kind = 'csat')::int AS csat_total,
         count(*) FILTER (WHERE a.kind = 'csat' AND a.score = 1)::int AS c1,
         count(*) FILTER (WHERE a.kind = 'csat' AND a.score = 2)::int AS c2,
         count(*) FILTER (WHERE a.kind = 'csat' AND a.score = 3)::int AS c3,
         count(*) FILTER (WHERE a.kind = 'csat' AND a.score = 4)::int AS c4,
         count(*) FILTER (WHERE a.kind = 'csat' AND a.score = 5)::int AS c5,
         round(avg(a.score) FILTER (WHERE a.kind = 'csat'), 2)::float8 AS csat_average
       FROM days LEFT JOIN answers a ON a.day = days.day
       GROUP BY GROUPING SETS ((days.day), ())
     )
     SELECT CASE WHEN whole = 1 THEN NULL ELSE day END AS day, nps_total, promoters, passives, detractors,
       round((promoters - detractors) * 100.0 / NULLIF(nps_total, 0), 1)::float8 AS nps,
       csat_total, c1, c2, c3, c4, c5, csat_average
     FROM counted ORDER BY whole DESC, day`,
    [from, to, site],
  );
  const minutes = (end: string) => `extract(epoch FROM (${end} - created_at)) / 60.0`;
  const tickets = await db.query<TicketFiguresRow>(
    `SELECT count(*)::int AS created,
       count(first_responded_at)::int AS responded,
       round((percentile_cont(0.5) WITHIN GROUP (ORDER BY ${minutes('first_responded_at')}))::numeric, 1)::float8 AS frt_median,
       round(avg(${minutes('first_responded_at')})::numeric, 1)::float8 AS frt_average,
       count(resolved_at)::int AS resolved,
       round((percentile_cont(0.5) WITHIN GROUP (ORDER BY ${minutes('resolved_at')}))::numeric, 1)::float8 AS res_median,
       round(avg(${minutes('resolved_at')})::numeric, 1)::float8 AS res_average,
       count(*) FILTER (WHERE first_responded_at > first_response_by
         OR (first_responded_at IS NULL AND $4::timestamptz > first_response_by))::int AS frt_breaches,
       count(*) FILTER (WHERE resolved_at > resolve_by
         OR (resolved_at IS NULL AND $4::timestamptz > resolve_by))::int AS res_breaches
     FROM tickets
     WHERE created_at >= ($1::date::timestamp AT TIME ZONE 'UTC')
       AND created_at < (($2::date + 1)::timestamp AT TIME ZONE 'UTC')
       AND ($3::text IS NULL OR site = $3)`,
    [from, to, site, now.toISOString()],
  );
  const [whole, ...days] = figures.rows;
  const t = tickets.rows[0]!;
  return {
    from,
    to,
    site,
    nps: npsFigures(whole!),
    csat: csatFigures(whole!),
    days: days.map((row) => ({ date: row.day!, nps: npsFigures(row), csat: csatFigures(row) })),
    tickets: {
      created: Number(t.created),
      firstResponse: durations(t.responded, t.frt_median, t.frt_average),
      resolution: durations(t.resolved, t.res_median, t.res_average),
      slaBreaches: { firstResponse: Number(t.frt_breaches), resolution: Number(t.res_breaches) },
    },
  };
}
