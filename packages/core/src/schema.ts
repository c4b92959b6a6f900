/**
 * Shared schemas of the Nectar contract (ARCHITECTURE.md). Used by the browser client
 * and by the reference service, so both validate the same way. `zod/mini` keeps the
 * browser bundle small; the server imports this module too.
 */
import * as z from 'zod/mini';

/** Default ticket taxonomy; merchants may replace it. */
export const CATEGORIES = [
  'damaged',
  'missing_or_wrong',
  'delivery',
  'return_refund',
  'order_change',
  'product_question',
  'account_payment',
  'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

export type Severity = 'high' | 'medium' | 'low';

export const CATEGORY_SEVERITY: Record<Category, Severity> = {
  damaged: 'high',
  missing_or_wrong: 'high',
  delivery: 'medium',
  return_refund: 'medium',
  order_change: 'medium',
  product_question: 'low',
  account_payment: 'medium',
  other: 'low',
};

/** Promised first response and resolution, in hours, by severity. */
export const SEVERITY_PROMISE_HOURS: Record<Severity, { firstResponse: number; resolve: number }> = {
  high: { firstResponse: 2, resolve: 24 },
  medium: { firstResponse: 4, resolve: 48 },
  low: { firstResponse: 24, resolve: 72 },
};

export const STATUSES = ['new', 'open', 'waiting_on_customer', 'resolved', 'closed'] as const;
export type TicketStatus = (typeof STATUSES)[number];

export const LOCALES = ['en', 'zh-CN', 'zh-TW'] as const;
export type Locale = (typeof LOCALES)[number];

/** Limits shared by the form, the client and the service. */
export const LIMITS = {
  messageMax: 5000,
  subjectMax: 200,
  orderRefMax: 64,
  nameMax: 120,
  emailMax: 254,
  attachmentsMax: 5,
  /** Bytes of one attachment as uploaded (after in-browser resizing). */
  attachmentBytesMax: 10 * 1024 * 1024,
  /** Longest side of a resized photo, in px. */
  imageMaxSide: 2048,
  itemsMax: 50,
  urlMax: 2048,
  userAgentMax: 512,
} as const;

/** Image types accepted for attachments (checked by bytes on the service). */
export const ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic'] as const;

const trimmed = (max: number) => z.string().check(z.trim(), z.maxLength(max));

export const contactSchema = z.object({
  email: z.string().check(z.trim(), z.maxLength(LIMITS.emailMax), z.email()),
  name: z.optional(trimmed(LIMITS.nameMax)),
});

export const pageContextSchema = z.object({
  url: z.optional(z.string().check(z.maxLength(LIMITS.urlMax))),
  userAgent: z.optional(z.string().check(z.maxLength(LIMITS.userAgentMax))),
});

export const ticketItemSchema = z.object({
  sku: z.optional(trimmed(120)),
  title: z.optional(trimmed(300)),
  quantity: z.optional(z.int().check(z.positive())),
});

/**
 * Body of `POST /v1/tickets` (attachments are ids from `POST /v1/attachments`).
 * Strict: no other personal data is accepted.
 */
export const ticketCreateSchema = z.strictObject({
  category: z.enum(CATEGORIES),
  message: z.string().check(z.trim(), z.minLength(1), z.maxLength(LIMITS.messageMax)),
  subject: z.optional(trimmed(LIMITS.subjectMax)),
  orderRef: z.optional(trimmed(LIMITS.orderRefMax)),
  items: z.optional(z.array(ticketItemSchema).check(z.maxLength(LIMITS.itemsMax))),
  attachments: z.optional(
    z.array(z.string().check(z.minLength(1), z.maxLength(64))).check(z.maxLength(LIMITS.attachmentsMax)),
  ),
  contact: contactSchema,
  locale: z.optional(z.enum(LOCALES)),
  context: z.optional(pageContextSchema),
});
export type TicketCreateInput = z.infer<typeof ticketCreateSchema>;

/** 201 body of `POST /v1/tickets`. */
export interface TicketReceipt {
  id: string;
  /** Short, human-friendly number shown to the shopper, e.g. `NC-7K4P2Q`. */
  number: string;
  status: TicketStatus;
  createdAt: string;
  /** Bearer token that lets this browser read the ticket. */
  accessToken: string;
  promise: { firstResponseBy: string; resolveBy: string };
}

export type TimelineKind = 'created' | 'assigned' | 'replied' | 'customer_message' | 'resolved' | 'reopened' | 'closed';

export interface TimelineEntry {
  kind: TimelineKind;
  at: string;
  /** Who acted: the shopper, an agent (display name only) or the system. */
  by: 'customer' | 'agent' | 'system';
  authorName?: string;
  /** Message text for `replied` and `customer_message`. */
  body?: string;
}

/** Body of `GET /v1/tickets/:id`. */
export interface Ticket {
  id: string;
  number: string;
  status: TicketStatus;
  category: Category;
  subject?: string;
  message: string;
  orderRef?: string;
  createdAt: string;
  updatedAt: string;
  promise: { firstResponseBy: string; resolveBy: string };
  attachments: { id: string; contentType: string; size: number }[];
  timeline: TimelineEntry[];
}

/** Error body of every non-2xx response of the service. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; fields?: Record<string, string> };
}
export type ErrorCode =
  | 'validation_failed'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'rate_limited'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'idempotency_conflict'
  | 'internal';

/**
 * Turns zod issues into `{ field: code }`, where field is the dotted path
 * (`contact.email`) and code is a short, stable reason (`required`, `too_long`,
 * `invalid_email`, `invalid`, `unknown_field`…) that clients localize.
 */
export function issuesToFields(issues: readonly z.core.$ZodIssue[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) fields[[...issue.path, key].join('.')] ??= 'unknown_field';
      continue;
    }
    const path = issue.path.join('.') || '_';
    fields[path] ??= reason(issue);
  }
  return fields;
}

function reason(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'required' : 'invalid_type';
    case 'too_small':
      return issue.origin === 'string' && issue.minimum === 1 ? 'required' : 'too_small';
    case 'too_big':
      return 'too_long';
    case 'invalid_format':
      return issue.format === 'email' ? 'invalid_email' : 'invalid';
    case 'invalid_value':
      return 'invalid_choice';
    default:
      return 'invalid';
  }
}
