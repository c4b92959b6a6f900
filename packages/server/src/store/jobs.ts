/**
 * Scheduled work that one instance does at a time: a job runs when its interval has passed, on whichever
 * instance takes its row's lease first (an atomic UPDATE), so any number of instances run it once per interval.
 */
import type { Queryable } from './db.ts';

/** Takes the job when it is due and not leased; true when this instance should run it now. */
export async function takeJob(db: Queryable, name: string, intervalMs: number, leaseMs: number, now: Date) {
  await db.query('INSERT INTO jobs (name) VALUES ($1) ON CONFLICT (name) DO NOTHING', [name]);
  const { rows } = await db.query(
    `UPDATE jobs SET leased_until = $2, last_run_at = $3
     WHERE name = $1 AND (leased_until IS NULL OR leased_until < $3)
       AND (last_run_at IS NULL OR last_run_at <= $4)
     RETURNING name`,
    [
      name,
      new Date(now.getTime() + leaseMs).toISOString(),
      now.toISOString(),
      new Date(now.getTime() - intervalMs).toISOString(),
    ],
  );
  return rows.length === 1;
}

/** Ends the lease early once the run is done (the interval still counts from its start). */
export async function releaseJob(db: Queryable, name: string): Promise<void> {
  await db.query('UPDATE jobs SET leased_until = NULL WHERE name = $1', [name]);
}
