/** The knowledge-base search: the query of `GET /v1/answers`. */
import * as z from 'zod/mini';
import { localeField, text } from './base.ts';

/** Query of `GET /v1/answers`. */
export const answerQuerySchema = z.object({
  q: text(200, { min: 1 }),
  locale: z.optional(localeField()),
  limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(20))),
});
