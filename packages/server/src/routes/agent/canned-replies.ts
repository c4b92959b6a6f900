/**
 * `/v1/agent/canned-replies`: a site's reply templates per category and locale, with `{{variables}}`.
 *
 * - `GET ?site=&category=&locale=`: the templates (a category's own first, then those for every category).
 *   With `ticket=<id>`: the templates for that ticket's category and locale (English when it has none of its
 *   own), each with a `preview` — the body with the ticket's values filled in — and the variables it had no
 *   value for (`missing`), so the agent sees what will be sent before sending it.
 * - `PUT` (admins) `{ site?, replies: [{ id?, title, body, locale, category? }] }` replaces the site's set;
 *   a variable that does not exist is refused, naming the reply (`replies.2.body: unknown_variable`), and so is a
 *   category the site does not have (`replies.0.category: invalid_choice`; the site's settings name them).
 */
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { LIMITS, LOCALES, matchLocale, text } from '@nectar/core/schema';
import { isId } from '../../domain/access.ts';
import { categoryIdSchema } from '../../domain/site-settings.ts';
import type { AgentEnv, Deps } from '../../env.ts';
import { notFound, validationError } from '../../http-error.ts';
import { requireAdmin } from '../../middleware/agent.ts';
import { jsonLimit } from '../../middleware/body-limit.ts';
import { json, query } from '../../middleware/validate.ts';
import { listCannedReplies, replaceCannedReplies, type CannedReplyRow } from '../../store/canned-replies.ts';
import { findTicket, type TicketRow } from '../../store/tickets.ts';
import { siteOf as siteOfRequest } from './site.ts';

/** The variables a template may use, and where each value comes from. */
export const VARIABLES = ['shopper.name', 'ticket.number', 'order.number', 'agent.name'] as const;
type Variable = (typeof VARIABLES)[number];
const PLACEHOLDER = /\{\{\s*([a-z.]+)\s*\}\}/g;

const replySchema = z.strictObject({
  id: z.optional(z.uuid()),
  title: text(120, { min: 1 }),
  body: text(LIMITS.messageMax, { min: 1 }),
  locale: z.enum(LOCALES),
  category: z.optional(z.nullable(categoryIdSchema)),
});
const putSchema = z.strictObject({
  site: z.optional(text(64, { min: 1 })),
  replies: z.array(replySchema).check(z.maxLength(500)),
});
const listSchema = z.strictObject({
  site: z.optional(text(64, { min: 1 })),
  category: z.optional(categoryIdSchema),
  locale: z.optional(z.enum(LOCALES)),
  ticket: z.optional(z.string()),
});

/** Fills the placeholders; returns the text and the variables that had no value (left empty). */
export function fillTemplate(body: string, values: Partial<Record<Variable, string>>) {
  const missing = new Set<string>();
  const filled = body.replace(PLACEHOLDER, (_, name: string) => {
    const value = values[name as Variable];
    if (!value) missing.add(name);
    return value ?? '';
  });
  return { text: filled, missing: [...missing] };
}

const toReply = (row: CannedReplyRow) => ({
  id: row.id,
  title: row.title,
  body: row.body,
  locale: row.locale,
  category: row.category,
  updatedAt: new Date(row.updated_at).toISOString(),
});

export function agentCannedReplyRoutes(deps: Deps) {
  const siteOf = (key: string | undefined) => siteOfRequest(deps, key);

  return new Hono<AgentEnv>()
    .get('/', query(listSchema), async (c) => {
      const { site: siteKey, category, locale, ticket: ticketId } = c.var.query;
      let row: TicketRow | undefined;
      if (ticketId !== undefined) {
        row = isId(ticketId) ? await findTicket(deps.db, ticketId) : undefined;
        if (!row) throw notFound('No such ticket.');
      }
      const site = row?.site ?? siteOf(siteKey);
      const all = await listCannedReplies(deps.db, site);
      const wantCategory = row?.category ?? category;
      const ofLocale = (l: string) =>
        all.filter((r) => r.locale === l && (!wantCategory || r.category === wantCategory || r.category === null));
      const wantLocale = row ? matchLocale(row.locale ?? 'en') : locale;
      let chosen = wantLocale
        ? ofLocale(wantLocale)
        : all.filter((r) => !wantCategory || r.category === wantCategory || r.category === null);
      if (row && chosen.length === 0) chosen = ofLocale('en');
      // A category's own templates before the ones for every category, each group in the admin's order.
      chosen = [...chosen.filter((r) => r.category !== null), ...chosen.filter((r) => r.category === null)];
      const values: Partial<Record<Variable, string>> = row
        ? {
            'shopper.name': row.contact_name ?? '',
            'ticket.number': row.number,
            'order.number': row.order_ref ?? '',
            'agent.name': c.var.agent.name ?? row.assignee ?? '',
          }
        : {};
      return c.json({
        site,
        variables: VARIABLES,
        replies: chosen.map((r) => {
          if (!row) return toReply(r);
          const { text: preview, missing } = fillTemplate(r.body, values);
          return { ...toReply(r), preview, missing };
        }),
      });
    })
    .put('/', requireAdmin(), jsonLimit(), json(putSchema), async (c) => {
      const { site: siteKey, replies } = c.var.body;
      const site = siteOf(siteKey);
      const fields: Record<string, string> = {};
      replies.forEach((reply, i) => {
        for (const [, name] of reply.body.matchAll(PLACEHOLDER)) {
          if (!VARIABLES.includes(name as Variable)) fields[`replies.${i}.body`] = 'unknown_variable';
        }
      });
      // A category is one of the site's (its own taxonomy when an admin replaced the default one).
      const { categories } = await deps.siteSettings.of(deps.sites.get(site)!);
      replies.forEach((reply, i) => {
        if (reply.category && !categories.some((c) => c.id === reply.category)) {
          fields[`replies.${i}.category`] = 'invalid_choice';
        }
      });
      const ids = replies.flatMap((r) => (r.id ? [r.id] : []));
      if (new Set(ids).size !== ids.length) fields.replies = 'duplicate_id';
      if (Object.keys(fields).length > 0) {
        throw validationError(fields, `Templates may use ${VARIABLES.map((v) => `{{${v}}}`).join(', ')}.`);
      }
      await deps.db.transaction((tx) =>
        replaceCannedReplies(
          tx,
          site,
          replies.map((r) => ({ ...r, category: r.category ?? null })),
          new Date(),
        ),
      );
      return c.json({ site, replies: (await listCannedReplies(deps.db, site)).map(toReply) });
    });
}
