/**
 * Storage behind a tiny interface: PGlite (embedded PostgreSQL) by default, a `pg` Pool when
 * a `DATABASE_URL` is given. Both run the same SQL and the same migrations.
 */
import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

export type StorageKind = 'pglite' | 'postgres';

export interface Queryable {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<{ rows: T[] }>;
}

export interface Db extends Queryable {
  readonly kind: StorageKind;
  /** Runs `fn` in one transaction (BEGIN … COMMIT, ROLLBACK when it throws). */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface StorageOptions {
  /** `postgres://…`: use a PostgreSQL server. */
  databaseUrl?: string;
  /** Directory of the embedded database; `memory` (or omitted) keeps it in memory. */
  pgliteDir?: string | 'memory';
}

export async function openDb(options: StorageOptions = {}): Promise<Db> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  return openPglite(options.pgliteDir);
}

async function openPglite(dir?: string): Promise<Db> {
  const memory = !dir || dir === 'memory';
  if (!memory) await mkdir(dir, { recursive: true });
  const lite = await PGlite.create(memory ? undefined : dir);
  return {
    kind: 'pglite',
    async query<T>(sql: string, params: unknown[] = []) {
      const result = await lite.query<T>(sql, params);
      return { rows: result.rows };
    },
    transaction<T>(fn: (tx: Queryable) => Promise<T>) {
      return lite.transaction(async (tx) =>
        fn({
          async query<R>(sql: string, params: unknown[] = []) {
            const result = await tx.query<R>(sql, params);
            return { rows: result.rows };
          },
        }),
      );
    },
    close: once(() => lite.close()),
  };
}

async function openPostgres(url: string): Promise<Db> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle client losing its connection must not crash the process.
  pool.on('error', (error) => console.error('[nectar] postgres pool error:', error.message));
  const client = await pool.connect();
  client.release();
  return {
    kind: 'postgres',
    async query<T>(sql: string, params: unknown[] = []) {
      const result = await pool.query(sql, params);
      return { rows: result.rows as T[] };
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>) {
      const conn = await pool.connect();
      try {
        await conn.query('BEGIN');
        const value = await fn({
          async query<R>(sql: string, params: unknown[] = []) {
            const result = await conn.query(sql, params);
            return { rows: result.rows as R[] };
          },
        });
        await conn.query('COMMIT');
        return value;
      } catch (error) {
        await conn.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        conn.release();
      }
    },
    close: once(() => pool.end()),
  };
}

/** Closing twice (a test that closed the database, then the server) is harmless. */
function once(fn: () => Promise<void>): () => Promise<void> {
  let closing: Promise<void> | undefined;
  return () => (closing ??= fn());
}

/** The storage check of `GET /v1/health`: throws when the database does not answer. */
export async function ping(db: Queryable): Promise<void> {
  await db.query('SELECT 1');
}
