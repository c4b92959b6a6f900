/** `POST /v1/agent/answers`: an agent adds a knowledge-base article (`site` may be left out when only one site is configured). */
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { LIMITS, LOCALES, text } from '@nectar/core/schema';
import { stableStringify } from '@nectar/adapters/proxy/shared';
import { requestHashOf } from '../../crypto.ts';
import type { BaseEnv, Deps } from '../../env.ts';
import { jsonLimit } from '../../middleware/body-limit.ts';
import { optionallyIdempotent } from '../../middleware/idempotency.ts';
import { json } from '../../middleware/validate.ts';
import { sendWrite } from '../../respond.ts';
import { insertAnswer, toAnswer } from '../../store/answers.ts';
import { idempotentWrite } from '../../store/idempotency.ts';
import { siteOf } from './site.ts';

const answerSchema = z.strictObject({
  site: z.optional(text(64, { min: 1 })),
  locale: z.enum(LOCALES),
  title: text(200, { min: 1 }),
  body: text(LIMITS.messageMax, { min: 1 }),
  url: z.optional(z.url({ protocol: /^https?$/ }).check(z.maxLength(LIMITS.urlMax))),
  tags: z.optional(z.array(text(64, { min: 1 })).check(z.maxLength(20))),
});

export function agentAnswerRoutes(deps: Deps) {
  return new Hono<BaseEnv>().post('/', jsonLimit(), optionallyIdempotent(), json(answerSchema), async (c) => {
    const { idempotencyKey: key, raw, body } = c.var;
    const { site: siteKey, ...input } = body;
    const site = siteOf(deps, siteKey, 'Name the site of the article.');
    const hash = requestHashOf(['POST /v1/agent/answers', stableStringify(raw)]);
    const idempotency = key ? { scope: 'agent|POST /v1/agent/answers', key, requestHash: hash } : undefined;
    const result = await idempotentWrite(deps.db, idempotency, async (tx) => {
      const row = await insertAnswer(tx, { site, ...input });
      const { score: _score, ...answer } = toAnswer(row);
      return {
        status: 201,
        body: { ...answer, site, tags: row.tags, updatedAt: new Date(row.updated_at).toISOString() },
      };
    });
    return sendWrite(c, result);
  });
}
