/** Tracked events: the body of `POST /v1/events`. */
import * as z from 'zod/mini';
// Each schema is built in a pure-annotated function call: a bundle that does not use one drops it, and
// a module no code uses adds nothing to a page (its schemas are not built merely because it is imported).
import { EVENT_NAME, text } from './base.ts';

/** One tracked event (behavioural events only with `consent.behavior`). */
export const trackedEventSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    name: z.string().check(z.regex(EVENT_NAME)),
    /** Flat properties; no nested objects, no personal data by convention. */
    props: z.optional(
      z.record(text(64, { trim: false }), z.nullable(z.union([text(500, { trim: false }), z.number(), z.boolean()]))),
    ),
    /** When it happened (ISO 8601); the service stamps it when left out. */
    at: z.optional(z.iso.datetime({ offset: true })),
    /** Opaque browser id the client keeps (the same as feedback's respondent). */
    anonymousId: z.optional(text(64, { min: 1, trim: false })),
  }))();
export type TrackedEvent = z.infer<typeof trackedEventSchema>;

/** Body of `POST /v1/events` → 202 `{ accepted: number }`. */
export const eventBatchSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    events: z.array(trackedEventSchema).check(z.minLength(1), z.maxLength(100)),
  }))();
export type EventBatch = z.infer<typeof eventBatchSchema>;
