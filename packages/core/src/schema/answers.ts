/** The knowledge-base search: the query of `GET /v1/answers`. */
import * as z from 'zod/mini';
// Each schema is built in a pure-annotated function call: a bundle that does not use one drops it, and
// a module no code uses adds nothing to a page (its schemas are not built merely because it is imported).
import { localeField, text } from './base.ts';

/** Query of `GET /v1/answers`. */
export const answerQuerySchema = /* @__PURE__ */ (() =>
  z.object({
    q: text(200, { min: 1 }),
    locale: z.optional(localeField()),
    limit: z.optional(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(20))),
  }))();
