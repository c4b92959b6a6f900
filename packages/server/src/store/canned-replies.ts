/** Canned replies: a site's reply templates, replaced as a whole set by an admin. */
import { randomUUID } from 'node:crypto';
import type { Queryable } from './db.ts';

export interface CannedReplyRow {
  id: string;
  site: string;
  category: string | null;
  locale: string;
  title: string;
  body: string;
  position: number;
  updated_at: Date;
}

export type CannedReplyInput = Pick<CannedReplyRow, 'category' | 'locale' | 'title' | 'body'> & { id?: string };

export async function listCannedReplies(db: Queryable, site: string): Promise<CannedReplyRow[]> {
  const { rows } = await db.query<CannedReplyRow>('SELECT * FROM canned_replies WHERE site = $1 ORDER BY position', [
    site,
  ]);
  return rows;
}

/** Replaces the site's set (ids kept where given, so a console's selection survives an edit). */
export async function replaceCannedReplies(
  tx: Queryable,
  site: string,
  replies: CannedReplyInput[],
  now: Date,
): Promise<void> {
  await tx.query('DELETE FROM canned_replies WHERE site = $1', [site]);
  for (const [position, reply] of replies.entries()) {
    await tx.query(
      `INSERT INTO canned_replies (id, site, category, locale, title, body, position, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        reply.id ?? randomUUID(),
        site,
        reply.category,
        reply.locale,
        reply.title,
        reply.body,
        position,
        now.toISOString(),
      ],
    );
  }
}
