/**
 * Pieces shared by the helpdesk adapters (Zendesk, Chatwoot, Freshdesk, Gorgias): the promise of a
 * ticket from its category, the text an agent reads, and a per-page memo of idempotency keys.
 */
import {
  CATEGORIES,
  CATEGORY_SEVERITY,
  SEVERITY_PROMISE_HOURS,
  type Category,
  type TicketCreateInput,
} from '@nectar/core/schema';
import { ValidationError } from '@nectar/core/errors';

const HOUR = 3_600_000;

/** The promise shown to the shopper, from the category's severity (vendors expose no SLA to end users). */
export function promiseFor(
  category: Category,
  createdAt: string | Date,
): { firstResponseBy: string; resolveBy: string } {
  const at = new Date(createdAt).getTime();
  const hours = SEVERITY_PROMISE_HOURS[CATEGORY_SEVERITY[category]];
  return {
    firstResponseBy: new Date(at + hours.firstResponse * HOUR).toISOString(),
    resolveBy: new Date(at + hours.resolve * HOUR).toISOString(),
  };
}

export const isCategory = (v: unknown): v is Category =>
  typeof v === 'string' && (CATEGORIES as readonly string[]).includes(v);

/** Category names as agents read them in the helpdesk (agent-facing, not shown to shoppers). */
export const CATEGORY_TITLES: Record<Category, string> = {
  damaged: 'Damaged item',
  missing_or_wrong: 'Missing or wrong item',
  delivery: 'Delivery',
  return_refund: 'Return or refund',
  order_change: 'Order change',
  product_question: 'Product question',
  account_payment: 'Account or payment',
  other: 'Other',
};

/** Subject of the vendor ticket: the shopper's subject, else the category and order. */
export function subjectOf(input: TicketCreateInput): string {
  if (input.subject?.trim()) return input.subject.trim();
  return `${CATEGORY_TITLES[input.category]}${input.orderRef ? ` — order ${input.orderRef}` : ''}`;
}

/** The plain-text body an agent reads: the message, then the affected items and the page it came from. */
export function bodyOf(input: TicketCreateInput): string {
  const lines = [input.message.trim()];
  const extra: string[] = [];
  if (input.orderRef) extra.push(`Order: ${input.orderRef}`);
  for (const item of input.items ?? [])
    extra.push(
      `Item: ${[item.title, item.sku && `SKU ${item.sku}`, item.quantity && `× ${item.quantity}`].filter(Boolean).join(' · ')}`,
    );
  if (input.context?.url) extra.push(`Page: ${input.context.url}`);
  if (input.callback) {
    const w = input.callback.window;
    extra.push(`Call back: ${input.callback.phone}${w ? ` (${w.date ? `${w.date} ` : ''}${w.from}–${w.to})` : ''}`);
  }
  if (extra.length) lines.push('', ...extra);
  return lines.join('\n');
}

/**
 * The shopper's contact. Helpdesks need an email: the client leaves `contact` out only for a desk whose
 * `capabilities.verifiedContact` says it fills it in, so a missing one here is the caller's mistake.
 */
export function contactOf(input: TicketCreateInput): { email: string; name?: string } {
  if (!input.contact) throw new ValidationError('A contact email is required', { 'contact.email': 'required' });
  return input.contact;
}

/** Escapes text for vendors whose description field is HTML (Freshdesk). */
export function textToHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\n/g, '<br>');
}

/**
 * Runs a write once per idempotency key within this page: a concurrent or later retry with the same
 * key gets the first result. A failure is forgotten so that a retry tries again.
 */
export function onceByKey<T>() {
  const results = new Map<string, Promise<T>>();
  return (key: string, run: () => Promise<T>): Promise<T> => {
    const hit = results.get(key);
    if (hit) return hit;
    const promise = run();
    results.set(key, promise);
    promise.catch(() => results.delete(key));
    return promise;
  };
}

/** Small random id for local handles. */
export function localId(prefix: string): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return `${prefix}${[...bytes].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}
