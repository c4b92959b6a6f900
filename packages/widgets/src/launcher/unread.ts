/**
 * Which of the shopper's requests have a reply they have not seen: a request is unread when its
 * latest agent reply (or, without one, its move to `waiting_on_customer`) is newer than what this
 * browser saw last. Seen marks live in `localStorage` (`nectar.seen`); the ticket list sets them when
 * the shopper opens a request. Framework-free and tiny: the launcher chunk uses it.
 */
import type { NectarClient } from '@nectar/core';
import type { Ticket } from '@nectar/core/schema';

const KEY = 'nectar.seen';
/** At most this many of the newest requests are checked for replies. */
export const UNREAD_CHECK_MAX = 10;

type Seen = Record<string, string>;
const listeners = new Set<() => void>();
let memory: Seen = {};

function read(): Seen {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as Seen) : memory;
  } catch {
    return memory;
  }
}

/** The moment of the reply the shopper should read, if any. */
export function replyMarker(ticket: Pick<Ticket, 'status' | 'timeline'>): string | undefined {
  let marker: string | undefined;
  for (const e of ticket.timeline) if (e.kind === 'replied' && (!marker || e.at > marker)) marker = e.at;
  if (!marker && ticket.status === 'waiting_on_customer') marker = ticket.timeline[ticket.timeline.length - 1]?.at;
  return marker;
}

export function isUnread(ticket: Pick<Ticket, 'id' | 'status' | 'timeline'>): boolean {
  const marker = replyMarker(ticket);
  if (!marker) return false;
  const seen = read()[ticket.id];
  return !seen || seen < marker;
}

/** The shopper saw this request as it is now. */
export function markSeen(ticket: Pick<Ticket, 'id' | 'status' | 'timeline'>): void {
  const marker = replyMarker(ticket);
  if (!marker) return;
  const seen = { ...read(), [ticket.id]: marker };
  memory = seen;
  try {
    localStorage.setItem(KEY, JSON.stringify(seen));
  } catch {
    // Storage blocked: remembered for this page only.
  }
  for (const fn of [...listeners]) fn();
}

/** Called after `markSeen`; returns the unsubscribe. */
export function onSeen(fn: () => void): () => void {
  listeners.add(fn);
  return () => void listeners.delete(fn);
}

/** Number of the shopper's newest requests (see `UNREAD_CHECK_MAX`) with an unseen reply. */
export async function countUnread(client: NectarClient): Promise<number> {
  const tickets = (await client.tickets.list()).filter((t) => t.status !== 'closed').slice(0, UNREAD_CHECK_MAX);
  const results = await Promise.all(
    tickets.map((t) =>
      client.tickets.get(t.id).then(
        (full) => isUnread(full),
        () => false,
      ),
    ),
  );
  return results.filter(Boolean).length;
}
