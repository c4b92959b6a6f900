/**
 * Filing a ticket: its category is one of the site's (the default taxonomy or the merchant's own), its photos must
 * be the site's own uploads that no other ticket has taken; its promises are its category's, counted in the site's
 * business hours when it has them.
 */
import {
  CATEGORIES,
  CATEGORY_SEVERITY,
  SEVERITY_PROMISE_HOURS,
  type Category,
  type TicketReceipt,
} from '@nectar/core/schema';
import { validationError } from '../http-error.ts';
import { lockFreeAttachments } from '../store/attachments.ts';
import type { Queryable } from '../store/db.ts';
import { insertTicket, lastContactOf, type SiteTicketInput } from '../store/tickets.ts';
import { isId } from './access.ts';
import type { EffectiveSettings } from './site-settings.ts';
import { emitWebhook, ticketData } from './webhooks.ts';

export async function createTicket(
  tx: Queryable,
  site: string,
  input: SiteTicketInput,
  userId: string | null,
  now: Date,
  settings?: Pick<EffectiveSettings, 'categories' | 'businessHours'>,
): Promise<TicketReceipt> {
  const category = settings ? settings.categories.find((c) => c.id === input.category) : defaultTerms(input.category);
  if (!category) throw validationError({ category: 'invalid_choice' }, 'The category is not one of this site’s.');
  await checkFreeAttachments(tx, site, input.attachments ?? []);
  const { severity, promise } = category;
  // A verified shopper may leave the contact out: the one they gave last on this site, else none (their user id).
  const contact = input.contact ?? (userId ? await lastContactOf(tx, site, userId) : undefined);
  if (!contact && !userId) throw validationError({ 'contact.email': 'required' }, 'An email to answer to is required.');
  const receipt = await insertTicket(tx, site, { ...input, contact }, now, userId, {
    severity,
    promise,
    businessHours: settings?.businessHours ?? null,
  });
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

/** A category of the contract's default taxonomy, its severity and promises (a site without settings). */
function defaultTerms(id: string) {
  if (!(CATEGORIES as readonly string[]).includes(id)) return undefined;
  const severity = CATEGORY_SEVERITY[id as Category];
  return { severity, promise: SEVERITY_PROMISE_HOURS[severity] };
}

/** The photos must be distinct ids of the site's own uploads that no ticket has taken yet (locked until commit). */
export async function checkFreeAttachments(tx: Queryable, site: string, ids: string[]): Promise<void> {
  const unique = [...new Set(ids)];
  if (unique.length !== ids.length || !unique.every(isId)) throw validationError({ attachments: 'invalid' });
  if (unique.length > 0 && (await lockFreeAttachments(tx, site, unique)).length !== unique.length) {
    throw validationError({ attachments: 'invalid' }, 'An attachment is unknown or already used by another ticket.');
  }
}
