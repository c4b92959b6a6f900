import type { DeskAdapter } from './desk.ts';
import { ValidationError } from './errors.ts';
import { uuid } from './id.ts';
import type { OutboxEntry, OutboxSender, NectarStore, StoredTicket } from './outbox/outbox.ts';
import {
  ATTACHMENT_TYPES,
  LIMITS,
  issuesToFields,
  ticketCreateSchema,
  type Locale,
  type TicketCreateInput,
  type TicketReceipt,
} from './schema.ts';
import type { LocalTicket, NectarUser, TicketDraft } from './types.ts';

/** Outbox payload of a ticket: its body, its photos, and idempotency keys made once and kept. */
export interface TicketPayload {
  input: Omit<TicketCreateInput, 'attachments'>;
  idempotencyKey: string;
  attachments: { key: string; file: Blob; filename: string; uploadedId?: string }[];
}

export interface DraftDefaults {
  user: NectarUser | undefined;
  locale: Locale;
  context: { url?: string; userAgent?: string };
}

const EXT: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/heic': 'heic',
};

/**
 * Checks a draft as the service would, after filling contact, locale and page context.
 * Throws one `ValidationError` whose `fields` name every bad field (nothing is queued).
 */
export function prepareTicket(draft: TicketDraft, defaults: DraftDefaults): TicketPayload {
  if (typeof draft !== 'object' || draft === null) throw new ValidationError('Invalid ticket', { _: 'required' });
  const { attachments, contact, locale, context, ...rest } = draft;
  const fields: Record<string, string> = {};

  const email = contact?.email ?? defaults.user?.email;
  const name = contact?.name ?? (contact ? undefined : defaults.user?.name);
  const filledContact = { email: email ?? '', ...(name !== undefined ? { name } : {}) };
  if (typeof email !== 'string' || !email.trim()) fields['contact.email'] = 'required';

  const url = context?.url ?? defaults.context.url;
  const userAgent = context?.userAgent ?? defaults.context.userAgent;
  const input = {
    ...rest,
    contact: filledContact,
    locale: locale ?? defaults.locale,
    context: {
      ...(url !== undefined ? { url: url.slice(0, LIMITS.urlMax) } : {}),
      ...(userAgent !== undefined ? { userAgent: userAgent.slice(0, LIMITS.userAgentMax) } : {}),
    },
  };
  const parsed = ticketCreateSchema.safeParse(input, { reportInput: true });
  if (!parsed.success) {
    for (const [k, v] of Object.entries(issuesToFields(parsed.error.issues))) fields[k] ??= v;
  }

  const files: Blob[] = [];
  if (attachments !== undefined) {
    if (!Array.isArray(attachments)) fields.attachments = 'invalid_type';
    else {
      if (attachments.length > LIMITS.attachmentsMax) fields.attachments = 'too_many_files';
      attachments.forEach((file, i) => {
        if (!(file instanceof Blob)) fields[`attachments.${i}`] = 'invalid_type';
        else if (!(ATTACHMENT_TYPES as readonly string[]).includes(file.type)) fields[`attachments.${i}`] = 'file_type';
        else if (file.size > LIMITS.attachmentBytesMax) fields[`attachments.${i}`] = 'file_too_big';
        else files.push(file);
      });
    }
  }

  if (Object.keys(fields).length > 0 || !parsed.success) {
    throw new ValidationError(`Invalid ticket: ${Object.keys(fields).join(', ')}`, fields);
  }
  return {
    input: parsed.data,
    idempotencyKey: uuid(),
    attachments: files.map((file, i) => ({
      key: uuid(),
      file,
      filename: (file as File).name || `photo-${i + 1}.${EXT[file.type] ?? 'jpg'}`,
    })),
  };
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
      for (const att of payload.attachments) {
        if (att.uploadedId) continue;
        const { id } = await desk().uploadAttachment(att.file, att.filename, { idempotencyKey: att.key });
        att.uploadedId = id;
        await saveProgress(payload);
      }
      const ids = payload.attachments.map((a) => a.uploadedId!);
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
