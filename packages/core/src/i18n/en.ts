import type { CoreMessages } from './types.ts';

export const en: CoreMessages = {
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
  severities: { high: 'High priority', medium: 'Normal priority', low: 'Low priority' },
  statuses: {
    new: 'Received',
    open: 'In progress',
    waiting_on_customer: 'Waiting for your reply',
    resolved: 'Resolved',
    closed: 'Closed',
  },
  timeline: {
    created: () => 'Request received',
    assigned: (name) => (name ? `${name} is looking into it` : 'An agent is looking into it'),
    replied: (name) => (name ? `${name} replied` : 'We replied'),
    customer_message: () => 'You wrote',
    resolved: () => 'Resolved',
    reopened: () => 'Reopened',
    closed: () => 'Closed',
  },
  validation: {
    required: 'Please fill this in.',
    invalid_email: 'Enter an email address like name@example.com.',
    too_long: (max) => (max ? `Please keep it under ${max.toLocaleString('en')} characters.` : 'This is too long.'),
    too_small: 'This is too short.',
    invalid_choice: 'Please choose one of the options.',
    invalid_type: "This value isn't valid.",
    invalid: "This value isn't valid.",
    unknown_field: "This information isn't accepted.",
    file_too_big: (maxMb) => `Each photo must be ${maxMb} MB or smaller.`,
    file_type: 'Please add a photo in JPEG, PNG, WebP or HEIC format.',
    too_many_files: (max) => (max === 1 ? 'You can add one photo.' : `You can add up to ${max} photos.`),
  },
  errors: {
    network: "We couldn't reach the help desk. Please check your connection and try again.",
    offline: "You're offline. We'll send it as soon as you're back online.",
    timeout: 'The help desk is taking too long to answer. Please try again.',
    rate_limited: (seconds) =>
      seconds === 1
        ? 'Too many requests. Please try again in a second.'
        : `Too many requests. Please try again in ${seconds} seconds.`,
    server: 'Something went wrong on our side. Please try again in a moment.',
    auth: "We couldn't confirm that this request is yours.",
    not_found: "We couldn't find that request.",
    unknown: 'Something went wrong. Please try again.',
    storage_fallback: "This browser can't keep unsent requests, so please keep this page open until yours is sent.",
    storage_error: "Your device is low on storage. We'll try to send your request right away.",
    configuration:
      "We couldn't send this from this page. Please contact the shop another way — your message is still here to copy.",
  },
  ticket: {
    sending: 'Sending…',
    queued: "No connection — we'll send it as soon as you're back online.",
    sent: "Thanks — we've got your request.",
    number: (number) => `Request ${number}`,
    firstResponseBy: (time) => `We'll reply by ${time}.`,
    resolveBy: (time) => `We aim to resolve it by ${time}.`,
    replyWithinHours: (hours) =>
      hours === 1 ? 'We usually reply within an hour.' : `We usually reply within ${hours} hours.`,
    photos: (count) => (count === 0 ? 'No photos' : count === 1 ? '1 photo' : `${count} photos`),
    requests: (count) => (count === 0 ? 'No requests yet' : count === 1 ? '1 request' : `${count} requests`),
  },
};
