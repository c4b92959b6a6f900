/**
 * Who may read a ticket, written once: its access token (`Authorization: Bearer`), a mailed status link's
 * signed token for that ticket, or the verified shopper who filed it, on the ticket's own site. Missing, foreign and wrong-credential tickets look
 * the same (existence never leaks).
 */
import type { Shopper } from '../env.ts';
import { notFound, unauthorized, type HttpError } from '../http-error.ts';
import type { SiteConfig } from '../sites.ts';
import type { Queryable } from '../store/db.ts';
import { findTicket, type TicketRow } from '../store/tickets.ts';
import { tokenMatchesHash } from '../crypto.ts';

const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ticket and attachment ids are UUIDs; anything else (a NUL, a path) is simply not found. */
export const isId = (value: string | undefined): value is string => value !== undefined && ID.test(value);

export interface AccessOptions {
  /** The error for a ticket the caller cannot read (default: 404 "No such ticket."). */
  notFound?: () => HttpError;
  /** Lock the row for the rest of the transaction. */
  forUpdate?: boolean;
}

export async function readableTicket(
  db: Queryable,
  site: SiteConfig,
  shopper: Shopper,
  id: string | undefined,
  options: AccessOptions = {},
): Promise<TicketRow> {
  const missing = options.notFound ?? (() => notFound('No such ticket.'));
  if (!shopper.token && !shopper.user) {
    throw unauthorized('This ticket needs its access token (Authorization: Bearer) or a verified identity.');
  }
  const row = isId(id) ? await findTicket(db, id, options.forUpdate) : undefined;
  const ok = shopper.linkTicket
    ? row?.id === shopper.linkTicket
    : shopper.token
      ? tokenMatchesHash(shopper.token, row?.access_token_hash ?? '0'.repeat(64))
      : row?.user_id != null && row.user_id === shopper.user;
  if (!row || !ok || row.site !== site.key) throw missing();
  return row;
}
