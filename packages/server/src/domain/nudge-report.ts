/**
 * The nudge report: per rule, the outcomes' counts (distinct shoppers, counted in SQL) and the effect —
 * conversion (the rule's goal event within its window) among shown shoppers against held-out ones, with the
 * absolute lift and its 95 % interval by the two-proportion normal (Wald) approximation, unpooled:
 * `(p₁ − p₀) ± 1.96 × √(p₁(1 − p₁)/n₁ + p₀(1 − p₀)/n₀)`; and a sample-ratio-mismatch flag: a chi-square
 * test (1 degree of freedom) of the held-out count against the configured holdout share, flagged at
 * p < 0.001 (χ² > 10.83). Below 30 shoppers in either arm the effect is "not enough data" (null).
 */
import type { NudgeRule } from '@nectar/core/schema';
import type { NudgeCountsRow } from '../store/nudges.ts';

export const MIN_ARM = 30;
const Z95 = 1.959964;
const CHI2_P001 = 10.828;

export interface NudgeReportRow {
  ruleId: string;
  eligible: number;
  shown: number;
  heldOut: number;
  clicked: number;
  dismissed: number;
  converted: { shown: number; heldOut: number };
  conversionRate: { shown: number | null; heldOut: number | null };
  lift: { absolute: number; low: number; high: number } | null;
  enoughData: boolean;
  /** Configured holdout percent (from the rule), and whether the observed split is off it. */
  holdout: number | null;
  srm: boolean;
}

const round = (v: number) => Math.round(v * 10_000) / 10_000;

export function reportRow(counts: NudgeCountsRow, rule: NudgeRule | undefined): NudgeReportRow {
  const eligible = Number(counts.eligible);
  const heldOut = Number(counts.held_out);
  const shown = Number(counts.shown);
  const converted = { shown: Number(counts.converted_shown), heldOut: Number(counts.converted_held_out) };
  const p1 = shown > 0 ? converted.shown / shown : null;
  const p0 = heldOut > 0 ? converted.heldOut / heldOut : null;
  const enoughData = shown >= MIN_ARM && heldOut >= MIN_ARM;
  let lift: NudgeReportRow['lift'] = null;
  if (enoughData && p1 !== null && p0 !== null) {
    const se = Math.sqrt((p1 * (1 - p1)) / shown + (p0 * (1 - p0)) / heldOut);
    const absolute = p1 - p0;
    lift = { absolute: round(absolute), low: round(absolute - Z95 * se), high: round(absolute + Z95 * se) };
  }
  const holdout = rule?.holdout ?? null;
  let srm = false;
  if (holdout !== null && holdout > 0 && eligible > 0) {
    const expectedHeld = (eligible * holdout) / 100;
    const expectedShown = eligible - expectedHeld;
    const chi2 =
      (heldOut - expectedHeld) ** 2 / expectedHeld + (eligible - heldOut - expectedShown) ** 2 / expectedShown;
    srm = chi2 > CHI2_P001;
  }
  return {
    ruleId: counts.rule_id,
    eligible,
    shown,
    heldOut,
    clicked: Number(counts.clicked),
    dismissed: Number(counts.dismissed),
    converted,
    conversionRate: { shown: p1 === null ? null : round(p1), heldOut: p0 === null ? null : round(p0) },
    lift,
    enoughData,
    holdout,
    srm,
  };
}
