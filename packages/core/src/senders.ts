/**
 * The outbox's senders, one per kind of write (tickets, survey answers, tracked events). They only
 * send what a feature already validated and stored, so they carry no validation code: the client
 * registers them at once (entries left by an earlier page go out without the feature's code), while
 * the features themselves (`tickets.ts`, `feedback.ts`, `events-track.ts`) are imported on first use.
 */
import type { DeskAdapter } from './desk.ts';
import { UnsupportedError } from './errors.ts';
import type { OutboxEntry, OutboxSender, NectarStore, StoredTicket } from './outbox/outbox.ts';
import type { FeedbackReceipt, TicketReceipt } from './schema/base.ts';
import type { FeedbackCreateInput } from './schema/feedback.ts';
import type { TrackedEvent } from './schema/events.ts';
import type { TicketCreateInput } from './schema/ticket.ts';
import type { LocalTicket } from './types.ts';

/** Outbox payload of a ticket: its body, its photos, and idempotency keys made once and kept. */
export interface TicketPayload {
  input: Omit<TicketCreateInput, 'attachments'>;
  idempotencyKey: string;
  attachments: { key: string; file: Blob; filename: string; uploadedId?: string }[];
}

/** Outbox payload of the shopper's message on a ticket (`tickets.reply`): photos uploaded first, like a ticket's. */
export interface MessagePayload {
  ticketId: string;
  /** The ticket's access token; empty for a verified shopper's ticket from another device. */
  accessToken: string;
  input: { message: string };
  idempotencyKey: string;
  attachments: TicketPayload['attachments'];
}

/** Uploads the photos of a ticket or message not uploaded yet (each once, progress kept); their ids. */
export async function uploadAll<P extends { attachments: TicketPayload['attachments'] }>(
  desk: DeskAdapter,
  payload: P,
  saveProgress: (payload: P) => Promise<void>,
): Promise<string[]> {
  for (const att of payload.attachments) {
    if (att.uploadedId) continue;
    att.uploadedId = (await desk.uploadAttachment(att.file, att.filename, { idempotencyKey: att.key })).id;
    await saveProgress(payload);
  }
  return payload.attachments.map((a) => a.uploadedId!);
}

/** Outbox payload of an answer. `key` names the response it updates (an older pending one is replaced). */
export interface FeedbackPayload {
  input: FeedbackCreateInput;
  idempotencyKey: string;
  accessToken?: string;
  key: string;
}

/** Outbox payload of the `event` kind: a batch sent under one key. */
export interface EventPayload {
  events: TrackedEvent[];
  idempotencyKey: string;
}

function toLocalTicket(receipt: TicketReceipt, category: LocalTicket['category'], localId?: string): StoredTicket {
  return {
    id: receipt.id,
    number: receipt.number,
    accessToken: receipt.accessToken,
    category,
    status: receipt.status,
    createdAt: receipt.createdAt,
    promise: receipt.promise,
    ...(localId ? { localId } : {}),
  };
}

function toReceipt(t: LocalTicket): TicketReceipt {
  return {
    id: t.id,
    number: t.number,
    status: t.status,
    createdAt: t.createdAt,
    accessToken: t.accessToken,
    promise: t.promise,
  };
}

/** Sends a ticket entry: photos first (each once, progress kept), then the ticket. */
export function ticketSender(
  desk: () => DeskAdapter,
  store: Promise<NectarStore>,
): OutboxSender<TicketPayload, TicketReceipt> {
  return {
    async send(entry: OutboxEntry<TicketPayload>, saveProgress) {
      const payload = entry.payload;
      const ids = await uploadAll(desk(), payload, saveProgress);
      return desk().createTicket(
        { ...payload.input, ...(ids.length ? { attachments: ids } : {}) },
        { idempotencyKey: payload.idempotencyKey },
      );
    },
    async confirmed(entry, receipt) {
      await (await store).putTicket(toLocalTicket(receipt, entry.payload.input.category, entry.id));
    },
    async recover(localId) {
      const all = await (await store).allTickets();
      const t = all.find((x) => x.localId === localId);
      return t ? toReceipt(t) : undefined;
    },
  };
}

/** Sends a feedback entry of the outbox. */
export function feedbackSender(desk: () => DeskAdapter): OutboxSender<FeedbackPayload, FeedbackReceipt> {
  return {
    send(entry: OutboxEntry<FeedbackPayload>) {
      const d = desk();
      if (!d.sendFeedback || !d.capabilities.feedback) throw new UnsupportedError('feedback');
      const { input, idempotencyKey, accessToken } = entry.payload;
      return d.sendFeedback(input, { idempotencyKey, ...(accessToken ? { accessToken } : {}) });
    },
  };
}

/** Sends an `event` entry of the outbox. */
export function eventSender(desk: () => DeskAdapter): OutboxSender<EventPayload, { accepted: number }> {
  return {
    async send(entry: OutboxEntry<EventPayload>) {
      const d = desk();
      // Consent given, then a desk without events: nothing to do, the entry is done.
      if (!d.sendEvents) return { accepted: 0 };
      return d.sendEvents(entry.payload.events, { idempotencyKey: entry.payload.idempotencyKey });
    },
  };
}
