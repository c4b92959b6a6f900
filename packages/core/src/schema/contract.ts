/**
 * The contract's constants and types (ARCHITECTURE.md): categories, statuses, limits, bodies. No zod and
 * no schema: the launcher, the catalogs and every widget import these without loading a validator.
 * `base.ts` re-exports them beside the text field and the issue mapping that the schemas share.
 */
export { LOCALES, matchLocale, type Locale } from '../locale.ts';
import type { Locale } from '../locale.ts';

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
  /** Characters of a survey comment (NPS or CSAT), after trimming. */
  feedbackCommentMax: 2000,
  surveyIdMax: 64,
  /** The opaque browser/shopper id of a survey respondent. */
  respondentMax: 64,
  ticketIdMax: 64,
} as const;

/** Image types accepted for attachments (checked by bytes on the service). */
export const ATTACHMENT_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/heic'] as const;

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
  /** The photos sent with a `customer_message`: ids of the ticket's `attachments`. */
  attachments?: string[];
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

export const FEEDBACK_KINDS = ['nps', 'csat'] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];

/** Survey ids used when the body names none. */
export const DEFAULT_SURVEY_ID: Record<FeedbackKind, string> = { nps: 'nps', csat: 'csat' };

/** NPS answers of one respondent to one survey within this many days update the same response. */
export const NPS_RECONTACT_DAYS = 90;

/** NPS groups by score: 0–6 detractor, 7–8 passive, 9–10 promoter. */
export function npsGroup(score: number): 'detractor' | 'passive' | 'promoter' {
  return score >= 9 ? 'promoter' : score >= 7 ? 'passive' : 'detractor';
}

/**
 * 201 (first answer) or 200 (an update of the same response) body of `POST /v1/feedback`.
 * One response per (site, survey, respondent, recontact window) for NPS, one per ticket for CSAT.
 */
export interface FeedbackReceipt {
  id: string;
  kind: FeedbackKind;
  score: number;
  comment: string | null;
  surveyId: string;
  ticketId: string | null;
  /** First answer. */
  createdAt: string;
  updatedAt: string;
}

/** NPS figures: `score` = % promoters − % detractors, one decimal; null without answers. */
export interface NpsFigures {
  score: number | null;
  promoters: number;
  passives: number;
  detractors: number;
  total: number;
}

/** CSAT figures: `average` of scores 1–5 (two decimals; null without answers) and counts per score. */
export interface CsatFigures {
  average: number | null;
  distribution: { 1: number; 2: number; 3: number; 4: number; 5: number };
  total: number;
}

/** Durations in minutes over the tickets that have the event (null when none has). */
export interface DurationFigures {
  count: number;
  medianMinutes: number | null;
  averageMinutes: number | null;
}

/** Body of `GET /v1/agent/metrics?from=&to=[&site=]`. Days are UTC dates, `from`/`to` inclusive. */
export interface MetricsReport {
  /** `YYYY-MM-DD`. */
  from: string;
  /** `YYYY-MM-DD`. */
  to: string;
  site: string | null;
  /** Responses counted by the UTC date of their first answer. */
  nps: NpsFigures;
  csat: CsatFigures;
  /** Every day of the range, oldest first, zeros included. */
  days: { date: string; nps: NpsFigures; csat: CsatFigures }[];
  /** Tickets created in the range. */
  tickets: {
    created: number;
    firstResponse: DurationFigures;
    resolution: DurationFigures;
    /** First response after `firstResponseBy`, or none yet and past it; the same for resolution. */
    slaBreaches: { firstResponse: number; resolution: number };
  };
}

/** One line of a verified shopper's ticket list (`GET /v1/tickets` → `{ tickets: TicketSummary[] }`). */
export interface TicketSummary {
  id: string;
  number: string;
  status: TicketStatus;
  category: Category;
  subject?: string;
  createdAt: string;
  updatedAt: string;
  promise: { firstResponseBy: string; resolveBy: string };
}

/** One knowledge-base answer (`GET /v1/answers?q=&locale=` → `{ answers: Answer[] }`, best first). */
export interface Answer {
  id: string;
  title: string;
  /** Plain text (never HTML); widgets render it as text. */
  body: string;
  /**
   * The article's Markdown rendered to HTML and sanitized by the service, when it sends it. Widgets still
   * keep only an allow-list of elements and attributes of it (never trusted as it is); without it, `body`.
   */
  html?: string;
  locale: Locale;
  /** Link to the full article on the shop's site, if any. */
  url?: string;
  /** Relevance, higher is better (comparable within one answer list only). */
  score: number;
}

/** Event names: `snake_case` or dotted (`nudge.shown`, `answer_viewed`). */
export const EVENT_NAME = /^[a-z][a-z0-9_.:-]{0,63}$/;

/** Error body of every non-2xx response of the service. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; fields?: Record<string, string> };
}
export type ErrorCode =
  | 'validation_failed'
  | 'unauthorized'
  | 'forbidden'
  /** The page's origin is not among the site's configured origins (a configuration error, never queued). */
  | 'origin_not_allowed'
  /** The site key names no site of the service (a configuration error, never queued). */
  | 'unknown_site'
  | 'not_found'
  | 'rate_limited'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'idempotency_conflict'
  /** The request contradicts the resource's state (e.g. claiming a ticket another agent owns: 409). */
  | 'conflict'
  | 'internal';
