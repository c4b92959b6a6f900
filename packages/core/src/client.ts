import { createAnswers } from './answers.ts';
import { validateConfig, validateUser } from './config.ts';
import { clearDefaultClient, setDefaultClient } from './default-client.ts';
import { createEmitter } from './emitter.ts';
import { NectarError, NetworkError, NotFoundError, ValidationError } from './errors.ts';
import { loadMessages, resolveLocale } from './i18n/load.ts';
import { uuid } from './id.ts';
import {
  createOutbox,
  memoryStore,
  openIdbStore,
  resilientStore,
  type NectarStore,
  type Outbox,
} from './outbox/outbox.ts';
import { browserPlatform, type Channel, type Platform } from './platform/index.ts';
import type { NudgeSignals } from './platform/signals.ts';
import type { Nudges } from './nudges/nudges.ts';
import type { FeedbackReceipt, Locale, Ticket, TicketReceipt } from './schema/contract.ts';
import {
  eventSender,
  feedbackSender,
  ticketSender,
  type EventPayload,
  type FeedbackPayload,
  type MessagePayload,
  type TicketPayload,
} from './senders.ts';
import { respondentOf, type SessionStore } from './survey.ts';
import { loadTicketCheck, prepareTicket } from './tickets.ts';
import type {
  CsatAnswer,
  NpsAnswer,
  LocalTicket,
  NectarClient,
  NectarConfig,
  NectarEventMap,
  NectarUser,
  OutboxKind,
  SubmitResult,
  TicketDraft,
  TicketReply,
  ReplyOptions,
  TrackProps,
} from './types.ts';

/** Platform pieces a client uses; tests pass in-memory twins. */
export interface ClientDeps {
  platform?: Platform;
  /** Opens the durable store; default IndexedDB (or memory with `config.storage: 'memory'`). */
  openStore?: (namespace: string) => Promise<NectarStore>;
  /** Outbox backoff in ms by attempt. */
  backoff?: (attempt: number) => number;
  /** Tab-session storage of the survey slot; default `sessionStorage`. */
  session?: SessionStore;
  /** Clock of survey state (ms since the epoch); default `Date.now`. */
  now?: () => number;
  /** What the nudge engine hears of the page (navigation, scroll, exit intent, input); default the browser's. */
  nudgeSignals?: NudgeSignals;
}

/**
 * A feature's module, imported on its first use and shared by every later call: a page pays for the
 * features it uses (a launcher page never loads survey or event code). Every method of those features
 * returns a promise already, so nothing a caller sees changes. A failed import (offline) rejects as a
 * `NetworkError` and is tried again by the next call.
 */
function lazy<T>(what: string, load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () =>
    (loaded ??= load().catch((cause: unknown) => {
      loaded = undefined;
      throw new NetworkError(`Could not load Nectar's ${what} code`, { cause });
    }));
}

type ChannelMessage =
  | { type: 'sent'; localId: string; ticket: TicketReceipt }
  | {
      type: 'refused';
      kind: OutboxKind;
      localId: string;
      error: { name: string; message: string; code?: string; fields?: unknown };
    };

/** Builds a client from an already validated config (see `createNectar`). */
export function createClient(rawConfig: NectarConfig, deps: ClientDeps = {}): NectarClient {
  const config = validateConfig(rawConfig);
  const platform = deps.platform ?? browserPlatform();
  const namespace = config.namespace ?? 'default';
  const emitter = createEmitter<NectarEventMap>();
  let locale: Locale = resolveLocale(config.locale ?? platform.language());
  // The locale's catalog is a separate chunk: fetch it now, so widgets find it when they render.
  // (English comes with the widgets' code: nothing to fetch.)
  const preload = (l: Locale) => void (l === 'en' ? undefined : loadMessages(l).catch(() => undefined));
  preload(locale);
  let user: NectarUser | undefined = config.user;
  let pendingOpen: NectarEventMap['open'] | undefined;
  /** Whether the merchant's server vouched for the shopper (identity verification). */
  const verified = () => !!(user?.id && user.hash);
  config.desk.identify?.(user);
  let destroyed = false;
  let resetting: Promise<void> = Promise.resolve();
  const cleanups: (() => void)[] = [];

  // Storage opens in the background so creating a client stays cheap.
  const reportStorageError = (error: unknown) => emitter.emit('storage-error', { error });
  const store: Promise<NectarStore> = (async () => {
    if (config.storage === 'memory') return memoryStore();
    try {
      const durable = await (deps.openStore ?? openIdbStore)(namespace);
      return resilientStore(durable, reportStorageError);
    } catch (error) {
      const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      // Emit after the caller had a chance to subscribe.
      setTimeout(() => emitter.emit('storage-fallback', { reason }), 0);
      return memoryStore();
    }
  })();
  void store.then((s) => {
    if (destroyed) s.close();
  });

  const channel: Channel | undefined = platform.openChannel(`nectar:${namespace}`);
  const errorInfo = (e: unknown) => {
    const err = e as { name?: string; message?: string; code?: string; fields?: unknown };
    return { name: err?.name ?? 'Error', message: err?.message ?? String(e), code: err?.code, fields: err?.fields };
  };

  const outbox: Outbox = createOutbox({
    namespace,
    store,
    platform,
    ...(deps.backoff ? { backoff: deps.backoff } : {}),
    onRefused(entry, error, direct) {
      const kind = entry.kind as OutboxKind;
      if (!direct) emitter.emit('outbox-error', { kind, localId: entry.id, error });
      channel?.post({ type: 'refused', kind, localId: entry.id, error: errorInfo(error) } satisfies ChannelMessage);
    },
    onStorageError: reportStorageError,
  });
  // Each sender emits its own events.
  outbox.register<TicketPayload, TicketReceipt>('ticket', {
    ...ticketSender(() => config.desk, store),
    sent(entry, ticket) {
      emitter.emit('ticket-sent', { localId: entry.id, ticket });
      // With consent, an event too: the service's answer-deflection figure and nudge conversions count it.
      if (consent.behavior) client.track('ticket_created').catch(() => undefined);
      channel?.post({ type: 'sent', localId: entry.id, ticket } satisfies ChannelMessage);
    },
    queued: (entry) => emitter.emit('ticket-queued', { localId: entry.id }),
  });
  outbox.register<FeedbackPayload, FeedbackReceipt>('feedback', {
    ...feedbackSender(() => config.desk),
    sent: (entry, response) => emitter.emit('feedback-sent', { localId: entry.id, response }),
    queued: (entry) => emitter.emit('feedback-queued', { localId: entry.id }),
  });
  // The shopper's messages: the sender's code comes with the first reply (or the first one an earlier page left).
  const conversation = lazy('conversation', async () =>
    (await import('./conversation.ts')).createConversation({ desk: () => config.desk, store, outbox, verified }),
  );
  outbox.register<MessagePayload, Ticket>('message', {
    send: async (entry, save) => (await conversation()).send(entry, save),
    sent: (entry, ticket) => emitter.emit('reply-sent', { localId: entry.id, ticket }),
    queued: (entry) => emitter.emit('reply-queued', { localId: entry.id }),
  });
  outbox.register<EventPayload, { accepted: number }>(
    'event',
    eventSender(() => config.desk),
  );

  if (channel) {
    cleanups.push(
      channel.onMessage((raw) => {
        const m = raw as ChannelMessage;
        if (m?.type === 'sent') emitter.emit('ticket-sent', { localId: m.localId, ticket: m.ticket });
        else if (m?.type === 'refused') {
          const err =
            m.error.name === 'ValidationError'
              ? new ValidationError(m.error.message, (m.error.fields as Record<string, string>) ?? {})
              : Object.assign(new NectarError(m.error.message, m.error.code), { name: m.error.name });
          // A tab still on an older version sends no kind: those were tickets.
          emitter.emit('outbox-error', { kind: m.kind ?? 'ticket', localId: m.localId, error: err });
        }
      }),
      () => channel.close(),
    );
  }

  const flushSoon = (force: boolean) => {
    if (!destroyed) void outbox.flush({ force }).catch((error) => reportStorageError(error));
  };
  // Back online: what waited for the connection goes out now, backoff or not. A page shown again or
  // loaded again sends what is due; an entry's backoff outlives a reload.
  cleanups.push(
    platform.onOnline(() => flushSoon(true)),
    platform.onVisible(() => flushSoon(false)),
  );
  void store.then(() => flushSoon(false));

  const assertAlive = () => {
    if (destroyed) throw new NectarError('This Nectar client was destroyed', 'destroyed');
  };

  // The ticket schema (and zod) on the first submit: see tickets.ts.
  const ticketCheck = lazy('ticket', loadTicketCheck);
  const respondent = respondentOf(store, reportStorageError);
  const feedback = lazy('survey', async () =>
    (await import('./feedback.ts')).createFeedback({
      store,
      outbox,
      namespace,
      pageContext: () => platform.pageContext(),
      ...(deps.session ? { session: deps.session } : {}),
      now: deps.now ?? Date.now,
      respondent,
      onStorageError: reportStorageError,
    }),
  );
  // Behavioural events wait for consent (`consent.behavior`); `setConsent` grants or withdraws it.
  let consent = { behavior: config.consent?.behavior === true };
  const tracker = lazy('event', async () =>
    (await import('./events-track.ts')).createTracker({
      desk: () => config.desk,
      outbox,
      consented: () => consent.behavior,
      anonymousId: respondent,
      ...(deps.now ? { now: deps.now } : {}),
    }),
  );
  // Nudges: the engine's code comes once the shopper consents to behavioural nudges (or the merchant lets
  // service nudges run without), when there can be rules: the config's, or the desk's site rules.
  let engine: Nudges | undefined;
  const nudges = lazy(
    'nudge',
    async () =>
      (engine = await (
        await import('./nudges/nudges.ts')
      ).createNudges({
        client,
        config,
        store,
        platform,
        outbox,
        namespace,
        browserId: respondent,
        emit: emitter.emit,
        onStorageError: reportStorageError,
        signals: deps.nudgeSignals,
        session: deps.session,
      })),
  );
  const startNudges = () => {
    if (!destroyed && (config.nudges?.length || config.desk.getNudges)) nudges().catch(() => undefined);
  };
  if (consent.behavior || config.nudgePolicy?.serviceWithoutConsent) void store.then(startNudges);
  const alive =
    <A extends unknown[], R>(fn: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> => {
      assertAlive();
      return fn(...args);
    };

  const client: NectarClient = {
    get locale() {
      return locale;
    },
    get user() {
      return user;
    },
    get desk() {
      return config.desk;
    },
    get commerce() {
      return config.commerce;
    },
    tickets: {
      async submit(draft: TicketDraft): Promise<SubmitResult> {
        assertAlive();
        // Offline before the check's code ever loaded: the draft is still stored (checked for the essentials).
        const check = await ticketCheck().catch((error: unknown) => {
          if (error instanceof NetworkError) return undefined;
          throw error;
        });
        const verifiedContact = verified() && !!config.desk.capabilities.verifiedContact;
        const payload = prepareTicket(draft, { user, locale, context: platform.pageContext(), verifiedContact }, check);
        const r = await outbox.submit<TicketPayload, TicketReceipt>('ticket', uuid(), payload);
        return r.state === 'sent' ? { state: 'sent', ticket: r.result } : r;
      },
      async get(id: string) {
        assertAlive();
        const s = await store;
        const local = await s.getTicket(id);
        // A verified shopper reads their tickets from any device, without the access token.
        if (!local && !verified()) throw new NotFoundError('This browser has no access to that request');
        const ticket = await config.desk.getTicket(id, local?.accessToken ?? '');
        if (!local) return ticket;
        if (ticket.status !== local.status) {
          await s.putTicket({ ...local, status: ticket.status }).catch(() => undefined);
          if (ticket.status === 'resolved') emitter.emit('ticket-resolved', { id });
        }
        return ticket;
      },
      reply: alive(async (id: string, reply: TicketReply, options?: ReplyOptions) =>
        (await conversation()).reply(id, reply, options),
      ),
      async list() {
        await resetting;
        const all: LocalTicket[] = (await (await store).allTickets()).map(({ localId: _omit, ...t }) => t);
        if (verified() && config.desk.listTickets) {
          // The verified shopper's tickets from other devices too; the desk being unreachable only
          // means the list shows what this browser knows.
          const remote = await config.desk.listTickets().catch(() => []);
          const byId = new Map(all.map((t) => [t.id, t]));
          for (const r of remote) {
            const local = byId.get(r.id);
            if (local) local.status = r.status;
            else
              all.push({
                id: r.id,
                number: r.number,
                accessToken: '',
                category: r.category,
                status: r.status,
                createdAt: r.createdAt,
                promise: r.promise,
              });
          }
        }
        return all.sort((a, b) => (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
      },
    },
    feedback: {
      nps: alive(async (answer: NpsAnswer) => (await feedback()).nps(answer)),
      csat: alive(async (answer: CsatAnswer) => (await feedback()).csat(answer)),
      dismiss: async (surveyId, options) => (await feedback()).dismiss(surveyId, options),
      shouldAsk: async (surveyId, policy) => (await feedback()).shouldAsk(surveyId, policy),
      state: async (surveyId) => (await feedback()).state(surveyId),
      respondent,
    },
    answers: createAnswers({
      desk: () => config.desk,
      locale: () => locale,
      empty: (query) => emitter.emit('search-empty', { query }),
    }),
    track: alive(async (name: string, props?: TrackProps) => {
      const result = await (await tracker())(name, props);
      emitter.emit('track', { name, props });
      return result;
    }),
    nudges: {
      explain: async (ruleId) => (await nudges()).explain(ruleId),
      current: () => engine?.current(),
      act: async (ruleId, index) => (await nudges()).act(ruleId, index),
      dismiss: async (ruleId, options) => (await nudges()).dismiss(ruleId, options),
    },
    page(url) {
      engine?.page(url);
    },
    get consent() {
      return { ...consent };
    },
    setConsent(update) {
      if (typeof update?.behavior !== 'boolean') throw new ValidationError('Invalid consent', { behavior: 'required' });
      consent = { behavior: update.behavior };
      emitter.emit('consent', consent);
      if (consent.behavior) startNudges();
      // Withdrawn: events still waiting in the outbox are dropped, not sent later.
      if (!consent.behavior) void outbox.supersede((e) => e.kind === 'event').catch(reportStorageError);
    },
    on(name, handler) {
      const off = emitter.on(name, handler);
      // An open() asked for before any widget listened (e.g. "Report a problem" clicked while the
      // launcher's chunk was still loading) goes to the first widget that does.
      if (name === 'open' && pendingOpen) {
        const detail = pendingOpen;
        pendingOpen = undefined;
        queueMicrotask(() => emitter.emit('open', detail));
      }
      return off;
    },
    open(view, prefill) {
      const detail = { ...(view !== undefined ? { view } : {}), ...(prefill !== undefined ? { prefill } : {}) };
      if (emitter.listenerCount('open') === 0) pendingOpen = detail;
      else emitter.emit('open', detail);
    },
    close() {
      pendingOpen = undefined;
      emitter.emit('close', {});
    },
    identify(next) {
      user = validateUser(next);
      config.desk.identify?.(user);
      emitter.emit('identify', { user });
    },
    reset() {
      user = undefined;
      config.desk.identify?.(undefined);
      resetting = store.then((s) => s.clearTickets()).catch(reportStorageError);
      emitter.emit('identify', { user: undefined });
    },
    setLocale(next) {
      const resolved = resolveLocale(next);
      if (resolved === locale) return;
      locale = resolved;
      preload(locale);
      emitter.emit('locale-change', { locale });
    },
    async flush() {
      if (destroyed) return;
      // Nudge outcomes waiting for their batch go too.
      await engine?.flush();
      return outbox.flush({ force: true });
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      engine?.destroy();
      outbox.stop();
      for (const fn of cleanups.splice(0)) fn();
      emitter.clear();
      clearDefaultClient(client);
      void store.then(
        (s) => s.close(),
        () => undefined,
      );
    },
  };
  return client;
}

/**
 * Creates a Nectar client. Validates `config` (throws one `ValidationError` naming every
 * bad field) and makes the new client the default one that widgets use.
 */
export function createNectar(config: NectarConfig): NectarClient {
  const client = createClient(config);
  setDefaultClient(client);
  return client;
}
