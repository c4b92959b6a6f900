/** The ticket form's values: as the draft store keeps them, and as the client's `TicketDraft`. */
import type { Locale, TicketDraft } from '@nectar/core';
import type { Category } from '@nectar/core/schema';
import type { PickedItem } from '../order-picker/order-picker.component.ts';
import type { ImageType } from '../internal/images.ts';
import type { StoredPhoto } from './photos.controller.ts';

/** What the draft store keeps (photos as Blobs). */
export interface StoredDraft {
  category: Category | '';
  orderRef: string;
  subject: string;
  message: string;
  email: string;
  name: string;
  photos: StoredPhoto[];
  /** Affected items of the order picked in the order picker (commerce adapter). */
  items?: PickedItem[];
}

/**
 * The values as submitted: trimmed, empty ones left out, the contact falling back to the signed-in
 * shopper's email, the picked items only with an order number.
 */
export function toTicketDraft(
  d: StoredDraft,
  options: { userEmail: string | undefined; known: boolean; locale: Locale; attachments: File[] },
): TicketDraft {
  const email = d.email.trim();
  const name = d.name.trim();
  const { userEmail } = options;
  const draft: TicketDraft = { category: d.category as Category, message: d.message.trim(), locale: options.locale };
  if (d.subject.trim()) draft.subject = d.subject.trim();
  if (d.orderRef.trim()) draft.orderRef = d.orderRef.trim();
  if (draft.orderRef && d.items?.length)
    draft.items = d.items.map(({ sku, title, quantity }) => ({
      title,
      ...(sku ? { sku } : {}),
      ...(quantity > 0 ? { quantity } : {}),
    }));
  if (email || !options.known) draft.contact = { email: email || (userEmail ?? ''), ...(name ? { name } : {}) };
  else if (name && userEmail) draft.contact = { email: userEmail, name };
  if (options.attachments.length) draft.attachments = options.attachments;
  return draft;
}

const EXTENSIONS: Record<ImageType, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/heic': 'heic',
};

/** The kept photos as files to upload, named after their (re-encoded) type. */
export function photoFiles(photos: StoredPhoto[]): File[] {
  return photos.map(
    (p) => new File([p.blob], `${p.name.replace(/\.[^.]*$/, '') || 'photo'}.${EXTENSIONS[p.type]}`, { type: p.type }),
  );
}
