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

/**
 * A ticket's context: the page, and what the shopper searched for and read before asking (the answers'
 * "still need help" hand-off).
 */
export const ticketContextSchema = /* @__PURE__ */ (() =>
  z.extend(pageContextSchema, {
    searchQuery: z.optional(text(200)),
    answerId: z.optional(text(64, { min: 1 })),
  }))();
