/**
 * The console's calls to the service: same origin, the session cookie sent by the browser (never read by
 * script: it is HttpOnly), JSON in and out. Agent writes carry an `Idempotency-Key`, so a retried click
 * never acts twice. Every failure is an `ApiError` with the contract's code and, for 429, the wait.
 */
import type {
  Agent,
  Board,
  CannedReply,
  CannedReplyInput,
  GroupClaim,
  GroupStatus,
  MailList,
  Status,
  Ticket,
  TicketSummary,
} from './types.ts';
import type { AttributionSuggestion } from './attribution-suggestion.ts';
import type { Metrics } from './types-metrics.ts';
import type { SiteSettingsInput, SiteSettingsView } from './settings-types.ts';

export class ApiError extends Error {
  override name = 'ApiError';
  readonly status: number;
  /** The contract's code (`unauthorized`, `conflict`, `rate_limited`, …), or `network` when nothing answered. */
  readonly code: string;
  readonly fields: Record<string, string> | undefined;
  /** Seconds to wait (`Retry-After` of a 429). */
  readonly retryAfter: number | undefined;

  constructor(status: number, code: string, message: string, fields?: Record<string, string>, retryAfter?: number) {
    super(message);
    this.status = status;
    this.code = code;
    this.fields = fields;
    this.retryAfter = retryAfter;
  }
}

export const isApiError = (e: unknown): e is ApiError =>
  e instanceof ApiError || (e as { name?: unknown } | null)?.name === 'ApiError';

/** Told when a call finds the session gone (401 on an agent route): the console goes back to sign-in. */
let onSessionEnded: () => void = () => {};
export const whenSessionEnds = (handler: () => void) => {
  onSessionEnded = handler;
};

function randomKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && path.startsWith('/v1/agent/')) headers['Idempotency-Key'] = randomKey();
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      credentials: 'same-origin',
      cache: 'no-store',
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiError(0, 'network', 'The service did not answer.');
  }
  if (res.status === 204) return undefined as T;
  const data = (await res.json().catch(() => null)) as {
    error?: { code?: string; message?: string; fields?: Record<string, string> };
  } | null;
  if (!res.ok) {
    const error = data?.error;
    const retry = Number(res.headers.get('Retry-After'));
    const failure = new ApiError(
      res.status,
      error?.code ?? 'http_' + res.status,
      error?.message ?? res.statusText,
      error?.fields,
      Number.isFinite(retry) && retry > 0 ? retry : undefined,
    );
    if (res.status === 401 && path.startsWith('/v1/agent/')) onSessionEnded();
    throw failure;
  }
  return data as T;
}

/** Another agent on a ticket: `since` is when they opened it. */
export interface PresenceOther {
  name: string;
  typing: boolean;
  since: string;
}

export interface QueueQuery {
  status?: Status | undefined;
  q?: string | undefined;
}

export const api = {
  session: () => call<{ agent: Agent }>('GET', '/v1/console/session'),
  signIn: (email: string, password: string) =>
    call<{ agent: Agent }>('POST', '/v1/console/session', { email, password }),
  signOut: () => call<void>('DELETE', '/v1/console/session'),

  tickets(query: QueueQuery = {}) {
    const params = new URLSearchParams();
    if (query.status) params.set('status', query.status);
    if (query.q) params.set('q', query.q);
    const qs = params.toString();
    return call<{ tickets: TicketSummary[] }>('GET', `/v1/agent/tickets${qs ? `?${qs}` : ''}`);
  },
  ticket: (id: string) => call<Ticket>('GET', `/v1/agent/tickets/${encodeURIComponent(id)}`),
  attachmentUrl: (ticketId: string, attachmentId: string) =>
    `/v1/agent/tickets/${encodeURIComponent(ticketId)}/attachments/${encodeURIComponent(attachmentId)}`,
  /** The signed-in agent has the ticket open (and is typing or not); the answer: the other agents on it. */
  presence: (id: string, typing: boolean) =>
    call<{ others: PresenceOther[] }>('PUT', `/v1/agent/tickets/${encodeURIComponent(id)}/presence`, { typing }),
  /**
   * The agent left the ticket: best effort, outliving the page (`keepalive`, for `pagehide`), and never taken for
   * the end of the session (a sign-out may already have ended it).
   */
  leavePresence(id: string): Promise<unknown> {
    return fetch(`/v1/agent/tickets/${encodeURIComponent(id)}/presence`, {
      method: 'DELETE',
      credentials: 'same-origin',
      keepalive: true,
    }).catch(() => undefined);
  },
  /** One action on a ticket; the service answers the full ticket. */
  act: (id: string, action: TicketAction, body: Record<string, unknown> = {}) =>
    call<Ticket>('POST', `/v1/agent/tickets/${encodeURIComponent(id)}/${action}`, body),

  agents: () => call<{ agents: Agent[] }>('GET', '/v1/agent/agents'),
  addAgent: (input: { email: string; name: string; role: 'agent' | 'admin'; password: string }) =>
    call<Agent>('POST', '/v1/agent/agents', input),
  disableAgent: (id: string) => call<Agent>('POST', `/v1/agent/agents/${encodeURIComponent(id)}/disable`),

  /** A ticket's templates (its category and locale), each with its preview and the variables without a value. */
  cannedRepliesFor: (ticketId: string) =>
    call<{ replies: CannedReply[] }>('GET', `/v1/agent/canned-replies?ticket=${encodeURIComponent(ticketId)}`),
  /** The site's whole set, in the admin's order. */
  cannedReplies: () => call<{ replies: CannedReply[] }>('GET', '/v1/agent/canned-replies'),
  /** Admins: replaces the set (`validation_failed` names `replies.<i>.<field>`). */
  saveCannedReplies: (replies: CannedReplyInput[]) =>
    call<{ replies: CannedReply[] }>('PUT', '/v1/agent/canned-replies', { replies }),
  /** The site's merchant settings: stored, effective (what the service uses) and where each came from. */
  settings: (site?: string) =>
    call<SiteSettingsView>('GET', `/v1/agent/settings${site ? `?site=${encodeURIComponent(site)}` : ''}`),
  /** Admins: replaces the stored settings (`validation_failed` names `categories.2.severity`, …). */
  saveSettings: (settings: SiteSettingsInput) => call<SiteSettingsView>('PUT', '/v1/agent/settings', settings),

  /** The alert rules and the alerts they raised (open first). */
  alerts: () =>
    call<{ alerts: { id: string; name: string | null; open: boolean; value: number | null; raisedAt: string }[] }>(
      'GET',
      '/v1/agent/alerts',
    ),
  /** Mail to shoppers: whether SMTP is configured, the counts, and the newest mail (of one ticket). */
  mail(query: { ticket?: string; limit?: number } = {}) {
    const params = new URLSearchParams();
    if (query.ticket) params.set('ticket', query.ticket);
    if (query.limit) params.set('limit', String(query.limit));
    const qs = params.toString();
    return call<MailList>('GET', `/v1/agent/mail${qs ? `?${qs}` : ''}`);
  },

  /** What the ticket's items, the SKU mapping and its category suggest for its attribution. */
  attributionSuggestion: (id: string) =>
    call<AttributionSuggestion>('GET', `/v1/agent/tickets/${encodeURIComponent(id)}/attribution/suggestion`),
  /** The figures of UTC days `from`…`to` (the dashboard; KPIs per day, week, agent and category). */
  metrics: (range: { from: string; to: string }) =>
    call<Metrics>('GET', `/v1/agent/metrics?${new URLSearchParams(range)}`),
  /** The problem board grouped `by` one dimension, over the `days` up to today (at most 366). */
  board(by: string, days = 30) {
    const to = new Date();
    const from = new Date(to.getTime() - (days - 1) * 86_400_000);
    const day = (d: Date) => d.toISOString().slice(0, 10);
    const params = new URLSearchParams({ by, from: day(from), to: day(to) });
    return call<Board>('GET', `/v1/agent/board?${params}`);
  },
  /** Publishes (or updates) a known issue's notice to shoppers with affected orders. */
  publishNotice: (notice: {
    by: string;
    key: string;
    content: Partial<Record<'en' | 'zh-CN' | 'zh-TW', { title: string; body?: string }>>;
  }) => call<{ rule: { id: string } }>('PUT', '/v1/agent/board/notice', notice),
  /** Claims a board group for a department, marks it a known issue, or closes it with a note. */
  changeGroup: (change: { by: string; key: string; status: GroupStatus; department?: string; note?: string }) =>
    call<GroupClaim>('PUT', '/v1/agent/board/groups', change),
};

export type TicketAction =
  | 'claim'
  | 'reply'
  | 'note'
  | 'resolve'
  | 'close'
  | 'reopen'
  | 'escalate'
  | 'assign'
  | 'remedy'
  | 'attribution'
  | 'callback';
