import type { AnswersApi } from './answers.ts';
import type { DeskAdapter } from './desk.ts';
import type { TrackProps, TrackResult } from './events-track.ts';
import type { FeedbackApi } from './feedback.ts';
import type { Category, FeedbackReceipt, Locale, Ticket, TicketReceipt, TicketStatus } from './schema.ts';

export interface NectarUser {
  id?: string;
  email?: string;
  name?: string;
  /** HMAC of the user id, computed by the merchant's server (identity verification). */
  hash?: string;
}

/**
 * Structural mirror of `CommerceAdapter` and its normalized `Order` from `@nectar/adapters/commerce`
 * (core does not import adapters; every commerce adapter fits these types). See that module for
 * the meaning of each field; errors are the typed errors of `./errors.ts`.
 */
export interface CommerceOrderLine {
  id: string;
  title: string;
  sku: string | null;
  quantity: number;
  image: string | null;
}
export interface CommerceShipment {
  carrier: string | null;
  trackingNumber: string | null;
  trackingUrl: string | null;
  shippedAt: string | null;
  deliveredAt: string | null;
  estimatedDeliveryAt: string | null;
}
export interface CommerceOrder {
  id: string;
  number: string;
  placedAt: string;
  status: 'open' | 'completed' | 'cancelled';
  fulfillment: 'unfulfilled' | 'partial' | 'fulfilled' | 'shipped' | 'delivered' | 'unknown';
  total: { amount: string; currency: string };
  lines: CommerceOrderLine[];
  shipments: CommerceShipment[];
}
export interface CommerceShopper {
  id: string;
  email: string | null;
  name: string | null;
}
export interface NectarCommerce {
  readonly name: string;
  readonly capabilities: { tracking: boolean; deliveryEstimate: boolean; guestLookup: boolean; needsProxy: boolean };
  identify(): Promise<CommerceShopper | null>;
  listOrders(options?: {
    first?: number;
    after?: string | null;
  }): Promise<{ orders: CommerceOrder[]; next: string | null }>;
  getOrder(ref: string): Promise<CommerceOrder>;
  lookupGuestOrder?(input: { orderNumber: string; email: string }): Promise<CommerceOrder>;
}

export interface NectarConfig {
  desk: DeskAdapter;
  /** Commerce adapter (orders, identity), e.g. `vendure({...})`: the ticket form then offers the shopper's orders. */
  commerce?: NectarCommerce;
  /** Default: `navigator.language` matched to en / zh-CN / zh-TW, falling back to `en`. */
  locale?: string;
  user?: NectarUser;
  consent?: { behavior?: boolean };
  nudges?: unknown[];
  /**
   * Storage for the outbox and local ticket list. Default: IndexedDB, falling back to
   * memory (with a `storage-fallback` event) where IndexedDB is unavailable.
   */
  storage?: 'indexeddb' | 'memory';
  /** Namespace of local storage (IndexedDB database name suffix); default `default`. */
  namespace?: string;
}

/** What a shopper fills in. Attachments are image files; the client uploads them first. */
export interface TicketDraft {
  category: Category;
  message: string;
  subject?: string;
  orderRef?: string;
  items?: { sku?: string; title?: string; quantity?: number }[];
  /** Required unless `config.user.email` is set. */
  contact?: { email: string; name?: string };
  attachments?: (Blob | File)[];
  locale?: Locale;
  /** Default: the current page URL and user agent. */
  context?: { url?: string; userAgent?: string };
}

export type { TrackProps, TrackResult } from './events-track.ts';

/** What an outbox entry carries: a ticket, a survey answer, a batch of tracked events. */
export type OutboxKind = 'ticket' | 'feedback' | 'event';

export type SubmitResult = { state: 'sent'; ticket: TicketReceipt } | { state: 'queued'; localId: string };

/** A ticket this browser created, kept locally with its access token. */
export interface LocalTicket {
  id: string;
  number: string;
  /** Empty for a ticket known only through the verified shopper (filed on another device). */
  accessToken: string;
  category: Category;
  status: TicketStatus;
  createdAt: string;
  promise: TicketReceipt['promise'];
}

/** Events of the client (`nectar.on(name, handler)`). */
export interface NectarEventMap {
  /** A ticket reached the service (directly or later from the outbox). */
  'ticket-sent': { localId: string; ticket: TicketReceipt };
  /** A ticket was stored in the outbox; it is sent when the service can be reached. */
  'ticket-queued': { localId: string };
  /** A survey answer reached the service (directly or later from the outbox). */
  'feedback-sent': { localId: string; response: FeedbackReceipt };
  /** A survey answer was stored in the outbox; it is sent when the service can be reached. */
  'feedback-queued': { localId: string };
  /**
   * A queued write was refused for good (e.g. `validation_failed` on the service) and left the
   * outbox; `error` is the typed error. Not fired for a direct send (its promise rejects instead).
   * The ticket form shows it with the shopper's text kept.
   */
  'outbox-error': { kind: OutboxKind; localId: string; error: unknown };
  /** IndexedDB is unavailable; writes are kept in memory only for this page. */
  'storage-fallback': { reason: string };
  /** Storage failed (e.g. quota exceeded). */
  'storage-error': { error: unknown };
  /** `nectar.open()` was called: mounted widgets open their panel. */
  open: { view?: string; prefill?: Partial<TicketDraft> };
  close: Record<string, never>;
  identify: { user: NectarUser | undefined };
  'locale-change': { locale: Locale };
}

export type Unsubscribe = () => void;

export interface NectarClient {
  readonly locale: Locale;
  readonly user: NectarUser | undefined;
  readonly desk: DeskAdapter;
  /** The commerce adapter from the config, if any (the ticket form's order picker uses it). */
  readonly commerce: NectarCommerce | undefined;
  readonly tickets: {
    /**
     * Validates the draft (throws `ValidationError` naming every bad field), stores it
     * in the durable outbox, then sends it. Resolves `sent` with the receipt, or `queued`
     * when the service cannot be reached now (it is sent later, exactly once).
     */
    submit(draft: TicketDraft): Promise<SubmitResult>;
    get(id: string): Promise<Ticket>;
    list(): Promise<LocalTicket[]>;
  };
  /** Survey answers (NPS, CSAT) and the decision when to ask. */
  readonly feedback: FeedbackApi;
  /** Self-service answers: `answers.search(query, { limit? })` over the desk's knowledge base. */
  readonly answers: AnswersApi;
  /**
   * Tracks a behavioural event (`name` as `nudge.shown` or `answer_viewed`, flat `props`). Throws
   * `ValidationError` naming the bad field. Without `consent.behavior` nothing is kept or sent
   * (`skipped`); with it the event goes through the outbox: `sent`, or `queued` while offline.
   */
  track(name: string, props?: TrackProps): Promise<TrackResult>;
  /** The shopper's current consent (from the config, then `setConsent`). */
  readonly consent: { behavior: boolean };
  /** A cookie banner grants (or withdraws) behavioural tracking; withdrawing drops events not yet sent. */
  setConsent(update: { behavior: boolean }): void;
  on<K extends keyof NectarEventMap>(name: K, handler: (detail: NectarEventMap[K]) => void): Unsubscribe;
  open(view?: string, prefill?: Partial<TicketDraft>): void;
  close(): void;
  identify(user: NectarUser): void;
  reset(): void;
  setLocale(locale: string): void;
  /** Sends everything in the outbox now; resolves when done or when the rest must wait. */
  flush(): Promise<void>;
  destroy(): void;
}
