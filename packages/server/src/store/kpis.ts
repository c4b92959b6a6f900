/**
 * The figures a support team steers by, for the tickets created in a range, computed in SQL (the same on
 * PGlite and PostgreSQL) for the whole range and per UTC day, ISO week, agent, category and site:
 *
 * - first response and resolution: median and p90 minutes, wall clock (from creation to the first agent
 *   reply / the last resolution); business-hours variants for the whole range, per the site's hours;
 * - SLA met % per promise: met ÷ (met + breached); a breach is a first response (resolution) after its
 *   promise, or none yet and past it; tickets not yet due are neither;
 * - reopen rate: reopened ÷ resolved at least once;
 * - one-touch resolution rate: resolved or closed with exactly one agent reply and never reopened ÷ resolved
 *   or closed;
 * - repeat-contact rate: tickets whose shopper (verified id, else email) already filed one about the same
 *   order (or both without one) on the same site in the 7 days before ÷ created;
 * - answer deflection: answers viewed (`answer_viewed` events in the range) after which the same browser
 *   filed no ticket (`ticket_created` event) within 30 minutes ÷ answers viewed — for the whole range and
 *   per day (the events come only from shoppers who consented to behavioural tracking).
 */
import type { BusinessHours } from '../domain/business-hours.ts';
import { businessMsBetween } from '../domain/business-hours.ts';
import type { Queryable } from './db.ts';

export interface Durations {
  count: number;
  medianMinutes: number | null;
  p90Minutes: number | null;
}

export interface KpiFigures {
  created: number;
  resolved: number;
  firstResponse: Durations;
  resolution: Durations;
  sla: {
    firstResponse: { met: number; breached: number; metPercent: number | null };
    resolution: { met: number; breached: number; metPercent: number | null };
  };
  /** Shares in percent, one decimal; null when there is nothing to divide by. */
  reopenRate: number | null;
  oneTouchRate: number | null;
  repeatContactRate: number | null;
}

/** Answers viewed, those not followed by a ticket from the same browser within 30 minutes, and that share. */
export interface Deflection {
  viewed: number;
  deflected: number;
  ratePercent: number | null;
}

export interface BusinessDurations {
  firstResponse: Durations;
  resolution: Durations;
}

export interface Kpis extends KpiFigures {
  deflection: Deflection & { byDay: (Deflection & { date: string })[] };
  /** Open time only, per each site's business hours (wall clock for a site without them). */
  businessHours: { firstResponse: Durations; resolution: Durations };
  /** Each day and week also in business hours (the console's trend charts). */
  byDay: (KpiFigures & { date: string; businessHours: BusinessDurations })[];
  byWeek: (KpiFigures & { week: string; businessHours: BusinessDurations })[];
  /** `name`: the agent's display name (null for the unassigned group). */
  byAgent: (KpiFigures & { agent: string | null; name: string | null })[];
  byCategory: (KpiFigures & { category: string })[];
  bySite: (KpiFigures & { site: string })[];
}

interface Row {
  grouping: number;
  day: string | null;
  week: string | null;
  agent: string | null;
  category: string | null;
  site: string | null;
  created: number;
  resolved: number;
  frt_count: number;
  frt_median: number | null;
  frt_p90: number | null;
  res_count: number;
  res_median: number | null;
  res_p90: number | null;
  frt_met: number;
  frt_breached: number;
  res_met: number;
  res_breached: number;
  reopened: number;
  resolved_ever: number;
  done: number;
  one_touch: number;
  repeats: number;
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const share = (part: number, whole: number) => (whole > 0 ? Math.round((part * 1000) / whole) / 10 : null);

function figures(r: Row): KpiFigures {
  const frtMet = Number(r.frt_met);
  const frtBreached = Number(r.frt_breached);
  const resMet = Number(r.res_met);
  const resBreached = Number(r.res_breached);
  return {
    created: Number(r.created),
    resolved: Number(r.resolved),
    firstResponse: { count: Number(r.frt_count), medianMinutes: num(r.frt_median), p90Minutes: num(r.frt_p90) },
    resolution: { count: Number(r.res_count), medianMinutes: num(r.res_median), p90Minutes: num(r.res_p90) },
    sla: {
      firstResponse: { met: frtMet, breached: frtBreached, metPercent: share(frtMet, frtMet + frtBreached) },
      resolution: { met: resMet, breached: resBreached, metPercent: share(resMet, resMet + resBreached) },
    },
    reopenRate: share(Number(r.reopened), Number(r.resolved_ever)),
    oneTouchRate: share(Number(r.one_touch), Number(r.done)),
    repeatContactRate: share(Number(r.repeats), Number(r.created)),
  };
}

const RANGE = `tk.created_at >= ($1::date::timestamp AT TIME ZONE 'UTC')
  AND tk.created_at < (($2::date + 1)::timestamp AT TIME ZONE 'UTC')
  AND ($3::text IS NULL OR tk.site = $3)`;

export async function computeKpis(
  db: Queryable,
  range: { from: string; to: string; site: string | null },
  businessHours: (site: string) => BusinessHours | undefined,
  now = new Date(),
): Promise<Kpis> {
  const params = [range.from, range.to, range.site, now.toISOString()];
  const minutes = (end: string) => `extract(epoch FROM (${end} - created_at)) / 60.0`;
  const pct = (p: number, end: string) =>
    `round((percentile_cont(${p}) WITHIN GROUP (ORDER BY ${minutes(end)}))::numeric, 1)::float8`;
  const { rows } = await db.query<Row>(
    `WITH t AS (
       SELECT tk.*,
         to_char((tk.created_at AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS day,
         to_char((tk.created_at AT TIME ZONE 'UTC'), 'IYYY-"W"IW') AS week,
         (SELECT count(*) FROM timeline e WHERE e.ticket_id = tk.id AND e.kind = 'replied') AS replies,
         EXISTS (SELECT 1 FROM timeline e WHERE e.ticket_id = tk.id AND e.kind = 'reopened') AS was_reopened,
         EXISTS (
           SELECT 1 FROM tickets o
           WHERE o.site = tk.site AND o.id <> tk.id
             AND o.created_at < tk.created_at AND o.created_at >= tk.created_at - interval '7 days'
             AND (CASE WHEN tk.user_id IS NOT NULL AND o.user_id IS NOT NULL THEN o.user_id = tk.user_id
                       ELSE lower(o.contact_email) = lower(tk.contact_email) END)
             AND o.order_ref IS NOT DISTINCT FROM tk.order_ref
         ) AS is_repeat
       FROM tickets tk WHERE ${RANGE}
     )
     SELECT GROUPING(day, week, assignee, category, site) AS grouping,
       day, week, assignee AS agent, category, site,
       count(*)::int AS created,
       count(*) FILTER (WHERE status IN ('resolved', 'closed'))::int AS resolved,
       count(first_responded_at)::int AS frt_count,
       ${pct(0.5, 'first_responded_at')} AS frt_median,
       ${pct(0.9, 'first_responded_at')} AS frt_p90,
       count(resolved_at) FILTER (WHERE status IN ('resolved', 'closed'))::int AS res_count,
       round((percentile_cont(0.5) WITHIN GROUP (ORDER BY CASE WHEN status IN ('resolved', 'closed') THEN ${minutes('resolved_at')} END))::numeric, 1)::float8 AS res_median,
       round((percentile_cont(0.9) WITHIN GROUP (ORDER BY CASE WHEN status IN ('resolved', 'closed') THEN ${minutes('resolved_at')} END))::numeric, 1)::float8 AS res_p90,
       count(*) FILTER (WHERE first_responded_at <= first_response_by)::int AS frt_met,
       count(*) FILTER (WHERE first_responded_at > first_response_by
         OR (first_responded_at IS NULL AND $4::timestamptz > first_response_by))::int AS frt_breached,
       count(*) FILTER (WHERE status IN ('resolved', 'closed') AND resolved_at <= resolve_by)::int AS res_met,
       count(*) FILTER (WHERE (status IN ('resolved', 'closed') AND resolved_at > resolve_by)
         OR (status NOT IN ('resolved', 'closed') AND $4::timestamptz > resolve_by))::int AS res_breached,
       count(*) FILTER (WHERE was_reopened)::int AS reopened,
       count(*) FILTER (WHERE was_reopened OR resolved_at IS NOT NULL)::int AS resolved_ever,
       count(*) FILTER (WHERE status IN ('resolved', 'closed'))::int AS done,
       count(*) FILTER (WHERE status IN ('resolved', 'closed') AND replies = 1 AND NOT was_reopened)::int AS one_touch,
       count(*) FILTER (WHERE is_repeat)::int AS repeats
     FROM t
     GROUP BY GROUPING SETS ((), (day), (week), (assignee), (category), (site))
     ORDER BY grouping, day, week, agent NULLS LAST, category, site`,
    params,
  );
  // GROUPING(day, week, assignee, category, site): a bit set per column left out of the grouping.
  const only = (column: number) => rows.filter((r) => Number(r.grouping) === 31 - (1 << (4 - column)));
  // The empty grouping set always yields its row, even over no tickets (counts 0, medians null).
  const whole = rows.find((r) => Number(r.grouping) === 31)!;

  // Business hours: per ticket in code (the hours are the site's settings, not rows), then median and p90.
  const { rows: times } = await db.query<{
    site: string;
    day: string;
    week: string;
    created_at: Date;
    first_responded_at: Date | null;
    resolved_at: Date | null;
    status: string;
  }>(
    `SELECT tk.site, tk.created_at, tk.first_responded_at, tk.resolved_at, tk.status,
       to_char((tk.created_at AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS day,
       to_char((tk.created_at AT TIME ZONE 'UTC'), 'IYYY-"W"IW') AS week
     FROM tickets tk WHERE ${RANGE}`,
    params.slice(0, 3),
  );
  const open = (end: Date, row: { site: string; created_at: Date }) =>
    businessMsBetween(new Date(row.created_at), new Date(end), businessHours(row.site)) / 60_000;
  const inHours = (subset: typeof times): BusinessDurations => ({
    firstResponse: durations(subset.flatMap((r) => (r.first_responded_at ? [open(r.first_responded_at, r)] : []))),
    resolution: durations(
      subset.flatMap((r) =>
        r.resolved_at && (r.status === 'resolved' || r.status === 'closed') ? [open(r.resolved_at, r)] : [],
      ),
    ),
  });
  const inHoursOf = (key: 'day' | 'week', value: string) => inHours(times.filter((r) => r[key] === value));
  const agentIds = only(2).flatMap((r) => (r.agent ? [r.agent] : []));
  const { rows: agentNames } = agentIds.length
    ? await db.query<{ id: string; name: string }>(`SELECT id, name FROM agents WHERE id = ANY($1::text[])`, [agentIds])
    : { rows: [] };
  const nameOf = new Map(agentNames.map((a) => [a.id, a.name]));

  const { rows: views } = await db.query<{ day: string | null; viewed: number; deflected: number }>(
    `WITH v AS (
       SELECT ev.site, ev.anonymous_id, ev.at, to_char((ev.at AT TIME ZONE 'UTC')::date, 'YYYY-MM-DD') AS day
       FROM events ev
       WHERE ev.name = 'answer_viewed' AND ev.anonymous_id IS NOT NULL
         AND ev.at >= ($1::date::timestamp AT TIME ZONE 'UTC') AND ev.at < (($2::date + 1)::timestamp AT TIME ZONE 'UTC')
         AND ($3::text IS NULL OR ev.site = $3)
     )
     SELECT day, count(*)::int AS viewed,
       count(*) FILTER (WHERE NOT EXISTS (
         SELECT 1 FROM events c
         WHERE c.site = v.site AND c.anonymous_id = v.anonymous_id AND c.name = 'ticket_created'
           AND c.at >= v.at AND c.at < v.at + interval '30 minutes'
       ))::int AS deflected
     FROM v GROUP BY GROUPING SETS ((), (day)) ORDER BY day NULLS FIRST`,
    params.slice(0, 3),
  );
  const deflection = (r: { viewed: number; deflected: number } | undefined): Deflection => {
    const viewed = Number(r?.viewed ?? 0);
    const deflected = Number(r?.deflected ?? 0);
    return { viewed, deflected, ratePercent: share(deflected, viewed) };
  };

  return {
    ...figures(whole),
    deflection: {
      ...deflection(views.find((r) => r.day === null)),
      byDay: views.filter((r) => r.day !== null).map((r) => ({ date: r.day!, ...deflection(r) })),
    },
    businessHours: inHours(times),
    byDay: only(0).map((r) => ({ date: r.day!, ...figures(r), businessHours: inHoursOf('day', r.day!) })),
    byWeek: only(1).map((r) => ({ week: r.week!, ...figures(r), businessHours: inHoursOf('week', r.week!) })),
    byAgent: only(2).map((r) => ({ agent: r.agent, name: (r.agent && nameOf.get(r.agent)) ?? null, ...figures(r) })),
    byCategory: only(3).map((r) => ({ category: r.category!, ...figures(r) })),
    bySite: only(4).map((r) => ({ site: r.site!, ...figures(r) })),
  };
}

/** Median and p90 as PostgreSQL's percentile_cont computes them (linear interpolation), one decimal. */
export function durations(values: number[]): Durations {
  if (values.length === 0) return { count: 0, medianMinutes: null, p90Minutes: null };
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => {
    const rank = p * (sorted.length - 1);
    const low = Math.floor(rank);
    const high = Math.ceil(rank);
    return sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low);
  };
  const round = (v: number) => Math.round(v * 10) / 10;
  return { count: sorted.length, medianMinutes: round(at(0.5)), p90Minutes: round(at(0.9)) };
}
