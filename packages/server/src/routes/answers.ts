/**
 * `GET /v1/answers?q=&locale=&limit=`: knowledge-base search over published articles, best first, each
 * with its safe HTML; English when the locale has no match. A search that found nothing in the shopper's
 * locale is counted as a gap (the articles to write next), within the events' write budgets. `GET /v1/answers/images/:id`: an article's
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

async function gapBudget(deps: Deps, ip: string, site: string): Promise<boolean> {
  const { perIp, perSite } = deps.limits.events;
  const buckets = [
    { key: `gaps:ip:${ip}`, limit: perIp },
    { key: `gaps:site:${site}`, limit: perSite },
  ];
  return (await deps.limiter.hit(buckets, deps.limits.windowMs)) === null;
}

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
      // A gap is a write: counted on the events' budgets (per IP and per site). Over them the search still answers,
      // and the gap is not recorded, so no one client can fill the list of articles to write next.
      if (gap && (await gapBudget(deps, c.var.ip, site))) {
        await recordGap(deps.db, site, c.var.query.locale ?? 'en', c.var.query.q);
      }
      return c.json({ answers });
    });
}
