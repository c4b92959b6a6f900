/**
 * `GET /v1/answers?q=&locale=&limit=`: knowledge-base search over published articles, best first, each
 * with its safe HTML; English when the locale has no match. A search that found nothing in the shopper's
 * locale is counted as a gap (the articles to write next). `GET /v1/answers/images/:id`: an article's
 * image (public, like the articles).
 */
import { Hono } from 'hono';
import { answerQuerySchema } from '@nectar/core/schema';
import type { BaseEnv, Deps } from '../env.ts';
import { notFound } from '../http-error.ts';
import { consoleOrigin } from '../middleware/agent.ts';
import { shopperSite } from '../middleware/site.ts';
import { query } from '../middleware/validate.ts';
import { answerImageResponse } from './answer-images.ts';
import { findAnswerImage, recordGap, searchAnswersWithGap } from '../store/answers.ts';

const IMAGE_ID = /^img_[0-9a-f-]{36}$/;

export function answerRoutes(deps: Deps) {
  return new Hono<BaseEnv>()
    .get('/images/:id', async (c) => {
      const id = c.req.param('id');
      const image = IMAGE_ID.test(id) ? await findAnswerImage(deps.db, id) : undefined;
      if (!image) throw notFound('No such image.');
      return answerImageResponse(c, deps.attachmentsDir, image);
    })
    .get('/', shopperSite(deps.sites, deps.linkKey), query(answerQuerySchema), async (c) => {
      const site = c.var.site.key;
      const { answers, gap } = await searchAnswersWithGap(
        deps.db,
        site,
        c.var.query,
        consoleOrigin(c, deps.trustProxy),
      );
      if (gap) await recordGap(deps.db, site, c.var.query.locale ?? 'en', c.var.query.q);
      return c.json({ answers });
    });
}
