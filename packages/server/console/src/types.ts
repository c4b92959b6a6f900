/** What the console reads from the agent API (`/v1/agent/*`, `/v1/console/session`): only the fields it shows. */

// The contract's own lists (zod-free constants), so the console never drifts from what the service accepts.
import type { Category, TicketStatus as Status } from '@nectar/core/schema';
export { CATEGORIES, STATUSES } from '@nectar/core/schema';
export type { Category, Status };
export type Severity = 'high' | 'medium' | 'low';
export type Role = 'agent' | 'admin';

export interface Agent {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
}

export const PRIORITY_REASONS = ['safety', 'anger', 'urgency', 'escalation_threat', 'amount'] as const;
export type PriorityLevel = 'normal' | 'high' | 'urgent';
export type PriorityReason = (typeof PRIORITY_REASONS)[number];

/** The service's hint from the ticket's own words: the level, and each reason with the words that raised it. */
export interface Priority {
  level: PriorityLevel;
  reasons: { reason: PriorityReason | string; matched: string }[];
}

/** One row of `GET /v1/agent/tickets`. */
export interface TicketSummary {
  id: string;
  site: string;
  number: string;
  status: Status;
  category: Category | string;
  severity: Severity | string;
  subject?: string;
  message: string;
  orderRef?: string;
  /** `email` is missing for a verified shopper who gave none (`userId` names them). */
  contact: { email?: string; name?: string; userId?: string };
  /**
   * The shopper asked to be called back (window in the shop's time); due by `by`, not before `from`; made at
   * `doneAt` by `doneBy` (no longer due); `attempts` that found nobody (absent from an older service: none).
   */
  callback?: {
    phone: string;
    window?: { from: string; to: string; date?: string };
    from?: string;
    by: string;
    doneAt?: string;
    doneBy?: string;
    attempts?: number;
    lastAttemptAt?: string;
  };
  locale?: string;
  assignee?: string;
  createdAt: string;
  updatedAt: string;
  promise: { firstResponseBy: string; resolveBy: string };
  firstRespondedAt?: string;
  resolvedAt?: string;
  escalatedAt?: string;
  /** Absent from a service older than priority hints: read as `normal`. */
  priority?: Priority;
}

export type TimelineKind =
  | 'created'
  | 'assigned'
  | 'replied'
  | 'customer_message'
  | 'resolved'
  | 'reopened'
  | 'closed'
  | 'note'
  | 'escalated'
  | 'remedy'
  | 'callback';

export const REMEDY_KINDS = ['refund', 'reship', 'voucher'] as const;
export type RemedyKind = (typeof REMEDY_KINDS)[number];

/** What the shop does to make a problem good (`POST /v1/agent/tickets/:id/remedy`); the shopper sees it. */
export interface Remedy {
  kind: RemedyKind | string;
  amount?: number;
  currency?: string;
  /** How it went in the shop's backend (agents only): executed there, to be done by hand, or refused there. */
  execution?: 'executed' | 'manual' | 'failed';
  /** The backend's reference (e.g. Vendure's refund id) or why it refused. */
  reference?: string;
  error?: string;
}

export interface TimelineEntry {
  kind: TimelineKind | string;
  at: string;
  by: 'customer' | 'agent' | 'system';
  authorName?: string;
  body?: string;
  /** A `remedy` entry's terms. */
  remedy?: Remedy;
  /** A shopper's message: the photos it carried (ids of the ticket's attachments). */
  attachments?: string[];
  /** A `callback` entry (agents only): how the call went and which attempt it was. */
  callback?: { outcome: 'done' | 'no_answer'; attempt: number };
}

/**
 * Where the shopper was (`context` of the ticket): the page, and what they searched for and read before asking
 * (the answers' hand-off); `answerTitle` is the article's title, resolved by the service.
 */
export interface TicketContext {
  url?: string;
  userAgent?: string;
  searchQuery?: string;
  answerId?: string;
  answerTitle?: string;
}

/** Where a ticket's problem comes from (`POST /v1/agent/tickets/:id/attribution`; the problem board groups by it). */
export const ATTRIBUTION_FIELDS = ['department', 'issueType', 'product', 'supplier'] as const;
export type AttributionField = (typeof ATTRIBUTION_FIELDS)[number];
export type Attribution = Partial<Record<AttributionField, string>>;

/** The board's name of each attribution field (`GET /v1/agent/board?by=`). */
export const BOARD_BY: Record<AttributionField, string> = {
  department: 'department',
  issueType: 'issue_type',
  product: 'product',
  supplier: 'supplier',
};

/** The board's dimensions (`GET /v1/agent/board?by=`). */
export const BOARD_DIMENSIONS = ['department', 'issue_type', 'product', 'supplier', 'category'] as const;
export type BoardDimension = (typeof BOARD_DIMENSIONS)[number];

export type GroupStatus = 'claimed' | 'known_issue' | 'closed';

/** Who works on a board group (`PUT /v1/agent/board/groups`); `reopened`: closed, and tickets came after. */
export interface GroupClaim {
  status: GroupStatus;
  department: string | null;
  note: string | null;
  claimedBy: string | null;
  claimedAt: string | null;
  knownIssueBy: string | null;
  knownIssueAt: string | null;
  closedBy: string | null;
  closedAt: string | null;
  updatedBy: string | null;
  updatedAt: string;
  cameBack: number;
  reopened: boolean;
}

/** One group of the board. */
export interface BoardGroup {
  key: string | null;
  count: number;
  share: number;
  previous: number;
  trend: number | null;
  baseline: { days: number; count: number; expected: number };
  spike: boolean;
  open: number;
  claim: GroupClaim | null;
}

/** `GET /v1/agent/board` (the ticket view uses only the groups' values, for its suggestions). */
export interface Board {
  by: BoardDimension;
  from: string;
  to: string;
  total: number;
  groups: BoardGroup[];
}

/** A shipment of the ticket's order: carrier, tracking number and link, dates (ISO). */
export interface OrderShipment {
  carrier: string | null;
  trackingNumber: string | null;
  trackingUrl: string | null;
  shippedAt: string | null;
  deliveredAt: string | null;
  estimatedDeliveryAt: string | null;
}

/** The ticket's order, looked up by the service through the shop's backend; or why it could not be. */
export interface TicketOrder {
  /** `not_configured`, `not_found`, `timeout`, `unreachable`, `refused`, `backend_error`. */
  unavailable?: string;
  number?: string;
  /** The backend's own state name (e.g. Vendure's `PaymentSettled`). */
  state?: string;
  status?: 'open' | 'completed' | 'cancelled';
  fulfillment?: string;
  currency?: string;
  late?: boolean;
  placedAt?: string;
  customer?: { email: string | null; name: string | null };
  total?: { amount: string; currency: string };
  totals?: { refunded: { amount: string; currency: string } };
  lines?: { id: string; title: string; sku: string | null; quantity: number }[];
  shipments?: OrderShipment[];
}

/** `GET /v1/agent/tickets/:id`. */
export interface Ticket extends TicketSummary {
  items?: unknown;
  context?: TicketContext;
  attachments: { id: string; contentType: string; size: number }[];
  timeline: TimelineEntry[];
  csat?: { score: number; comment: string | null; followUp: boolean; createdAt: string; updatedAt: string };
  attribution?: Attribution;
  /** The order through the commerce adapter (the contract's "order and tracking"); not sent by every service. */
  order?: TicketOrder;
}

export const REPLY_LOCALES = ['en', 'zh-CN', 'zh-TW'] as const;
export type ReplyLocale = (typeof REPLY_LOCALES)[number];

/** The variables a canned reply may use (the service refuses any other). */
export const REPLY_VARIABLES = ['shopper.name', 'ticket.number', 'order.number', 'agent.name'] as const;

/** One template of `GET /v1/agent/canned-replies`; `preview` and `missing` only with `?ticket=`. */
export interface CannedReply {
  id: string;
  title: string;
  body: string;
  locale: ReplyLocale | string;
  /** `null`: for every category. */
  category: Category | string | null;
  /** The body with the ticket's values filled in. */
  preview?: string;
  /** The variables the ticket has no value for (left empty in the preview). */
  missing?: string[];
}

/** What `PUT /v1/agent/canned-replies` takes, in the admin's order. */
export interface CannedReplyInput {
  id?: string;
  title: string;
  body: string;
  locale: ReplyLocale;
  /** One of the site's categories (its settings), or null for every category. */
  category?: Category | string | null;
}

export type MailStatus = 'pending' | 'sent' | 'failed';

/** One row of `GET /v1/agent/mail`. */
export interface Mail {
  id: string;
  ticketId: string;
  kind: 'reply' | 'resolved' | string;
  recipient: string;
  locale: string;
  status: MailStatus | string;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  nextAttemptAt: string | null;
  sentAt: string | null;
}

export interface MailList {
  /** False when the service has no `NECTAR_SMTP_URL`: mail waits. */
  configured: boolean;
  counts: Record<MailStatus, number>;
  mail: Mail[];
}
