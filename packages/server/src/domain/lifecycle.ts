/**
 * The ticket lifecycle: every status change, the shopper's and the agent's, in one place. Each
 * function runs inside the caller's transaction on a row it has locked (`findTicket(tx, id, true)`),
 * writes the timeline entry and sets the status and SLA facts.
 *
 *   new ──claim──▶ open ──reply──▶ waiting_on_customer ──shopper writes──▶ open
 *    any open state ──resolve──▶ resolved ──shopper writes / unhappy CSAT / agent reopens──▶ open (reopened)
 *    resolved or any open state ──close──▶ closed ──reopen──▶ open
 *
 * The first responder owns the ticket: a claim by anyone else is refused (409); only `assign`, with a
 * reason on the timeline, changes hands. Notes and escalations are on the agent's timeline only. A reply
 * and a resolution also queue their webhook and the mail to the shopper, in the same transaction.
 */
import type { Queryable } from '../store/db.ts';
import { HttpError } from '../http-error.ts';
import {
  addTimeline,
  hasTimelineEntry,
  updateTicket,
  type Attribution,
  type Remedy,
  type TicketRow,
} from '../store/tickets.ts';
import type { RemedyExecution } from './commerce.ts';
import { queueTicketMail } from './mail.ts';
import { emitWebhook, ticketData } from './webhooks.ts';

const isDone = (row: TicketRow) => row.status === 'resolved' || row.status === 'closed';

/**
 * An agent takes the ticket (first responder). Claiming again with the same name adds nothing; a ticket
 * another agent owns is refused with 409 `conflict` — it changes hands only by `assign`.
 */
export async function claim(tx: Queryable, row: TicketRow, agentName: string | undefined, now: Date): Promise<void> {
  if (row.assignee && agentName && agentName !== row.assignee) {
    throw new HttpError(
      409,
      'conflict',
      `${row.assignee} owns this ticket; reassign it (with a reason) to take it over.`,
    );
  }
  const assignee = agentName ?? row.assignee;
  const changed = !(await hasTimelineEntry(tx, row.id, 'assigned')) || (assignee ?? null) !== (row.assignee ?? null);
  await updateTicket(
    tx,
    row.id,
    { assignee: assignee ?? null, ...(row.status === 'new' ? { status: 'open' as const } : {}) },
    now,
  );
  if (changed) await addTimeline(tx, row.id, 'assigned', 'agent', now, agentName);
}

/** An agent answers: the shopper sees it; the ticket waits on the customer; the first response counts. */
export async function agentReply(
  tx: Queryable,
  row: TicketRow,
  message: string,
  agentName: string | undefined,
  now: Date,
): Promise<void> {
  await updateTicket(
    tx,
    row.id,
    {
      status: 'waiting_on_customer',
      first_responded_at: row.first_responded_at ?? now,
      assignee: row.assignee ?? agentName ?? null,
      resolved_at: null,
    },
    now,
  );
  await addTimeline(tx, row.id, 'replied', 'agent', now, agentName, message);
  await emitWebhook(
    tx,
    row.site,
    'ticket.replied',
    { ...ticketData({ ...row, status: 'waiting_on_customer' }), message, ...(agentName ? { by: agentName } : {}) },
    now,
  );
  await queueTicketMail(tx, row, 'reply', { message, ...(agentName ? { by: agentName } : {}) }, now);
}

/** An agent resolves it (a resolved or closed ticket stays as it is). */
export async function resolve(tx: Queryable, row: TicketRow, agentName: string | undefined, now: Date): Promise<void> {
  if (isDone(row)) return;
  await updateTicket(tx, row.id, { status: 'resolved', resolved_at: now }, now);
  await addTimeline(tx, row.id, 'resolved', 'agent', now, agentName);
  await emitWebhook(
    tx,
    row.site,
    'ticket.resolved',
    { ...ticketData({ ...row, status: 'resolved' }), resolvedAt: now.toISOString() },
    now,
  );
  await queueTicketMail(tx, row, 'resolved', {}, now);
}

/**
 * The shopper writes on their ticket (a message, or an unhappy CSAT's follow-up): a
 * `customer_message` entry when there is text; a resolved or closed ticket is reopened
 * (`reopened`, status `open`); one waiting on the customer goes back to `open`. Photos sent with the message
 * join the ticket and are named on its entry.
 */
export async function customerWrites(
  tx: Queryable,
  row: TicketRow,
  message: string | undefined,
  now: Date,
  attachments: string[] = [],
): Promise<void> {
  if (attachments.length > 0) {
    await tx.query('UPDATE attachments SET ticket_id = $1 WHERE id = ANY($2::text[])', [row.id, attachments]);
  }
  if (message) {
    await addTimeline(tx, row.id, 'customer_message', 'customer', now, undefined, message, {
      ...(attachments.length > 0 ? { attachments } : {}),
    });
  }
  const reopen = isDone(row);
  if (reopen) {
    await addTimeline(tx, row.id, 'reopened', 'customer', now);
    await emitWebhook(
      tx,
      row.site,
      'ticket.reopened',
      { ...ticketData({ ...row, status: 'open' }), ...(message ? { message } : {}) },
      now,
    );
  }
  await updateTicket(
    tx,
    row.id,
    reopen || row.status === 'waiting_on_customer' ? { status: 'open', ...(reopen ? { resolved_at: null } : {}) } : {},
    now,
  );
}

/** Hands the ticket to another agent, with the reason on the timeline (`assigned`, the reason as its body). */
export async function assign(
  tx: Queryable,
  row: TicketRow,
  assignee: string,
  reason: string,
  now: Date,
): Promise<void> {
  await updateTicket(tx, row.id, { assignee, ...(row.status === 'new' ? { status: 'open' as const } : {}) }, now);
  await addTimeline(tx, row.id, 'assigned', 'agent', now, assignee, reason);
}

/** An internal note: on the agent's timeline only, never shown to the shopper. */
export async function note(tx: Queryable, row: TicketRow, message: string, by: string | undefined, now: Date) {
  await addTimeline(tx, row.id, 'note', 'agent', now, by, message);
  await updateTicket(tx, row.id, {}, now);
}

/**
 * An agent called the shopper who asked for a call-back: `done` records who and when (the call is no longer
 * due, and it was the shopper's first response if nothing came before); `no_answer` counts an attempt and
 * leaves it due. Either is an agent-only timeline entry (never the shopper's, never mailed), with the note.
 * A ticket without a call-back, or one already done, is refused with 409 `conflict`.
 */
export async function recordCallback(
  tx: Queryable,
  row: TicketRow,
  outcome: 'done' | 'no_answer',
  note: string | undefined,
  by: string | undefined,
  now: Date,
): Promise<void> {
  if (!row.callback) throw new HttpError(409, 'conflict', 'The shopper did not ask to be called back.');
  if (row.callback_done_at) throw new HttpError(409, 'conflict', 'The call-back is already done.');
  const attempt = Number(row.callback_attempts ?? 0) + 1;
  await updateTicket(
    tx,
    row.id,
    outcome === 'done'
      ? {
          callback_done_at: now,
          callback_done_by: by ?? null,
          first_responded_at: row.first_responded_at ?? now,
        }
      : { callback_attempts: attempt, callback_last_attempt_at: now },
    now,
  );
  await addTimeline(tx, row.id, 'callback', 'agent', now, by, note || undefined, { callback: { outcome, attempt } });
}

/** Closes it for good (a resolved or open ticket); the shopper can still write, which reopens it. */
export async function close(tx: Queryable, row: TicketRow, by: string | undefined, now: Date): Promise<void> {
  if (row.status === 'closed') return;
  await updateTicket(tx, row.id, { status: 'closed', resolved_at: row.resolved_at ?? now }, now);
  await addTimeline(tx, row.id, 'closed', 'agent', now, by);
}

/** An agent reopens a resolved or closed ticket. */
export async function reopen(tx: Queryable, row: TicketRow, by: string | undefined, now: Date): Promise<void> {
  if (!isDone(row)) return;
  await updateTicket(tx, row.id, { status: 'open', resolved_at: null }, now);
  await addTimeline(tx, row.id, 'reopened', 'agent', now, by);
  await emitWebhook(tx, row.site, 'ticket.reopened', { ...ticketData({ ...row, status: 'open' }) }, now);
}

/** Escalates to the admins with a reason (agent-only timeline entry); the ticket keeps its owner. */
export async function escalate(
  tx: Queryable,
  row: TicketRow,
  reason: string,
  by: string | undefined,
  now: Date,
  role: 'agent' | 'system' = 'agent',
) {
  await updateTicket(tx, row.id, { escalated_at: row.escalated_at ?? now }, now);
  await addTimeline(tx, row.id, 'escalated', role, now, by, reason);
}

/** Records where the problem comes from (department, issue type, product, supplier); merged with what was there. */
export async function attribute(tx: Queryable, row: TicketRow, input: Attribution, now: Date): Promise<void> {
  await updateTicket(tx, row.id, { attribution: { ...row.attribution, ...input } }, now);
}

/**
 * An agent records a remedy — a refund, a reship or a voucher — with its amount: on the shopper's timeline
 * (their words in `message`, if any), mailed to the shopper. `execution` says how it went in the shop's
 * backend (domain/commerce.ts `executeRemedy`, run before this transaction): `executed` there, else
 * fulfilled by hand (`manual`, or `failed` with the backend's error, which only agents see).
 */
export async function recordRemedy(
  tx: Queryable,
  row: TicketRow,
  input: Pick<Remedy, 'kind' | 'amount' | 'currency'> & { message?: string | undefined },
  by: string | undefined,
  now: Date,
  execution: RemedyExecution = { execution: 'manual' },
): Promise<void> {
  const { message, ...terms } = input;
  const remedy: Remedy = {
    ...terms,
    fulfilment: execution.execution === 'executed' ? 'executed' : 'manual',
    ...execution,
  };
  await addTimeline(tx, row.id, 'remedy', 'agent', now, by, message, { remedy });
  await updateTicket(tx, row.id, { assignee: row.assignee ?? by ?? null }, now);
  // The mail carries the terms only: the backend's reference or error is for agents.
  const mailed: Remedy = { ...terms, fulfilment: remedy.fulfilment };
  await queueTicketMail(
    tx,
    row,
    'remedy',
    { ...(message ? { message } : {}), ...(by ? { by } : {}), remedy: mailed },
    now,
  );
}
