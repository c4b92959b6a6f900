/** The page a write was made on (tickets, survey answers). */
import * as z from 'zod/mini';
// Each schema is built in a pure-annotated function call: a bundle that does not use one drops it, and
// a module no code uses adds nothing to a page (its schemas are not built merely because it is imported).
import { LIMITS, text } from './base.ts';

export const pageContextSchema = /* @__PURE__ */ (() =>
  z.object({
    url: z.optional(text(LIMITS.urlMax, { trim: false })),
    userAgent: z.optional(text(LIMITS.userAgentMax, { trim: false })),
  }))();
