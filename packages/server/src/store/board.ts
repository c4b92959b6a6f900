/**
 * The problem board: tickets created in a range grouped by where the problem comes from — the attribution's
 * department, issue type, product or supplier, or the category — with each group's share of the range's
 * tickets, the count in the previous period of the same length (trend), and a spike test against the 28 days
 * before the range: with `expected` = the group's daily rate in those 28 days × the range's days, a spike is
 * `count ≥ 3` and `count > expected + 3 × √expected` (a Poisson count three standard deviations above its
 * expectation; a group new in the range — expected 0 — is a spike at 3 tickets).
 */
import type { Queryable } from './db.ts';
import { groupClaims, type GroupClaim } from './board-groups.ts';

export const BOARD_DIMENSIONS = ['department', 'issue_type', 'product', 'supplier', 'category'] as const;
export type BoardDimension = (typeof BOARD_DIMENSIONS)[number];

/** The SQL of each dimension's value on a `tickets` row. */
export const BOARD_COLUMN: Record<BoardDimension, string> = {
  department: "attribution->>'department'",
  issue_type: "attribution->>'issueType'",
  product: "attribution->>'product'",
  supplier: "attribution->>'supplier'",
  category: 'category',
};

const BASELINE_DAYS = 28;

export interface BoardGroup {
  /** The group's value; null: tickets not attributed on this dimension yet. */
  key: string | null;
  count: number;
  /** Percent of the range's tickets, one decimal. */
  share: number;
  previous: number;
  /** Change against the previous period in percent (null when it had none). */
  trend: number | null;
  baseline: { days: number; count: number; expected: number };
  spike: boolean;
  open: number;
  /** Who works on it (a department's claim, a known issue, closed with a note); null when nobody does. */
  claim: GroupClaim | null;
}

export interface Board {
  by: BoardDimension;
  from: string;
  to: string;
  site: string | null;
  total: number;
  groups: BoardGroup[];
}

const addDays = (day: string, n: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

export async function computeBoard(
  db: Queryable,
  range: { from: string; to: string; site: string | null; by: BoardDimension },
): Promise<Board> {
  const days = (Date.parse(range.to) - Date.parse(range.from)) / 86_400_000 + 1;
  const previousFrom = addDays(range.from, -days);
  const baselineFrom = addDays(range.from, -BASELINE_DAYS);
  const { rows } = await db.query<{
    key: string | null;
    current: number;
    previous: number;
    baseline: number;
    open: number;
  }>(
    `WITH t AS (
       SELECT ${BOARD_COLUMN[range.by]} AS key, created_at, status FROM tickets
       WHERE created_at >= (LEAST($4::date, $5::date)::timestamp AT TIME ZONE 'UTC')
         AND created_at < (($2::date + 1)::timestamp AT TIME ZONE 'UTC')
         AND ($3::text IS NULL OR site = $3)
     ), bounds AS (
       SELECT ($1::date::timestamp AT TIME ZONE 'UTC') AS cur_from,
              (($2::date + 1)::timestamp AT TIME ZONE 'UTC') AS cur_to,
              ($4::date::timestamp AT TIME ZONE 'UTC') AS prev_from,
              ($5::date::timestamp AT TIME ZONE 'UTC') AS base_from
     )
     SELECT key,
       count(*) FILTER (WHERE created_at >= cur_from AND created_at < cur_to)::int AS current,
       count(*) FILTER (WHERE created_at >= prev_from AND created_at < cur_from)::int AS previous,
       count(*) FILTER (WHERE created_at >= base_from AND created_at < cur_from)::int AS baseline,
       count(*) FILTER (WHERE created_at >= cur_from AND created_at < cur_to AND status NOT IN ('resolved', 'closed'))::int AS open
     FROM t, bounds GROUP BY key`,
    [range.from, range.to, range.site, previousFrom, baselineFrom],
  );
  const claims = await groupClaims(db, range.site, range.by);
  const total = rows.reduce((sum, r) => sum + Number(r.current), 0);
  const groups = rows
    .filter((r) => Number(r.current) > 0)
    .map((r): BoardGroup => {
      const count = Number(r.current);
      const previous = Number(r.previous);
      const expected = Math.round((Number(r.baseline) / BASELINE_DAYS) * days * 100) / 100;
      return {
        key: r.key,
        count,
        share: total > 0 ? Math.round((count * 1000) / total) / 10 : 0,
        previous,
        trend: previous > 0 ? Math.round(((count - previous) * 1000) / previous) / 10 : null,
        baseline: { days: BASELINE_DAYS, count: Number(r.baseline), expected },
        spike: count >= 3 && count > expected + 3 * Math.sqrt(expected),
        open: Number(r.open),
        claim: (r.key !== null && claims.get(r.key)) || null,
      };
    })
    .sort((a, b) => b.count - a.count || String(a.key).localeCompare(String(b.key)));
  return { by: range.by, from: range.from, to: range.to, site: range.site, total, groups };
}
