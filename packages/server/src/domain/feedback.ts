/**
 * Survey answers. Who answered is never taken from the body: a verified shopper is `user:<id>`
 * from their verified identity; an anonymous browser's id (the body's `respondent`) is bound to
 * the site and hashed into `anon:<hash>`, a namespace no caller can write into another's — so an
 * anonymous call can neither overwrite a verified shopper's answer nor read back their comment.
 * Without either, the answer is its own respondent, derived from the write's idempotency key.
 */
import type { CsatFeedbackInput, FeedbackCreateInput, NpsFeedbackInput } from '@nectar/core/schema';
import { sha256 } from '../crypto.ts';
import type { Shopper } from '../env.ts';
import { notFound } from '../http-error.ts';
import type { SiteConfig } from '../sites.ts';
import type { Queryable } from '../store/db.ts';
import { upsertCsat, upsertNps } from '../store/feedback.ts';
import type { WriteResult } from '../store/idempotency.ts';
import { readableTicket } from './access.ts';
import { customerWrites, escalate } from './lifecycle.ts';
import { emitWebhook } from './webhooks.ts';

/** The stored respondent of an anonymous browser id on a site. */
export const anonymousRespondent = (site: string, browserId: string): string =>
  `anon:${sha256(`${site}\n${browserId}`).slice(0, 40)}`;

export function respondentOf(
  site: string,
  shopper: Shopper,
  browserId: string | undefined,
  idempotencyKey: string,
): string {
  if (shopper.user) return `user:${shopper.user}`;
  if (browserId) return anonymousRespondent(site, browserId);
  return `anon_${sha256(`${site}\n${idempotencyKey}`).slice(0, 32)}`;
}

const ticketNotFound = () => notFound('No such ticket.', { ticketId: 'not_found' });

/** Checks the ticket an answer names before the write (CSAT always, NPS optionally). */
export async function checkFeedbackTicket(
  db: Queryable,
  site: SiteConfig,
  shopper: Shopper,
  input: FeedbackCreateInput,
): Promise<string | undefined> {
  if (!input.ticketId) return undefined;
  const row = await readableTicket(db, site, shopper, input.ticketId, { notFound: ticketNotFound });
  return row.id;
}

/** Records the answer inside the idempotent write's transaction. */
export async function recordFeedback(
  tx: Queryable,
  site: SiteConfig,
  shopper: Shopper,
  input: FeedbackCreateInput,
  ticketId: string | undefined,
  idempotencyKey: string,
  now = new Date(),
): Promise<WriteResult> {
  const respondent = respondentOf(site.key, shopper, input.respondent, idempotencyKey);
  if (input.kind === 'nps') {
    const nps: NpsFeedbackInput & { respondent: string } = {
      ...input,
      respondent,
      ...(ticketId ? { ticketId } : {}),
    };
    return announce(tx, site.key, await upsertNps(tx, site.key, nps, now), now);
  }
  const locked = await readableTicket(tx, site, shopper, ticketId, { notFound: ticketNotFound, forUpdate: true });
  const csat: CsatFeedbackInput = { ...input, respondent };
  const { followUp, ...result } = await upsertCsat(tx, locked, csat, now);
  if (followUp) {
    await customerWrites(tx, locked, followUp.comment, now);
    // An unhappy shopper who asks to be contacted goes to a supervisor, not back into the queue alone.
    await escalate(tx, locked, `CSAT ${input.score}: the shopper asked to be contacted.`, undefined, now, 'system');
  }
  return announce(tx, site.key, result, now);
}

/** A first answer (201) is `feedback.created`; amendments of it are not new feedback. */
async function announce(tx: Queryable, site: string, result: WriteResult, now: Date): Promise<WriteResult> {
  if (result.status === 201) await emitWebhook(tx, site, 'feedback.created', { site, ...(result.body as object) }, now);
  return result;
}
