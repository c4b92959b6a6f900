/**
 * The knowledge hive, for agents (`site` may be left out when only one site is configured):
 *
 * - `GET /v1/agent/answers?site=&locale=&q=&status=published|draft|all&limit=&offset=` — articles with
 *   drafts, newest first (best first with `q`), each with its helpful yes/no counts and views;
 * - `POST /v1/agent/answers` — a new article (`published` defaults to true); `GET` · `PUT` · `DELETE /:id`;
 * - `POST /preview` `{ body }` → `{ html }` (the safe HTML the shopper would see);
 * - `POST /images` — one image in the multipart field `file` (type checked by its bytes) → 201 `{ id, url }`;
 * - `GET /gaps?site=&locale=&limit=` — searches that found nothing, most asked first;
 * - `GET /export?site=&locale=` → `{ files: [{ name, content }] }`; `POST /import` `{ site?, files }`;
 * - `POST /from-ticket/:ticketId` — a resolved ticket's last agent reply as an unpublished draft.
 *
 * Any agent creates and edits; deleting is for admins only (the agent key counts as admin): 403 otherwise.
 */
import { Hono, type Context } from 'hono';
import * as z from 'zod/mini';
import { LIMITS, LOCALES, text } from '@nectar/core/schema';
import { stableStringify } from '@nectar/adapters/proxy/shared';
import { requestHashOf, sha256 } from '../../crypto.ts';
import { isId } from '../../domain/access.ts';
import {
  ARTICLE_BODY_MAX,
  ARTICLE_ID,
  articleFile,
  articleUrlField,
  parseArticleFile,
  tagsField,
} from '../../domain/answers-io.ts';
import { imageType } from '../../domain/attachments.ts';
import { renderMarkdown, withImageOrigin } from '../../domain/markdown.ts';
import type { AgentEnv, AgentPrincipal, Deps } from '../../env.ts';
import { HttpError, notFound, payloadTooLarge, validationError } from '../../http-error.ts';
import { consoleOrigin, requireAdmin } from '../../middleware/agent.ts';
import { jsonLimit, limitBody } from '../../middleware/body-limit.ts';
import { optionallyIdempotent } from '../../middleware/idempotency.ts';
import { json, query } from '../../middleware/validate.ts';
import { sendWrite } from '../../respond.ts';
import {
  createAnswer,
  deleteAnswer,
  findAnswer,
  listAnswers,
  listGaps,
  toAgentAnswer,
  updateAnswer,
  type AnswerRow,
} from '../../store/answers.ts';
import type { Queryable } from '../../store/db.ts';
import { idempotentWrite, type WriteResult } from '../../store/idempotency.ts';
import { findTicket } from '../../store/tickets.ts';
import { storeAnswerImage } from '../answer-images.ts';
import { siteOf } from './site.ts';

const bodyField = () => text(ARTICLE_BODY_MAX, { min: 1 });

const createSchema = z.strictObject({
  site: z.optional(text(64, { min: 1 })),
  locale: z.enum(LOCALES),
  title: text(200, { min: 1 }),
  body: bodyField(),
  url: z.optional(articleUrlField()),
  tags: z.optional(tagsField()),
  published: z.optional(z.boolean()),
});

const updateSchema = z.strictObject({
  locale: z.optional(z.enum(LOCALES)),
  title: z.optional(text(200, { min: 1 })),
  body: z.optional(bodyField()),
  /** null removes the link. */
  url: z.optional(z.nullable(articleUrlField())),
  tags: z.optional(tagsField()),
  published: z.optional(z.boolean()),
});

const listSchema = z.object({
  site: z.optional(text(64, { min: 1 })),
  locale: z.optional(z.enum(LOCALES)),
  q: z.optional(text(200, { min: 1 })),
  status: z.optional(z.enum(['published', 'draft', 'all'])),
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(200))),
  offset: z.optional(z.coerce.number().check(z.int(), z.minimum(0), z.maximum(100_000))),
});

const gapsSchema = z.object({
  site: z.optional(text(64, { min: 1 })),
  locale: z.optional(z.enum(LOCALES)),
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(200))),
});

const exportSchema = z.object({
  site: z.optional(text(64, { min: 1 })),
  locale: z.optional(z.enum(LOCALES)),
});

const importSchema = z.strictObject({
  site: z.optional(text(64, { min: 1 })),
  files: z
    .array(
      z.strictObject({
        name: z.optional(text(200, { min: 1 })),
        content: text(ARTICLE_BODY_MAX + 4000, { min: 1, trim: false }),
      }),
    )
    .check(z.minLength(1), z.maxLength(500)),
});

const previewSchema = z.strictObject({ body: text(ARTICLE_BODY_MAX, { trim: false }) });

/** At most this many articles in one export. */
const EXPORT_MAX = 10_000;
const IMPORT_BODY_MAX = 8 * 1024 * 1024;
/** Article images: the attachments' cap. */
const IMAGE_BYTES_MAX = LIMITS.attachmentBytesMax;

/** Who changed an article: the signed-in agent's name, or the machine key. */
const byOf = (agent: AgentPrincipal) => agent.name ?? 'API';

const noSuchArticle = () => notFound('No such article.', { id: 'not_found' });

async function articleOf(db: Queryable, id: string, forUpdate = false): Promise<AnswerRow> {
  const row = ARTICLE_ID.test(id) ? await findAnswer(db, id, forUpdate) : undefined;
  if (!row) throw noSuchArticle();
  return row;
}

/** One agent write, replayed under its `Idempotency-Key` when one is sent. */
async function agentWrite(
  deps: Deps,
  c: Context,
  key: string | undefined,
  route: string,
  parts: unknown[],
  write: (tx: Queryable) => Promise<WriteResult>,
) {
  const requestHash = requestHashOf([route, ...parts.map((p) => (typeof p === 'string' ? p : stableStringify(p)))]);
  const idempotency = key ? { scope: `agent|${route}`, key, requestHash } : undefined;
  return sendWrite(c, await idempotentWrite(deps.db, idempotency, write));
}

export function agentAnswerRoutes(deps: Deps) {
  const origin = (c: Context) => consoleOrigin(c, deps.trustProxy);
  const full = (c: Context, row: AnswerRow) => toAgentAnswer(row, { html: true, origin: origin(c) });

  return new Hono<AgentEnv>()
    .get('/', query(listSchema), async (c) => {
      const q = c.var.query;
      const site = siteOf(deps, q.site, 'Name the site of the articles.');
      const rows = await listAnswers(
        deps.db,
        { site, locale: q.locale, status: q.status ?? 'all' },
        q.q,
        q.limit ?? 50,
        q.offset ?? 0,
      );
      return c.json({ answers: rows.map((row) => toAgentAnswer(row)) });
    })
    .post('/', jsonLimit(), optionallyIdempotent(), json(createSchema), async (c) => {
      const { site: siteKey, ...input } = c.var.body;
      const site = siteOf(deps, siteKey, 'Name the site of the article.');
      return agentWrite(deps, c, c.var.idempotencyKey, 'POST /v1/agent/answers', [c.var.raw], async (tx) => ({
        status: 201,
        body: full(c, await createAnswer(tx, { site, ...input }, byOf(c.var.agent))),
      }));
    })
    .post('/preview', jsonLimit(), json(previewSchema), (c) =>
      c.json({ html: withImageOrigin(renderMarkdown(c.var.body.body), origin(c)) }),
    )
    .post(
      '/images',
      optionallyIdempotent(),
      limitBody(IMAGE_BYTES_MAX + 64 * 1024, () =>
        payloadTooLarge(`An image may be at most ${IMAGE_BYTES_MAX / 1024 / 1024} MB.`, { file: 'too_large' }),
      ),
      async (c) => {
        const oneFile = (why: string) =>
          validationError({ file: why }, 'Send one image as multipart/form-data in the field "file".');
        let form: Record<string, unknown>;
        try {
          form = await c.req.parseBody({ all: true });
        } catch (error) {
          if (error instanceof HttpError) throw error;
          throw oneFile('required');
        }
        const file = form['file'];
        if (Array.isArray(file)) throw oneFile('too_many');
        if (!(file instanceof File)) throw oneFile('required');
        if (file.size > IMAGE_BYTES_MAX) {
          throw payloadTooLarge(`An image may be at most ${IMAGE_BYTES_MAX / 1024 / 1024} MB.`, { file: 'too_large' });
        }
        const siteField = form['site'];
        if (siteField !== undefined && typeof siteField !== 'string') throw validationError({ site: 'invalid' });
        const site = siteOf(deps, siteField || undefined, 'Name the site of the image.');
        const bytes = new Uint8Array(await file.arrayBuffer());
        const contentType = await imageType(bytes);
        return agentWrite(
          deps,
          c,
          c.var.idempotencyKey,
          'POST /v1/agent/answers/images',
          [site, sha256(bytes)],
          async (tx) => ({
            status: 201,
            body: await storeAnswerImage(tx, deps.attachmentsDir, { site, bytes, contentType, by: byOf(c.var.agent) }),
          }),
        );
      },
    )
    .get('/gaps', query(gapsSchema), async (c) => {
      const q = c.var.query;
      const site = siteOf(deps, q.site, 'Name the site.');
      return c.json({ gaps: await listGaps(deps.db, site, q.locale, q.limit ?? 50) });
    })
    .get('/export', query(exportSchema), async (c) => {
      const q = c.var.query;
      const site = siteOf(deps, q.site, 'Name the site of the articles.');
      const rows = await listAnswers(deps.db, { site, locale: q.locale, status: 'all' }, undefined, EXPORT_MAX, 0);
      return c.json({ files: rows.map(articleFile) });
    })
    .post(
      '/import',
      jsonLimit(IMPORT_BODY_MAX, 'An import may be at most 8 MB.'),
      optionallyIdempotent(),
      json(importSchema),
      async (c) => {
        const { site: siteKey, files } = c.var.body;
        const site = siteOf(deps, siteKey, 'Name the site of the articles.');
        const parsed = files.map((file, n) => parseArticleFile(file.content, n));
        const seen = new Map<string, number>();
        parsed.forEach(({ meta }, n) => {
          if (!meta.id) return;
          if (seen.has(meta.id)) throw validationError({ [`files.${n}.id`]: 'duplicate' });
          seen.set(meta.id, n);
        });
        const by = byOf(c.var.agent);
        return agentWrite(deps, c, c.var.idempotencyKey, 'POST /v1/agent/answers/import', [c.var.raw], async (tx) => {
          let created = 0;
          let updated = 0;
          const ids: string[] = [];
          for (const [n, { meta, body }] of parsed.entries()) {
            const fields = {
              locale: meta.locale,
              title: meta.title,
              body,
              url: meta.url ?? null,
              tags: meta.tags ?? [],
              published: meta.published ?? true,
            };
            const existing = meta.id ? await findAnswer(tx, meta.id, true) : undefined;
            if (existing && existing.site !== site) throw validationError({ [`files.${n}.id`]: 'taken' });
            const row = existing
              ? await updateAnswer(tx, existing.id, fields, by)
              : await createAnswer(tx, { site, ...fields, url: fields.url ?? undefined }, by, meta.id);
            if (existing) updated++;
            else created++;
            ids.push(row!.id);
          }
          return { status: 200, body: { created, updated, ids } };
        });
      },
    )
    .post('/from-ticket/:ticketId', optionallyIdempotent(), async (c) => {
      const ticketId = c.req.param('ticketId');
      return agentWrite(deps, c, c.var.idempotencyKey, 'POST /v1/agent/answers/from-ticket', [ticketId], async (tx) => {
        const ticket = isId(ticketId) ? await findTicket(tx, ticketId) : undefined;
        if (!ticket) throw notFound('No such ticket.', { ticketId: 'not_found' });
        if (ticket.status !== 'resolved' && ticket.status !== 'closed') {
          throw new HttpError(409, 'conflict', 'Only a resolved or closed ticket becomes a draft article.', {
            ticketId: 'not_resolved',
          });
        }
        const { rows } = await tx.query<{ body: string }>(
          `SELECT body FROM timeline WHERE ticket_id = $1 AND kind = 'replied' AND by_role = 'agent' AND body IS NOT NULL
             ORDER BY seq DESC LIMIT 1`,
          [ticket.id],
        );
        const reply = rows[0]?.body;
        if (!reply) {
          throw new HttpError(409, 'conflict', 'The ticket has no agent reply to draft from.', {
            ticketId: 'no_reply',
          });
        }
        const title = (ticket.subject?.trim() || ticket.message.split('\n')[0]!.trim()).slice(0, 200) || ticket.number;
        const locale = LOCALES.find((l) => l === ticket.locale) ?? 'en';
        const row = await createAnswer(
          tx,
          {
            site: ticket.site,
            locale,
            title,
            body: reply.slice(0, ARTICLE_BODY_MAX),
            tags: [ticket.category],
            published: false,
            sourceTicket: ticket.id,
          },
          byOf(c.var.agent),
        );
        return { status: 201, body: full(c, row) };
      });
    })
    .get('/:id', async (c) => c.json(full(c, await articleOf(deps.db, c.req.param('id')))))
    .put('/:id', jsonLimit(), optionallyIdempotent(), json(updateSchema), async (c) => {
      const id = c.req.param('id');
      if (Object.keys(c.var.body).length === 0) throw validationError({ _: 'empty' }, 'Change at least one field.');
      return agentWrite(deps, c, c.var.idempotencyKey, 'PUT /v1/agent/answers/:id', [id, c.var.raw], async (tx) => {
        await articleOf(tx, id, true);
        const row = await updateAnswer(tx, id, c.var.body, byOf(c.var.agent));
        return { status: 200, body: full(c, row!) };
      });
    })
    .delete('/:id', requireAdmin(), optionallyIdempotent(), async (c) => {
      const id = c.req.param('id');
      return agentWrite(deps, c, c.var.idempotencyKey, 'DELETE /v1/agent/answers/:id', [id], async (tx) => {
        if (!ARTICLE_ID.test(id) || !(await deleteAnswer(tx, id))) throw noSuchArticle();
        return { status: 200, body: { id, deleted: true } };
      });
    });
}
