/** Tracked events (nudge outcomes, answer views, `track`). */
import type { TrackedEvent } from '@nectar/core/schema';
import type { Queryable } from './db.ts';

/** Stores a batch in one statement; events without `at` are stamped with the time received. */
export async function insertEvents(tx: Queryable, site: string, events: TrackedEvent[], received: Date): Promise<void> {
  const params: unknown[] = [site, received.toISOString()];
  const rows = events.map((event) => {
    params.push(event.name, event.props ? JSON.stringify(event.props) : null, event.at ?? received.toISOString());
    params.push(event.anonymousId ?? null);
    const n = params.length;
    return `($1, $${n - 3}, $${n - 2}::jsonb, $${n - 1}::timestamptz, $${n}, $2::timestamptz)`;
  });
  await tx.query(
    `INSERT INTO events (site, name, props, at, anonymous_id, received_at) VALUES ${rows.join(', ')}`,
    params,
  );
}
