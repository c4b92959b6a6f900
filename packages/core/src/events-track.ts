/**
 * `nectar.track(name, props)`: behavioural events (nudge outcomes, answer views). Nothing is kept
 * or sent without `consent.behavior`; with it, each event goes through the durable outbox (so an
 * offline event arrives later, once) and reaches the desk's `sendEvents` with an idempotency key.
 */
import type { DeskAdapter } from './desk.ts';
import { ValidationError } from './errors.ts';
import { uuid } from './id.ts';
import type { Outbox } from './outbox/outbox.ts';
import { issuesToFields } from './schema/base.ts';
import { trackedEventSchema } from './schema/events.ts';
import type { EventPayload } from './senders.ts';
import type { TrackProps, TrackResult } from './types.ts';

export interface TrackerDeps {
  desk: () => DeskAdapter;
  outbox: Outbox;
  /** Whether the shopper agreed to behavioural tracking (`consent.behavior`). */
  consented: () => boolean;
  /** The opaque browser id, the same one feedback answers with. */
  anonymousId: () => Promise<string>;
  now?: () => number;
}

export function createTracker(deps: TrackerDeps): (name: string, props?: TrackProps) => Promise<TrackResult> {
  const now = deps.now ?? Date.now;
  return async function track(name, props) {
    const event = {
      name,
      ...(props !== undefined ? { props } : {}),
      at: new Date(now()).toISOString(),
    };
    const parsed = trackedEventSchema.safeParse(event, { reportInput: true });
    if (!parsed.success) {
      const fields = issuesToFields(parsed.error.issues);
      throw new ValidationError(`Invalid event: ${Object.keys(fields).join(', ')}`, fields);
    }
    if (!deps.consented() || !deps.desk().sendEvents) return { state: 'skipped' };
    const payload: EventPayload = {
      events: [{ ...parsed.data, anonymousId: await deps.anonymousId() }],
      idempotencyKey: uuid(),
    };
    const r = await deps.outbox.submit('event', uuid(), payload);
    return r.state === 'sent' ? { state: 'sent' } : r;
  };
}
