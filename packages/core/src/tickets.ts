/**
 * A ticket draft checked as the service would check it, before anything is stored (its sender is
 * `senders.ts`). This module is part of the client; the schema it checks with (zod and the contract's
 * ticket schema) is imported on the first submit, so a page that never sends a ticket loads no
 * validator. The ticket form imports the same schema modules as soon as the shopper starts on it, so a
 * ticket written in the form is still checked and stored when the submit itself happens offline.
 */
import { ValidationError } from './errors.ts';
import { uuid } from './id.ts';
import type { issuesToFields } from './schema/base.ts';
import { ATTACHMENT_TYPES, CATEGORIES, LIMITS, type Locale } from './schema/contract.ts';
import type { ticketCreateSchema } from './schema/ticket.ts';
import type { TicketPayload } from './senders.ts';
import type { NectarUser, TicketDraft } from './types.ts';

export interface DraftDefaults {
  user: NectarUser | undefined;
  locale: Locale;
  context: { url?: string; userAgent?: string };
  /** The shopper is verified and the desk fills their contact: a draft without an email leaves it out. */
  verifiedContact?: boolean;
}

/** The schema a draft is checked with, and the mapping of its issues to field reasons. */
export interface TicketCheck {
  schema: typeof ticketCreateSchema;
  issuesToFields: typeof issuesToFields;
}

/**
 * Imports the ticket check: the very modules `@nectar/core/schema` re-exports (and the form imports), so
 * once one of them has them the other finds them loaded.
 */
export const loadTicketCheck = (): Promise<TicketCheck> =>
  Promise.all([import('./schema/ticket.ts'), import('./schema/base.ts')]).then(([ticket, base]) => ({
    schema: ticket.ticketCreateSchema,
    issuesToFields: base.issuesToFields,
  }));

const EXT: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/heic': 'heic',
};

/**
 * Checks a draft as the service would, after filling contact, locale and page context.
 * Throws one `ValidationError` whose `fields` name every bad field (nothing is queued).
 *
 * Without `check` (its code could not be loaded: offline on a page that never loaded it), the draft is checked
 * for what makes a ticket at all — a known category, a message, an email — and stored as written, so it is not
 * lost; the service checks the rest when the outbox sends it, and a refusal is reported then (`refused`).
 */
export function prepareTicket(draft: TicketDraft, defaults: DraftDefaults, check?: TicketCheck): TicketPayload {
  if (typeof draft !== 'object' || draft === null) throw new ValidationError('Invalid ticket', { _: 'required' });
  const { attachments, contact, locale, context, ...rest } = draft;
  const fields: Record<string, string> = {};

  const email = contact?.email ?? defaults.user?.email;
  const name = contact?.name ?? (contact ? undefined : defaults.user?.name);
  const filledContact =
    email === undefined && defaults.verifiedContact
      ? undefined
      : { email: email ?? '', ...(name !== undefined ? { name } : {}) };
  if (filledContact && (typeof email !== 'string' || !email.trim())) fields['contact.email'] = 'required';

  // What else the context says (the answers' hand-off: `searchQuery`, `answerId`) goes as it is; the schema checks it.
  const { url = defaults.context.url, userAgent = defaults.context.userAgent, ...more } = context ?? {};
  const input = {
    ...rest,
    ...(filledContact ? { contact: filledContact } : {}),
    locale: locale ?? defaults.locale,
    context: {
      ...more,
      ...(url !== undefined ? { url: url.slice(0, LIMITS.urlMax) } : {}),
      ...(userAgent !== undefined ? { userAgent: userAgent.slice(0, LIMITS.userAgentMax) } : {}),
    },
  };
  let data = input as TicketPayload['input'];
  let invalid = false;
  if (check) {
    const parsed = check.schema.safeParse(input, { reportInput: true });
    if (parsed.success) data = parsed.data;
    else {
      invalid = true;
      for (const [k, v] of Object.entries(check.issuesToFields(parsed.error.issues))) fields[k] ??= v;
    }
  } else {
    // The essentials only; the service checks the rest when the outbox sends it.
    if (typeof rest.message !== 'string' || !rest.message.trim()) fields.message = 'required';
    if (!(CATEGORIES as readonly unknown[]).includes(rest.category)) fields.category = 'invalid_choice';
  }

  const files = checkFiles(attachments, fields);

  if (Object.keys(fields).length > 0 || invalid) {
    throw new ValidationError(`Invalid ticket: ${Object.keys(fields).join(', ')}`, fields);
  }
  return { input: data, idempotencyKey: uuid(), attachments: named(files) };
}

/** The photos that can be sent; a reason per bad one in `fields`. */
export function checkFiles(attachments: unknown, fields: Record<string, string>): Blob[] {
  const files: Blob[] = [];
  if (attachments === undefined) return files;
  if (!Array.isArray(attachments)) {
    fields.attachments = 'invalid_type';
    return files;
  }
  if (attachments.length > LIMITS.attachmentsMax) fields.attachments = 'too_many_files';
  attachments.forEach((file: unknown, i) => {
    if (!(file instanceof Blob)) fields[`attachments.${i}`] = 'invalid_type';
    else if (!(ATTACHMENT_TYPES as readonly string[]).includes(file.type)) fields[`attachments.${i}`] = 'file_type';
    else if (file.size > LIMITS.attachmentBytesMax) fields[`attachments.${i}`] = 'file_too_big';
    else files.push(file);
  });
  return files;
}

export const named = (files: Blob[]): TicketPayload['attachments'] =>
  files.map((file, i) => ({
    key: uuid(),
    file,
    filename: (file as File).name || `photo-${i + 1}.${EXT[file.type] ?? 'jpg'}`,
  }));
