/** Agent accounts and their console sessions (only a hash of each session token is stored). */
import type { Queryable } from './db.ts';

export type AgentRole = 'agent' | 'admin';

export interface AgentRow {
  id: string;
  email: string;
  name: string;
  role: AgentRole;
  password_hash: string;
  disabled_at: Date | null;
  created_at: Date;
}

/** An agent as the API shows one (never the password hash). */
export interface Agent {
  id: string;
  email: string;
  name: string;
  role: AgentRole;
  disabled: boolean;
  createdAt: string;
}

export const toAgent = (row: AgentRow): Agent => ({
  id: row.id,
  email: row.email,
  name: row.name,
  role: row.role,
  disabled: row.disabled_at !== null,
  createdAt: new Date(row.created_at).toISOString(),
});

/** Inserts an account unless one has the email (any case); returns the row, or undefined when taken. */
export async function insertAgent(
  db: Queryable,
  agent: { id: string; email: string; name: string; role: AgentRole; passwordHash: string },
  now: Date,
): Promise<AgentRow | undefined> {
  const { rows } = await db.query<AgentRow>(
    `INSERT INTO agents (id, email, name, role, password_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6)
     ON CONFLICT DO NOTHING RETURNING *`,
    [agent.id, agent.email, agent.name, agent.role, agent.passwordHash, now.toISOString()],
  );
  return rows[0];
}

export async function findAgentByEmail(db: Queryable, email: string): Promise<AgentRow | undefined> {
  const { rows } = await db.query<AgentRow>('SELECT * FROM agents WHERE lower(email) = lower($1)', [email]);
  return rows[0];
}

export async function findAgent(db: Queryable, id: string): Promise<AgentRow | undefined> {
  const { rows } = await db.query<AgentRow>('SELECT * FROM agents WHERE id = $1', [id]);
  return rows[0];
}

export async function listAgents(db: Queryable): Promise<AgentRow[]> {
  const { rows } = await db.query<AgentRow>('SELECT * FROM agents ORDER BY created_at, email');
  return rows;
}

/** Disables an account and ends its sessions at once. */
export async function disableAgent(db: Queryable, id: string, now: Date): Promise<AgentRow | undefined> {
  const { rows } = await db.query<AgentRow>(
    'UPDATE agents SET disabled_at = COALESCE(disabled_at, $2) WHERE id = $1 RETURNING *',
    [id, now.toISOString()],
  );
  await db.query('DELETE FROM sessions WHERE agent_id = $1', [id]);
  return rows[0];
}

export async function insertSession(db: Queryable, tokenHash: string, agentId: string, now: Date): Promise<void> {
  await db.query('INSERT INTO sessions (token_hash, agent_id, created_at, last_seen_at) VALUES ($1, $2, $3, $3)', [
    tokenHash,
    agentId,
    now.toISOString(),
  ]);
}

export async function deleteSession(db: Queryable, tokenHash: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
}

/**
 * The live session's agent, touching `last_seen_at`: a session idle longer than `idleMs`, or of a
 * disabled agent, is deleted and answers undefined.
 */
export async function touchSession(
  db: Queryable,
  tokenHash: string,
  idleMs: number,
  now: Date,
): Promise<AgentRow | undefined> {
  const { rows } = await db.query<AgentRow & { last_seen_at: Date }>(
    `UPDATE sessions s SET last_seen_at = $2 FROM agents a
     WHERE s.token_hash = $1 AND a.id = s.agent_id AND a.disabled_at IS NULL AND s.last_seen_at > $3
     RETURNING a.*`,
    [tokenHash, now.toISOString(), new Date(now.getTime() - idleMs).toISOString()],
  );
  if (rows[0]) return rows[0];
  await deleteSession(db, tokenHash);
  return undefined;
}

/** Forgets sessions idle longer than `idleMs` (the upkeep sweep). */
export async function deleteIdleSessions(db: Queryable, idleMs: number, now: Date): Promise<number> {
  const { rows } = await db.query('DELETE FROM sessions WHERE last_seen_at <= $1 RETURNING 1', [
    new Date(now.getTime() - idleMs).toISOString(),
  ]);
  return rows.length;
}
