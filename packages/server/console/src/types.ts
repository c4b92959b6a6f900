/** What the console reads from the agent API (`/v1/agent/*`, `/v1/console/session`): only the fields it shows. */

export const STATUSES = ['new', 'open', 'waiting_on_customer', 'resolved', 'closed'] as const;
export type Status = (typeof STATUSES)[number];

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
export type Role = 'agent' | 'admin';

export interface Agent {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabled: boolean;
  createdAt: string;
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
  contact: { email: string; name?: string };
  locale?: string;
  assignee?: string;
  createdAt: string;
  updatedAt: string;
  promise: { firstResponseBy: string; resolveBy: string };
  firstRespondedAt?: string;
  resolvedAt?: string;
  escalatedAt?: string;
}

export type TimelineKind =
  'created' | 'assigned' | 'replied' | 'customer_message' | 'resolved' | 'reopened' | 'closed' | 'note' | 'escalated';

export interface TimelineEntry {
  kind: TimelineKind | string;
  at: string;
  by: 'customer' | 'agent' | 'system';
  authorName?: string;
  body?: string;
}

/** `GET /v1/agent/tickets/:id`. */
export interface Ticket extends TicketSummary {
  items?: unknown;
  attachments: { id: string; contentType: string; size: number }[];
  timeline: TimelineEntry[];
  csat?: { score: number; comment: string | null; followUp: boolean; createdAt: string; updatedAt: string };
  attribution?: { department?: string; issueType?: string; product?: string; supplier?: string };
}
