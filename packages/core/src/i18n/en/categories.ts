import type { CoreMessages } from '../types.ts';

/** English: category labels and hints, and the photo request: what a category chooser and a ticket's topic show. */
export const enCategories: Pick<CoreMessages, 'categories' | 'photoRequest'> = {
  categories: {
    damaged: { label: 'Damaged item', hint: 'Arrived broken or damaged — add a photo so we can help faster' },
    missing_or_wrong: {
      label: 'Missing or wrong item',
      hint: "Something is missing from the parcel or isn't what you ordered",
    },
    delivery: { label: 'Delivery', hint: 'Where my order is, or it is late or stuck in transit' },
    return_refund: { label: 'Return or refund', hint: 'Send something back or ask about a refund' },
    order_change: { label: 'Change my order', hint: 'Change the address or items, or cancel before it ships' },
    product_question: { label: 'Product question', hint: 'Size, fit, materials or how something works' },
    account_payment: { label: 'Account or payment', hint: 'Signing in, charges, invoices or payment methods' },
    other: { label: 'Something else', hint: "Anything we haven't listed" },
  },
  photoRequest: 'Please add a photo of the damage and of the packaging.',
};
