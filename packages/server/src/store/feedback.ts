/** Survey answers (NPS, CSAT) as upserts: one response per respondent and survey, one per ticket. */
import { randomUUID } from 'node:crypto';
import {
  DEFAULT_SURVEY_ID,
  NPS_RECONTACT_DAYS,
  type CsatFeedbackInput,
  type FeedbackKind,
  type FeedbackReceipt,
  type NpsFeedbackInput,
} from '@nectar/core/schema';
import type { Queryable } from './db.ts';
import type { WriteResult } from './idempotency.ts';
import type { TicketRow } from './tickets.ts';

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
 * shopper, and locked its row). `followUp` with score 1–2 is recorded once: `followUp` in the answer
 * tells the caller to reopen the ticket with the comment (domain/lifecycle.ts).
 */
export async function upsertCsat(
  tx: Queryable,
  ticket: TicketRow,
  input: CsatFeedbackInput,
  now = new Date(),
): Promise<WriteResult & { followUp: { comment: string | undefined } | undefined }> {
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
  return {
    status: existing ? 200 : 201,
    body: toFeedbackReceipt(row),
    followUp: followUp ? { comment: row.comment ?? undefined } : undefined,
  };
}
