/** Tickets: the body of `POST /v1/tickets` and of `POST /v1/tickets/:id/messages`. */
import * as z from 'zod/mini';
// Each schema is built in a pure-annotated function call: a bundle that does not use one drops it, and
// a module no code uses adds nothing to a page (its schemas are not built merely because it is imported).
import { CATEGORIES, LIMITS, localeField, text } from './base.ts';
import { ticketContextSchema } from './context.ts';

const trimmed = (max: number) => text(max);

export const contactSchema = /* @__PURE__ */ (() =>
  z.object({
    email: text(LIMITS.emailMax).check(z.email()),
    name: z.optional(trimmed(LIMITS.nameMax)),
  }))();

/** `+` and 8–15 digits once spaces, dots, dashes and brackets are taken out; kept normalised (`+4930123456`). */
export const phoneSchema = /* @__PURE__ */ (() =>
  z.pipe(
    text(32, { min: 1 }),
    z.pipe(
      z.transform((value: string) => value.replace(/[\s().-]/g, '')),
      z.string().check(z.regex(/^\+[1-9]\d{7,14}$/)),
    ),
  ))();

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;
const clock = () => z.string().check(z.regex(CLOCK));

/** A call-back request: the number and, optionally, the window the shopper prefers (`from` before `to`). */
export const callbackSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    phone: phoneSchema,
    window: z.optional(
      z
        .strictObject({
          date: z.optional(z.iso.date()),
          from: clock(),
          to: clock(),
        })
        .check(
          z.refine((w) => !CLOCK.test(w.from) || !CLOCK.test(w.to) || w.from < w.to, {
            path: ['to'],
            params: { reason: 'invalid_window' },
          }),
        ),
    ),
  }))();
export type CallbackInput = z.infer<typeof callbackSchema>;

export const ticketItemSchema = /* @__PURE__ */ (() =>
  z.object({
    sku: z.optional(trimmed(120)),
    title: z.optional(trimmed(300)),
    quantity: z.optional(z.int().check(z.positive())),
  }))();

/**
 * Body of `POST /v1/tickets` (attachments are ids from `POST /v1/attachments`).
 * Strict: no other personal data is accepted.
 */
export const ticketCreateSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    category: z.enum(CATEGORIES),
    message: text(LIMITS.messageMax, { min: 1 }),
    subject: z.optional(trimmed(LIMITS.subjectMax)),
    orderRef: z.optional(trimmed(LIMITS.orderRefMax)),
    items: z.optional(z.array(ticketItemSchema).check(z.maxLength(LIMITS.itemsMax))),
    attachments: z.optional(z.array(text(64, { min: 1, trim: false })).check(z.maxLength(LIMITS.attachmentsMax))),
    /** May be left out by a verified shopper: the service fills it from what it knows of them. */
    contact: z.optional(contactSchema),
    /** The shopper asks to be called back (phone with country code; a preferred window, `HH:MM`). */
    callback: z.optional(callbackSchema),
    locale: z.optional(localeField()),
    context: z.optional(ticketContextSchema),
  }))();
export type TicketCreateInput = z.infer<typeof ticketCreateSchema>;

/** Body of `POST /v1/tickets/:id/messages` (the shopper writes on their ticket). 201 → `Ticket`. */
export const ticketMessageSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    message: text(LIMITS.messageMax, { min: 1 }),
    /** Photos for this message: ids from `POST /v1/attachments`, not used by another ticket. */
    attachments: z.optional(z.array(text(64, { min: 1, trim: false })).check(z.maxLength(LIMITS.attachmentsMax))),
  }))();
export type TicketMessageInput = z.infer<typeof ticketMessageSchema>;
