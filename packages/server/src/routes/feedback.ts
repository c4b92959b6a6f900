/** `POST /v1/feedback`: an NPS or CSAT answer (amended under one key: the comment after the score). */
import { Hono } from 'hono';
import { feedbackCreateSchema } from '@nectar/core/schema';
import { stableStringify } from '@nectar/adapters/proxy/shared';
import { requestHashOf } from '../crypto.ts';
import { checkFeedbackTicket, recordFeedback } from '../domain/feedback.ts';
import type { BaseEnv, Deps } from '../env.ts';
import { jsonLimit } from '../middleware/body-limit.ts';
import { idempotent } from '../middleware/idempotency.ts';
import { writeBudget } from '../middleware/rate-limit.ts';
import { shopperSite } from '../middleware/site.ts';
import { json } from '../middleware/validate.ts';
import { sendWrite, writeScope } from '../respond.ts';
import { idempotentWrite } from '../store/idempotency.ts';

/** A survey answer is small: the longest comment is 2,000 characters (up to 4 bytes each in UTF-8). */
const FEEDBACK_BODY_MAX = 32 * 1024;

export function feedbackRoutes(deps: Deps) {
  return new Hono<BaseEnv>().post(
    '/',
    writeBudget(deps, 'feedback'),
    jsonLimit(FEEDBACK_BODY_MAX, 'A survey answer is too large; a comment may be at most 2,000 characters.', {
      comment: 'too_long',
    }),
    shopperSite(deps.sites, deps.linkKey),
    idempotent(),
    json(feedbackCreateSchema),
    async (c) => {
      const { site, shopper, idempotencyKey: key, raw, body } = c.var;
      const ticketId = await checkFeedbackTicket(deps.db, site, shopper, body);
      const hash = requestHashOf(['POST /v1/feedback', shopper.user ?? '', stableStringify(raw)]);
      const idempotency = {
        scope: writeScope(site.key, 'POST /v1/feedback'),
        key,
        requestHash: hash,
        onDifferentBody: 'rewrite' as const,
      };
      const result = await idempotentWrite(deps.db, idempotency, (tx) =>
        recordFeedback(tx, site, shopper, body, ticketId, key),
      );
      return sendWrite(c, result);
    },
  );
}
