/** Filing a ticket: its photos must be the site's own uploads that no other ticket has taken. */
import type { TicketCreateInput, TicketReceipt } from '@nectar/core/schema';
import { validationError } from '../http-error.ts';
import { lockFreeAttachments } from '../store/attachments.ts';
import type { Queryable } from '../store/db.ts';
import { insertTicket } from '../store/tickets.ts';
import { isId } from './access.ts';

export async function createTicket(
  tx: Queryable,
  site: string,
  input: TicketCreateInput,
  userId: string | null,
  now: Date,
): Promise<TicketReceipt> {
  const ids = input.attachments ?? [];
  const unique = [...new Set(ids)];
  if (unique.length !== ids.length || !unique.every(isId)) throw validationError({ attachments: 'invalid' });
  if (unique.length > 0 && (await lockFreeAttachments(tx, site, unique)).length !== unique.length) {
    throw validationError({ attachments: 'invalid' }, 'An attachment is unknown or already used by another ticket.');
  }
  return insertTicket(tx, site, input, now, userId);
}
