/**
 * The shopper's side of the conversation: `tickets.reply(id, { message, attachments? })` writes on their
 * ticket through the outbox (offline-safe, sent once: photos uploaded first, then the message under one
 * idempotency key). Imported on the first reply, or when the outbox sends a reply an earlier page left.
 */
import type { DeskAdapter } from './desk.ts';
import { NotFoundError, UnsupportedError, ValidationError } from './errors.ts';
import { uuid } from './id.ts';
import type { NectarStore, OutboxEntry, Outbox } from './outbox/outbox.ts';
import { LIMITS, type Ticket } from './schema/contract.ts';
import { uploadAll, type MessagePayload } from './senders.ts';
import { checkFiles, named } from './tickets.ts';
import type { ReplyOptions, ReplyResult, TicketReply } from './types.ts';

export interface ConversationDeps {
  desk: () => DeskAdapter;
  store: Promise<NectarStore>;
  outbox: Outbox;
  /** Whether the shopper is verified (their tickets from other devices need no token). */
  verified: () => boolean;
}

/** The contract's message check (zod), imported with the first reply; offline before it ever loaded, none. */
const loadCheck = () =>
  Promise.all([import('./schema/ticket.ts'), import('./schema/base.ts')]).then(
    ([t, b]) =>
      (message: string) => {
        const r = t.ticketMessageSchema.safeParse({ message });
        return r.success ? undefined : b.issuesToFields(r.error.issues).message;
      },
    () => undefined,
  );

/**
 * Checks a reply as the service would (the message's text: 1–5,000 characters, no control characters; up to
 * five photos); one `ValidationError` naming each bad field. Without `check` (offline, never loaded) the
 * message is checked for presence and length only, and the service checks the rest when the outbox sends it.
 */
export function prepareReply(
  reply: TicketReply,
  check?: (message: string) => string | undefined,
): Pick<MessagePayload, 'input' | 'attachments'> {
  const fields: Record<string, string> = {};
  const message = typeof reply?.message === 'string' ? reply.message.trim() : '';
  const why = !message ? 'required' : message.length > LIMITS.messageMax ? 'too_long' : check?.(message);
  if (why) fields.message = why;
  const files = checkFiles(reply?.attachments, fields);
  if (Object.keys(fields).length) throw new ValidationError(`Invalid reply: ${Object.keys(fields).join(', ')}`, fields);
  return { input: { message }, attachments: named(files) };
}

export function createConversation(deps: ConversationDeps) {
  return {
    /** The outbox's sender of `message` entries. */
    async send(
      entry: OutboxEntry<MessagePayload>,
      saveProgress: (payload: MessagePayload) => Promise<void>,
    ): Promise<Ticket> {
      const desk = deps.desk();
      if (!desk.addMessage) throw new UnsupportedError('tickets.reply');
      const p = entry.payload;
      const ids = await uploadAll(desk, p, saveProgress);
      return desk.addMessage(
        p.ticketId,
        p.accessToken,
        { ...p.input, ...(ids.length ? { attachments: ids } : {}) },
        { idempotencyKey: p.idempotencyKey },
      );
    },
    async reply(ticketId: string, reply: TicketReply, options?: ReplyOptions): Promise<ReplyResult> {
      if (!deps.desk().addMessage) throw new UnsupportedError('tickets.reply');
      const prepared = prepareReply(reply, await loadCheck());
      // A token given (a mailed link's) answers a ticket this browser did not create; else the one it kept.
      const given = typeof options?.accessToken === 'string' ? options.accessToken : '';
      const local = given ? undefined : await (await deps.store).getTicket(ticketId);
      if (!given && !local && !deps.verified()) throw new NotFoundError('This browser has no access to that request');
      const payload: MessagePayload = {
        ticketId,
        accessToken: given || (local?.accessToken ?? ''),
        ...prepared,
        idempotencyKey: uuid(),
      };
      const r = await deps.outbox.submit<MessagePayload, Ticket>('message', uuid(), payload);
      return r.state === 'sent' ? { state: 'sent', ticket: r.result } : r;
    },
  };
}
