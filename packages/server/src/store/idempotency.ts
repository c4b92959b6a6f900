/**
 * Idempotent writes. The key is claimed by inserting its row in the same transaction as the
 * write: a concurrent request with the same (scope, key) blocks on the primary key until the
 * first commits, then reads its stored response (or claims the key if the first rolled back).
 * Only a hash of the key is stored; the response is sealed with the key itself, so the access
 * token inside a ticket receipt cannot be read from the table without it.
 */
import type { Db, Queryable } from './db.ts';
import { seal, sha256, unseal } from '../crypto.ts';
import { HttpError } from '../http-error.ts';

export interface WriteResult {
  status: number;
  body: unknown;
}

export interface IdempotentResult extends WriteResult {
  replayed: boolean;
}

export interface IdempotencyOptions {
  scope: string;
  key: string;
  requestHash: string;
  /**
   * The same key with a different body: `conflict` (default) answers 422; `rewrite` performs the
   * write again and stores its result under the key. Used by upserts that are meant to be amended
   * under one key (a survey answer whose comment comes after its score).
   */
  onDifferentBody?: 'conflict' | 'rewrite';
}

export async function idempotentWrite(
  db: Db,
  idempotency: IdempotencyOptions | undefined,
  write: (tx: Queryable) => Promise<WriteResult>,
): Promise<IdempotentResult> {
  if (!idempotency) return { ...(await db.transaction(write)), replayed: false };
  const { scope, key, requestHash } = idempotency;
  const keyHash = sha256(`${scope}\n${key}`);
  return db.transaction(async (tx) => {
    const claimed = await tx.query(
      `INSERT INTO idempotency_keys (scope, key_hash, request_hash, status, response, created_at)
       VALUES ($1, $2, $3, 0, '', now()) ON CONFLICT DO NOTHING RETURNING key_hash`,
      [scope, keyHash, requestHash],
    );
    if (claimed.rows.length === 0) {
      const { rows } = await tx.query<{ request_hash: string; status: number; response: string }>(
        'SELECT request_hash, status, response FROM idempotency_keys WHERE scope = $1 AND key_hash = $2 FOR UPDATE',
        [scope, keyHash],
      );
      const row = rows[0];
      if (!row || row.status === 0) throw new Error('Idempotency row vanished or is still pending');
      if (row.request_hash !== requestHash && idempotency.onDifferentBody === 'rewrite') {
        const result = await write(tx);
        await tx.query(
          'UPDATE idempotency_keys SET request_hash = $3, status = $4, response = $5 WHERE scope = $1 AND key_hash = $2',
          [scope, keyHash, requestHash, result.status, seal(JSON.stringify(result.body), key)],
        );
        return { ...result, replayed: false };
      }
      if (row.request_hash !== requestHash) {
        throw new HttpError(
          422,
          'idempotency_conflict',
          'This Idempotency-Key was already used with a different request.',
        );
      }
      return { status: Number(row.status), body: JSON.parse(unseal(row.response, key)), replayed: true };
    }
    const result = await write(tx);
    await tx.query('UPDATE idempotency_keys SET status = $3, response = $4 WHERE scope = $1 AND key_hash = $2', [
      scope,
      keyHash,
      result.status,
      seal(JSON.stringify(result.body), key),
    ]);
    return { ...result, replayed: false };
  });
}

/** Replays are honoured for 30 days, longer than any outbox keeps a write; older keys are forgotten. */
export async function forgetOldKeys(db: Queryable): Promise<void> {
  await db.query(`DELETE FROM idempotency_keys WHERE created_at < now() - interval '30 days'`);
}
