/** The agent's figures (NPS, CSAT, first response and resolution times, SLA breaches), computed in SQL. */
import type { CsatFigures, DurationFigures, MetricsReport, NpsFigures } from '@nectar/core/schema';
import type { Queryable } from './db.ts';

interface FiguresRow {
  day: string | null;
  nps_total: number;
  promoters: number;
  passives: number;
  detractors: number;
  nps: number | null;
  csat_total: number;
  c1: number;
  c2: number;
  c3: number;
  c4: number;
  c5: number;
  csat_average: number | null;
}

interface TicketFiguresRow {
  created: number;
  responded: number;
  frt_median: number | null;
  frt_average: number | null;
  resolved: number;
  res_median: number | null;
  res_average: number | null;
  frt_breaches: number;
  res_breaches: number;
}

const num = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

function npsFigures(row: FiguresRow): NpsFigures {
  return {
    score: num(row.nps),
    promoters: Number(row.promoters),
    passives: Number(row.passives),
    detractors: Number(row.detractors),
    total: Number(row.nps_total),
  };
}

function csatFigures(row: FiguresRow): CsatFigures {
  return {
    average: num(row.csat_average),
    distribution: { 1: Number(row.c1), 2: Number(row.c2), 3: Number(row.c3), 4: Number(row.c4), 5: Number(row.c5) },
    total: Number(row.csat_total),
  };
}

function durations(count: number, median: unknown, average: unknown): DurationFigures {
  return { count: Number(count), medianMinutes: num(median), averageMinutes: num(average) };
}

/**
 * NPS, CSAT and ticket figures for the UTC days `from`…`to` (inclusive, `YYYY-MM-DD`), for one site
 * or all. Responses count on the UTC date of their first answer; tickets by their creation.
 */
export async function computeMetrics(
  db: Queryable,
  range: { from: string; to: string; site: string | null },
  now = new Date(),
): Promise<MetricsReport> {
  const { from, to, site } = range;
  // GROUPING SETS: one row per day and one (day IS NULL) for the whole range.
  const figures = await db.query<FiguresRow>(
    `WITH days AS (
       SELECT d::date AS day FROM generate_series($1::date::timestamp, $2::date::timestamp, interval '1 day') AS d
     ), answers AS (
       SELECT (f.created_at AT TIME ZONE 'UTC')::date AS day, f.kind, f.score FROM feedback f
       WHERE f.created_at >= ($1::date::timestamp AT TIME ZONE 'UTC')
         AND f.created_at < (($2::date + 1)::timestamp AT TIME ZONE 'UTC')
         AND ($3::text IS NULL OR f.site = $3)
     ), counted AS (
       SELECT to_char(days.day, 'YYYY-MM-DD') AS day, GROUPING(days.day) AS whole,
         count(*) FILTER (WHERE a.kind = 'nps')::int AS nps_total,
         count(*) FILTER (WHERE a.kind = 'nps' AND a.score >= 9)::int AS promoters,
         count(*) FILTER (WHERE a.kind = 'nps' AND a.score BETWEEN 7 AND 8)::int AS passives,
         count(*) FILTER (WHERE a.kind = 'nps' AND a.score <= 6)::int AS detractors,
         count(*) FILTER (WHERE a.kind = 'csat')::int AS csat_total,
         count(*) FILTER (WHERE a.kind = 'csat' AND a.score = 1)::int AS c1,
         count(*) FILTER (WHERE a.kind = 'csat' AND a.score = 2)::int AS c2,
         count(*) FILTER (WHERE a.kind = 'csat' AND a.score = 3)::int AS c3,
         count(*) FILTER (WHERE a.kind = 'csat' AND a.score = 4)::int AS c4,
         count(*) FILTER (WHERE a.kind = 'csat' AND a.score = 5)::int AS c5,
         round(avg(a.score) FILTER (WHERE a.kind = 'csat'), 2)::float8 AS csat_average
       FROM days LEFT JOIN answers a ON a.day = days.day
       GROUP BY GROUPING SETS ((days.day), ())
     )
     SELECT CASE WHEN whole = 1 THEN NULL ELSE day END AS day, nps_total, promoters, passives, detractors,
       round((promoters - detractors) * 100.0 / NULLIF(nps_total, 0), 1)::float8 AS nps,
       csat_total, c1, c2, c3, c4, c5, csat_average
     FROM counted ORDER BY whole DESC, day`,
    [from, to, site],
  );
  const minutes = (end: string) => `extract(epoch FROM (${end} - created_at)) / 60.0`;
  const tickets = await db.query<TicketFiguresRow>(
    `SELECT count(*)::int AS created,
       count(first_responded_at)::int AS responded,
       round((percentile_cont(0.5) WITHIN GROUP (ORDER BY ${minutes('first_responded_at')}))::numeric, 1)::float8 AS frt_median,
       round(avg(${minutes('first_responded_at')})::numeric, 1)::float8 AS frt_average,
       count(resolved_at)::int AS resolved,
       round((percentile_cont(0.5) WITHIN GROUP (ORDER BY ${minutes('resolved_at')}))::numeric, 1)::float8 AS res_median,
       round(avg(${minutes('resolved_at')})::numeric, 1)::float8 AS res_average,
       count(*) FILTER (WHERE first_responded_at > first_response_by
         OR (first_responded_at IS NULL AND $4::timestamptz > first_response_by))::int AS frt_breaches,
       count(*) FILTER (WHERE resolved_at > resolve_by
         OR (resolved_at IS NULL AND $4::timestamptz > resolve_by))::int AS res_breaches
     FROM tickets
     WHERE created_at >= ($1::date::timestamp AT TIME ZONE 'UTC')
       AND created_at < (($2::date + 1)::timestamp AT TIME ZONE 'UTC')
       AND ($3::text IS NULL OR site = $3)`,
    [from, to, site, now.toISOString()],
  );
  const [whole, ...days] = figures.rows;
  const t = tickets.rows[0]!;
  return {
    from,
    to,
    site,
    nps: npsFigures(whole!),
    csat: csatFigures(whole!),
    days: days.map((row) => ({ date: row.day!, nps: npsFigures(row), csat: csatFigures(row) })),
    tickets: {
      created: Number(t.created),
      firstResponse: durations(t.responded, t.frt_median, t.frt_average),
      resolution: durations(t.resolved, t.res_median, t.res_average),
      slaBreaches: { firstResponse: Number(t.frt_breaches), resolution: Number(t.res_breaches) },
    },
  };
}
