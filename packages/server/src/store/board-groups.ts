/**
 * Who works on a problem board group: a department claims it, marks it a known issue, and closes it with a note.
 * One row per (site, dimension, group) in `board_groups` (site `''` is the board of every site) with who and when
 * of each change; every change is also logged in `board_group_events`, oldest first. A closed group that gets
 * tickets created after its close "came back": `cameBack` counts them and `reopened` is true.
 */
import type { Queryable } from './db.ts';
import { BOARD_COLUMN, type BoardDimension } from './board.ts';

export const GROUP_STATUSES = ['claimed', 'known_issue', 'closed'] as const;
export type GroupStatus = (typeof GROUP_STATUSES)[number];

export interface GroupEvent {
  status: GroupStatus;
  department: string | null;
  note: string | null;
  by: string | null;
  at: string;
}

/** A group's claim state, as the board and the group routes answer it. */
export interface GroupClaim {
  status: GroupStatus;
  department: string | null;
  note: string | null;
  claimedBy: string | null;
  claimedAt: string | null;
  knownIssueBy: string | null;
  knownIssueAt: string | null;
  closedBy: string | null;
  closedAt: string | null;
  updatedBy: string | null;
  updatedAt: string;
  /** Tickets of the group created after its close (0 unless closed). */
  cameBack: number;
  /** Closed, and tickets came in after the close. */
  reopened: boolean;
}

interface GroupRow {
  group_key: string;
  status: GroupStatus;
  department: string | null;
  note: string | null;
  claimed_by: string | null;
  claimed_at: Date | string | null;
  known_issue_by: string | null;
  known_issue_at: Date | string | null;
  closed_by: string | null;
  closed_at: Date | string | null;
  updated_by: string | null;
  updated_at: Date | string;
  came_back: number | string;
}

const iso = (v: Date | string | null): string | null => (v === null ? null : new Date(v).toISOString());

function toClaim(row: GroupRow): GroupClaim {
  const cameBack = row.status === 'closed' ? Number(row.came_back) : 0;
  return {
    status: row.status,
    department: row.department,
    note: row.note,
    claimedBy: row.claimed_by,
    claimedAt: iso(row.claimed_at),
    knownIssueBy: row.known_issue_by,
    knownIssueAt: iso(row.known_issue_at),
    closedBy: row.closed_by,
    closedAt: iso(row.closed_at),
    updatedBy: row.updated_by,
    updatedAt: iso(row.updated_at)!,
    cameBack,
    reopened: cameBack > 0,
  };
}

/** The claim state of a board's groups (`site` null: the board of every site), by group key. */
export async function groupClaims(
  db: Queryable,
  site: string | null,
  by: BoardDimension,
  key?: string,
): Promise<Map<string, GroupClaim>> {
  const { rows } = await db.query<GroupRow>(
    `SELECT g.*,
       CASE WHEN g.status = 'closed' THEN (
         SELECT count(*) FROM tickets
         WHERE ${BOARD_COLUMN[by]} = g.group_key AND (g.site = '' OR tickets.site = g.site)
           AND tickets.created_at > g.closed_at
       ) ELSE 0 END::int AS came_back
     FROM board_groups g
     WHERE g.site = $1 AND g.dimension = $2 AND ($3::text IS NULL OR g.group_key = $3)`,
    [site ?? '', by, key ?? null],
  );
  return new Map(rows.map((row) => [row.group_key, toClaim(row)]));
}

export interface GroupChange {
  site: string | null;
  by: BoardDimension;
  key: string;
  status: GroupStatus;
  department?: string | undefined;
  note?: string | undefined;
}

/**
 * Sets a group's status: `claimed` (with its department), `known_issue` (the department kept unless another is
 * given), `closed` (with a note). A department or note not given keeps the group's; each change is logged.
 */
export async function changeGroup(tx: Queryable, change: GroupChange, actor: string | null, now: Date): Promise<void> {
  const site = change.site ?? '';
  const at = now.toISOString();
  const is = (status: GroupStatus) => change.status === status;
  await tx.query(
    `INSERT INTO board_groups (site, dimension, group_key, status, department, note, claimed_by, claimed_at,
       known_issue_by, known_issue_at, closed_by, closed_at, updated_by, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
     ON CONFLICT (site, dimension, group_key) DO UPDATE SET
       status = EXCLUDED.status,
       department = COALESCE(EXCLUDED.department, board_groups.department),
       note = COALESCE(EXCLUDED.note, board_groups.note),
       claimed_by = CASE WHEN EXCLUDED.status = 'claimed' THEN EXCLUDED.claimed_by ELSE board_groups.claimed_by END,
       claimed_at = COALESCE(EXCLUDED.claimed_at, board_groups.claimed_at),
       known_issue_by = CASE WHEN EXCLUDED.status = 'known_issue' THEN EXCLUDED.known_issue_by
         ELSE board_groups.known_issue_by END,
       known_issue_at = COALESCE(EXCLUDED.known_issue_at, board_groups.known_issue_at),
       closed_by = CASE WHEN EXCLUDED.status = 'closed' THEN EXCLUDED.closed_by ELSE board_groups.closed_by END,
       closed_at = COALESCE(EXCLUDED.closed_at, board_groups.closed_at),
       updated_by = EXCLUDED.updated_by,
       updated_at = EXCLUDED.updated_at`,
    [
      site,
      change.by,
      change.key,
      change.status,
      change.department ?? null,
      change.note ?? null,
      is('claimed') ? actor : null,
      is('claimed') ? at : null,
      is('known_issue') ? actor : null,
      is('known_issue') ? at : null,
      is('closed') ? actor : null,
      is('closed') ? at : null,
      actor,
      at,
    ],
  );
  await tx.query(
    `INSERT INTO board_group_events (site, dimension, group_key, status, department, note, actor, at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [site, change.by, change.key, change.status, change.department ?? null, change.note ?? null, actor, at],
  );
}

/** One group's state and its history (oldest first); undefined when nobody has claimed it. */
export async function readGroup(
  db: Queryable,
  site: string | null,
  by: BoardDimension,
  key: string,
): Promise<(GroupClaim & { site: string | null; by: BoardDimension; key: string; history: GroupEvent[] }) | undefined> {
  const claim = (await groupClaims(db, site, by, key)).get(key);
  if (!claim) return undefined;
  const { rows } = await db.query<{
    status: GroupStatus;
    department: string | null;
    note: string | null;
    actor: string | null;
    at: Date | string;
  }>(
    `SELECT status, department, note, actor, at FROM board_group_events
     WHERE site = $1 AND dimension = $2 AND group_key = $3 ORDER BY at, id`,
    [site ?? '', by, key],
  );
  const history = rows.map((r) => ({
    status: r.status,
    department: r.department,
    note: r.note,
    by: r.actor,
    at: iso(r.at)!,
  }));
  return { site, by, key, ...claim, history };
}
