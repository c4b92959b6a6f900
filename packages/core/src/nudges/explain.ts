/** `nectar.nudges.explain()`: why each rule did or did not show, in words an integrator reads. Loaded on its first call. */
import type { NudgeState, CompiledRule, TriggerKind } from './engine.ts';
import { heldOut, staticGate, stateGate } from './engine.ts';
import type { NudgeExplanation, NudgePolicy, NudgeReason } from './types.ts';

const TRIGGER_WORDS: Record<TriggerKind, (t: never) => string> = {
  page_view: () => 'a matching page is viewed',
  dwell: (t: { seconds: number }) => `${t.seconds} s on a matching page`,
  scroll: (t: { percent: number }) => `scrolled ${t.percent} % of a matching page`,
  exit_intent: () => 'the pointer leaves through the top of the window (desktop)',
  idle: (t: { seconds: number }) => `no input for ${t.seconds} s on a matching page`,
  event: (t: { name: string }) => `the event "${t.name}" is tracked`,
  repeat_visit: (t: { times: number; withinDays: number }) => `visit ${t.times} within ${t.withinDays} days`,
  order_late: () => "one of the verified shopper's recent orders is late",
  search_no_results: () => 'an answers search finds nothing',
  ticket_resolved: () => "one of the shopper's tickets is resolved",
};

export interface ExplainInput {
  rules: CompiledRule[];
  invalid: Map<string, { source: 'config' | 'site'; fields: Record<string, string> }>;
  /** This page's result per rule. */
  results: Map<string, NudgeReason>;
  state: NudgeState;
  env: Parameters<typeof staticGate>[1];
  policy: NudgePolicy;
  now: number;
  sessionShows: number;
  /** The shopper or browser id (the holdout bucket). */
  who: string;
}

/** Each rule's reason: this page's result, else the first gate that stops it now, else `trigger_not_met`. */
export function explainRules(x: ExplainInput): NudgeExplanation[] {
  const out: NudgeExplanation[] = x.rules.map(({ rule, source }) => ({
    ruleId: rule.id,
    source,
    reason:
      x.results.get(rule.id) ??
      staticGate({ rule } as CompiledRule, x.env, x.policy) ??
      stateGate(rule, x.state, x.now, x.policy, x.sessionShows) ??
      'trigger_not_met',
    trigger: TRIGGER_WORDS[rule.trigger.kind](rule.trigger as never),
    shows: x.state.rules[rule.id]?.shows ?? 0,
    holdout: rule.holdout ?? 0,
    heldOut: heldOut(rule, x.who),
  }));
  for (const [ruleId, bad] of x.invalid) {
    out.push({
      ruleId,
      source: bad.source,
      reason: 'invalid',
      trigger: '',
      fields: bad.fields,
      shows: 0,
      holdout: 0,
      heldOut: false,
    });
  }
  return out;
}
