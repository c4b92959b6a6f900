/**
 * The nudge engine's pure part: rules compiled once and indexed by what can trigger them, the gates a
 * triggered rule passes before it is shown (consent, audience, quiet pages, its own caps and cooldown, the
 * global caps, one nudge at a time) and the stable holdout bucket. No timers, no storage, no DOM: `nudges.ts`
 * feeds it signals and keeps its state; the bench drives it directly.
 */
import type { NudgeRule } from '../schema/nudge.ts';
import type { Locale } from '../schema.ts';
import type { NudgePolicy, NudgeReason } from './types.ts';

type Trigger = NudgeRule['trigger'];
export type TriggerKind = Trigger['kind'];
type UrlMatch = NonNullable<Extract<Trigger, { kind: 'page_view' }>['url']>;
type Condition = NonNullable<Extract<Trigger, { kind: 'event' }>['where']>[number];

/** What this browser remembers of one rule (persisted; shared by the tabs of the origin). */
export interface RuleState {
  /** Times shown (or held out: a held-out shopper counts as shown for every cap). */
  shows: number;
  /** Last shown or held out, ms since the epoch. */
  last?: number;
  dismissals: number;
  dismissedAt?: number;
  /** "Don't show again". */
  never?: boolean;
}

/** A goal the shopper may still reach (conversion is reported for shown and held-out shoppers alike). */
export interface PendingGoal {
  ruleId: string;
  arm: 'shown' | 'holdout';
  event: string;
  until: number;
}

export interface NudgeState {
  rules: Record<string, RuleState>;
  /** Show times of the last 24 hours (the daily cap). */
  day: number[];
  /** Visit start times (repeat visits, new or returning), the last 365 days, at most 200. */
  visits: number[];
  goals: PendingGoal[];
}

export const emptyState = (): NudgeState => ({ rules: {}, day: [], visits: [], goals: [] });

/** Who is looking, for the audience gates. */
export interface NudgeAudience {
  locale: Locale;
  device: 'mobile' | 'desktop';
  returning: boolean;
  identified: boolean;
}

export interface CompiledRule {
  rule: NudgeRule;
  /** Position among the rules (ties of priority keep it). */
  order: number;
  source: 'config' | 'site';
  url: ((path: string) => boolean) | undefined;
  where: ((props: Record<string, unknown> | undefined) => boolean) | undefined;
  priority: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** `*` any characters, `?` one; the whole value must match. */
export function globToRegExp(glob: string): RegExp {
  const source = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`);
}

/**
 * A URL matcher over the page's path with its query (`/returns?order=1`); a value starting with `http` is
 * matched against the whole address instead. `exact`: the path, or the path with its query; `prefix`,
 * `glob` (anchored) and `regex` (unanchored, as written) over the path with its query.
 */
export function urlMatcher(m: UrlMatch): (path: string) => boolean {
  const whole = /^https?:/i.test(m.value);
  const pick = (p: string) => (whole ? (typeof location !== 'undefined' ? location.href : p) : p);
  switch (m.match) {
    case 'exact':
      return (p) => {
        const v = pick(p);
        return v === m.value || v.split(/[?#]/)[0] === m.value;
      };
    case 'prefix':
      return (p) => pick(p).startsWith(m.value);
    case 'glob': {
      const re = globToRegExp(m.value);
      return (p) => re.test(pick(p));
    }
    case 'regex': {
      const re = new RegExp(m.value);
      return (p) => re.test(pick(p));
    }
  }
}

function test(c: Condition, v: unknown): boolean {
  switch (c.op) {
    case 'eq':
      return v === c.value;
    case 'neq':
      return v !== c.value;
    case 'gt':
      return typeof v === 'number' && typeof c.value === 'number' && v > c.value;
    case 'lt':
      return typeof v === 'number' && typeof c.value === 'number' && v < c.value;
    case 'contains':
      return typeof v === 'string' && typeof c.value === 'string' && v.toLowerCase().includes(c.value.toLowerCase());
    case 'in':
      return Array.isArray(c.value) && (c.value as unknown[]).includes(v);
  }
}

/** FNV-1a, 32 bits. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The shopper's bucket 0–99 for a rule: the same for the same shopper (or browser) and rule, everywhere. */
export const bucket = (who: string, ruleId: string) => fnv1a(`${who}:${ruleId}`) % 100;

/** Whether the shopper is held out of a rule (`holdout` percent of shoppers, by bucket). */
export const heldOut = (rule: NudgeRule, who: string) => (rule.holdout ?? 0) > bucket(who, rule.id);

/** Compiles a rule (throws on a regex the browser cannot compile). */
export function compile(rule: NudgeRule, order: number, source: CompiledRule['source']): CompiledRule {
  const t = rule.trigger;
  const url = 'url' in t && t.url ? urlMatcher(t.url) : undefined;
  const conditions = t.kind === 'event' ? t.where : undefined;
  return {
    rule,
    order,
    source,
    url,
    where: conditions?.length ? (props) => conditions.every((c) => test(c, props?.[c.prop])) : undefined,
    priority: rule.priority ?? 50,
  };
}

/** Rules indexed by trigger kind and, for `event` rules, by event name: a signal looks at its own rules only. */
export interface RuleIndex {
  all: CompiledRule[];
  byKind: Map<TriggerKind, CompiledRule[]>;
  byEvent: Map<string, CompiledRule[]>;
  /** Event name → rules whose pending delay it cancels. */
  cancelOn: Map<string, CompiledRule[]>;
}

const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

export function indexRules(compiled: CompiledRule[]): RuleIndex {
  const sorted = [...compiled].sort((a, b) => b.priority - a.priority || a.order - b.order);
  const index: RuleIndex = { all: sorted, byKind: new Map(), byEvent: new Map(), cancelOn: new Map() };
  for (const c of sorted) {
    if (c.rule.enabled === false) continue;
    push(index.byKind, c.rule.trigger.kind, c);
    if (c.rule.trigger.kind === 'event') push(index.byEvent, c.rule.trigger.name, c);
    for (const name of c.rule.cancelOn ?? []) push(index.cancelOn, name, c);
  }
  return index;
}

/** The `event` rules a tracked event triggers, best first. */
export function matchEvent(index: RuleIndex, name: string, props: Record<string, unknown> | undefined, path: string) {
  const rules = index.byEvent.get(name);
  if (!rules) return undefined;
  let out: CompiledRule[] | undefined;
  for (const c of rules) {
    if ((!c.where || c.where(props)) && (!c.url || c.url(path))) (out ??= []).push(c);
  }
  return out;
}

/** The rules of one kind whose URL matches the page, best first. */
export function matchKind(index: RuleIndex, kind: TriggerKind, path: string): CompiledRule[] {
  const rules = index.byKind.get(kind);
  if (!rules) return [];
  return rules.filter((c) => !c.url || c.url(path));
}

/** Whether a rule may run without behavioural consent (the merchant allowed it; a verified shopper's order). */
export const serviceRule = (rule: NudgeRule, policy: NudgePolicy, verified: boolean) =>
  policy.serviceWithoutConsent === true && rule.purpose === 'service' && rule.trigger.kind === 'order_late' && verified;

/** The gates that do not depend on what this browser remembers: consent, audience, quiet pages. */
export function staticGate(
  c: CompiledRule,
  env: { consent: boolean; verified: boolean; audience: NudgeAudience; path: string; quiet: (p: string) => boolean },
  policy: NudgePolicy,
): NudgeReason | undefined {
  const rule = c.rule;
  if (rule.enabled === false) return 'disabled';
  if (!env.consent && !serviceRule(rule, policy, env.verified)) return 'consent';
  const a = rule.audience;
  if (a) {
    const who = env.audience;
    if (a.locales && !a.locales.includes(who.locale)) return 'audience';
    if (a.device && a.device !== who.device) return 'audience';
    if (a.visitor && a.visitor !== (who.returning ? 'returning' : 'new')) return 'audience';
    if (a.identified !== undefined && a.identified !== who.identified) return 'audience';
  }
  if (env.quiet(env.path)) return 'quiet_page';
  return undefined;
}

/** How long a dismissal keeps a rule away: its cooldown (at least a day), doubled per dismissal, at most 90 days. */
export const dismissBackoff = (rule: NudgeRule, dismissals: number) =>
  Math.min(90 * DAY, Math.max(DAY, (rule.frequency?.cooldownHours ?? 0) * HOUR) * 2 ** Math.max(0, dismissals - 1));

/** The gates over what this browser remembers: the rule's caps, its cooldown and dismissals, the global caps. */
export function stateGate(
  rule: NudgeRule,
  state: NudgeState,
  now: number,
  policy: NudgePolicy,
  sessionShows: number,
): NudgeReason | undefined {
  const r = state.rules[rule.id];
  if (r?.never) return 'dont_show_again';
  const f = rule.frequency;
  if (r && f?.maxShows !== undefined && r.shows >= f.maxShows) return 'max_shows';
  if (r?.last !== undefined && f?.cooldownHours && now - r.last < f.cooldownHours * HOUR) return 'cooldown';
  if (r?.dismissedAt !== undefined && now - r.dismissedAt < dismissBackoff(rule, r.dismissals)) {
    return 'dismissed_recently';
  }
  if (sessionShows >= (policy.maxPerSession ?? 1)) return 'session_cap';
  if (state.day.filter((t) => now - t < DAY).length >= (policy.maxPerDay ?? 2)) return 'daily_cap';
  return undefined;
}

/** Records a show (or a held-out "would have shown") in the state. */
export function recordShow(state: NudgeState, rule: NudgeRule, now: number, arm: PendingGoal['arm']): void {
  const r = (state.rules[rule.id] ??= { shows: 0, dismissals: 0 });
  r.shows++;
  r.last = now;
  state.day = [...state.day.filter((t) => now - t < DAY), now];
  if (rule.goal) {
    state.goals = state.goals.filter((g) => g.ruleId !== rule.id && g.until > now);
    state.goals.push({ ruleId: rule.id, arm, event: rule.goal.event, until: now + rule.goal.withinMinutes * 60_000 });
  }
}

/** Visits within `days` before `now` (repeat visits). */
export const visitsWithin = (state: NudgeState, now: number, days: number) =>
  state.visits.filter((t) => now - t <= days * DAY).length;

/** Adds a visit, keeping a year and at most 200. */
export function recordVisit(state: NudgeState, now: number): void {
  state.visits = [...state.visits.filter((t) => now - t < 365 * DAY), now].slice(-200);
}
