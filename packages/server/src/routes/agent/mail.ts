/**
 * `GET /v1/agent/mail?status=&ticket=`: the mail to shoppers, newest first — `pending` (waiting for its turn, or
 * for an SMTP server: `configured: false` says `NECTAR_SMTP_URL` is not set), `sent`, `failed` (with the last
 * error) — and the counts per status. Mail bodies are not listed: they are rendered when sent.
 */
import { Hono } from 'hono';
import * as z from 'zod/mini';
import type { AgentEnv, Deps } from '../../env.ts';
import { query } from '../../middleware/validate.ts';
import { listMail, mailCounts, type MailRow } from '../../store/mail.ts';

const listSchema = z.strictObject({
  status: z.optional(z.enum(['pending', 'sent', 'failed'])),
  ticket: z.optional(z.uuid()),
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(500))),
});

const iso = (value: Date | null) => (value ? new Date(value).toISOString() : null);

const toMail = (row: MailRow) => ({
  id: row.id,
  ticketId: row.ticket_id,
  kind: row.kind,
  recipient: row.recipient,
  locale: row.locale,
  status: row.status,
  attempts: row.attempts,
  lastError: row.last_error,
  createdAt: iso(row.created_at),
  nextAttemptAt: row.status === 'pending' ? iso(row.next_attempt_at) : null,
  sentAt: iso(row.sent_at),
});

export function agentMailRoutes(deps: Deps) {
  return new Hono<AgentEnv>().get('/', query(listSchema), async (c) => {
    const { status, ticket, limit } = c.var.query;
    const [rows, counts] = await Promise.all([
      listMail(deps.db, { status, ticketId: ticket, limit: limit ?? 100 }),
      mailCounts(deps.db),
    ]);
    return c.json({ configured: deps.mail.configured, counts, mail: rows.map(toMail) });
  });
}
