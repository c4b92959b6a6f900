/**
 * Broken promises: a ticket past its first-response promise without a reply, or past its resolution promise
 * unresolved, is marked once per promise, escalated to the admins (an `escalated` entry by the system, with
 * the promise as reason) and sent as `sla.breached` — in one transaction per ticket, rows taken with
 * `SKIP LOCKED`, so many instances sweeping at once still send each breach once.
 */
import type { Db } from '../store/db.ts';
import { addTimeline, updateTicket, type TicketRow } from '../store/tickets.ts';
import { emitWebhook, ticketData } from './webhooks.ts';

type Breached = TicketRow & { first_response_breached_at: Date | null; resolution_breached_at: Date | null };

export async function sweepBrokenPromises(db: Db, now: Date, limit = 200): Promise<number> {
  return db.transaction(async (tx) => {
    const { rows } = await tx.query<Breached>(
      `SELECT * FROM tickets
       WHERE status NOT IN ('resolved', 'closed')
         AND ((first_responded_at IS NULL AND first_response_by < $1 AND first_response_breached_at IS NULL)
           OR (resolve_by < $1 AND resolution_breached_at IS NULL))
       ORDER BY first_response_by LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [now.toISOString(), limit],
    );
    for (const row of rows) {
      const broken: ('first_response' | 'resolution')[] = [];
      if (!row.first_responded_at && new Date(row.first_response_by) < now && !row.first_response_breached_at) {
        broken.push('first_response');
      }
      if (new Date(row.resolve_by) < now && !row.resolution_breached_at) broken.push('resolution');
      await tx.query(
        `UPDATE tickets SET
           first_response_breached_at = CASE WHEN $2 THEN $4::timestamptz ELSE first_response_breached_at END,
           resolution_breached_at = CASE WHEN $3 THEN $4::timestamptz ELSE resolution_breached_at END
         WHERE id = $1`,
        [row.id, broken.includes('first_response'), broken.includes('resolution'), now.toISOString()],
      );
      for (const promise of broken) {
        const dueAt = new Date(promise === 'first_response' ? row.first_response_by : row.resolve_by).toISOString();
        await emitWebhook(tx, row.site, 'sla.breached', { ...ticketData(row), promise, dueAt }, now);
        await addTimeline(
          tx,
          row.id,
          'escalated',
          'system',
          now,
          undefined,
          promise === 'first_response'
            ? `No first response by ${dueAt} (the promise to the shopper).`
            : `Not resolved by ${dueAt} (the promise to the shopper).`,
        );
      }
      if (!row.escalated_at) await updateTicket(tx, row.id, { escalated_at: now }, now);
    }
    return rows.length;
  });
}
