/**
 * Nudge rules (ARCHITECTURE.md "Nudge rules"): JSON, the same in `createNectar({ nudges })` and from the
 * service (`GET /v1/nudges`, `PUT /v1/agent/nudges`). Every bad field is named by `issuesToFields`.
 */
import * as z from 'zod/mini';
import { CATEGORIES, EVENT_NAME, LOCALES, text } from './base.ts';

export const NUDGE_TRIGGERS = [
  'page_view',
  'dwell',
  'scroll',
  'exit_intent',
  'idle',
  'event',
  'repeat_visit',
  'order_late',
  'search_no_results',
  'ticket_resolved',
] as const;
export const NUDGE_ACTIONS = ['open_contact', 'open_answers', 'open_answer', 'nps', 'link', 'dismiss'] as const;
/** Outcomes a client reports through `POST /v1/events` (props `{ ruleId, arm? }`; `arm`: `shown` or `holdout`). */
export const NUDGE_EVENTS = {
  eligible: 'nudge_eligible',
  shown: 'nudge_shown',
  clicked: 'nudge_clicked',
  dismissed: 'nudge_dismissed',
  converted: 'nudge_converted',
} as const;

const urlMatch = /* @__PURE__ */ (() =>
  z.strictObject({
    match: z.enum(['exact', 'prefix', 'glob', 'regex']),
    value: text(500, { min: 1, trim: false }),
  }))();

const condition = /* @__PURE__ */ (() =>
  z.strictObject({
    prop: text(64, { min: 1 }),
    op: z.enum(['eq', 'neq', 'gt', 'lt', 'contains', 'in']),
    value: z.union([text(500, { trim: false }), z.number(), z.boolean(), z.array(z.union([text(500), z.number()]))]),
  }))();

const seconds = /* @__PURE__ */ (() => z.number().check(z.positive(), z.lte(86_400)))();

export const nudgeTriggerSchema = /* @__PURE__ */ (() =>
  z.discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('page_view'), url: z.optional(urlMatch) }),
    z.strictObject({ kind: z.literal('dwell'), seconds, url: z.optional(urlMatch) }),
    z.strictObject({
      kind: z.literal('scroll'),
      percent: z.number().check(z.int(), z.minimum(1), z.maximum(100)),
      url: z.optional(urlMatch),
    }),
    z.strictObject({ kind: z.literal('exit_intent'), url: z.optional(urlMatch) }),
    z.strictObject({ kind: z.literal('idle'), seconds, url: z.optional(urlMatch) }),
    z.strictObject({
      kind: z.literal('event'),
      name: z.string().check(z.regex(EVENT_NAME)),
      where: z.optional(z.array(condition).check(z.maxLength(10))),
    }),
    z.strictObject({
      kind: z.literal('repeat_visit'),
      times: z.number().check(z.int(), z.minimum(2), z.maximum(100)),
      withinDays: z.number().check(z.int(), z.minimum(1), z.maximum(365)),
      url: z.optional(urlMatch),
    }),
    z.strictObject({ kind: z.literal('order_late') }),
    z.strictObject({ kind: z.literal('search_no_results') }),
    z.strictObject({ kind: z.literal('ticket_resolved') }),
  ]))();

const action = /* @__PURE__ */ (() =>
  z.strictObject({
    label: text(60, { min: 1 }),
    do: z.enum(NUDGE_ACTIONS),
    category: z.optional(z.enum(CATEGORIES)),
    answerId: z.optional(text(64, { min: 1 })),
    url: z.optional(z.url({ protocol: /^https?$/ }).check(z.maxLength(2048))),
  }))();

const content = /* @__PURE__ */ (() =>
  z.strictObject({
    title: text(120, { min: 1 }),
    body: z.optional(text(500)),
    actions: z.optional(z.array(action).check(z.maxLength(3))),
  }))();

export const nudgeRuleSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    id: z.string().check(z.regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'lowercase letters, digits, - and _')),
    trigger: nudgeTriggerSchema,
    /** Per locale; a shopper's locale without its own content gets English. */
    content: z.partialRecord(z.enum(LOCALES), content).check(
      z.refine((c) => c.en !== undefined, {
        message: 'English content is required',
        path: ['en'],
        params: { reason: 'required' },
      }),
    ),
    presentation: z.optional(
      z.strictObject({ variant: z.enum(['toast', 'banner', 'inline']), target: z.optional(text(200, { min: 1 })) }),
    ),
    frequency: z.optional(
      z.strictObject({
        maxShows: z.optional(z.number().check(z.int(), z.minimum(1), z.maximum(100))),
        cooldownHours: z.optional(z.number().check(z.minimum(0), z.maximum(8760))),
      }),
    ),
    audience: z.optional(
      z.strictObject({
        locales: z.optional(z.array(z.enum(LOCALES))),
        device: z.optional(z.enum(['mobile', 'desktop'])),
        visitor: z.optional(z.enum(['new', 'returning'])),
        identified: z.optional(z.boolean()),
      }),
    ),
    cancelOn: z.optional(z.array(z.string().check(z.regex(EVENT_NAME))).check(z.maxLength(10))),
    /** `service`: help with the verified shopper's own order; may run without behavioural consent if allowed. */
    purpose: z.optional(z.enum(['service', 'marketing'])),
    /** Percent of shoppers held out (stable per shopper and rule) to measure the effect. */
    holdout: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(50))),
    goal: z.optional(
      z.strictObject({
        event: z.string().check(z.regex(EVENT_NAME)),
        withinMinutes: z.number().check(z.int(), z.minimum(1), z.maximum(10_080)),
      }),
    ),
    priority: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(100))),
    enabled: z.optional(z.boolean()),
  }))();
export type NudgeRule = z.infer<typeof nudgeRuleSchema>;

/** `PUT /v1/agent/nudges` and a site's rules: distinct ids. */
export const nudgeRulesSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    rules: z.array(nudgeRuleSchema).check(
      z.maxLength(1000),
      z.refine((rules) => new Set(rules.map((r) => r.id)).size === rules.length, {
        message: 'Rule ids must be distinct',
        params: { reason: 'duplicate_id' },
      }),
    ),
  }))();
