/** A site's nudge rules: one versioned document per site (the version tells a client when to refresh). */
import type { NudgeRule } from '@nectar/core/schema';
import type { Queryable } from './db.ts';

export interface NudgeRulesRow {
  site: string;
  version: number;
  rules: NudgeRule[];
  updated_at: Date;
}

export async function findNudgeRules(db: Queryable, site: string): Promise<NudgeRulesRow> {
  const { rows } = await db.query<NudgeRulesRow>('SELECT * FROM nudge_rules WHERE site = $1', [site]);
  const row = rows[0];
  return row ? { ...row, version: Number(row.version) } : { site, version: 0, rules: [], updated_at: new Date(0) };
}

/**
 * Holds the site's rules until the transaction ends, so a read-change-write (a known issue's notice) loses no
 * other writer's change.
 */
export async function lockNudgeRules(tx: Queryable, site: string): Promise<void> {
  await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`nudge_rules|${site}`]);
}

/** Replaces the site's rules; returns the new version. */
export async function saveNudgeRules(db: Queryable, site: string, rules: NudgeRule[], now: Date): Promise<number> {
  const { rows } = await db.query<{ version: number }>(
    `INSERT INTO nudge_rules (site, version, rules, updated_at) VALUES ($1, 1, $2, $3)
     ON CONFLICT (site) DO UPDATE SET version = nudge_rules.version + 1, rules = $2, updated_at = $3
     RETURNING version`,
    [site, JSON.stringify(rules), now.toISOString()],
  );
  return Number(rows[0]!.version);
}

export interface NudgeCountsRow {
  rule_id: string;
  eligible: number;
  held_out: number;
  shown: number;
  clicked: number;
  dismissed: number;
  converted_shown: number;
  converted_held_out: number;
}

/**
 * Per rule, distinct shoppers (the events' browser id) for each outcome reported in the range: eligible (and
 * which arm), shown, clicked, dismissed, converted per arm.
 */
export async function nudgeCounts(
  db: Queryable,
  range: { from: string; to: string; site: string | null },
): Promise<NudgeCountsRow[]> {
  const { rows } = await db.query<NudgeCountsRow>(
    `WITH e AS (
       SELECT name, props->>'ruleId' AS rule_id, props->>'arm' AS arm, COALESCE(anonymous_id, 'event:' || id) AS who
       FROM events
       WHERE name LIKE 'nudge\\_%' AND props ? 'ruleId'
         AND at >= ($1::date::timestamp AT TIME ZONE 'UTC') AND at < (($2::date + 1)::timestamp AT TIME ZONE 'UTC')
         AND ($3::text IS NULL OR site = $3)
     )
     SELECT rule_id,
       count(DISTINCT who) FILTER (WHERE name = 'nudge_eligible')::int AS eligible,
       count(DISTINCT who) FILTER (WHERE name = 'nudge_eligible' AND arm = 'holdout')::int AS held_out,
       count(DISTINCT who) FILTER (WHERE name = 'nudge_shown')::int AS shown,
       count(DISTINCT who) FILTER (WHERE name = 'nudge_clicked')::int AS clicked,
       count(DISTINCT who) FILTER (WHERE name = 'nudge_dismissed')::int AS dismissed,
       count(DISTINCT who) FILTER (WHERE name = 'nudge_converted' AND arm = 'shown')::int AS converted_shown,
       count(DISTINCT who) FILTER (WHERE name = 'nudge_converted' AND arm = 'holdout')::int AS converted_held_out
     FROM e GROUP BY rule_id ORDER BY rule_id`,
    [range.from, range.to, range.site],
  );
  return rows;
}
