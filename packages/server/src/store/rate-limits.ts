/**
 * Rate limits as fixed windows counted in the database (`rate_limits`), so every instance on one
 * PostgreSQL counts the same budget: one upsert per hit, no per-instance counters, no lock held
 * across requests. A bucket's window opens at its first hit and lasts `windowMs`; a bucket over its
 * limit answers with the seconds until its window ends.
 */
import type { Db, Queryable } from './db.ts';

export interface Bucket {
  key: string;
  limit: number;
}

export interface RateLimiter {
  /**
   * Counts `amount` (default 1) against every bucket in one statement; returns null when all stay
   * within their limits, else (taking the hit back) the seconds until the window of the first
   * bucket over it ends.
   */
  hit(buckets: Bucket[], windowMs: number, amount?: number, now?: number): Promise<number | null>;
  /** Like `hit` without counting: is a bucket already at its limit? */
  peek(bucket: Bucket, windowMs: number, now?: number): Promise<number | null>;
  /** Forgets windows that ended more than `keepMs` ago. */
  prune(keepMs: number, now?: number): Promise<number>;
}

export function dbRateLimiter(db: Queryable): RateLimiter {
  const retryAfter = (start: Date | string | number, windowMs: number, now: number) =>
    Math.max(1, Math.ceil((new Date(start).getTime() + windowMs - now) / 1000));
  return {
    async hit(buckets, windowMs, amount = 1, now = Date.now()) {
      if (buckets.length === 0) return null;
      const keys = buckets.map((b) => `${b.key}|${windowMs}`);
      // A bucket's window starts at its first hit; a hit after the window ended starts a new one.
      const { rows } = await db.query<{ bucket: string; count: string | number; window_start: Date | string }>(
        `INSERT INTO rate_limits (bucket, window_start, count)
         SELECT b, $2::timestamptz, $3::bigint FROM unnest($1::text[]) AS b
         ON CONFLICT (bucket) DO UPDATE SET
           count = CASE WHEN rate_limits.window_start <= $4::timestamptz THEN EXCLUDED.count
                        ELSE rate_limits.count + EXCLUDED.count END,
           window_start = CASE WHEN rate_limits.window_start <= $4::timestamptz THEN EXCLUDED.window_start
                               ELSE rate_limits.window_start END
         RETURNING bucket, count, window_start`,
        [keys, new Date(now).toISOString(), amount, new Date(now - windowMs).toISOString()],
      );
      const byKey = new Map(rows.map((row) => [row.bucket, row]));
      const over = buckets.findIndex((bucket, i) => Number(byKey.get(keys[i] ?? '')?.count ?? 0) > bucket.limit);
      if (over < 0) return null;
      // A refused hit does not count: take it back (never admitting more than the limit, even when
      // concurrent hits on several instances all see it over).
      await db.query(
        `UPDATE rate_limits SET count = count - $3 WHERE bucket = ANY($1::text[]) AND window_start >= $2::timestamptz`,
        [keys, new Date(now - windowMs).toISOString(), amount],
      );
      return retryAfter(byKey.get(keys[over] ?? '')?.window_start ?? now, windowMs, now);
    },
    async peek(bucket, windowMs, now = Date.now()) {
      const { rows } = await db.query<{ count: string | number; window_start: Date | string }>(
        'SELECT count, window_start FROM rate_limits WHERE bucket = $1 AND window_start > $2',
        [`${bucket.key}|${windowMs}`, new Date(now - windowMs).toISOString()],
      );
      const row = rows[0];
      return row && Number(row.count) >= bucket.limit ? retryAfter(row.window_start, windowMs, now) : null;
    },
    async prune(keepMs, now = Date.now()) {
      const { rows } = await db.query('DELETE FROM rate_limits WHERE window_start < $1 RETURNING 1', [
        new Date(now - keepMs).toISOString(),
      ]);
      return rows.length;
    },
  };
}

/**
 * The same windows in memory, for the embedded database: PGlite's data lives in one process, so no
 * other instance can share it, and an in-process counter is exactly as shared as the data. Saves a
 * statement per write on the database that costs the most per statement.
 */
export function memoryRateLimiter(): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  const current = (key: string, windowMs: number, now: number) => {
    const window = windows.get(key);
    return window && now - window.start < windowMs ? window : undefined;
  };
  const retryAfter = (start: number, windowMs: number, now: number) =>
    Math.max(1, Math.ceil((start + windowMs - now) / 1000));
  const prune = (keepMs: number, now: number) => {
    let removed = 0;
    for (const [key, window] of windows) {
      if (now - window.start >= keepMs) {
        windows.delete(key);
        removed++;
      }
    }
    return removed;
  };
  return {
    async hit(buckets, windowMs, amount = 1, now = Date.now()) {
      const keyed = buckets.map((b) => ({ ...b, id: `${b.key}|${windowMs}` }));
      for (const b of keyed) {
        const window = current(b.id, windowMs, now);
        if ((window?.count ?? 0) + amount > b.limit) return retryAfter(window?.start ?? now, windowMs, now);
      }
      if (windows.size > 100_000) prune(windowMs, now);
      for (const b of keyed) {
        const window = current(b.id, windowMs, now);
        if (window) window.count += amount;
        else windows.set(b.id, { start: now, count: amount });
      }
      return null;
    },
    async peek(bucket, windowMs, now = Date.now()) {
      const window = current(`${bucket.key}|${windowMs}`, windowMs, now);
      return window && window.count >= bucket.limit ? retryAfter(window.start, windowMs, now) : null;
    },
    async prune(keepMs, now = Date.now()) {
      return prune(keepMs, now);
    },
  };
}

/** The limiter for a database: shared rows on PostgreSQL, the process's memory on embedded PGlite. */
export const rateLimiterFor = (db: Db): RateLimiter =>
  db.kind === 'postgres' ? dbRateLimiter(db) : memoryRateLimiter();
