/** The shopper's tickets: file one, read one (with its photos), list a verified shopper's, write on one. */
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { issuesToFields, ticketCreateSchema, ticketMessageSchema } from '@nectar/core/schema';
import { createMiddleware } from 'hono/factory';
import { stableStringify } from '@nectar/adapters/proxy/shared';
import { requestHashOf } from '../crypto.ts';
import { isId, readableTicket } from '../domain/access.ts';
import { ticketCategorySchema } from '../domain/site-settings.ts';
import { customerWrites } from '../domain/lifecycle.ts';
import { checkFreeAttachments, createTicket } from '../domain/tickets.ts';
import type { BaseEnv, Deps, SiteEnv } from '../env.ts';
import { notFound, unauthorized, validationError } from '../http-error.ts';
import { jsonLimit } from '../middleware/body-limit.ts';
import { idempotent } from '../middleware/idempotency.ts';
import { writeBudget } from '../middleware/rate-limit.ts';
import { shopperSite } from '../middleware/site.ts';
import { json, jsonDepth, MAX_DEPTH } from '../middleware/validate.ts';
import { sendWrite, writeScope } from '../respond.ts';
import { attachmentResponse } from './attachment-response.ts';
import { findTicketAttachment } from '../store/attachments.ts';
import { idempotentWrite } from '../store/idempotency.ts';
import { findTicket, listShopperTickets, toTicket, toTicketSummary } from '../store/tickets.ts';

/** The contract's ticket body, with a category of the site's own taxonomy (checked against it when filed). */
const siteTicketSchema = z.extend(ticketCreateSchema, { category: ticketCategorySchema });

/**
 * A verified shopper may leave `contact` out; an anonymous shopper's body without it is refused naming
 * `contact.email` together with whatever else is wrong (the schema alone would name only the rest).
 */
function anonymousContact(schema: z.ZodMiniType) {
  return createMiddleware<SiteEnv & { Variables: { bodyText?: string } }>(async (c, next) => {
    const text = c.var.bodyText;
    const isJson = /json/i.test(c.req.header('Content-Type') ?? '');
    if (c.var.shopper.user || !isJson || text === undefined || jsonDepth(text) > MAX_DEPTH) return next();
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return next();
    }
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || 'contact' in raw) return next();
    const parsed = schema.safeParse(raw, { reportInput: true });
    const fields = parsed.success ? {} : issuesToFields(parsed.error.issues);
    throw validationError({ ...fields, 'contact.email': 'required' }, 'An email to answer to is required.');
  });
}

export function ticketRoutes(deps: Deps) {
  const { db } = deps;
  return new Hono<BaseEnv>()
    .post(
      '/',
      writeBudget(deps, 'tickets'),
      shopperSite(deps.sites, deps.linkKey),
      idempotent(),
      jsonLimit(),
      anonymousContact(siteTicketSchema),
      json(siteTicketSchema),
      async (c) => {
        const { site, shopper, idempotencyKey: key, raw, body } = c.var;
        const hash = requestHashOf(['POST /v1/tickets', shopper.user ?? '', stableStringify(raw)]);
        const scope = writeScope(site.key, 'POST /v1/tickets');
        // Read before the transaction: the embedded database has one connection, which the transaction holds.
        const settings = await deps.siteSettings.of(site);
        const result = await idempotentWrite(db, { scope, key, requestHash: hash }, async (tx) => ({
          status: 201,
          body: await createTicket(tx, site.key, body, shopper.user, new Date(), settings),
        }));
        return sendWrite(c, result);
      },
    )
    .get('/', shopperSite(deps.sites, deps.linkKey), async (c) => {
      const { site, shopper } = c.var;
      if (!shopper.user) {
        throw unauthorized('Listing tickets needs a verified identity (X-Nectar-User, X-Nectar-User-Hash).');
      }
      return c.json({ tickets: (await listShopperTickets(db, site.key, shopper.user)).map(toTicketSummary) });
    })
    .get('/:id', shopperSite(deps.sites, deps.linkKey), async (c) => {
      const row = await readableTicket(db, c.var.site, c.var.shopper, c.req.param('id'));
      return c.json(await toTicket(db, row));
    })
    .get('/:id/attachments/:attachmentId', shopperSite(deps.sites, deps.linkKey), async (c) => {
      const row = await readableTicket(db, c.var.site, c.var.shopper, c.req.param('id'));
      const attachmentId = c.req.param('attachmentId');
      const attachment = isId(attachmentId) ? await findTicketAttachment(db, row.id, attachmentId) : undefined;
      if (!attachment) throw notFound('No such attachment.');
      return attachmentResponse(c, deps.attachmentsDir, attachment);
    })
    .post(
      '/:id/messages',
      writeBudget(deps, 'tickets'),
      shopperSite(deps.sites, deps.linkKey),
      idempotent(),
      jsonLimit(),
      json(ticketMessageSchema),
      async (c) => {
        const { site, shopper, idempotencyKey: key, raw, body } = c.var;
        const row = await readableTicket(db, site, shopper, c.req.param('id'));
        const route = `POST /v1/tickets/${row.id}/messages`;
        const hash = requestHashOf([route, stableStringify(raw)]);
        const result = await idempotentWrite(
          db,
          { scope: writeScope(site.key, route), key, requestHash: hash },
          async (tx) => {
            const locked = await readableTicket(tx, site, shopper, row.id, { forUpdate: true });
            const now = new Date();
            await checkFreeAttachments(tx, site.key, body.attachments ?? []);
            await customerWrites(tx, locked, body.message, now, body.attachments);
            const updated = await findTicket(tx, row.id);
            if (!updated) throw notFound('No such ticket.');
            return { status: 201, body: await toTicket(tx, updated) };
          },
        );
        return sendWrite(c, result);
      },
    );
}
