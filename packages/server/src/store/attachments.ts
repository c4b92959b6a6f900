/** Attachment rows: uploaded photos, free until a ticket takes them, swept when never taken. */
import type { Queryable } from './db.ts';

export interface NewAttachment {
  id: string;
  site: string;
  contentType: string;
  size: number;
  sha256: string;
}

export async function insertAttachment(tx: Queryable, a: NewAttachment): Promise<void> {
  await tx.query(
    'INSERT INTO attachments (id, site, content_type, size, sha256, created_at) VALUES ($1, $2, $3, $4, $5, now())',
    [a.id, a.site, a.contentType, a.size, a.sha256],
  );
}

/**
 * Locks the site's attachments among `ids` that no ticket has taken yet and returns their ids: a
 * concurrent ticket claiming the same photo waits, then sees it taken.
 */
export async function lockFreeAttachments(tx: Queryable, site: string, ids: string[]): Promise<string[]> {
  const { rows } = await tx.query<{ id: string }>(
    'SELECT id FROM attachments WHERE site = $1 AND id = ANY($2::text[]) AND ticket_id IS NULL FOR UPDATE',
    [site, ids],
  );
  return rows.map((row) => row.id);
}

/** One attachment of a ticket, or undefined. */
export async function findTicketAttachment(
  db: Queryable,
  ticketId: string,
  attachmentId: string,
): Promise<{ id: string; content_type: string } | undefined> {
  const { rows } = await db.query<{ id: string; content_type: string }>(
    'SELECT id, content_type FROM attachments WHERE id = $1 AND ticket_id = $2',
    [attachmentId, ticketId],
  );
  return rows[0];
}

/** Deletes the rows of uploads no ticket took before `olderThan`; returns their ids (their files go next). */
export async function deleteUnattached(db: Queryable, olderThan: Date, limit = 1000): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `DELETE FROM attachments WHERE id IN (
       SELECT id FROM attachments WHERE ticket_id IS NULL AND created_at < $1 ORDER BY created_at LIMIT $2
     ) RETURNING id`,
    [olderThan.toISOString(), limit],
  );
  return rows.map((row) => row.id);
}
