/** Survey answers: the body of `POST /v1/feedback` (NPS, CSAT). */
import * as z from 'zod/mini';
// Each schema is built in a pure-annotated function call: a bundle that does not use one drops it, and
// a module no code uses adds nothing to a page (its schemas are not built merely because it is imported).
import { LIMITS, text } from './base.ts';
import { pageContextSchema } from './context.ts';

const trimmed = (max: number) => text(max);
const feedbackComment = /* @__PURE__ */ (() => z.optional(trimmed(LIMITS.feedbackCommentMax)))();
const surveyId = /* @__PURE__ */ (() => z.optional(text(LIMITS.surveyIdMax, { min: 1 })))();
const respondent = /* @__PURE__ */ (() => text(LIMITS.respondentMax, { min: 1 }))();

/**
 * NPS answer: score 0–10; `respondent` deduplicates answers per shopper and survey (the service
 * defaults it to the verified shopper, else to an id of its own that cannot deduplicate).
 * `ticketId` links the answer to a ticket the caller may read (its access token or verified identity).
 */
export const npsFeedbackSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    kind: z.literal('nps'),
    score: z.int().check(z.gte(0), z.lte(10)),
    comment: feedbackComment,
    /** Default `'nps'`. */
    surveyId,
    respondent: z.optional(respondent),
    ticketId: z.optional(text(LIMITS.ticketIdMax, { min: 1 })),
    context: z.optional(pageContextSchema),
  }))();

/**
 * CSAT answer for one ticket (the client's `rating` is sent as `score`, 1–5). Needs the ticket's
 * access token as `Authorization: Bearer`. `followUp: true` with score 1–2 reopens the same ticket
 * with the comment.
 */
export const csatFeedbackSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    kind: z.literal('csat'),
    score: z.int().check(z.gte(1), z.lte(5)),
    comment: feedbackComment,
    ticketId: text(LIMITS.ticketIdMax, { min: 1 }),
    /** Default `'csat'`. */
    surveyId,
    respondent: z.optional(respondent),
    followUp: z.optional(z.boolean()),
    context: z.optional(pageContextSchema),
  }))();

/** Body of `POST /v1/feedback`. */
export const feedbackCreateSchema = /* @__PURE__ */ (() =>
  z.discriminatedUnion('kind', [npsFeedbackSchema, csatFeedbackSchema]))();
export type FeedbackCreateInput = z.infer<typeof feedbackCreateSchema>;
export type NpsFeedbackInput = z.infer<typeof npsFeedbackSchema>;
export type CsatFeedbackInput = z.infer<typeof csatFeedbackSchema>;
