/**
 * Urgency: the time left to a ticket's next promise — the first response until an agent has answered,
 * then the resolution. An open ticket whose words hint at a safety problem (priority `urgent`) comes before
 * every other, as the service orders it. Tickets that are resolved or closed promise nothing and come last,
 * newest first.
 */
import type { TicketSummary } from './types.ts';

export interface NextPromise {
  kind: 'firstResponse' | 'resolution';
  /** When it falls due (ms since the epoch). */
  due: number;
  /** Overdue already. */
  breached: boolean;
  /** Less than a quarter of the promised time is left. */
  atRisk: boolean;
}

export const isDone = (t: Pick<TicketSummary, 'status'>) => t.status === 'resolved' || t.status === 'closed';

export function nextPromise(t: TicketSummary, now = Date.now()): NextPromise | null {
  if (isDone(t)) return null;
  const kind = t.firstRespondedAt ? 'resolution' : 'firstResponse';
  const due = Date.parse(kind === 'resolution' ? t.promise.resolveBy : t.promise.firstResponseBy);
  const window = due - Date.parse(t.createdAt);
  return { kind, due, breached: due <= now, atRisk: due > now && due - now < window / 4 };
}

const urgentFirst = (t: TicketSummary) => (!isDone(t) && t.priority?.level === 'urgent' ? 0 : 1);

export function byUrgency(a: TicketSummary, b: TicketSummary): number {
  const byPriority = urgentFirst(a) - urgentFirst(b);
  if (byPriority !== 0) return byPriority;
  const pa = nextPromise(a);
  const pb = nextPromise(b);
  if (pa && pb) return pa.due - pb.due;
  if (pa) return -1;
  if (pb) return 1;
  return Date.parse(b.updatedAt) - Date.parse(a.updatedAt);
}
