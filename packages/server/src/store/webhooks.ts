/** Webhook endpoints, their deliveries (the outbox of events) and every attempt's outcome. */
import type { Queryable } from './db.ts';

export interface EndpointRow {
  id: string;
  site: string | null;
  url: string;
  events: string[];
  secret: string;
  previous_secret: string | null;
  previous_until: Date | null;
  disabled_at: Date | null;
  disabled_reason: string | null;
  created_at: Date;
}

export interface DeliveryRow {
  id: string;
  endpoint_id: string;
  event: string;
  payload: string;
  created_at: Date;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  next_attempt_at: Date | null;
  delivered_at: Date | null;
}

/** A delivery claimed for sending, with what signing and sending it needs from its endpoint. */
export type ClaimedDelivery = DeliveryRow & {
  url: string;
  secret: string;
  previous_secret: string | null;
  previous_until: Date | null;
};

export interface AttemptRow {
  delivery_id: string;
  at: Date;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
}

export async function insertEndpoint(
  db: Queryable,
  e: { id: string; site: string | null; url: string; events: string[]; secret: string },
  now: Date,
): Promise<EndpointRow> {
  const { rows } = await db.query<EndpointRow>(
    `INSERT INTO webhook_endpoints (id, site, url, events, secret, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING *`,
    [e.id, e.site, e.url, e.events, e.secret, now.toISOString()],
  );
  return rows[0]!;
}

export async function listEndpoints(db: Queryable): Promise<EndpointRow[]> {
  const { rows } = await db.query<EndpointRow>('SELECT * FROM webhook_endpoints ORDER BY created_at');
  return rows;
}

export async function findEndpoint(db: Queryable, id: string): Promise<EndpointRow | undefined> {
  const { rows } = await db.query<EndpointRow>('SELECT * FROM webhook_endpoints WHERE id = $1', [id]);
  return rows[0];
}

export async function deleteEndpoint(db: Queryable, id: string): Promise<boolean> {
  const { rows } = await db.query('DELETE FROM webhook_endpoints WHERE id = $1 RETURNING 1', [id]);
  return rows.length > 0;
}

/** A new secret; the previous one keeps signing too until `previousUntil` (both signatures sent). */
export async function rotateSecret(db: Queryable, id: string, secret: string, previousUntil: Date) {
  const { rows } = await db.query<EndpointRow>(
    `UPDATE webhook_endpoints SET previous_secret = secret, previous_until = $3, secret = $2 WHERE id = $1 RETURNING *`,
    [id, secret, previousUntil.toISOString()],
  );
  return rows[0];
}

export async function disableEndpoint(db: Queryable, id: string, reason: string, now: Date): Promise<void> {
  await db.query(
    `UPDATE webhook_endpoints SET disabled_at = COALESCE(disabled_at, $2), disabled_reason = $3 WHERE id = $1`,
    [id, now.toISOString(), reason],
  );
  await db.query(
    `UPDATE webhook_deliveries SET status = 'failed', next_attempt_at = NULL WHERE endpoint_id = $1 AND status = 'pending'`,
    [id],
  );
}

/**
 * Queues one delivery per live endpoint of the site that takes this event, in one statement inside the
 * caller's transaction (nothing when no endpoint takes it). Each delivery gets its own stable message id.
 */
export async function enqueueDeliveries(
  tx: Queryable,
  event: { site: string; type: string; body: string },
  now: Date,
): Promise<void> {
  await tx.query(
    `INSERT INTO webhook_deliveries (id, endpoint_id, event, payload, created_at, status, next_attempt_at)
     SELECT 'msg_' || replace(gen_random_uuid()::text, '-', ''), id, $2, $3, $4, 'pending', $4
     FROM webhook_endpoints WHERE disabled_at IS NULL AND (site IS NULL OR site = $1) AND $2 = ANY(events)`,
    [event.site, event.type, event.body, now.toISOString()],
  );
}

/** One message to one endpoint (the console's "Send test event"), whatever it subscribes to; returns its id. */
export async function enqueueOne(
  db: Queryable,
  endpointId: string,
  event: { type: string; body: string },
  now: Date,
): Promise<string> {
  const { rows } = await db.query<{ id: string }>(
    `INSERT INTO webhook_deliveries (id, endpoint_id, event, payload, created_at, status, next_attempt_at)
     VALUES ('msg_' || replace(gen_random_uuid()::text, '-', ''), $1, $2, $3, $4, 'pending', $4) RETURNING id`,
    [endpointId, event.type, event.body, now.toISOString()],
  );
  return rows[0]!.id;
}

/**
 * Claims up to `limit` due deliveries for this instance: the rows are locked with `SKIP LOCKED` (other
 * instances take others) and leased for `leaseMs` (pushed out, so nobody else takes them meanwhile).
 */
export async function claimDue(db: Queryable, now: Date, leaseMs: number, limit = 10): Promise<ClaimedDelivery[]> {
  const { rows } = await db.query<ClaimedDelivery>(
    `WITH due AS (
       SELECT d.id FROM webhook_deliveries d
       WHERE d.status = 'pending' AND d.next_attempt_at <= $1
       ORDER BY d.next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED
     ), leased AS (
       UPDATE webhook_deliveries d SET next_attempt_at = $2 FROM due WHERE d.id = due.id RETURNING d.*
     )
     SELECT leased.*, e.url, e.secret, e.previous_secret, e.previous_until
     FROM leased JOIN webhook_endpoints e ON e.id = leased.endpoint_id`,
    [now.toISOString(), new Date(now.getTime() + leaseMs).toISOString(), limit],
  );
  return rows;
}

/** Records one attempt and the delivery's new state (`next` null: no more tries). */
export async function recordAttempt(
  db: Queryable,
  attempt: AttemptRow,
  outcome: { delivered: boolean; next: Date | null },
): Promise<void> {
  await db.query(
    'INSERT INTO webhook_attempts (delivery_id, at, status_code, error, duration_ms) VALUES ($1, $2, $3, $4, $5)',
    [attempt.delivery_id, attempt.at.toISOString(), attempt.status_code, attempt.error, attempt.duration_ms],
  );
  await db.query(
    `UPDATE webhook_deliveries SET attempts = attempts + 1,
       status = CASE WHEN $2 THEN 'delivered' WHEN $3::timestamptz IS NULL THEN 'failed' ELSE 'pending' END,
       delivered_at = CASE WHEN $2 THEN $4::timestamptz ELSE delivered_at END,
       next_attempt_at = CASE WHEN $2 THEN NULL ELSE $3::timestamptz END
     WHERE id = $1`,
    [attempt.delivery_id, outcome.delivered, outcome.next?.toISOString() ?? null, attempt.at.toISOString()],
  );
}

export async function listDeliveries(
  db: Queryable,
  endpointId: string,
): Promise<(DeliveryRow & { log: AttemptRow[] })[]> {
  const { rows } = await db.query<DeliveryRow & { log: AttemptRow[] }>(
    `SELECT d.*, COALESCE((SELECT json_agg(a ORDER BY a.seq) FROM webhook_attempts a WHERE a.delivery_id = d.id), '[]') AS log
     FROM webhook_deliveries d WHERE d.endpoint_id = $1 ORDER BY d.created_at DESC LIMIT 200`,
    [endpointId],
  );
  return rows;
}

/** Sends a delivery again (the same message id), now. */
export async function requeueDelivery(db: Queryable, endpointId: string, id: string, now: Date): Promise<boolean> {
  const { rows } = await db.query(
    `UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = $3, attempts = 0
     WHERE id = $1 AND endpoint_id = $2 RETURNING 1`,
    [id, endpointId, now.toISOString()],
  );
  return rows.length > 0;
}
