/**
 * Filing a ticket: its photos must be the site's own uploads that no other ticket has taken; its promises count
 * the site's business hours when it has them.
 */
import { CATEGORY_SEVERITY, type TicketCreateInput, type TicketReceipt } from '@nectar/core/schema';
import { validationError } from '../http-error.ts';
import { lockFreeAttachments } from '../store/attachments.ts';
import type { Queryable } from '../store/db.ts';
import { insertTicket } from '../store/tickets.ts';
import { isId } from './access.ts';
import type { BusinessHours } from './business-hours.ts';
import { emitWebhook, ticketData } from './webhooks.ts';

export async function createTicket(
  tx: Queryable,
  site: string,
  input: TicketCreateInput,
  userId: string | null,
  now: Date,
  businessHours?: BusinessHours,
): Promise<TicketReceipt> {
  await checkFreeAttachments(tx, site, input.attachments ?? []);
  const receipt = await insertTicket(tx, site, input, now, userId, businessHours);
  const severity = CATEGORY_SEVERITY[input.category];
  await emitWebhook(
    tx,
    site,
    'ticket.created',
    {
      ...ticketData({
        ...receipt,
        site,
        category: input.category,
        severity,
        order_ref: input.orderRef || null,
        assignee: null,
      }),
      createdAt: receipt.createdAt,
      promise: receipt.promise,
      message: input.message,
      ...(input.subject ? { subject: input.subject } : {}),
    },
    now,
  );
  return receipt;
}

/** The photos must be distinct ids of the site's own uploads that no ticket has taken yet (locked until commit). */
export async function checkFreeAttachments(tx: Queryable, site: string, ids: string[]): Promise<void> {
  const unique = [...new Set(ids)];
  if (unique.length !== ids.length || !unique.every(isId)) throw validationError({ attachments: 'invalid' });
  if (unique.length > 0 && (await lockFreeAttachments(tx, site, unique)).length !== unique.length) {
    throw validationError({ attachments: 'invalid' }, 'An attachment is unknown or already used by another ticket.');
  }
}
