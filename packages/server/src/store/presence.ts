/**
 * Agents on a ticket (presence): who has it open in the console and who is typing a reply. Kept in the
 * database, not in memory, so every instance of the service sees the same agents.
 */
import type { Queryable } from './db.ts';

/** An agent not seen for this long has left the ticket (the console reports every 10 s). */
export const PRESENCE_WINDOW_MS = 30_000;
/** Rows older than this are removed whenever someone reports presence (opportunistic cleanup). */
export const PRESENCE_PRUNE_MS = 5 * 60_000;

/** Another agent on the ticket, as the API shows one: `since` is when they opened it (ISO 8601). */
export interface PresenceOther {
  name: string;
  typing: boolean;
  since: string;
}

interface PresenceRow {
  name: string;
  typing: boolean;
  since: Date | string;
}

/**
 * Records that `agent` has the ticket open (and whether they are typing) at `now`, prunes stale rows,
 * and returns the other agents seen on it within the window, longest there first. A visit that had
 * lapsed starts again (`since` is reset).
 */
export async function reportPresence(
  db: Queryable,
  ticketId: string,
  agent: { id: string; name: string },
  typing: boolean,
  now: Date,
): Promise<PresenceOther[]> {
  const fresh = new Date(now.getTime() - PRESENCE_WINDOW_MS);
  await db.query('DELETE FROM agent_presence WHERE seen_at < $1', [new Date(now.getTime() - PRESENCE_PRUNE_MS)]);
  await db.query(
    `INSERT INTO agent_presence (ticket_id, agent_id, name, typing, since, seen_at) VALUES ($1, $2, $3, $4, $5, $5)
     ON CONFLICT (ticket_id, agent_id) DO UPDATE SET name = EXCLUDED.name, typing = EXCLUDED.typing,
       since = CASE WHEN agent_presence.seen_at < $6 THEN EXCLUDED.since ELSE agent_presence.since END,
       seen_at = EXCLUDED.seen_at`,
    [ticketId, agent.id, agent.name, typing, now, fresh],
  );
  const { rows } = await db.query<PresenceRow>(
    `SELECT name, typing, since FROM agent_presence
     WHERE ticket_id = $1 AND agent_id <> $2 AND seen_at >= $3 ORDER BY since, name`,
    [ticketId, agent.id, fresh],
  );
  return rows.map((row) => ({ name: row.name, typing: row.typing, since: new Date(row.since).toISOString() }));
}

/** The agent left the ticket (closed it, signed out, or the page went away). */
export async function leavePresence(db: Queryable, ticketId: string, agentId: string): Promise<void> {
  await db.query('DELETE FROM agent_presence WHERE ticket_id = $1 AND agent_id = $2', [ticketId, agentId]);
}
