/** Settings the service keeps in its database (the generated agent key). */
import type { Queryable } from './db.ts';

/** Stores `candidate` under `key` unless a value is there; returns the stored value and whether it was this one. */
export async function settingOnce(
  db: Queryable,
  key: string,
  candidate: string,
): Promise<{ value: string; created: boolean }> {
  const inserted = await db.query(
    `INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING RETURNING value`,
    [key, candidate],
  );
  if (inserted.rows.length === 1) return { value: candidate, created: true };
  const { rows } = await db.query<{ value: string }>(`SELECT value FROM settings WHERE key = $1`, [key]);
  return { value: rows[0]?.value ?? candidate, created: false };
}
