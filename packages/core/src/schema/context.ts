/** The page a write was made on (tickets, survey answers). */
import * as z from 'zod/mini';
import { LIMITS, text } from './base.ts';

export const pageContextSchema = z.object({
  url: z.optional(text(LIMITS.urlMax, { trim: false })),
  userAgent: z.optional(text(LIMITS.userAgentMax, { trim: false })),
});
