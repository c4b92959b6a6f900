/**
 * Mail to shoppers (and alerts to admins): queued in the transaction of the write that causes it, sent by
 * whichever instance claims it.
 */
import { randomUUID } from 'node:crypto';
import type { Queryable } from './db.ts';

export const MAIL_KINDS = ['reply', 'resolved', 'remedy', 'csat_ask', 'alert'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

export interface MailRow {
  id: string;
  site: string;
  ticket_id: string | null;
  kind: MailKind;
  recipient: string;
  locale: string;
  /** What the template needs beyond the ticket (the agent's reply). */
  payload: {
    message?: string;
    by?: string;
    remedy?: { kind: string; amount?: number; currency?: string };
    /** `alert`: the rule that was crossed and the daily values (oldest first) that crossed it. */
    alert?: {
      name: string;
      metric: string;
      comparison: string;
      value: number;
      periods: number;
      values: (number | null)[];
    };
  };
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  last_error: string | null;
  message_id: string | null;
  created_at: Date;
  next_attempt_at: Date | null;
  sent_at: Date | null;
}

export async function enqueueMail(
  tx: Queryable,
  mail: Pick<MailRow, 'site' | 'ticket_id' | 'kind' | 'recipient' | 'locale' | 'payload'>,
  now: Date,
): Promise<void> {
  await tx.query(
    `INSERT INTO mail_outbox (id, site, ticket_id, kind, recipient, locale, payload, status, created_at, next_attempt_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, 'pending', $8, $8)`,
    [
      randomUUID(),
      mail.site,
      mail.ticket_id,
      mail.kind,
      mail.recipient,
      mail.locale,
      JSON.stringify(mail.payload),
      now.toISOString(),
    ],
  );
}

/** Up to `limit` due mails, locked with `SKIP LOCKED` (other instances take others) and leased for `leaseMs`. */
export async function claimDueMail(db: Queryable, now: Date, leaseMs: number, limit = 10): Promise<MailRow[]> {
  const { rows } = await db.query<MailRow>(
    `WITH due AS (
       SELECT id FROM mail_outbox WHERE status = 'pending' AND next_attempt_at <= $1
       ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED
     )
     UPDATE mail_outbox m SET next_attempt_at = $2 FROM due WHERE m.id = due.id RETURNING m.*`,
    [now.toISOString(), new Date(now.getTime() + leaseMs).toISOString(), limit],
  );
  return rows;
}

/** One attempt's outcome: sent, or failed with the next attempt (`next` null: given up). */
export async function recordMailAttempt(
  db: Queryable,
  id: string,
  outcome: { sent: true; messageId: string } | { sent: false; error: string; next: Date | null },
  now: Date,
): Promise<void> {
  if (outcome.sent) {
    await db.query(
      `UPDATE mail_outbox SET status = 'sent', attempts = attempts + 1, sent_at = $2, message_id = $3,
         next_attempt_at = NULL, last_error = NULL WHERE id = $1`,
      [id, now.toISOString(), outcome.messageId],
    );
    return;
  }
  await db.query(
    `UPDATE mail_outbox SET attempts = attempts + 1, last_error = $2,
       status = CASE WHEN $3::timestamptz IS NULL THEN 'failed' ELSE 'pending' END, next_attempt_at = $3::timestamptz
     WHERE id = $1`,
    [id, outcome.error.slice(0, 1000), outcome.next?.toISOString() ?? null],
  );
}

export async function listMail(
  db: Queryable,
  filter: { status?: MailRow['status'] | undefined; ticketId?: string | undefined; limit: number },
): Promise<MailRow[]> {
  const { rows } = await db.query<MailRow>(
    `SELECT * FROM mail_outbox WHERE ($1::text IS NULL OR status = $1) AND ($2::text IS NULL OR ticket_id = $2)
     ORDER BY created_at DESC LIMIT $3`,
    [filter.status ?? null, filter.ticketId ?? null, filter.limit],
  );
  return rows;
}

export async function mailCounts(db: Queryable): Promise<Record<MailRow['status'], number>> {
  const { rows } = await db.query<{ status: MailRow['status']; n: number }>(
    `SELECT status, count(*)::int AS n FROM mail_outbox GROUP BY status`,
  );
  const counts = { pending: 0, sent: 0, failed: 0 };
  for (const row of rows) counts[row.status] = Number(row.n);
  return counts;
}
