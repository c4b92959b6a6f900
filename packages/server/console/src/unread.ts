/**
 * Unread markers, kept in this browser (the API has no per-agent read state): for each ticket, the
 * `updatedAt` the agent last saw in the ticket view. A ticket is unread when it changed since — a new
 * shopper message, or anything else that touched it — or was never opened.
 */
const MAX_ENTRIES = 2000;

const keyOf = (agentId: string) => `nectar-console:seen:${agentId}`;

function read(agentId: string): Record<string, string> {
  try {
    const value = JSON.parse(localStorage.getItem(keyOf(agentId)) ?? '{}') as unknown;
    return value && typeof value === 'object' ? (value as Record<string, string>) : {};
  } catch {
    return {};
  }
}

export function isUnread(agentId: string, ticket: { id: string; updatedAt: string }): boolean {
  const seen = read(agentId)[ticket.id];
  return seen === undefined || Date.parse(ticket.updatedAt) > Date.parse(seen);
}

export function markSeen(agentId: string, ticket: { id: string; updatedAt: string }): void {
  const seen = read(agentId);
  delete seen[ticket.id];
  seen[ticket.id] = ticket.updatedAt;
  const ids = Object.keys(seen);
  for (const id of ids.slice(0, Math.max(0, ids.length - MAX_ENTRIES))) delete seen[id];
  try {
    localStorage.setItem(keyOf(agentId), JSON.stringify(seen));
  } catch {
    // Storage full or refused: markers fall back to "unread".
  }
}
