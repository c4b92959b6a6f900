/** `GET /v1/answers?q=&locale=&limit=`: knowledge-base search, best first; English when the locale has no match. */
import { Hono } from 'hono';
import { answerQuerySchema } from '@nectar/core/schema';
import type { BaseEnv, Deps } from '../env.ts';
import { shopperSite } from '../middleware/site.ts';
import { query } from '../middleware/validate.ts';
import { searchAnswers } from '../store/answers.ts';

export function answerRoutes(deps: Deps) {
  return new Hono<BaseEnv>().get('/', shopperSite(deps.sites, deps.linkKey), query(answerQuerySchema), async (c) =>
    c.json({ answers: await searchAnswers(deps.db, c.var.site.key, c.var.query) }),
  );
}
