/** The nudge feature's public types (a type module: `types.ts` re-exports them). */
import type { NudgeRule } from '../schema/nudge.ts';
import type { Locale } from '../schema.ts';

/** The global policy (`createNectar({ nudgePolicy })`). */
export interface NudgePolicy {
  /** Nudges shown (or held out) per tab session, across rules. Default 1. */
  maxPerSession?: number;
  /** Nudges shown (or held out) per 24 hours, across rules and tabs. Default 2. */
  maxPerDay?: number;
  /** Pages where no nudge shows (e.g. payment steps): globs over the path, `*` any characters. */
  quietUrls?: string[];
  /**
   * `purpose: "service"` rules about the verified shopper's own order (`order_late`) may run without
   * behavioural consent. The merchant's choice; default false.
   */
  serviceWithoutConsent?: boolean;
}

/** Why a rule did not show (or that it did). `nectar.nudges.explain()` reports these. */
export type NudgeReason =
  | 'shown'
  | 'held_out'
  | 'trigger_not_met'
  | 'disabled'
  | 'invalid'
  | 'consent'
  | 'audience'
  | 'quiet_page'
  | 'dont_show_again'
  | 'max_shows'
  | 'cooldown'
  | 'dismissed_recently'
  | 'session_cap'
  | 'daily_cap'
  | 'another_visible';

export type NudgeContent = NonNullable<NudgeRule['content']['en']>;
export type NudgeAction = NonNullable<NudgeContent['actions']>[number];

/** A nudge to show (`nudge-show` on the client; `<nectar-nudge>` renders it). */
export interface NudgeShown {
  ruleId: string;
  variant: 'toast' | 'banner' | 'inline';
  /** The locale of the content (the shopper's, else the English a rule falls back to): the widget's `lang`. */
  locale: Locale;
  /** `inline`: a CSS selector of the element to render inside. */
  target?: string;
  title: string;
  body?: string;
  actions: NudgeAction[];
  /** The late order an `order_late` nudge is about (the contact form opens with it chosen). */
  orderRef?: string;
}

/** Why one rule did or did not show (`nectar.nudges.explain()`). */
export interface NudgeExplanation {
  ruleId: string;
  source: 'config' | 'site';
  /** `shown` or `held_out` on this page, else what stops it now (`trigger_not_met`: every gate is open). */
  reason: NudgeReason;
  /** The trigger, in words. */
  trigger: string;
  /** `invalid`: the bad fields. */
  fields?: Record<string, string>;
  shows: number;
  /** Percent of shoppers held out, and whether this shopper is. */
  holdout: number;
  heldOut: boolean;
}

export interface NudgesApi {
  /** Why each rule (or the one given) did or did not show. */
  explain(ruleId?: string): Promise<NudgeExplanation[]>;
  /** The nudge on screen now, if any (a widget mounted after it was shown renders it). */
  current(): NudgeShown | undefined;
  /** The shopper chose an action: reported as clicked; the `open_*` actions open the panel. Returns the action. */
  act(ruleId: string, index: number): Promise<NudgeAction | undefined>;
  /** The shopper closed it (`forever`: "don't show again"). */
  dismiss(ruleId: string, options?: { forever?: boolean }): Promise<void>;
}
