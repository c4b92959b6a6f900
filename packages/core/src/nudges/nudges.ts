/**
 * The nudge feature (`nectar.nudges`, `nectar.page()`), imported by the client when the shopper consents to
 * behavioural nudges (or the merchant lets service nudges run without it), or on `explain()`. It takes the
 * rules from the config (checked with the contract's schema, every bad field named) and the site's rules
 * from the desk (`GET /v1/nudges`, revalidated by ETag through the browser's HTTP cache), hears the page's
 * signals, asks the engine which rule a signal triggers and whether it may show, keeps what the browser must
 * remember (caps, cooldowns, dismissals, visits, goals: the store's meta under a cross-tab lock, so two tabs
 * share one budget), and reports each outcome through the outbox in batches.
 */
import { uuid } from '../id.ts';
import type { NectarStore, Outbox } from '../outbox/outbox.ts';
import type { Platform } from '../platform/index.ts';
import { browserSignals, type NudgeSignals } from '../platform/signals.ts';
import type { NudgeRule } from '../schema/nudge.ts';
import type { EventPayload } from '../senders.ts';
import { browserSession } from '../session.ts';
import type { SessionStore } from '../survey.ts';
import type { Locale } from '../schema.ts';
import type { NectarClient, NectarConfig, NectarEventMap, TrackProps, Unsubscribe } from '../types.ts';
import {
  compile,
  emptyState,
  globToRegExp,
  heldOut,
  indexRules,
  matchEvent,
  matchKind,
  recordShow,
  recordVisit,
  serviceRule,
  staticGate,
  stateGate,
  visitsWithin,
  type CompiledRule,
  type NudgeState,
  type RuleIndex,
} from './engine.ts';
import { DELIVERY_WINDOW_DAYS, isLate } from './late.ts';
import type { NudgeContent, NudgeReason, NudgeShown, NudgesApi } from './types.ts';

export interface Nudges extends NudgesApi {
  /** A single-page app's navigation (`nectar.page(url?)`); history changes are also heard. */
  page(url?: string): void;
  /** Sends the outcomes waiting for their batch now (`nectar.flush()`). */
  flush(): Promise<void>;
  /** Resolves when the rules are in and the first page was evaluated. */
  readonly ready: Promise<void>;
  destroy(): void;
}

type Emit = <K extends keyof NectarEventMap>(name: K, detail: NectarEventMap[K]) => void;

export interface NudgeDeps {
  /** The client: its locale, shopper, consent, desk, commerce adapter, `on` and `open`. */
  client: NectarClient;
  /** `nudges` (the developer's rules) and `nudgePolicy`. */
  config: NectarConfig;
  store: Promise<NectarStore>;
  platform: Platform;
  outbox: Outbox;
  namespace: string;
  /** The browser's opaque id (the respondent id). */
  browserId: () => Promise<string>;
  emit: Emit;
  onStorageError: (error: unknown) => void;
  signals?: NudgeSignals | undefined;
  session?: SessionStore | undefined;
  /** Days after which an order without an estimate is late (`order_late`); default 7. */
  deliveryWindowDays?: number;
}

const KINDS = 'page_view dwell scroll exit_intent idle event repeat_visit order_late search_no_results ticket_resolved';

/** Flush outcome batches this long after the first waiting one (or at once when the page is hidden). */
const BATCH_MS = 2000;
const BATCH_MAX = 50;

/** A light check of a site rule's shape (the service validated it against the schema when it was saved). */
function checkSiteRule(raw: unknown): Record<string, string> {
  const r = raw as Partial<NudgeRule> | null;
  const fields: Record<string, string> = {};
  if (typeof r !== 'object' || r === null) return { _: 'invalid_type' };
  if (typeof r.id !== 'string' || !r.id) fields.id = 'required';
  if (typeof r.trigger?.kind !== 'string' || !KINDS.split(' ').includes(r.trigger.kind))
    fields['trigger.kind'] = 'invalid';
  const content = r.content && Object.values(r.content)[0];
  if (typeof content?.title !== 'string') fields.content = 'required';
  return fields;
}

export async function createNudges(deps: NudgeDeps): Promise<Nudges> {
  const { platform, client } = deps;
  const policy = deps.config.nudgePolicy ?? {};
  const verified = () => !!(client.user?.id && client.user.hash);
  const signals = deps.signals ?? browserSignals();
  const session = deps.session ?? browserSession();
  const quietRes = (policy.quietUrls ?? []).map(globToRegExp);
  const quiet = (p: string) => quietRes.some((re) => re.test(p.split(/[?#]/)[0]!));
  /** The tab-session keys' prefix, and the cross-tab lock's name. */
  const sessionKey = `nectar:${deps.namespace}:nudges`;
  const sessionShows = () => Number(session.get(`${sessionKey}:shows`) ?? 0);

  let index: RuleIndex = indexRules([]);
  const invalid = new Map<string, { source: 'config' | 'site'; fields: Record<string, string> }>();
  /** This page's result per rule (shown, held out, or the gate that stopped it). */
  const results = new Map<string, NudgeReason>();
  /** Rules triggered on this page already (each at most once per page view). */
  const fired = new Set<string>();
  let path = signals.path();
  let visible: { shown: NudgeShown; rule: NudgeRule } | undefined;
  let returning = false;
  let destroyed = false;
  const offs: Unsubscribe[] = [];
  /** Pending delays (dwell, idle) of this page, by rule id. */
  const timers = new Map<string, () => void>();
  let lastActivity = platform.now();
  let scrolled = 0;

  // --- what the browser remembers ---
  let cached: NudgeState = emptyState();
  const withState = <T>(fn: (s: NudgeState) => T): Promise<T> =>
    platform.withLock(sessionKey, async () => {
      const s = await deps.store;
      const state = (await s.getMeta<NudgeState>('nudges').catch(() => undefined)) ?? emptyState();
      const out = fn(state);
      cached = state;
      await s.putMeta('nudges', state).catch(deps.onStorageError);
      return out;
    });

  // --- outcomes, in batches through the outbox ---
  let batch: EventPayload['events'] = [];
  let flushTimer: (() => void) | undefined;
  /** Batches handed to the outbox and not settled yet (`nectar.flush()` waits for them). */
  let sending: Promise<void> = Promise.resolve();
  const flush = async (): Promise<void> => {
    flushTimer?.();
    flushTimer = undefined;
    if (!batch.length || !client.consent.behavior || !client.desk.sendEvents) {
      batch = [];
      return;
    }
    const events = batch;
    batch = [];
    const submitted = deps.outbox
      .submit('event', uuid(), { events, idempotencyKey: uuid() } satisfies EventPayload)
      .then(() => undefined, deps.onStorageError);
    sending = sending.then(() => submitted);
    await submitted;
  };
  const outcome = (name: string, props: TrackProps) => {
    // Nothing is kept or sent without behavioural consent.
    if (!client.consent.behavior) return;
    void deps.browserId().then((anonymousId) => {
      if (!client.consent.behavior) return;
      batch.push({ name, props, at: new Date(platform.now()).toISOString(), anonymousId });
      if (batch.length >= BATCH_MAX) void flush();
      else flushTimer ??= platform.setTimer(() => void flush(), BATCH_MS);
    });
  };

  const who = async () => client.user?.id ?? (await deps.browserId());
  const env = () => ({
    consent: client.consent.behavior,
    verified: verified(),
    audience: {
      locale: client.locale,
      device: signals.device(),
      returning,
      identified: !!client.user?.id,
    },
    path,
    quiet,
  });

  /** The rule's content in the shopper's locale, else English, else the one it has (a site rule has one). */
  const contentOf = (rule: NudgeRule): [Locale, NudgeContent] | undefined => {
    const c = rule.content;
    const locale = c[client.locale] ? client.locale : c.en ? 'en' : (Object.keys(c)[0] as Locale | undefined);
    return locale && [locale, c[locale]!];
  };

  /**
   * A signal triggered these rules (best first): the first that passes every gate is shown, or recorded as
   * held out; the others keep the reason that stopped them.
   */
  const consider = async (candidates: CompiledRule[], extra: { orderRef?: string } = {}) => {
    const open: CompiledRule[] = [];
    const e = env();
    for (const c of candidates) {
      if (fired.has(c.rule.id)) continue;
      fired.add(c.rule.id);
      const why = staticGate(c, e, policy) ?? (visible ? 'another_visible' : undefined);
      if (why) results.set(c.rule.id, why);
      else open.push(c);
    }
    if (!open.length) return;
    const id = await who();
    const now = platform.now();
    const chosen = await withState((state) => {
      for (const c of open) {
        const why = stateGate(c.rule, state, now, policy, sessionShows());
        if (why) {
          results.set(c.rule.id, why);
          continue;
        }
        const held = heldOut(c.rule, id);
        recordShow(state, c.rule, now, held ? 'holdout' : 'shown');
        return { c, held };
      }
      return undefined;
    }).catch((error: unknown) => {
      deps.onStorageError(error);
      return undefined;
    });
    if (!chosen || destroyed) return;
    const { c, held } = chosen;
    const rule = c.rule;
    session.set(`${sessionKey}:shows`, String(sessionShows() + 1));
    outcome('nudge_eligible', { ruleId: rule.id, arm: held ? 'holdout' : 'shown' });
    if (held) {
      results.set(rule.id, 'held_out');
      return;
    }
    const [locale, content] = contentOf(rule) ?? [];
    if (!content || !locale || (visible && visible.rule.id !== rule.id)) {
      results.set(rule.id, 'another_visible');
      return;
    }
    const shown: NudgeShown = {
      ruleId: rule.id,
      variant: rule.presentation?.variant ?? 'toast',
      ...(rule.presentation?.target ? { target: rule.presentation.target } : {}),
      locale,
      title: content.title,
      ...(content.body ? { body: content.body } : {}),
      actions: content.actions ?? [],
      ...(extra.orderRef ? { orderRef: extra.orderRef } : {}),
    };
    visible = { shown, rule };
    results.set(rule.id, 'shown');
    outcome('nudge_shown', { ruleId: rule.id });
    deps.emit('nudge-show', shown);
  };
  /** Decisions one at a time (one nudge visible at a time); `explain()` waits for those under way. */
  let deciding: Promise<void> = Promise.resolve();
  const run = (candidates: CompiledRule[] | undefined, extra?: { orderRef?: string }) => {
    if (candidates?.length && !destroyed)
      deciding = deciding
        .then(() => consider(candidates, extra))
        .catch((error: unknown) => console.warn('[nectar] a nudge decision failed', error));
  };

  const hide = (ruleId: string) => {
    if (visible?.rule.id !== ruleId) return;
    visible = undefined;
    deps.emit('nudge-hide', { ruleId });
  };

  /** A goal event: conversions of the rules whose goal it is, within their window. */
  const goal = (name: string) => {
    if (!cached.goals.some((g) => g.event === name)) return;
    const now = platform.now();
    void withState((state) => {
      const reached = state.goals.filter((g) => g.event === name && g.until >= now);
      state.goals = state.goals.filter((g) => g.until >= now && !reached.includes(g));
      return reached;
    }).then((reached) => {
      for (const g of reached) outcome('nudge_converted', { ruleId: g.ruleId, arm: g.arm });
    }, deps.onStorageError);
  };

  // --- delays of this page: dwell and idle ---
  const clearTimers = () => {
    for (const cancel of timers.values()) cancel();
    timers.clear();
  };
  const schedule = (c: CompiledRule, ms: number, idle: boolean) => {
    const tick = () => {
      timers.delete(c.rule.id);
      // Idle: input since the delay started moves the deadline.
      const quietFor = platform.now() - lastActivity;
      if (idle && quietFor < ms) timers.set(c.rule.id, platform.setTimer(tick, ms - quietFor));
      else run([c]);
    };
    timers.set(c.rule.id, platform.setTimer(tick, ms));
  };

  /** Whether behavioural signals are heard (consent); service rules run on without. */
  const behavioural = () => client.consent.behavior;

  const onPage = (next: string) => {
    path = next;
    fired.clear();
    scrolled = 0;
    clearTimers();
    for (const [id, reason] of results) if (reason !== 'shown' && reason !== 'held_out') results.delete(id);
    if (!behavioural()) return;
    run(matchKind(index, 'page_view', path));
    const repeat = matchKind(index, 'repeat_visit', path).filter((c) => {
      const t = c.rule.trigger as { times: number; withinDays: number };
      return visitsWithin(cached, platform.now(), t.withinDays) >= t.times;
    });
    run(repeat);
    lastActivity = platform.now();
    for (const c of matchKind(index, 'dwell', path)) {
      schedule(c, (c.rule.trigger as { seconds: number }).seconds * 1000, false);
    }
    for (const c of matchKind(index, 'idle', path)) {
      schedule(c, (c.rule.trigger as { seconds: number }).seconds * 1000, true);
    }
  };

  let listening: Unsubscribe | undefined;
  const listen = () => {
    if (listening || destroyed) return;
    listening = signals.listen({
      navigate: onPage,
      scroll(percent) {
        if (percent <= scrolled) return;
        scrolled = percent;
        const rules = index.byKind.get('scroll');
        if (!rules) return;
        run(matchKind(index, 'scroll', path).filter((c) => (c.rule.trigger as { percent: number }).percent <= percent));
      },
      exitIntent: () => run(matchKind(index, 'exit_intent', path)),
      activity() {
        lastActivity = platform.now();
      },
      hide: () => void flush(),
    });
  };

  const checkLateOrders = async () => {
    const commerce = client.commerce;
    const rules = matchKind(index, 'order_late', path);
    if (!commerce || !rules.length || !verified()) return;
    if (!behavioural() && !rules.some((c) => serviceRule(c.rule, policy, true))) return;
    const page = await commerce.listOrders({ first: 5 }).catch(() => undefined);
    const late = page?.orders.find((o) =>
      isLate(o, { deliveryWindowDays: deps.deliveryWindowDays ?? DELIVERY_WINDOW_DAYS }),
    );
    if (late) run(rules, { orderRef: late.number });
  };

  // --- the rules ---
  const loadRules = async () => {
    const compiled: CompiledRule[] = [];
    invalid.clear();
    const seen = new Set<string>();
    const add = (rule: NudgeRule, source: 'config' | 'site') => {
      if (seen.has(rule.id)) return;
      try {
        compiled.push(compile(rule, compiled.length, source));
        seen.add(rule.id);
      } catch (error) {
        invalid.set(rule.id, { source, fields: { 'trigger.url.value': 'invalid' } });
        console.warn(`[nectar] nudge rule "${rule.id}" skipped: ${String(error)}`);
      }
    };
    const own = deps.config.nudges ?? [];
    if (own.length) {
      // The developer's rules are checked against the contract's schema (zod comes with it).
      const { nudgeRuleSchema } = await import('../schema/nudge.ts');
      const { issuesToFields } = await import('../schema/base.ts');
      own.forEach((raw, i) => {
        const parsed = nudgeRuleSchema.safeParse(raw);
        if (parsed.success) return add(parsed.data, 'config');
        const fields = issuesToFields(parsed.error.issues);
        const id = typeof (raw as { id?: unknown })?.id === 'string' ? (raw as { id: string }).id : `#${i}`;
        invalid.set(id, { source: 'config', fields });
        const list = Object.entries(fields).map(([k, v]) => `${k} (${v})`);
        console.warn(`[nectar] nudge rule "${id}" skipped: ${list.join(', ')}`);
      });
    }
    const desk = client.desk;
    const site = desk.getNudges
      ? await desk.getNudges({ locale: client.locale }).catch((error: unknown) => {
          console.warn('[nectar] could not load the site’s nudge rules', error);
          return { rules: [] };
        })
      : { rules: [] };
    for (const raw of site.rules) {
      const fields = checkSiteRule(raw);
      if (Object.keys(fields).length) {
        const id = typeof (raw as { id?: unknown })?.id === 'string' ? (raw as { id: string }).id : '?';
        invalid.set(id, { source: 'site', fields });
        console.warn(`[nectar] site nudge rule "${id}" skipped: ${Object.keys(fields).join(', ')}`);
      } else add(raw as NudgeRule, 'site');
    }
    index = indexRules(compiled);
  };

  const start = async () => {
    // A visit is a tab session; the first one of this browser makes a new visitor.
    const firstOfSession = !session.get(`${sessionKey}:visit`);
    const now = platform.now();
    await withState((state) => {
      if (firstOfSession) recordVisit(state, now);
      returning = state.visits.length > 1;
    }).catch(deps.onStorageError);
    if (firstOfSession) session.set(`${sessionKey}:visit`, String(now));
    await loadRules();
    if (destroyed || !index.all.length) return;
    if (behavioural()) listen();
    onPage(signals.path());
    await checkLateOrders();
  };

  offs.push(
    client.on('track', ({ name, props }) => {
      if (!behavioural()) return;
      goal(name);
      for (const c of index.cancelOn.get(name) ?? []) {
        timers.get(c.rule.id)?.();
        timers.delete(c.rule.id);
      }
      run(matchEvent(index, name, props, path));
    }),
    client.on('ticket-sent', () => goal('ticket_created')),
    client.on('search-empty', () => {
      if (behavioural()) run(matchKind(index, 'search_no_results', path));
    }),
    client.on('ticket-resolved', () => {
      if (behavioural()) run(matchKind(index, 'ticket_resolved', path));
    }),
    client.on('consent', ({ behavior }) => {
      if (behavior) {
        // A site without rules has nothing to hear: no listeners on the page.
        if (!index.all.length) return;
        listen();
        onPage(signals.path());
        return;
      }
      // Withdrawn: nothing pending goes on, nothing waiting is sent.
      listening?.();
      listening = undefined;
      clearTimers();
      batch = [];
      if (visible && !serviceRule(visible.rule, policy, verified())) hide(visible.rule.id);
    }),
    client.on('locale-change', () => {
      void loadRules();
    }),
  );

  const ready = start().catch((error: unknown) => console.warn('[nectar] nudges could not start', error));

  const dismiss: NudgesApi['dismiss'] = async (ruleId, options = {}) => {
    const wasVisible = visible?.rule.id === ruleId;
    hide(ruleId);
    if (!wasVisible && !options.forever) return;
    results.set(ruleId, options.forever ? 'dont_show_again' : 'dismissed_recently');
    outcome('nudge_dismissed', { ruleId, forever: options.forever === true });
    const now = platform.now();
    await withState((state) => {
      const r = (state.rules[ruleId] ??= { shows: 0, dismissals: 0 });
      r.dismissals++;
      r.dismissedAt = now;
      if (options.forever) r.never = true;
    }).catch(deps.onStorageError);
  };

  return {
    ready,
    flush: async () => {
      await deciding;
      await flush();
      await sending;
    },
    page(url) {
      const next = url === undefined ? signals.path() : String(url);
      let p = next;
      try {
        const u = new URL(next, 'http://x');
        p = u.pathname + u.search;
      } catch {
        // Kept as given.
      }
      if (p !== path || url === undefined) onPage(p);
    },
    async explain(ruleId) {
      await ready;
      await deciding;
      await withState(() => undefined).catch(() => undefined);
      // The words and the report come with explain() only: a page that never asks does not load them.
      const { explainRules } = await import('./explain.ts');
      const out = explainRules({
        rules: index.all,
        invalid,
        results,
        state: cached,
        env: env(),
        policy,
        now: platform.now(),
        sessionShows: sessionShows(),
        who: await who(),
      });
      return ruleId === undefined ? out : out.filter((x) => x.ruleId === ruleId);
    },
    current: () => visible?.shown,
    async act(ruleId, i) {
      const shown = visible?.rule.id === ruleId ? visible.shown : undefined;
      const action = shown?.actions[i];
      if (!shown || !action) return undefined;
      outcome('nudge_clicked', { ruleId, action: action.do });
      if (action.do === 'dismiss') {
        await dismiss(ruleId);
        return action;
      }
      hide(ruleId);
      if (action.do === 'open_contact') {
        client.open('contact', {
          ...(action.category ? { category: action.category } : {}),
          ...(shown.orderRef ? { orderRef: shown.orderRef } : {}),
        });
      } else if (action.do === 'open_answers' || action.do === 'open_answer') client.open('answers');
      return action;
    },
    dismiss,
    destroy() {
      destroyed = true;
      void flush();
      clearTimers();
      listening?.();
      for (const off of offs.splice(0)) off();
    },
  };
}
