/**
 * The client's public types. Imports only other type modules (the desk and commerce interfaces, the
 * shared schema's types), never a feature module: features import their types from here.
 */
import type { CommerceAdapter } from './commerce.ts';
import type { DeskAdapter } from './desk.ts';
import type { NudgePolicy, NudgeShown, NudgesApi } from './nudges/types.ts';

export type {
  NudgeAction,
  NudgeContent,
  NudgeExplanation,
  NudgePolicy,
  NudgeReason,
  NudgeShown,
  NudgesApi,
} from './nudges/types.ts';
import type { Answer, Category, FeedbackReceipt, Locale, Ticket, TicketReceipt, TicketStatus } from './schema.ts';

/** The signed-in shopper (`config.user`, `nectar.identify(user)`); every field is optional. */
export interface NectarUser {
  /** The shopper's id in the merchant's system (at most 200 characters); with `hash`, the shopper is verified. */
  id?: string;
  /** The shopper's email: prefills the contact form, and a ticket needs no typed email when it is set. */
  email?: string;
  /** The shopper's name (at most 120 characters), sent as the ticket's contact name. */
  name?: string;
  /** HMAC of the user id, computed by the merchant's server (identity verification). */
  hash?: string;
}

/**
 * The options of `createNectar(config)`. Validated when the client is created: one `ValidationError`
 * names every bad field (`fields`, e.g. `{ desk: 'required', namespace: 'invalid' }`).
 */
export interface NectarConfig {
  /**
   * Where tickets, feedback and events go (required): a desk adapter, e.g. `httpDesk({ endpoint, siteKey })`
   * from `@nectar/adapters/http` for the reference service, or `memoryDesk()` for tests and demos.
   */
  desk: DeskAdapter;
  /** Commerce adapter (orders, identity), e.g. `vendure({...})`: the ticket form then offers the shopper's orders. */
  commerce?: CommerceAdapter;
  /**
   * The shopper's locale (a BCP 47 tag, at most 35 characters), matched to en / zh-CN / zh-TW. Default:
   * `navigator.language` matched the same way, falling back to `en`. `setLocale` changes it later.
   */
  locale?: string;
  /**
   * The signed-in shopper, if any (also `identify(user)` later, `reset()` on sign-out). With `id` and `hash`
   * the shopper is verified: `tickets.list()` also shows their requests from other devices.
   */
  user?: NectarUser;
  /**
   * The shopper's consent. `behavior: true` lets behavioural event tracking (`track`) be sent; without it
   * (the default) such events are neither kept nor sent. `setConsent({ behavior })` changes it later.
   */
  consent?: {
    /** Consent to behavioural tracking and nudges; default `false`. */
    behavior?: boolean;
  };
  /**
   * Proactive nudge rules (the JSON rules of ARCHITECTURE.md "Nudge rules"); the site's rules from the desk
   * (`GET /v1/nudges`) are added to these. Each rule is checked against the contract's schema when the nudge
   * engine starts: a bad rule is skipped with one console warning naming its bad fields (and
   * `nudges.explain()` lists it as `invalid`). The engine starts once `consent.behavior` is given.
   */
  nudges?: unknown[];
  /** Caps across every rule: per tab session (default 1), per day (default 2), quiet pages, service nudges. */
  nudgePolicy?: NudgePolicy;
  /**
   * Storage for the outbox and local ticket list. Default: IndexedDB, falling back to
   * memory (with a `storage-fallback` event) where IndexedDB is unavailable.
   */
  storage?: 'indexeddb' | 'memory';
  /**
   * Namespace of local storage (IndexedDB database name suffix, and the cross-tab channel): `[A-Za-z0-9_.-]`,
   * 1–64 characters; default `default`. Two clients on one page with different namespaces keep separate
   * outboxes and ticket lists.
   */
  namespace?: string;
}

/** What a shopper fills in. Attachments are image files; the client uploads them first. */
export interface TicketDraft {
  category: Category;
  message: string;
  subject?: string;
  orderRef?: string;
  items?: { sku?: string; title?: string; quantity?: number }[];
  /**
   * Required unless `config.user.email` is set, or the shopper is verified (`user.id` + `user.hash`) and the
   * desk fills their contact (`capabilities.verifiedContact`, the reference service).
   */
  contact?: { email: string; name?: string };
  /** Call me back: a number with its country code (`+49 30 1234567`) and the time the shopper prefers. */
  callback?: { phone: string; window?: { from: string; to: string; date?: string } };
  attachments?: (Blob | File)[];
  locale?: Locale;
  /**
   * Default: the current page URL and user agent. `searchQuery` and `answerId`: what the shopper searched for
   * and read before asking (the answers' "still need help" hand-off).
   */
  context?: { url?: string; userAgent?: string; searchQuery?: string; answerId?: string };
}

/** The shopper's message on their ticket (`tickets.reply`). */
export interface TicketReply {
  /** 1–5,000 characters (trimmed). */
  message: string;
  /** Up to five photos (JPEG, PNG, WebP or HEIC, ≤ 10 MB each), uploaded before the message. */
  attachments?: (Blob | File)[];
}

/** Options of `tickets.reply`. */
export interface ReplyOptions {
  /**
   * The ticket's access token: the receipt's `accessToken`, or the `nectar_token` of a mailed status link (a bearer
   * for that one ticket). Default: the token this browser kept when it created the ticket. Kept with the reply in
   * the outbox, so a queued reply is sent with it later.
   */
  accessToken?: string;
}

/** What `tickets.reply` did: sent (the ticket as it is now), or kept in the outbox for later. */
export type ReplyResult = { state: 'sent'; ticket: Ticket } | { state: 'queued'; localId: string };

/** What `track` did: sent, kept in the outbox for later, or skipped (no consent, or a desk without events). */
export type TrackResult = { state: 'sent' } | { state: 'queued'; localId: string } | { state: 'skipped' };

/** Flat event properties (strings ≤ 500 characters, numbers, booleans, null; keys ≤ 64 characters). */
export type TrackProps = Record<string, string | number | boolean | null>;

export interface AnswerSearchOptions {
  /** 1–20; default 5. */
  limit?: number;
  /** Aborts the request (e.g. the shopper typed on). */
  signal?: AbortSignal;
}

/** `nectar.answers`. */
export interface AnswersApi {
  /**
   * Answers for `query` in the client's locale, best first. A blank query resolves `[]` without a
   * request; a longer one is cut to 200 characters. Throws `UnsupportedError` when the desk has no
   * knowledge base, else the desk's typed errors (`NetworkError`, …).
   */
  search(query: string, options?: AnswerSearchOptions): Promise<Answer[]>;
}

/** `feedback.nps(answer)`. */
export interface NpsAnswer {
  /** 0–10, an integer. */
  score: number;
  comment?: string;
  /** Default `'nps'`. */
  surveyId?: string;
  /** Default: the current page URL and user agent. */
  context?: { url?: string; userAgent?: string };
}

/** `feedback.csat(answer)`. */
export interface CsatAnswer {
  ticketId: string;
  /** 1 (very dissatisfied) – 5 (very satisfied), an integer. */
  rating: number;
  comment?: string;
  /** With a rating of 1–2: reopen the same ticket with the comment, so someone contacts the shopper again. */
  followUp?: boolean;
  /** The ticket's access token; default: the one this browser kept when it created the ticket. */
  accessToken?: string;
}

export type FeedbackResult = { state: 'sent'; response: FeedbackReceipt } | { state: 'queued'; localId: string };

/** When a survey may be shown (`feedback.shouldAsk`). */
export interface AskPolicy {
  /** Not within this many days of the last answer or dismissal of the survey. Default 90. */
  recontactDays?: number;
  /** At most one survey per browser-tab session, across all surveys. Default true. */
  oncePerSession?: boolean;
}

/** What this browser remembers of one survey. Times in ms since the epoch. */
export interface SurveyState {
  answeredAt?: number;
  dismissedAt?: number;
  /** The shopper chose "don't ask again". */
  never?: boolean;
  score?: number;
}

export interface FeedbackApi {
  /**
   * Sends an NPS answer (score 0–10, comment optional). Answering the score first and the
   * comment later (with the same score) updates the same response. Throws `ValidationError`
   * naming the bad field; resolves `sent`, or `queued` when the service cannot be reached now.
   */
  nps(answer: NpsAnswer): Promise<FeedbackResult>;
  /**
   * Sends a CSAT answer for a ticket (rating 1–5). `followUp: true` with a rating of 1–2 reopens
   * the same ticket with the comment. Throws `NotFoundError` when this browser has no access to
   * the ticket (and no `accessToken` is given).
   */
  csat(answer: CsatAnswer): Promise<FeedbackResult>;
  /** The shopper closed the survey; `forever` is "don't ask again". */
  dismiss(surveyId: string, options?: { forever?: boolean }): Promise<void>;
  /**
   * Whether a survey may be shown now: never after "don't ask again", not within `recontactDays`
   * of the last answer or dismissal, and (with `oncePerSession`) not when another survey was
   * already shown in this tab session. A `true` answer takes this session's survey slot.
   */
  shouldAsk(surveyId: string, policy?: AskPolicy): Promise<boolean>;
  /** What this browser remembers of a survey. */
  state(surveyId: string): Promise<SurveyState | undefined>;
  /** The opaque id this browser answers NPS surveys with (made once, kept). */
  respondent(): Promise<string>;
}

/** What an outbox entry carries: a ticket, a survey answer, a batch of tracked events. */
export type OutboxKind = 'ticket' | 'feedback' | 'event' | 'message';

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
  /** The shopper's message on a ticket reached the service (directly or later from the outbox). */
  'reply-sent': { localId: string; ticket: Ticket };
  /** The shopper's message was stored in the outbox; it is sent when the service can be reached. */
  'reply-queued': { localId: string };
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
  /** The nudge engine shows a nudge (`<nectar-nudge>` renders it). */
  'nudge-show': NudgeShown;
  /** The nudge on screen went away (acted on, dismissed, or consent withdrawn). */
  'nudge-hide': { ruleId: string };
  /** An event was tracked (`track`): the nudge engine's event triggers and goals hear it. */
  track: { name: string; props: TrackProps | undefined };
  /** An answers search for a real query found nothing (`search_no_results` nudges). */
  'search-empty': { query: string };
  /** A ticket this browser follows was seen resolved (`ticket_resolved` nudges). */
  'ticket-resolved': { id: string };
  /** `setConsent` changed the shopper's consent. */
  consent: { behavior: boolean };
}

export type Unsubscribe = () => void;

export interface NectarClient {
  readonly locale: Locale;
  readonly user: NectarUser | undefined;
  readonly desk: DeskAdapter;
  /** The commerce adapter from the config, if any (the ticket form's order picker uses it). */
  readonly commerce: CommerceAdapter | undefined;
  readonly tickets: {
    /**
     * Validates the draft (throws `ValidationError` naming every bad field), stores it
     * in the durable outbox, then sends it. Resolves `sent` with the receipt, or `queued`
     * when the service cannot be reached now (it is sent later, exactly once).
     */
    submit(draft: TicketDraft): Promise<SubmitResult>;
    get(id: string): Promise<Ticket>;
    list(): Promise<LocalTicket[]>;
    /**
     * The shopper writes on their ticket: a message and photos (checked as the service would, one
     * `ValidationError` naming each bad field), through the durable outbox — sent now, or `queued` and sent
     * later exactly once. A resolved ticket reopens. `options.accessToken` answers a ticket this browser did not
     * create (a mailed status link's token). `NotFoundError` when this browser has no access to it (no token kept,
     * none given, not a verified shopper's); `UnsupportedError` when the desk takes no messages.
     */
    reply(id: string, reply: TicketReply, options?: ReplyOptions): Promise<ReplyResult>;
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
  /**
   * Proactive nudges: `explain(ruleId?)` says why each rule did or did not show (trigger, audience, caps,
   * consent, holdout); `current()`, `act()` and `dismiss()` are what `<nectar-nudge>` (or your own UI) uses.
   */
  readonly nudges: NudgesApi;
  /** A single-page app's navigation (history changes are also heard): page-based nudges look at `url`. */
  page(url?: string): void;
  on<K extends keyof NectarEventMap>(name: K, handler: (detail: NectarEventMap[K]) => void): Unsubscribe;
  open(view?: string, prefill?: Partial<TicketDraft>): void;
  close(): void;
  identify(user: NectarUser): void;
  reset(): void;
  setLocale(locale: string): void;
  /**
   * Sends everything in the outbox now, entries waiting for their retry backoff included (an
   * explicit request; the outbox's own timers honour each entry's backoff). Resolves when done, or
   * when the rest must wait: a rate limit's `Retry-After`, or the service still unreachable.
   */
  flush(): Promise<void>;
  destroy(): void;
}
