import type {
  Answer,
  FeedbackCreateInput,
  Locale,
  TrackedEvent,
  FeedbackReceipt,
  Ticket,
  TicketCreateInput,
  TicketMessageInput,
  TicketReceipt,
  TicketSummary,
} from './schema.ts';

/** Options of every write: the idempotency key makes a retry safe. */
export interface WriteOptions {
  idempotencyKey: string;
  signal?: AbortSignal;
}

export interface DeskCapabilities {
  attachments: boolean;
  ticketStatus: boolean;
  messages: boolean;
  feedback: boolean;
  /** A verified shopper may leave `contact` out: the desk fills it from their identity. */
  verifiedContact?: boolean;
}

/**
 * Where tickets go. `httpDesk` (reference service) and `memoryDesk` (tests, demos)
 * implement it; helpdesk adapters (Zendesk, Chatwoot…) follow. Failures throw the
 * typed errors of `@nectar/core/errors`; an unsupported call throws `UnsupportedError`.
 */
/** A shopper verified by the merchant's server: `hash` = HMAC-SHA256(identity secret, id), hex. */
export interface DeskIdentity {
  id?: string;
  hash?: string;
}

export interface DeskAdapter {
  readonly name: string;
  readonly capabilities: DeskCapabilities;
  /**
   * The client tells the desk who the shopper is (on start, `identify()` and `reset()`), so desks
   * with identity verification can link tickets to them. Optional: anonymous desks leave it out.
   */
  identify?(user: DeskIdentity | undefined): void;
  createTicket(input: TicketCreateInput, options: WriteOptions): Promise<TicketReceipt>;
  /** Uploads one image; returns the id to list in `TicketCreateInput.attachments`. */
  uploadAttachment(file: Blob, filename: string, options: WriteOptions): Promise<{ id: string }>;
  /** Reads one ticket with its timeline, authorised by the access token from its receipt. */
  getTicket(id: string, accessToken: string): Promise<Ticket>;
  /**
   * The shopper writes on their ticket (`capabilities.messages`): a message and photos already uploaded
   * (`uploadAttachment`); a resolved ticket reopens. Authorised by the ticket's access token (empty for the
   * verified shopper, who is known by identity). Answers the ticket as it is now.
   */
  addMessage?(id: string, accessToken: string, input: TicketMessageInput, options: WriteOptions): Promise<Ticket>;
  /**
   * Stores a survey answer (NPS or CSAT; `capabilities.feedback`). The desk keeps one response per
   * survey and respondent (NPS) or per ticket (CSAT): a later answer updates it, a left-out comment
   * keeps the earlier one. A CSAT answer is authorised by the ticket's `accessToken`.
   * Desks without feedback leave it out (the client then throws `UnsupportedError`).
   */
  sendFeedback?(input: FeedbackCreateInput, options: FeedbackWriteOptions): Promise<FeedbackReceipt>;
  /**
   * The verified shopper's tickets, newest first (identity verification, after `identify`). The client
   * merges them with the tickets this browser filed, so "my requests" follows the shopper across devices.
   */
  listTickets?(): Promise<TicketSummary[]>;
  /** Knowledge-base search (self-service answers), best first. Desks without a knowledge base leave it out. */
  searchAnswers?(query: string, options: { locale: Locale; limit?: number; signal?: AbortSignal }): Promise<Answer[]>;
  /**
   * The site's active nudge rules in the shopper's locale (`GET /v1/nudges`): the nudge engine adds them to
   * the config's rules. The reference service's rules were checked against the schema when they were saved.
   */
  getNudges?(options: { locale: Locale }): Promise<{ version?: number; rules: unknown[] }>;
  /** Stores a batch of tracked events (nudge outcomes, answer views). Idempotent by key. */
  sendEvents?(events: TrackedEvent[], options: WriteOptions): Promise<{ accepted: number }>;
}

/** Options of `sendFeedback`: a CSAT answer carries the access token of its ticket. */
export interface FeedbackWriteOptions extends WriteOptions {
  accessToken?: string;
}
