/**
 * `POST /v1/events`: tracked events (nudge outcomes, answer views, `track`), at most 100 a batch; 202 once stored.
 * `answer_viewed` and `answer_feedback` (`{ answerId, helpful }`) are also counted on their article.
 */
import { Hono } from 'hono';
import { eventBatchSchema } from '@nectar/core/schema';
import { stableStringify } from '@nectar/adapters/proxy/shared';
import { requestHashOf } from '../crypto.ts';
import type { BaseEnv, Deps } from '../env.ts';
import { jsonLimit } from '../middleware/body-limit.ts';
import { idempotent } from '../middleware/idempotency.ts';
import { writeBudget } from '../middleware/rate-limit.ts';
import { shopperSite } from '../middleware/site.ts';
import { json } from '../middleware/validate.ts';
import { sendWrite, writeScope } from '../respond.ts';
import { countAnswerEvents } from '../store/answers.ts';
import { insertEvents } from '../store/events.ts';
import { idempotentWrite } from '../store/idempotency.ts';

const EVENTS_BODY_MAX = 64 * 1024;

export function eventRoutes(deps: Deps) {
  return new Hono<BaseEnv>().post(
    '/',
    writeBudget(deps, 'events'),
    jsonLimit(EVENTS_BODY_MAX, 'An event batch may be at most 64 kB.'),
    shopperSite(deps.sites, deps.linkKey),
    idempotent(),
    json(eventBatchSchema),
    async (c) => {
      const { site, idempotencyKey: key, raw, body } = c.var;
      const hash = requestHashOf(['POST /v1/events', stableStringify(raw)]);
      const scope = writeScope(site.key, 'POST /v1/events');
      const result = await idempotentWrite(deps.db, { scope, key, requestHash: hash }, async (tx) => {
        await insertEvents(tx, site.key, body.events, new Date());
        await countAnswerEvents(tx, site.key, body.events);
        return { status: 202, body: { accepted: body.events.length } };
      });
      return sendWrite(c, result);
    },
  );
}
